package dev.attnvision.core.data;

import dev.attnvision.core.data.transform.DetectionTransform;
import dev.attnvision.core.data.transform.Letterbox;
import dev.attnvision.core.train.Seeds;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Makes detection training batches from a {@link DetectionSource}: each epoch visits the images in a fresh order
 * (a shuffle seeded by the run seed and the epoch), each image is augmented with its own seeded random stream and
 * letterboxed onto a square canvas, of one side for the whole run or of a side per batch ({@link MultiScale}).
 * Batch {@code i} is a pure function of {@code (seed, i)}, so batches can be made
 * on worker threads ahead of use ({@link Prefetcher}) and a resumed run sees the same batches as an uninterrupted
 * one. A mosaic sample ({@link DetectionAugmentation}) takes its other three images at random from the whole set.
 * The last batch of an epoch is filled up from the start of the epoch's order. Boxes left narrower or lower
 * than {@link #MIN_BOX_SIDE} pixels by cropping are dropped.
 */
public final class DetectionBatches {
    /** Smallest box side, in canvas pixels, kept as a training target. */
    public static final float MIN_BOX_SIDE = 2f;
    private static final long ORDER_STREAM = 1;
    private static final long AUGMENT_STREAM = 2;

    private final DetectionSource source;
    private final DetectionAugmentation augmentation;
    private final MultiScale scales;
    private final int batch;
    private final long seed;
    private final long augmentSeed;
    /** The newest epoch's image order, shared by the worker threads (a race recomputes the same order). */
    private volatile EpochOrder cachedOrder;

    private record EpochOrder(long epoch, int[] order) {}

    /**
     * @param source the training images
     * @param augmentation the random transforms before the letterbox
     * @param scales the canvas side of each batch
     * @param batch images per batch
     * @param seed the run seed
     */
    public DetectionBatches(DetectionSource source, DetectionAugmentation augmentation, MultiScale scales, int batch,
            long seed) {
        if (batch < 1) {
            throw new IllegalArgumentException("need a batch of at least 1, got " + batch);
        }
        this.source = source;
        this.augmentation = augmentation;
        this.scales = scales;
        this.batch = batch;
        this.seed = seed;
        this.augmentSeed = Seeds.derive(seed, AUGMENT_STREAM);
    }

    /** Batches on a {@code side x side} canvas (a multiple of 32). */
    public DetectionBatches(DetectionSource source, DetectionAugmentation augmentation, int side, int batch,
            long seed) {
        this(source, augmentation, MultiScale.fixed(side), batch, seed);
    }

    /** Batches of single images with {@code transform} before the letterbox (may be an empty chain). */
    public DetectionBatches(DetectionSource source, DetectionTransform transform, int side, int batch, long seed) {
        this(source, new DetectionAugmentation(transform, null, null, 0), side, batch, seed);
    }

    /** Batches per epoch: {@code ceil(images / batch)}. */
    public long perEpoch() {
        return (source.size() + batch - 1) / batch;
    }

    /** Batch {@code index} (0-based over the whole run). */
    public DetectionBatch batch(long index) {
        long epoch = index / perEpoch();
        int first = (int) (index % perEpoch()) * batch;
        int[] order = order(epoch);
        int side = scales.sideOf(index);
        Letterbox letterbox = new Letterbox(side, side, Letterbox.DEFAULT_PAD);
        float[] pixels = new float[batch * side * side * 3];
        List<List<BoxLabel>> boxes = new ArrayList<>(batch);
        for (int j = 0; j < batch; j++) {
            SplittableRandom random = new SplittableRandom(Seeds.derive(augmentSeed, index * batch + j));
            LabeledImage image = load(order[(first + j) % order.length]);
            LabeledImage sample;
            if (augmentation.mosaicIn(epoch)) {
                List<LabeledImage> four = new ArrayList<>(4);
                four.add(augmentation.mosaicPiece().apply(image, random));
                for (int k = 1; k < 4; k++) {
                    four.add(augmentation.mosaicPiece().apply(load(random.nextInt(source.size())), random));
                }
                sample = augmentation.mosaic().combine(four, random);
            } else {
                sample = augmentation.perImage().apply(image, random);
            }
            LabeledImage placed = letterbox.apply(sample, random);
            System.arraycopy(placed.image().floats(), 0, pixels, j * side * side * 3, side * side * 3);
            boxes.add(placed.boxes().stream()
                    .filter(b -> b.width() >= MIN_BOX_SIDE && b.height() >= MIN_BOX_SIDE).toList());
        }
        return new DetectionBatch(batch, side, pixels, boxes);
    }

    private LabeledImage load(int index) {
        try {
            return source.load(index);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The image order of {@code epoch}: a Fisher-Yates shuffle seeded by the run seed and the epoch, computed once
     * per epoch (read-only once made).
     */
    private int[] order(long epoch) {
        EpochOrder cached = cachedOrder;
        if (cached == null || cached.epoch() != epoch) {
            cached = new EpochOrder(epoch, shuffle(epoch));
            cachedOrder = cached;
        }
        return cached.order();
    }

    private int[] shuffle(long epoch) {
        int[] order = new int[source.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        SplittableRandom random = new SplittableRandom(Seeds.derive(Seeds.derive(seed, ORDER_STREAM), epoch));
        for (int i = order.length - 1; i > 0; i--) {
            int k = random.nextInt(i + 1);
            int t = order[i];
            order[i] = order[k];
            order[k] = t;
        }
        return order;
    }
}
