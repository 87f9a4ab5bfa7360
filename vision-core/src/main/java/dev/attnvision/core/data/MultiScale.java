package dev.attnvision.core.data;

import dev.attnvision.core.train.Seeds;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

/**
 * Multi-scale training (YOLOv2, Redmon and Farhadi 2017, arXiv 1612.08242, section "Multi-Scale Training"; the
 * {@code --multi-scale} of YOLOv3/v5): every batch is letterboxed onto its own square side, drawn uniformly from
 * the multiples of {@value #STRIDE} in {@code [side (1 - range), side (1 + range)]}, so that the network sees each
 * object at more sizes than scale jitter alone gives and is not tuned to one input size. Validation and inference
 * keep {@code side}. Batch {@code i}'s side is a pure function of {@code (seed, i)}.
 *
 * @param side the training side of the run (the middle of the range), a multiple of {@value #STRIDE}
 * @param range the relative half-width of the range, in [0, {@value #MAX_RANGE}]; 0 trains at {@code side} only
 * @param seed the run seed
 */
public record MultiScale(int side, double range, long seed) {
    /** Every side is a multiple of the detector's coarsest stride. */
    public static final int STRIDE = 32;
    /** The widest range offered: sides from half to one and a half times the training side (YOLOv5's). */
    public static final double MAX_RANGE = 0.5;
    private static final long SIDE_STREAM = 3;

    public MultiScale {
        if (side < STRIDE || side % STRIDE != 0) {
            throw new IllegalArgumentException("the training side must be a positive multiple of " + STRIDE + ", got "
                    + side);
        }
        if (!(range >= 0 && range <= MAX_RANGE)) {
            throw new IllegalArgumentException("--multi-scale must be in [0, " + MAX_RANGE + "] (the share by which a"
                    + " batch's side may differ from --img-size), got " + range);
        }
    }

    /** Every batch at {@code side}. */
    public static MultiScale fixed(int side) {
        return new MultiScale(side, 0, 0);
    }

    /** The sides batches may get, smallest first (just {@code side} without a range). */
    public int[] sides() {
        int low = Math.max(1, (int) Math.ceil(side * (1 - range) / STRIDE));
        int high = Math.max(low, (int) Math.floor(side * (1 + range) / STRIDE));
        return IntStream.rangeClosed(low, high).map(k -> k * STRIDE).toArray();
    }

    /** The side of batch {@code index}. */
    public int sideOf(long index) {
        int[] sides = sides();
        return sides.length == 1 ? side
                : sides[new SplittableRandom(Seeds.derive(Seeds.derive(seed, SIDE_STREAM), index)).nextInt(sides.length)];
    }
}
