package dev.attnvision.core.data.synth;

/**
 * What the synthetic scene generator draws.
 *
 * @param width image width in pixels
 * @param height image height in pixels
 * @param minObjects fewest objects per scene, at least 0
 * @param maxObjects most objects per scene (fewer if they do not fit), at least minObjects
 * @param minSize smallest object, as the longer side of its box, at least 4 pixels
 * @param maxSize largest object, at most the shorter image side
 * @param maxOverlap the most an object's box may overlap another's, as IoU and as a fraction of the smaller box
 * @param clutterItems textured background strokes and blobs per scene, at least 0
 * @param maxNoiseSigma the largest standard deviation of additive Gaussian noise (drawn per scene from 0 to this)
 * @param blur whether scenes are sometimes blurred
 * @param lighting whether scenes get a random linear lighting gradient
 */
public record SceneConfig(int width, int height, int minObjects, int maxObjects, int minSize, int maxSize,
        double maxOverlap, int clutterItems, double maxNoiseSigma, boolean blur, boolean lighting) {
    public SceneConfig {
        if (width < 16 || height < 16) {
            throw new IllegalArgumentException("scene must be at least 16x16, got " + width + "x" + height);
        }
        if (minObjects < 0 || maxObjects < minObjects) {
            throw new IllegalArgumentException("need 0 <= minObjects <= maxObjects, got " + minObjects + " and "
                    + maxObjects);
        }
        if (minSize < 4 || maxSize < minSize || maxSize > Math.min(width, height)) {
            throw new IllegalArgumentException("need 4 <= minSize <= maxSize <= " + Math.min(width, height)
                    + " (the shorter side), got " + minSize + " and " + maxSize);
        }
        if (!(maxOverlap >= 0 && maxOverlap <= 1) || clutterItems < 0 || !(maxNoiseSigma >= 0)) {
            throw new IllegalArgumentException("need maxOverlap in [0, 1], clutterItems >= 0, maxNoiseSigma >= 0, got "
                    + maxOverlap + ", " + clutterItems + ", " + maxNoiseSigma);
        }
    }

    /** Busy scenes: 3 to 12 objects of 12 to 200 pixels (capped by the image), clutter, noise, blur, lighting. */
    public static SceneConfig standard(int width, int height) {
        return new SceneConfig(width, height, 3, 12, 12, Math.min(200, Math.min(width, height)), 0.3, 120, 8, true,
                true);
    }

    /** Objects on a flat background, nothing else: every drawn pixel belongs to an object. */
    public static SceneConfig plain(int width, int height, int objects) {
        return new SceneConfig(width, height, objects, objects, 12, Math.min(200, Math.min(width, height)), 0.3, 0, 0,
                false, false);
    }
}
