package dev.attnvision.core.data;

import dev.attnvision.core.data.transform.ColorJitter;
import dev.attnvision.core.data.transform.DetectionTransform;
import dev.attnvision.core.data.transform.Mosaic;
import dev.attnvision.core.data.transform.RandomCrop;
import dev.attnvision.core.data.transform.RandomFlip;
import dev.attnvision.core.data.transform.ScaleJitter;
import java.util.List;

/**
 * How {@link DetectionBatches} augments a training sample, composed of the small transforms in
 * {@code data.transform}: {@code perImage} on one image; or, during the first {@code mosaicEpochs} epochs,
 * {@code mosaicPiece} on each of four images and then {@code mosaic}. The last epochs train on single images again
 * ("close mosaic", as YOLOv8 does), so that the network ends on the statistics of whole images.
 *
 * @param perImage the transforms of a single image (before the letterbox)
 * @param mosaic the mosaic, or null for none
 * @param mosaicPiece the transforms of each of its four images (scale and crop are the mosaic's own)
 * @param mosaicEpochs the epochs, from the first, that train on mosaics
 */
public record DetectionAugmentation(DetectionTransform perImage, Mosaic mosaic, DetectionTransform mosaicPiece,
        long mosaicEpochs) {
    private static final double FLIP = 0.5;

    /**
     * Single images only: horizontal flip (p 0.5), scale jitter 0.75..1.25, a random crop keeping at least 60% of
     * each side, colour jitter (brightness, contrast, saturation 0.3, hue 0.015).
     */
    public static DetectionAugmentation singleImages() {
        return new DetectionAugmentation(DetectionTransform.chain(List.of(flip(), new ScaleJitter(0.75, 1.25),
                new RandomCrop(0.6), colour())), null, null, 0);
    }

    /**
     * {@link #singleImages()} with YOLOv5's mosaic ({@link Mosaic#standard}) of flipped, colour-jittered images for
     * the first {@code mosaicEpochs} epochs.
     */
    public static DetectionAugmentation withMosaic(int side, long mosaicEpochs) {
        return new DetectionAugmentation(singleImages().perImage(), Mosaic.standard(side),
                DetectionTransform.chain(List.of(flip(), colour())), mosaicEpochs);
    }

    /** Whether epoch {@code epoch} (0-based) trains on mosaics. */
    public boolean mosaicIn(long epoch) {
        return mosaic != null && epoch < mosaicEpochs;
    }

    private static RandomFlip flip() {
        return new RandomFlip(RandomFlip.Axis.HORIZONTAL, FLIP);
    }

    private static ColorJitter colour() {
        return new ColorJitter(0.3, 0.3, 0.3, 0.015);
    }
}
