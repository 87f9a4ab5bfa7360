package dev.attnvision.core.eval;

import dev.attnvision.core.image.Raster;

/**
 * PSNR and SSIM of a super-resolved image against its ground truth, by the benchmark convention: the ground truth is
 * cropped (top-left kept) to the restored image's size, both are reduced to their BT.601 Y channel ({@link LumaPlane}),
 * and {@code scale} pixels are shaved from each border.
 *
 * @param psnr dB, positive infinity for a perfect match
 * @param ssim mean SSIM, at most 1
 */
public record SrScore(double psnr, double ssim) {
    /** Scores {@code restored} against {@code groundTruth} at the given upscaling factor. */
    public static SrScore measure(Raster restored, Raster groundTruth, int scale) {
        if (groundTruth.width() < restored.width() || groundTruth.height() < restored.height()) {
            throw new IllegalArgumentException("the ground truth (" + groundTruth.width() + "x" + groundTruth.height()
                    + ") is smaller than the restored image (" + restored.width() + "x" + restored.height() + ")");
        }
        LumaPlane sr = LumaPlane.of(restored).shave(scale);
        LumaPlane hr = cropY(LumaPlane.of(groundTruth), restored.width(), restored.height()).shave(scale);
        return new SrScore(Psnr.between(sr, hr), Ssim.between(sr, hr));
    }

    private static LumaPlane cropY(LumaPlane plane, int width, int height) {
        double[] out = new double[width * height];
        for (int y = 0; y < height; y++) {
            System.arraycopy(plane.data(), y * plane.width(), out, y * width, width);
        }
        return new LumaPlane(width, height, out);
    }
}
