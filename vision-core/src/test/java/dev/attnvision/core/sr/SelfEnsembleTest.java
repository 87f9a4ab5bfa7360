package dev.attnvision.core.sr;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.attnvision.core.image.Raster;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SelfEnsembleTest {
    /**
     * Nearest-neighbour upscaling by 2 (the same in every orientation), plus {@code bias} on the top-left output
     * pixel of whatever orientation it is given: an error tied to the orientation.
     */
    private static RgbUpscaler nearest(float bias) {
        return new RgbUpscaler() {
            @Override
            public int scale() {
                return 2;
            }

            @Override
            public void upscale(Raster rgb, Raster target) {
                Raster out = Raster.blank(rgb.width() * 2, rgb.height() * 2, 3);
                for (int y = 0; y < out.height(); y++) {
                    for (int x = 0; x < out.width(); x++) {
                        for (int c = 0; c < 3; c++) {
                            out.set(y, x, c, rgb.get(y / 2, x / 2, c) + (x == 0 && y == 0 ? bias : 0));
                        }
                    }
                }
                target.putColour(out, 0, 0);
            }

            @Override
            public void close() {}
        };
    }

    private static Raster noise(int width, int height, int bitDepth) {
        Raster image = Raster.atDepth(width, height, 3, bitDepth);
        SplittableRandom random = new SplittableRandom(3);
        for (int i = 0; i < image.samples().length(); i++) {
            image.samples().set(i, random.nextInt(200));
        }
        return image;
    }

    private static Raster run(RgbUpscaler upscaler, Raster image) {
        Raster target = Raster.atDepth(image.width() * 2, image.height() * 2, 3, image.bitDepth());
        upscaler.upscale(image, target);
        return target;
    }

    @Test
    void anUpscalerAlikeInEveryOrientationIsUnchanged() {
        for (int depth : new int[] {8, 16}) {
            Raster image = noise(5, 3, depth);
            try (RgbUpscaler ensemble = new SelfEnsemble(nearest(0))) {
                assertEquals(run(nearest(0), image), run(ensemble, image), depth + "-bit");
            }
        }
    }

    @Test
    void anErrorOfOneOrientationIsSpreadOverTheCornersAndShrunk() {
        Raster image = noise(5, 3, 8);
        Raster plain = run(nearest(0), image);
        try (RgbUpscaler ensemble = new SelfEnsemble(nearest(40))) {
            Raster out = run(ensemble, image);
            // each corner is the top-left of two of the eight orientations: 2 x 40 / 8 = 10
            int[][] corners = {{0, 0}, {0, 9}, {5, 0}, {5, 9}};
            for (int[] corner : corners) {
                assertEquals(plain.get(corner[0], corner[1], 1) + 10, out.get(corner[0], corner[1], 1), 0f,
                        "corner " + corner[0] + "," + corner[1]);
            }
            assertEquals(plain.get(2, 4, 1), out.get(2, 4, 1), 0f, "the inside is untouched");
        }
    }

    @Test
    void greyTargetsGetTheMeanColour() {
        Raster image = noise(4, 4, 8);
        Raster grey = Raster.atDepth(8, 8, 1, 8);
        try (RgbUpscaler ensemble = new SelfEnsemble(nearest(0))) {
            ensemble.upscale(image, grey);
        }
        float mean = (image.get(1, 2, 0) + image.get(1, 2, 1) + image.get(1, 2, 2)) / 3;
        assertEquals(Math.rint(mean), grey.get(2, 4, 0), 0.5f);
    }
}
