package dev.attnvision.core.data;

import dev.attnvision.core.image.ImageCodec;
import dev.attnvision.core.image.ImageFormat;
import dev.attnvision.core.image.ImageReadException;
import dev.attnvision.core.image.Raster;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

/**
 * The images directly inside a folder (readable extensions only, sorted by file name), decoded on a bounded pool of
 * worker threads: a training, evaluation or benchmark set.
 */
public final class ImageFolder {
    private ImageFolder() {}

    /**
     * A folder's decoded images and the files that could not be decoded.
     *
     * @param images the decoded images by file name, in file-name order
     * @param failures each unreadable file with the reason, in file-name order
     */
    public record Contents(Map<String, Raster> images, Map<Path, String> failures) {
        /** The images if every file was read; otherwise an {@link IllegalArgumentException} naming the first bad one. */
        public Map<String, Raster> requireAll() {
            if (!failures.isEmpty()) {
                Map.Entry<Path, String> first = failures.entrySet().iterator().next();
                throw new IllegalArgumentException("cannot read " + first.getKey() + ": " + first.getValue()
                        + "; remove or fix that file");
            }
            return images;
        }
    }

    /** Decodes every image of {@code folder} with {@code threads} workers; an unreadable image is an error. */
    public static Map<String, Raster> load(Path folder, ImageCodec codec, int threads) throws IOException {
        return read(folder, codec, threads).requireAll();
    }

    /**
     * Decodes every image of {@code folder} with {@code threads} workers, setting aside the files that are not
     * readable images (corrupt, truncated, too large) with the reason.
     */
    public static Contents read(Path folder, ImageCodec codec, int threads) throws IOException {
        if (!Files.isDirectory(folder)) {
            throw new IllegalArgumentException(folder + " is not a folder; give a folder of images");
        }
        List<Path> files;
        List<String> extensions = ImageFormat.readableExtensions();
        try (Stream<Path> entries = Files.list(folder)) {
            files = entries.filter(Files::isRegularFile)
                    .filter(p -> extensions.contains(extension(p)))
                    .sorted()
                    .toList();
        }
        if (files.isEmpty()) {
            throw new IllegalArgumentException("no images in " + folder + " (looked for " + String.join(", ", extensions)
                    + ")");
        }
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, threads));
        try {
            List<Future<Raster>> decoded = new ArrayList<>();
            for (Path file : files) {
                decoded.add(pool.submit(() -> codec.read(file)));
            }
            Map<String, Raster> images = new LinkedHashMap<>();
            Map<Path, String> failures = new LinkedHashMap<>();
            for (int i = 0; i < files.size(); i++) {
                Path file = files.get(i);
                try {
                    images.put(file.getFileName().toString(), get(decoded.get(i), file));
                } catch (ImageReadException bad) {
                    failures.put(file, bad.getMessage());
                }
            }
            return new Contents(images, failures);
        } finally {
            pool.shutdownNow();
        }
    }

    private static Raster get(Future<Raster> future, Path file) throws IOException, ImageReadException {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while reading " + file, e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof ImageReadException bad) {
                throw bad;
            }
            throw new IOException("reading " + file + " failed: " + e.getCause(), e.getCause());
        }
    }

    private static String extension(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
    }
}
