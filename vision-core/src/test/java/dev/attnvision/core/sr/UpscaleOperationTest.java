package dev.attnvision.core.sr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.attnvision.core.image.Raster;
import dev.attnvision.core.image.RasterSamples;
import dev.attnvision.core.pipeline.ImageProcessor;
import dev.attnvision.core.pipeline.ProcessedImage;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class UpscaleOperationTest {
    private static Raster flat(int channels, int bitDepth, float... values) {
        Raster r = new Raster(4, 3, channels, bitDepth, new float[12 * channels]);
        for (int p = 0; p < 12; p++) {
            System.arraycopy(values, 0, r.floats(), p * channels, channels);
        }
        return r;
    }

    private static Raster upscale(Raster image, int scale) throws Exception {
        try (UpscaleOperation op = UpscaleOperation.bicubic(scale); ImageProcessor p = op.newProcessor()) {
            ProcessedImage result = p.process(image);
            assertEquals(scale, result.fields().get("scale"));
            return result.image().orElseThrow();
        }
    }

    @Test
    void greyStaysGreyAndSixteenBitStaysSixteenBit() throws Exception {
        Raster out = upscale(flat(1, 16, 77.5f), 3);
        assertEquals(12, out.width());
        assertEquals(9, out.height());
        assertEquals(1, out.channels());
        assertEquals(16, out.bitDepth());
        assertInstanceOf(RasterSamples.Shorts.class, out.samples(), "16-bit output is stored as 16-bit integers");
        for (float v : out.floats()) {
            assertEquals(77.5f, v, 0.5f / 257);
        }
    }

    @Test
    void alphaIsUpscaledApartFromColour() throws Exception {
        Raster out = upscale(flat(4, 8, 10, 20, 30, 128), 2);
        assertEquals(4, out.channels());
        assertInstanceOf(RasterSamples.Bytes.class, out.samples(), "8-bit output is stored as bytes");
        float[] pixel = Arrays.copyOfRange(out.floats(), 20, 24);
        assertEquals(10f, pixel[0], 1e-3f);
        assertEquals(30f, pixel[2], 1e-3f);
        assertEquals(128f, pixel[3], 1e-3f);
    }

    @Test
    void anUpscalerOfTheWrongScaleIsCaught() throws Exception {
        try (UpscaleOperation op = new UpscaleOperation("liar", 4, () -> new BicubicUpscaler(2), () -> { });
                ImageProcessor p = op.newProcessor()) {
            assertThrows(IllegalStateException.class, () -> p.process(flat(3, 8, 1, 2, 3)));
        }
    }
}
