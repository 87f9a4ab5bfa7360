package dev.attnvision.core.detect;

import dev.attnvision.core.data.DetectionAugmentation;
import dev.attnvision.core.data.MultiScale;
import dev.attnvision.core.detect.anchor.AnchorAssigner;
import dev.attnvision.core.detect.anchor.AnchorConfig;
import dev.attnvision.core.detect.anchor.AtssAssigner;
import dev.attnvision.core.detect.anchor.MaxIouAssigner;
import dev.attnvision.core.detect.anchor.TaskAlignedAssigner;
import dev.attnvision.core.detect.loss.DetectionLoss;
import dev.attnvision.core.detect.loss.DistanceIouLoss;
import dev.attnvision.core.detect.loss.GiouLoss;
import dev.attnvision.core.detect.loss.VarifocalLoss;
import dev.attnvision.core.train.CosineSchedule;
import dev.attnvision.core.train.LearningRateSchedule;
import dev.attnvision.core.train.TrainingLoop;
import java.util.List;

/**
 * Settings of a detection training run, counted in epochs (passes over the training images).
 *
 * @param side the square input size in pixels (images are letterboxed onto it), a multiple of 32
 * @param batch images per iteration
 * @param epochs passes over the training set
 * @param learningRate peak learning rate of AdamW
 * @param weightDecay AdamW's decoupled weight decay
 * @param seed the seed of initialisation, data order and augmentation
 * @param workers threads making batches
 * @param logEvery iterations per log row (validation rows are written in addition)
 * @param averageWeights validate and export an exponential moving average of the weights ({@code WeightAverage})
 * @param mosaicEpochs the epochs, from the first, that train on mosaics of four images (0 for none)
 * @param assigner how anchors are labelled: {@code max-iou} (RetinaNet), {@code atss} or {@code task-aligned} (TOOD,
 *     after {@link #staticAssignerEpochs} of ATSS)
 * @param boxLoss the box regression loss: {@code smooth-l1} on encoded deltas (RetinaNet), or {@code giou},
 *     {@code diou} or {@code ciou} on decoded boxes
 * @param classLoss the classification loss: {@code focal} (RetinaNet) or {@code varifocal} (IoU-aware targets)
 * @param multiScale the relative range of each batch's side around {@code side} ({@link MultiScale}; 0 for none)
 */
public record DetectionTrainingConfig(int side, int batch, int epochs, double learningRate, double weightDecay,
        long seed, int workers, long logEvery, boolean averageWeights, int mosaicEpochs, String assigner,
        String boxLoss, String classLoss, double multiScale) {
    /** The anchor assigners {@code --assigner} offers. */
    public static final List<String> ASSIGNERS = List.of("max-iou", "atss", "task-aligned");
    /** The box losses {@code --box-loss} offers. */
    public static final List<String> BOX_LOSSES = List.of("smooth-l1", "giou", "diou", "ciou");
    /** The weight of DIoU and CIoU against the classification loss: GIoU's in ATSS ({@link GiouLoss#atss}). */
    private static final float IOU_LOSS_WEIGHT = 2f;
    /** The classification losses {@code --cls-loss} offers. */
    public static final List<String> CLASS_LOSSES = List.of("focal", "varifocal");

    public DetectionTrainingConfig {
        requireOneOf("--assigner", assigner, ASSIGNERS);
        requireOneOf("--box-loss", boxLoss, BOX_LOSSES);
        requireOneOf("--cls-loss", classLoss, CLASS_LOSSES);
        if (mosaicEpochs < 0 || mosaicEpochs > epochs) {
            throw new IllegalArgumentException("the mosaic epochs must be in 0.." + epochs + ", got " + mosaicEpochs
                    + " (--close-mosaic is the number of final epochs without mosaic)");
        }
        if (side < 32 || side % 32 != 0) {
            throw new IllegalArgumentException("--img-size must be a multiple of 32 (the coarsest stride), at least 32,"
                    + " got " + side);
        }
        new MultiScale(side, multiScale, seed); // refuses a bad --multi-scale
        if (logEvery < 1) {
            throw new IllegalArgumentException("--log-every must be at least 1, got " + logEvery);
        }
        if (batch < 1 || epochs < 1 || workers < 1) {
            throw new IllegalArgumentException("--batch, --epochs and --workers must be at least 1, got " + batch + ", "
                    + epochs + " and " + workers);
        }
        if (!(learningRate > 0) || !(weightDecay >= 0 && weightDecay < 1)) {
            throw new IllegalArgumentException("--lr must be positive and --weight-decay in [0, 1), got " + learningRate
                    + " and " + weightDecay);
        }
    }

    private static void requireOneOf(String option, String value, List<String> valid) {
        if (!valid.contains(value)) {
            throw new IllegalArgumentException("Invalid value for option '" + option + "': '" + value + "' (expected"
                    + " one of " + String.join(", ", valid) + ")");
        }
    }

    /**
     * The epochs that train on mosaics when the last {@code close} do not: a third of the run by default (on kangaroo,
     * 30 epochs, closing 10 instead of 3 scored higher with two seeds; the gain comes once the mosaics stop).
     */
    public static int mosaicEpochs(int epochs, Integer close) {
        int last = close != null ? close : Math.max(1, (int) Math.round(epochs / 3.0));
        return Math.max(0, epochs - last);
    }

    /**
     * The first epochs, in which {@code task-aligned} assignment leaves the labelling to ATSS because the predictions
     * it scores say little yet: a third of the run, as TOOD (4 of 12 epochs) and PP-YOLOE (100 of 300) do; 0 for
     * the other assigners.
     */
    public int staticAssignerEpochs() {
        return assigner.equals("task-aligned") ? epochs / 3 : 0;
    }

    /** The anchor assigner for {@code anchors} on a {@code batchSide} square input in epoch {@code epoch} (0-based). */
    public AnchorAssigner anchorAssigner(AnchorConfig anchors, int batchSide, long epoch) {
        return switch (assigner) {
            case "max-iou" -> MaxIouAssigner.retinaNet();
            case "task-aligned" -> epoch >= staticAssignerEpochs() ? TaskAlignedAssigner.of(anchors, batchSide, batchSide)
                    : AtssAssigner.of(anchors, batchSide, batchSide);
            default -> AtssAssigner.of(anchors, batchSide, batchSide);
        };
    }

    /**
     * The training objective for {@code anchors} on a {@code batchSide} square input in epoch {@code epoch}:
     * RetinaNet's losses with this run's assigner, box loss (an IoU loss at ATSS's weight of 2) and classification loss
     * (varifocal at VarifocalNet's alpha 0.75 and gamma 2).
     */
    public DetectionLoss loss(AnchorConfig anchors, int batchSide, long epoch) {
        DetectionLoss loss = DetectionLoss.retinaNet().withAssigner(anchorAssigner(anchors, batchSide, epoch));
        loss = switch (boxLoss) {
            case "giou" -> loss.withIouLoss(GiouLoss.atss());
            case "diou" -> loss.withIouLoss(DistanceIouLoss.diou(IOU_LOSS_WEIGHT));
            case "ciou" -> loss.withIouLoss(DistanceIouLoss.ciou(IOU_LOSS_WEIGHT));
            default -> loss;
        };
        return classLoss.equals("varifocal") ? loss.withClassification(VarifocalLoss.varifocalNet()) : loss;
    }

    /** Each batch's side: {@code side}, or drawn from the multi-scale range. */
    public MultiScale scales() {
        return new MultiScale(side, multiScale, seed);
    }

    /** How the training images are augmented. */
    public DetectionAugmentation augmentation() {
        return mosaicEpochs == 0 ? DetectionAugmentation.singleImages()
                : DetectionAugmentation.withMosaic(side, mosaicEpochs);
    }

    /** Iterations of the whole run with {@code perEpoch} iterations per epoch. */
    public long iterations(long perEpoch) {
        return epochs * perEpoch;
    }

    /** Validation and a checkpoint after every epoch. */
    public TrainingLoop.Settings loopSettings(long perEpoch) {
        return new TrainingLoop.Settings(iterations(perEpoch), Math.min(logEvery, perEpoch), perEpoch, perEpoch);
    }

    /**
     * Linear warm-up over the first epoch (at most a tenth of the run, at most 1000 iterations), then cosine decay to
     * 1% of the peak.
     */
    public LearningRateSchedule schedule(long perEpoch) {
        long total = iterations(perEpoch);
        long warmup = Math.min(1000, Math.min(perEpoch, total / 10));
        return new CosineSchedule(learningRate, learningRate / 100, total, warmup);
    }
}
