package dev.attnvision.cli.mixin;

import picocli.CommandLine.ITypeConverter;

/** Reads pixel counts like {@code 100000000}, {@code 250M} or {@code 1.5G} (decimal multipliers). */
final class PixelCountConverter implements ITypeConverter<Long> {
    @Override
    public Long convert(String value) {
        return SuffixedNumber.parse(value, 1e3, "pixel", "50000000, 250M, 1G");
    }
}
