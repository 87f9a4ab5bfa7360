package dev.attnvision.cli.mixin;

import dev.attnvision.core.image.ImageFormat;
import java.util.Arrays;
import java.util.Iterator;

/** The values of {@code --format}, for help and shell completion. */
final class WritableFormats implements Iterable<String> {
    @Override
    public Iterator<String> iterator() {
        return Arrays.stream(ImageFormat.values()).filter(ImageFormat::writable).map(ImageFormat::extension).iterator();
    }
}
