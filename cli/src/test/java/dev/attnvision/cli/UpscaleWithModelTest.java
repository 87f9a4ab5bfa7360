package dev.attnvision.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.attnvision.core.image.Dihedral;
import dev.attnvision.core.image.Encoding;
import dev.attnvision.core.image.ImageCodec;
import dev.attnvision.core.image.ImageFormat;
import dev.attnvision.core.image.Raster;
import dev.attnvision.core.model.ModelArchitecture;
import dev.attnvision.core.model.ModelManifest.Provenance;
import dev.attnvision.core.model.ModelStore;
import dev.attnvision.core.sr.A2n;
import dev.attnvision.core.sr.A2nConfig;
import dev.attnvision.core.sr.Precision;
import dev.attnvision.core.testing.TestImages;
import dev.attnvision.core.train.SeededInitialization;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code attnvision upscale} with a learned model: a tiny random-weight A2N stored through {@link ModelStore} in the
 * run's attnvision home, run in-process end to end.
 */
class UpscaleWithModelTest {
    private final ImageCodec codec = new ImageCodec(ImageCodec.DEFAULT_MAX_PIXELS);

    @TempDir Path dir;

    /** Stores a tiny A2N (8 features, 2 blocks) with seeded random weights as {@code name} in the runs' home. */
    private void storeTinyA2n(String name, int scale) throws Exception {
        A2nConfig config = new A2nConfig(scale, 8, 4, 2);
        try (NDManager manager = NDManager.newBaseManager()) {
            A2n net = A2n.builder().setConfig(config).build();
            net.initialize(manager, DataType.FLOAT32, A2n.sampleInputShape());
            SeededInitialization.apply(net, 11);
            new ModelStore(CliRun.home(dir).resolve("models")).save(new ModelStore.NewModel(name, ModelArchitecture.A2N,
                    scale, new ObjectMapper().valueToTree(config), new Provenance("test", "", "2026-11-21T00:00:00Z",
                    "random weights"), Map.of()), net);
        }
    }

    private void write(String name, Raster image, ImageFormat format) throws Exception {
        Path p = dir.resolve("in").resolve(name);
        Files.createDirectories(p.getParent());
        codec.write(image, p, Encoding.of(format));
    }

    private static Raster ramp(int w, int h, int channels, int bitDepth) {
        Raster r = new Raster(w, h, channels, bitDepth, new float[w * h * channels]);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                for (int c = 0; c < channels; c++) {
                    r.set(y, x, c, c == 3 ? 128 : (float) (40 + 150.0 * (x + y) / (w + h) + 20 * c + (bitDepth == 16 ? 0.25 : 0)));
                }
            }
        }
        return r;
    }

    @Test
    void keepsGreyAlphaBitDepthAndOrientationAndReportsABadFile() throws Exception {
        storeTinyA2n("a2n-x2", 2);
        write("rgb.png", ramp(37, 21, 3, 8), ImageFormat.PNG);
        write("grey.png", ramp(20, 19, 1, 8), ImageFormat.PNG);
        write("rgba.png", ramp(18, 17, 4, 8), ImageFormat.PNG);
        write("deep.png", ramp(19, 18, 3, 16), ImageFormat.PNG);
        byte[] jpeg = codec.encode(ramp(24, 16, 3, 8), new Encoding(ImageFormat.JPEG, 95));
        Files.write(dir.resolve("in/turned.jpg"), TestImages.withExifOrientation(jpeg, 6));
        Files.writeString(dir.resolve("in/broken.png"), "not a picture");

        CliRun run = CliRun.in(dir, "upscale", "in", "-o", "out", "-s", "2", "--model", "a2n-x2", "--tile", "16",
                "--max-memory", "1K", "--json");

        assertEquals(ExitCodes.SOME_FAILED, run.code(), run.toString());
        assertTrue(run.errLines().contains("attnvision: in/broken.png: text file, not an image; supported formats: PNG,"
                + " JPEG, WebP, TIFF, BMP, PNM"), run.toString());
        assertTrue(run.out().contains("\"method\":\"a2n-x2\""), run.out());
        Object[][] expected = {
            {"rgb.png", 74, 42, 3, 8}, {"grey.png", 40, 38, 1, 8}, {"rgba.png", 36, 34, 4, 8},
            {"deep.png", 38, 36, 3, 16}, {"turned.jpg", 32, 48, 3, 8},
        };
        for (Object[] e : expected) {
            Raster out = codec.read(dir.resolve("out").resolve((String) e[0]));
            assertEquals(List.of(e[1], e[2], e[3], e[4]), List.of(out.width(), out.height(), out.channels(),
                    out.bitDepth()), (String) e[0]);
        }
        Raster rgba = codec.read(dir.resolve("out/rgba.png"));
        for (int y = 0; y < rgba.height(); y++) {
            for (int x = 0; x < rgba.width(); x++) {
                assertEquals(128f, rgba.get(y, x, 3), 0.5f, "alpha is upscaled apart, by bicubic");
            }
        }
        Raster deep = codec.read(dir.resolve("out/deep.png"));
        boolean between = false;
        for (float v : deep.floats()) {
            between |= Math.abs(v - Math.rint(v)) > 1e-3;
        }
        assertTrue(between, "16-bit output holds only 8-bit levels");
    }

    @Test
    void aNamedFolderModelRunsAndWholeImagesMatchTilesWithinOneLevel() throws Exception {
        storeTinyA2n("tiny", 3);
        write("a.png", ramp(90, 30, 3, 8), ImageFormat.PNG);
        Path folder = CliRun.home(dir).resolve("models/tiny");
        assertEquals(ExitCodes.OK, CliRun.in(dir, "upscale", "in/a.png", "-o", "whole", "-s", "3", "--model",
                folder.toString(), "--tile", "0").code());
        CliRun tiled = CliRun.in(dir, "upscale", "in/a.png", "-o", "tiled", "-s", "3", "--model", "tiny", "--tile", "16");
        assertEquals(ExitCodes.OK, tiled.code(), tiled.toString());
        Raster whole = codec.read(dir.resolve("whole/a.png"));
        Raster tiles = codec.read(dir.resolve("tiled/a.png"));
        assertEquals(270, tiles.width());
        for (int i = 0; i < whole.samples().length(); i++) {
            assertEquals(whole.samples().get(i), tiles.samples().get(i), 1f, "sample " + i);
        }
    }

    /**
     * {@code --precision bf16} writes what f32 does within a few levels, whole or tiled; on a CPU without bfloat16
     * hardware it says so.
     */
    @Test
    void bfloat16UpscalesWithinAFewLevelsOfFloat32() throws Exception {
        write("a.png", ramp(90, 30, 3, 8), ImageFormat.PNG);
        assertEquals(ExitCodes.OK, CliRun.in(dir, "upscale", "in/a.png", "-o", "f32", "-s", "2", "--model", "a2n-x2")
                .code());
        CliRun bf16 = CliRun.in(dir, "upscale", "in/a.png", "-o", "bf16", "-s", "2", "--model", "a2n-x2", "--tile", "32",
                "--precision", "bf16");
        assertEquals(ExitCodes.OK, bf16.code(), bf16.toString());
        assertEquals(!Precision.bfloat16InHardware(), bf16.err().contains("bf16 is emulated"), bf16.toString());
        Raster reference = codec.read(dir.resolve("f32/a.png"));
        Raster fast = codec.read(dir.resolve("bf16/a.png"));
        double sum = 0;
        for (int i = 0; i < reference.samples().length(); i++) {
            float difference = Math.abs(reference.samples().get(i) - fast.samples().get(i));
            assertTrue(difference <= 6, "sample " + i + " differs by " + difference);
            sum += difference;
        }
        assertTrue(sum / reference.samples().length() < 0.5, "mean difference " + sum / reference.samples().length());
    }

    /**
     * {@code --tta} writes the mean of the eight orientations, each upscaled as {@code upscale} would and turned
     * back: checked against doing that by hand, on a tiled image that is not square (so the turned ones swap sides).
     */
    @Test
    void selfEnsembleIsTheMeanOfTheEightOrientationsUpscaled() throws Exception {
        Raster image = ramp(45, 30, 3, 8);
        write("a.png", image, ImageFormat.PNG);
        CliRun ensemble = CliRun.in(dir, "upscale", "in/a.png", "-o", "tta", "-s", "2", "--model", "a2n-x2", "--tile",
                "16", "--tta", "--json");
        assertEquals(ExitCodes.OK, ensemble.code(), ensemble.toString());
        assertTrue(ensemble.out().contains("\"method\":\"a2n-x2 (self-ensemble)\""), ensemble.out());
        Files.createDirectories(dir.resolve("turned"));
        for (Dihedral d : Dihedral.values()) {
            codec.write(d.apply(image), dir.resolve("turned/" + d + ".png"), Encoding.of(ImageFormat.PNG));
        }
        assertEquals(ExitCodes.OK, CliRun.in(dir, "upscale", "turned", "-o", "passes", "-s", "2", "--model", "a2n-x2",
                "--tile", "16").code());
        float[] sum = new float[90 * 60 * 3];
        for (Dihedral d : Dihedral.values()) {
            float[] back = d.inverse().apply(codec.read(dir.resolve("passes/" + d + ".png"))).floats();
            for (int i = 0; i < sum.length; i++) {
                sum[i] += back[i] / 8;
            }
        }
        Raster out = codec.read(dir.resolve("tta/a.png"));
        assertEquals(List.of(90, 60), List.of(out.width(), out.height()));
        int differing = 0;
        for (int i = 0; i < sum.length; i++) {
            assertEquals(sum[i], out.samples().get(i), 1f, "sample " + i);
            differing += Math.abs(sum[i] - out.samples().get(i)) > 0.5f ? 1 : 0;
        }
        assertTrue(differing < sum.length / 100, differing + " samples differ by more than rounding");
    }

    @Test
    void missingModelsAndWrongScalesAreUsageErrorsThatSayWhatToDo() throws Exception {
        write("a.png", ramp(8, 8, 3, 8), ImageFormat.PNG);
        storeTinyA2n("a2n-x2", 2);
        CliRun wrongScale = CliRun.in(dir, "upscale", "in", "-o", "out", "-s", "3", "--model", "a2n-x2");
        assertEquals(ExitCodes.USAGE, wrongScale.code(), wrongScale.toString());
        assertTrue(wrongScale.err().startsWith("attnvision: model a2n-x2 upscales by 2, not 3: use -s 2"), wrongScale.err());

        String[][] bad = {
            {"upscale", "in", "-o", "out", "-s", "2", "--model", "nonesuch"},
            {"upscale", "in", "-o", "out", "-s", "2", "--tile", "8"},
            {"upscale", "in", "-o", "out", "-s", "2", "--max-memory", "lots"},
            {"upscale", "in", "-o", "out", "-s", "2", "--method", "bicubic", "--max-memory", "1G"},
            {"upscale", "in", "-o", "out", "-s", "2", "--method", "bicubic", "--tile", "64"},
            {"upscale", "in", "-o", "out", "-s", "2", "--method", "bicubic", "--model", "a2n-x2"},
            {"upscale", "in", "-o", "out", "-s", "2", "--method", "bicubic", "--precision", "bf16"},
            {"upscale", "in", "-o", "out", "-s", "2", "--method", "bicubic", "--tta"},
            {"upscale", "in", "-o", "out", "-s", "2", "--precision", "half"},
        };
        for (String[] args : bad) {
            CliRun run = CliRun.in(dir, args);
            String what = String.join(" ", args) + "\n" + run;
            assertEquals(ExitCodes.USAGE, run.code(), what);
            assertTrue(run.err().startsWith("attnvision: "), what);
            assertFalse(run.err().contains("\tat "), "a usage error printed a stack trace: " + what);
        }
        assertFalse(Files.exists(dir.resolve("out")), "nothing was written");
    }
}
