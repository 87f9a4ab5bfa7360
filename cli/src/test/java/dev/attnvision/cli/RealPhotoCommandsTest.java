package dev.attnvision.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.attnvision.core.image.ImageCodec;
import dev.attnvision.core.image.Raster;
import dev.attnvision.core.model.ModelStore;
import dev.attnvision.core.model.StoredModel;
import dev.attnvision.core.testing.TinyA2n;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real-photo options end to end, with tiny random-weight A2Ns stored in the runs' home: a clean {@code a2n-x2}
 * and an {@code a2n-x2-photo} recorded as fine-tuned from it (both in place of the bundled ones); {@code upscale --denoise}, {@code eval sr
 * --degradation} and {@code --lr}, {@code train sr --degradation}.
 */
class RealPhotoCommandsTest {
    private final ImageCodec codec = new ImageCodec(ImageCodec.DEFAULT_MAX_PIXELS);
    @TempDir Path dir;
    private ModelStore store;
    private StoredModel clean;

    @BeforeEach
    void models() throws Exception {
        store = new ModelStore(CliRun.home(dir).resolve("models"));
        clean = TinyA2n.save(store, "a2n-x2", 1);
        TinyA2n.save(store, "a2n-x2-photo", 2, clean);
        SrImageFiles.folder(dir.resolve("in"), 2, 24, 5);
    }

    @Test
    void upscaleRunsThePhotoModelAloneByDefaultAndDenoiseBlendsItWithTheCleanModel() throws Exception {
        CliRun byDefault = CliRun.in(dir, "upscale", "in", "-o", "default", "-s", "2", "--json");
        assertEquals(ExitCodes.OK, byDefault.code(), byDefault.toString());
        assertTrue(byDefault.out().contains("\"method\":\"a2n-x2-photo\""), byDefault.out());

        CliRun zero = CliRun.in(dir, "upscale", "in", "-o", "zero", "-s", "2", "--denoise", "0", "--json");
        assertEquals(ExitCodes.OK, zero.code(), zero.toString());
        assertTrue(zero.out().contains("a2n-x2-photo (denoise 0.00, blended with a2n-x2)"), zero.out());
        CliRun cleanRun = CliRun.in(dir, "upscale", "in", "-o", "clean", "-s", "2", "--model", "a2n-x2");
        assertEquals(ExitCodes.OK, cleanRun.code(), cleanRun.toString());
        CliRun one = CliRun.in(dir, "upscale", "in", "-o", "one", "-s", "2", "--denoise", "1");
        assertEquals(ExitCodes.OK, one.code(), one.toString());
        CliRun named = CliRun.in(dir, "upscale", "in", "-o", "named", "-s", "2", "--model", "a2n-x2-photo", "--json");
        assertEquals(ExitCodes.OK, named.code(), named.toString());
        assertTrue(named.out().contains("\"method\":\"a2n-x2-photo\""), "a named model runs alone: " + named.out());
        for (String name : new String[] {"img0.png", "img1.png"}) {
            // the same parameters run twice: equal up to a grey level of kernel rounding
            assertClose(codec.read(dir.resolve("clean").resolve(name)), codec.read(dir.resolve("zero").resolve(name)));
            assertClose(codec.read(dir.resolve("default").resolve(name)), codec.read(dir.resolve("named").resolve(name)));
            assertClose(codec.read(dir.resolve("one").resolve(name)), codec.read(dir.resolve("named").resolve(name)));
        }
        double apart = 0;
        Raster a = codec.read(dir.resolve("clean/img0.png"));
        Raster b = codec.read(dir.resolve("one/img0.png"));
        for (int i = 0; i < a.samples().length(); i++) {
            apart = Math.max(apart, Math.abs(a.samples().get(i) - b.samples().get(i)));
        }
        assertTrue(apart > 2, "the two models differ, so the ends of the blend do: " + apart);
    }

    @Test
    void denoiseOutOfRangeOrWithoutAPairIsAUsageError() throws Exception {
        CliRun high = CliRun.in(dir, "upscale", "in", "-o", "out", "-s", "2", "--denoise", "1.5");
        assertEquals(ExitCodes.USAGE, high.code(), high.toString());
        assertTrue(high.err().contains("Invalid value for option '--denoise': 1.5"), high.toString());
        CliRun notTuned = CliRun.in(dir, "upscale", "in", "-o", "out", "-s", "2", "--model", "a2n-x2", "--denoise",
                "0.5");
        assertEquals(ExitCodes.USAGE, notTuned.code(), notTuned.toString());
        assertTrue(notTuned.err().contains("a2n-x2 was not fine-tuned from another model"), notTuned.toString());
        Files.delete(CliRun.home(dir).resolve("models/a2n-x2/model.params"));
        CliRun noParameters = CliRun.in(dir, "upscale", "in", "-o", "out", "-s", "2", "--denoise", "0.5");
        assertEquals(ExitCodes.USAGE, noParameters.code(), noParameters.toString());
        assertTrue(noParameters.err().contains("model.params"), noParameters.toString());
        deleteFolder(CliRun.home(dir).resolve("models/a2n-x2"));
        CliRun missing = CliRun.in(dir, "upscale", "in", "-o", "out", "-s", "2", "--denoise", "0.5");
        assertEquals(ExitCodes.USAGE, missing.code(), missing.toString());
        assertTrue(missing.err().contains("--denoise needs the model a2n-x2-photo was fine-tuned from (a2n-x2,"),
                missing.toString());
        assertTrue(Files.notExists(dir.resolve("out/img0.png")) && Files.notExists(dir.resolve("out/img1.png")),
                "nothing is processed");
    }

    @Test
    void evalSrWithASeededDegradationIsReproducibleAndNamesItsInputs() throws Exception {
        JsonNode first = evalJson("--degradation", "real:7");
        JsonNode again = evalJson("--degradation", "real:7");
        assertEquals("real:7", first.at("/inputs").asText());
        for (int i = 0; i < first.at("/images").size(); i++) {
            JsonNode a = first.at("/images").get(i);
            JsonNode b = again.at("/images").get(i);
            // the inputs are drawn by plain Java and OpenCV code: the same seed gives the very same bicubic score;
            // the network's score comes from two passes, equal up to float rounding
            assertEquals(a.at("/bicubic_psnr").asDouble(), b.at("/bicubic_psnr").asDouble(), "the same seed draws the"
                    + " same inputs");
            assertEquals(a.at("/psnr").asDouble(), b.at("/psnr").asDouble(), 0.01,
                    "a grey level flipped by rounding moves it by far less");
        }
        JsonNode other = evalJson("--degradation", "real:8");
        assertTrue(first.at("/mean/bicubic_psnr").asDouble() != other.at("/mean/bicubic_psnr").asDouble(),
                "another seed draws other inputs");
        JsonNode clean = evalJson();
        assertTrue(clean.at("/mean/bicubic_psnr").asDouble() > first.at("/mean/bicubic_psnr").asDouble() + 1,
                "real-world inputs are worse than bicubic ones");

        CliRun unknown = CliRun.in(dir, "eval", "sr", "--model", "a2n-x2", "--scale", "2", "in", "--degradation",
                "blurry");
        assertEquals(ExitCodes.USAGE, unknown.code(), unknown.toString());
        assertTrue(unknown.err().contains("unknown degradation 'blurry' (expected one of bicubic, real, real-mild, photo)"),
                unknown.toString());
    }

    @Test
    void evalSrWithGivenInputsScoresThePairsAndNamesTheMisfits() throws Exception {
        SrImageFiles.folder(dir.resolve("lr"), 1, 12, 9);
        Files.move(dir.resolve("lr/img0.png"), dir.resolve("lr/img0x2.png"));
        CliRun run = CliRun.in(dir, "eval", "sr", "--model", "a2n-x2", "--scale", "2", "in", "--lr", "lr", "--json");
        assertEquals(ExitCodes.SOME_FAILED, run.code(), run.toString());
        assertTrue(run.err().contains("img1.png: no input of the same name"), run.toString());
        JsonNode json = new ObjectMapper().readTree(run.out());
        assertEquals(1, json.at("/images").size());
        assertEquals("given in lr", json.at("/inputs").asText());
        CliRun both = CliRun.in(dir, "eval", "sr", "--model", "a2n-x2", "--scale", "2", "in", "--lr", "lr",
                "--degradation", "real");
        assertEquals(ExitCodes.USAGE, both.code(), both.toString());
    }

    @Test
    void trainSrRefusesAnUnknownDegradationAndAResumeOnAnotherOne() throws Exception {
        SrImageFiles.folder(dir.resolve("train"), 2, 40, 1);
        CliRun unknown = CliRun.in(dir, "train", "sr", "--data", "train", "--scale", "2", "--degradation", "jpeg",
                "-o", "run");
        assertEquals(ExitCodes.USAGE, unknown.code(), unknown.toString());
        assertTrue(unknown.err().contains("unknown degradation 'jpeg' (expected one of bicubic, real, real-mild, photo)"),
                unknown.toString());
        CliRun real = CliRun.in(dir, "train", "sr", "--data", "train", "--scale", "2", "--features", "8", "--blocks",
                "1", "--patch", "16", "--batch", "2", "--iters", "2", "--val-every", "2", "--degradation", "real",
                "--init-from", "a2n-x2", "-o", "run");
        assertEquals(ExitCodes.OK, real.code(), real.toString());
        assertTrue(real.err().contains("degradation real"), real.toString());
        JsonNode manifest = new ObjectMapper().readTree(dir.resolve("run/last/model.json").toFile());
        assertTrue(manifest.at("/provenance/note").asText().contains("real degradation"), manifest.toString());
        assertEquals(clean.manifest().parametersSha256(), manifest.at("/provenance/initFrom/parametersSha256").asText());
        CliRun longer = CliRun.in(dir, "train", "sr", "--data", "train", "--scale", "2", "--features", "8",
                "--blocks", "1", "--patch", "16", "--batch", "2", "--iters", "4", "--val-every", "2", "--degradation",
                "real", "-o", "run", "--resume");
        assertEquals(ExitCodes.OK, longer.code(), longer.toString());
        JsonNode continued = new ObjectMapper().readTree(dir.resolve("run/last/model.json").toFile());
        assertEquals("a2n-x2", continued.at("/provenance/initFrom/name").asText(),
                "a resumed run still records the model it started from: " + continued);
        CliRun resumed = CliRun.in(dir, "train", "sr", "--data", "train", "--scale", "2", "--features", "8",
                "--blocks", "1", "--patch", "16", "--batch", "2", "--iters", "6", "--val-every", "2", "-o", "run",
                "--resume");
        assertEquals(ExitCodes.USAGE, resumed.code(), resumed.toString());
        assertTrue(resumed.err().contains("on the real degradation, not x2 A2N of 1 blocks x 8 features on the"
                + " bicubic degradation"), resumed.toString());
    }

    @Test
    void aModelFineTunedFromTheSameNetworkCarriesItsStartSoDenoiseOutlivesTheCleanModel() throws Exception {
        SrImageFiles.folder(dir.resolve("train"), 2, 40, 1);
        String[] network = {"train", "sr", "--data", "train", "--scale", "2", "--features", "8", "--blocks", "1",
            "--patch", "16", "--batch", "2", "--iters", "2", "--val-every", "2"};
        CliRun first = CliRun.in(dir, concat(network, "-o", "clean-run"));
        assertEquals(ExitCodes.OK, first.code(), first.toString());
        CliRun tuned = CliRun.in(dir, concat(network, "--degradation", "real", "--init-from", "clean-run/last",
                "-o", "real-run"));
        assertEquals(ExitCodes.OK, tuned.code(), tuned.toString());
        byte[] start = Files.readAllBytes(dir.resolve("clean-run/last/model.params"));
        assertArrayEquals(start, Files.readAllBytes(dir.resolve("real-run/last/base.params")));
        CliRun before = CliRun.in(dir, "upscale", "in", "-o", "before", "-s", "2", "--model", "real-run/last",
                "--denoise", "0.5");
        assertEquals(ExitCodes.OK, before.code(), before.toString());
        Files.walk(dir.resolve("clean-run")).sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        CliRun after = CliRun.in(dir, "upscale", "in", "-o", "after", "-s", "2", "--model", "real-run/last",
                "--denoise", "0.5", "--json");
        assertEquals(ExitCodes.OK, after.code(), after.toString());
        assertTrue(after.out().contains("blended with last.base"), after.out());
        for (String name : new String[] {"img0.png", "img1.png"}) {
            assertClose(codec.read(dir.resolve("before").resolve(name)), codec.read(dir.resolve("after").resolve(name)));
        }
        CliRun verified = CliRun.in(dir, "models", "verify", "real-run/last");
        assertEquals(ExitCodes.OK, verified.code(), verified.toString());
        assertTrue(verified.out().contains("base.params, the parameters it was fine-tuned from"), verified.out());
        CliRun info = CliRun.in(dir, "models", "info", "real-run/last");
        assertTrue(info.out().contains("carries:       base.params, the parameters it was fine-tuned from (then"
                + " named 'last'"), info.out());

        Path carried = dir.resolve("real-run/last/base.params");
        byte[] changed = Files.readAllBytes(carried);
        changed[changed.length - 1] ^= 1;
        Files.write(carried, changed);
        CliRun corrupt = CliRun.in(dir, "models", "verify", "real-run/last");
        assertEquals(ExitCodes.USAGE, corrupt.code(), corrupt.toString());
        assertTrue(corrupt.err().contains("base.params is corrupt or was changed"), corrupt.toString());

        Files.write(carried, start);
        CliRun further = CliRun.in(dir, concat(network, "--degradation", "real", "--init-from", "real-run/last", "--seed",
                "2", "-o", "further-run"));
        assertEquals(ExitCodes.OK, further.code(), further.toString());
        assertArrayEquals(start, Files.readAllBytes(dir.resolve("further-run/last/base.params")),
                "a fine-tune of the real-photo model carries the clean model, the clean end of its --denoise");
        CliRun furtherInfo = CliRun.in(dir, "models", "info", "further-run/last");
        assertTrue(furtherInfo.out().contains("(then named 'last'; the clean end of --denoise), sha256 "
                + StoredModel.sha256(start)), furtherInfo.out());

        CliRun other = CliRun.in(dir, "train", "sr", "--data", "train", "--scale", "2", "--features", "8", "--blocks",
                "2", "--patch", "16", "--batch", "2", "--iters", "2", "--val-every", "2", "--init-from",
                "real-run/last", "-o", "other-run");
        assertEquals(ExitCodes.OK, other.code(), other.toString());
        assertFalse(Files.exists(dir.resolve("other-run/last/base.params")),
                "another network cannot be blended with its start, so it carries none");
    }

    private static String[] concat(String[] head, String... tail) {
        List<String> all = new ArrayList<>(List.of(head));
        all.addAll(List.of(tail));
        return all.toArray(String[]::new);
    }

    private JsonNode evalJson(String... options) throws Exception {
        List<String> args = new ArrayList<>(List.of("eval", "sr", "--model", "a2n-x2", "--scale", "2", "in", "--json"));
        args.addAll(List.of(options));
        CliRun run = CliRun.in(dir, args.toArray(String[]::new));
        assertEquals(ExitCodes.OK, run.code(), run.toString());
        return new ObjectMapper().readTree(run.out());
    }

    private static void assertClose(Raster expected, Raster actual) {
        assertEquals(expected.width(), actual.width());
        for (int i = 0; i < expected.samples().length(); i++) {
            assertEquals(expected.samples().get(i), actual.samples().get(i), 1f, "sample " + i);
        }
    }

    private static void deleteFolder(Path folder) throws Exception {
        try (var files = Files.walk(folder)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
