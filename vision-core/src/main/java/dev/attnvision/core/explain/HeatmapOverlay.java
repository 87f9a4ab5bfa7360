package dev.attnvision.core.explain;

import dev.attnvision.core.image.CubicResize;
import dev.attnvision.core.image.PerceptualColorMap;
import dev.attnvision.core.image.Raster;
import dev.attnvision.core.image.RasterChannels;

/**
 * Blends an attention map over an image: the map is resized to the image (bicubic), coloured with the
 * {@link PerceptualColorMap} over a {@link ValueRange}, and mixed in as {@code (1 - a) * grey + a * colour}, where
 * grey is the image's luma (BT.601): the image's own colours would compete with the map's.
 */
public final class HeatmapOverlay {
    private HeatmapOverlay() {}

    /**
     * The overlay, 8-bit RGB at the image's size.
     *
     * @param image the picture underneath (grey and alpha are handled; alpha is dropped)
     * @param map the attention map, any size
     * @param range the values the colour scale spans
     * @param opacity a, 0 (image only) to 1 (colours only)
     */
    public static Raster blend(Raster image, AttentionMap map, ValueRange range, double opacity) {
        if (!(opacity >= 0 && opacity <= 1)) {
            throw new IllegalArgumentException("opacity must be 0 to 1, got " + opacity);
        }
        Raster base = RasterChannels.rgb(image);
        float[] positions = new float[map.values().length];
        for (int p = 0; p < positions.length; p++) {
            positions[p] = (float) (255 * range.position(map.values()[p]));
        }
        Raster plane = new Raster(map.width(), map.height(), 1, 8, positions);
        if (map.width() != base.width() || map.height() != base.height()) {
            plane = CubicResize.resize(plane, base.width(), base.height());
        }
        float[] in = base.floats();
        float[] out = new float[in.length];
        float a = (float) opacity;
        float[] positionsAtBase = plane.floats();
        for (int p = 0; p < positionsAtBase.length; p++) {
            float luma = Math.min(255f, Math.max(0f, 0.299f * in[p * 3] + 0.587f * in[p * 3 + 1] + 0.114f * in[p * 3 + 2]));
            float[] colour = PerceptualColorMap.rgb(positionsAtBase[p] / 255.0);
            for (int c = 0; c < 3; c++) {
                out[p * 3 + c] = (1 - a) * luma + a * colour[c];
            }
        }
        return new Raster(base.width(), base.height(), 3, 8, out);
    }
}
