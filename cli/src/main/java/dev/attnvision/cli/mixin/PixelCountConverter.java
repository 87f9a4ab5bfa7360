package dev.attnvision.cli.mixin;

import java.util.Locale;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Reads pixel counts like {@code 100000000}, {@code 250M} or {@code 1.5G} (decimal multipliers). */
final class PixelCountConverter implements ITypeConverter<Long> {
    @Override
    public Long convert(String value) {
        String v = value.strip().toUpperCase(Locale.ROOT);
        double multiplier = switch (v.isEmpty() ? ' ' : v.charAt(v.length() - 1)) {
            case 'K' -> 1e3;
            case 'M' -> 1e6;
            case 'G' -> 1e9;
            default -> 1;
        };
        String number = multiplier == 1 ? v : v.substring(0, v.length() - 1);
        try {
            long pixels = Math.round(Double.parseDouble(number) * multiplier);
            if (pixels < 1) {
                throw new TypeConversionException("'" + value + "' must be at least 1 pixel");
            }
            return pixels;
        } catch (NumberFormatException e) {
            throw new TypeConversionException("'" + value + "' is not a pixel count (examples: 50000000, 250M, 1G)");
        }
    }
}
