package dev.attnvision.core.data;

import dev.attnvision.core.train.Seeds;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The train/validation split of a dataset that lists none: the images are ordered by a seeded hash of their path
 * inside the dataset and the first {@code round(fraction * n)} are held out for validation. The split depends only
 * on the file names, the fraction and the seed, not on the order files are listed in, so {@code train detect} and a
 * later {@code eval detect} hold out the same images, and adding images to a folder moves none of the others.
 *
 * @param train the images trained on
 * @param validation the held-out images (empty at fraction 0)
 * @param fraction the fraction asked for
 */
public record HoldOutSplit(DetectionDataset train, DetectionDataset validation, double fraction) {
    /** The validation fraction when none is given: one image in five. */
    public static final double DEFAULT_FRACTION = 0.2;
    /** The seed of the hash; fixed so that every run and every command agree. */
    public static final long SEED = 0x5EED5EEDL;

    /** Splits {@code all} (images under {@code root}); {@code fraction} is in {@code [0, 1)}. */
    public static HoldOutSplit of(DetectionDataset all, Path root, double fraction) {
        if (!(fraction >= 0 && fraction < 1)) {
            throw new IllegalArgumentException("the validation fraction must be at least 0 and below 1, got "
                    + fraction);
        }
        List<ImageAnnotation> ordered = all.images().stream()
                .sorted(Comparator.comparingLong((ImageAnnotation a) -> key(root, a.image()))
                        .thenComparing(a -> a.image().toString()))
                .toList();
        int held = (int) Math.round(fraction * ordered.size());
        if (fraction > 0 && held == 0 && ordered.size() > 1) {
            held = 1;
        }
        Set<ImageAnnotation> validation = Collections.newSetFromMap(new IdentityHashMap<>());
        validation.addAll(ordered.subList(0, held));
        List<ImageAnnotation> train = all.images().stream().filter(a -> !validation.contains(a)).toList();
        List<ImageAnnotation> heldInOrder = all.images().stream().filter(validation::contains).toList();
        return new HoldOutSplit(all.withImages(train), all.withImages(heldInOrder), fraction);
    }

    /** How the split was made, for logs: {@code "held out 33 of 164 images for validation (...)"}. */
    public String describe() {
        int total = train.images().size() + validation.images().size();
        if (validation.images().isEmpty()) {
            return "no split lists: training on all " + total + " images, none held out for validation";
        }
        return String.format(Locale.ROOT, "held out %d of %d images for validation (--val-fraction %s, chosen by a"
                + " fixed hash of their file names)", validation.images().size(), total, fraction);
    }

    private static long key(Path root, Path image) {
        String name = root.toAbsolutePath().normalize().relativize(image.toAbsolutePath().normalize()).toString()
                .replace('\\', '/');
        long h = SEED;
        for (byte b : name.getBytes(StandardCharsets.UTF_8)) {
            h = Seeds.derive(h, b & 0xFF);
        }
        return h;
    }
}
