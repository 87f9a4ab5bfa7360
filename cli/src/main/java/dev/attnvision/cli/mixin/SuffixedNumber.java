package dev.attnvision.cli.mixin;

import java.util.Locale;
import picocli.CommandLine.TypeConversionException;

/** A count written with an optional multiplier suffix, K, M, G or T, as options like {@code --max-pixels} take. */
final class SuffixedNumber {
    private SuffixedNumber() {}

    /**
     * Reads {@code value}, with K, M, G and T multiplying by {@code base}, {@code base^2}, ...
     *
     * @param base 1000 for decimal counts, 1024 for bytes
     * @param unit what is counted, for messages ("pixel", "byte")
     * @param examples example values, for messages
     * @return the count, at least 1
     */
    static long parse(String value, double base, String unit, String examples) {
        String v = value.strip().toUpperCase(Locale.ROOT);
        int power = v.isEmpty() ? 0 : "KMGT".indexOf(v.charAt(v.length() - 1)) + 1;
        String number = power == 0 ? v : v.substring(0, v.length() - 1);
        try {
            long count = Math.round(Double.parseDouble(number) * Math.pow(base, power));
            if (count < 1) {
                throw new TypeConversionException("'" + value + "' must be at least 1 " + unit);
            }
            return count;
        } catch (NumberFormatException e) {
            throw new TypeConversionException("'" + value + "' is not a " + unit + " count (examples: " + examples + ")");
        }
    }
}
