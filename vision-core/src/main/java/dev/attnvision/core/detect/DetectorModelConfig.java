package dev.attnvision.core.detect;

/**
 * What a stored detector model keeps as its configuration ({@code config} in {@code model.json}): the network and
 * the square canvas side it was trained at, which inference uses unless told otherwise.
 *
 * <pre>{@code
 * "config" : { "network" : { "classNames" : [ "RBC", "WBC", "Platelets" ], "backbone" : {...}, ... },
 *              "imageSize" : 512 }
 * }</pre>
 *
 * @param network the detector's classes and parts
 * @param imageSize the letterbox canvas side in pixels the model was trained at, at least 32
 */
public record DetectorModelConfig(DetectorConfig network, int imageSize) {
    /** The smallest canvas side accepted (the coarsest stride the default pyramid needs is 32). */
    public static final int MIN_IMAGE_SIZE = 32;

    public DetectorModelConfig {
        if (network == null) {
            throw new IllegalArgumentException("a detector model needs its network configuration");
        }
        checkImageSize(imageSize);
    }

    /** Throws if {@code size} cannot be a letterbox canvas side. */
    public static int checkImageSize(int size) {
        if (size < MIN_IMAGE_SIZE || size > 8192) {
            throw new IllegalArgumentException("image size must be between " + MIN_IMAGE_SIZE + " and 8192 pixels, got "
                    + size);
        }
        return size;
    }
}
