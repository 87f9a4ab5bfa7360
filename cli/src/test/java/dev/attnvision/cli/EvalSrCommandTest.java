package dev.attnvision.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.attnvision.core.model.ModelArchitecture;
import dev.attnvision.core.model.ModelManifest;
import dev.attnvision.core.model.ModelStore;
import dev.attnvision.core.sr.A2n;
import dev.attnvision.core.sr.A2nConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EvalSrCommandTest {
    @TempDir Path dir;

    @BeforeEach
    void tinyModelAndImages() throws Exception {
        A2nConfig config = new A2nConfig(2, 4, 4, 1);
        try (NDManager manager = NDManager.newBaseManager()) {
            A2n network = A2n.builder().setConfig(config).build();
            network.initialize(manager, DataType.FLOAT32, A2n.sampleInputShape());
            new ModelStore(dir.resolve("models")).save(new ModelStore.NewModel("tiny", ModelArchitecture.A2N, 2,
                    new ObjectMapper().valueToTree(config), new ModelManifest.Provenance("test", "", "now", "random"),
                    Map.of()), network);
        }
        SrImageFiles.folder(dir.resolve("hr"), 2, 26, 5);
    }

    @Test
    void printsATableWithTheBicubicBaselineAndWritesCsv() throws Exception {
        CliRun run = CliRun.in(dir, "eval", "sr", "--model", "models/tiny", "--scale", "2", "hr", "--csv", "r.csv");
        assertEquals(0, run.code(), run.toString());
        List<String> lines = run.out().lines().toList();
        assertTrue(lines.get(0).matches("image\\s+PSNR-Y\\s+SSIM-Y\\s+bicubic PSNR\\s+bicubic SSIM"), run.toString());
        assertTrue(lines.get(1).startsWith("img0.png"), run.toString());
        assertTrue(lines.get(3).startsWith("mean "), run.toString());
        List<String> csv = Files.readAllLines(dir.resolve("r.csv"));
        assertEquals("image,psnr,ssim,bicubic_psnr,bicubic_ssim", csv.get(0));
        assertEquals(4, csv.size());
    }

    @Test
    void jsonMeanIsTheMeanOfTheImages() throws Exception {
        CliRun run = CliRun.in(dir, "eval", "sr", "--model", "models/tiny", "--scale", "2", "hr", "--json");
        assertEquals(0, run.code(), run.toString());
        JsonNode json = new ObjectMapper().readTree(run.out());
        double a = json.at("/images/0/bicubic_psnr").asDouble();
        double b = json.at("/images/1/bicubic_psnr").asDouble();
        assertEquals((a + b) / 2, json.at("/mean/bicubic_psnr").asDouble(), 1e-9);
        assertEquals(2, json.at("/scale").asInt());
    }

    /** bfloat16 scores what float32 does up to its rounding; the footer and JSON say which precision ran. */
    @Test
    void bfloat16ScoresLikeFloat32AndAnUnknownPrecisionIsAUsageError() throws Exception {
        CliRun f32 = CliRun.in(dir, "eval", "sr", "--model", "models/tiny", "--scale", "2", "hr", "--json");
        CliRun bf16 = CliRun.in(dir, "eval", "sr", "--model", "models/tiny", "--scale", "2", "hr", "--json",
                "--precision", "bf16");
        assertEquals(0, bf16.code(), bf16.toString());
        JsonNode a = new ObjectMapper().readTree(f32.out());
        JsonNode b = new ObjectMapper().readTree(bf16.out());
        assertEquals("f32", a.at("/precision").asText());
        assertEquals("bf16", b.at("/precision").asText());
        assertEquals(a.at("/mean/psnr").asDouble(), b.at("/mean/psnr").asDouble(), 0.1, bf16.out());
        CliRun table = CliRun.in(dir, "eval", "sr", "--model", "models/tiny", "--scale", "2", "hr", "--precision",
                "BF16");
        assertTrue(table.out().contains("model models/tiny, x2, bf16, 2 images"), table.toString());
        CliRun bad = CliRun.in(dir, "eval", "sr", "--model", "models/tiny", "--scale", "2", "hr", "--precision", "fp8");
        assertEquals(2, bad.code(), bad.toString());
        assertTrue(bad.err().startsWith("attnvision: Invalid value for option '--precision': unknown precision 'fp8':"
                + " use f32 or bf16"), bad.toString());
    }

    /** {@code --tta} scores the mean of the eight orientations, which differs from one pass; table and JSON say so. */
    @Test
    void selfEnsembleIsScoredAndSaid() throws Exception {
        CliRun plain = CliRun.in(dir, "eval", "sr", "--model", "models/tiny", "--scale", "2", "hr", "--json");
        CliRun tta = CliRun.in(dir, "eval", "sr", "--model", "models/tiny", "--scale", "2", "hr", "--json", "--tta");
        assertEquals(0, tta.code(), tta.toString());
        JsonNode a = new ObjectMapper().readTree(plain.out());
        JsonNode b = new ObjectMapper().readTree(tta.out());
        assertFalse(a.at("/tta").asBoolean());
        assertTrue(b.at("/tta").asBoolean());
        assertNotEquals(a.at("/mean/psnr").asDouble(), b.at("/mean/psnr").asDouble(), "a random network is not"
                + " alike in every orientation");
        assertEquals(a.at("/mean/bicubic_psnr").asDouble(), b.at("/mean/bicubic_psnr").asDouble());
        CliRun table = CliRun.in(dir, "eval", "sr", "--model", "models/tiny", "--scale", "2", "hr", "--tta");
        assertTrue(table.out().contains("model models/tiny, x2, f32, self-ensemble of 8, 2 images"), table.toString());
    }

    @Test
    void aScaleThatIsNotTheModelsIsAUsageError() throws Exception {
        CliRun run = CliRun.in(dir, "eval", "sr", "--model", "models/tiny", "--scale", "3", "hr");
        assertEquals(2, run.code(), run.toString());
        assertTrue(run.err().contains("model models/tiny upscales by 2, not 3"), run.toString());
    }

    @Test
    void anUnreadableImageIsReportedAndTheOthersAreScored() throws Exception {
        Files.write(dir.resolve("hr/broken.png"), new byte[] {(byte) 0x89, 'P', 'N', 'G', 1, 2, 3});
        CliRun run = CliRun.in(dir, "eval", "sr", "--model", "models/tiny", "--scale", "2", "hr", "--json");
        assertEquals(1, run.code(), run.toString());
        assertTrue(run.err().contains("broken.png: "), run.toString());
        assertTrue(run.err().contains("(not scored)"), run.toString());
        JsonNode json = new ObjectMapper().readTree(run.out());
        assertEquals(2, json.at("/images").size(), run.toString());
    }

    @Test
    void aFolderWithoutAReadableImageIsAUsageError() throws Exception {
        Files.createDirectories(dir.resolve("bad"));
        Files.writeString(dir.resolve("bad/a.jpg"), "not a picture");
        CliRun run = CliRun.in(dir, "eval", "sr", "--model", "models/tiny", "--scale", "2", "bad");
        assertEquals(2, run.code(), run.toString());
        assertTrue(run.err().contains("none of the images in bad could be read"), run.toString());
    }
}
