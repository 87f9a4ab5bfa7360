package dev.attnvision.cli.mixin;

import picocli.CommandLine.ITypeConverter;

/** Reads byte sizes like {@code 512M}, {@code 2G} or {@code 1.5G} (binary multipliers: 1G is 1024^3 bytes). */
final class ByteSizeConverter implements ITypeConverter<Long> {
    @Override
    public Long convert(String value) {
        return SuffixedNumber.parse(value, 1024, "byte", "512M, 2G, 1.5G");
    }
}
