package dev.attnvision.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.attnvision.attention.BlockTestKit;
import dev.attnvision.core.explain.A2nExplainer;
import dev.attnvision.core.explain.ChannelChoice;
import dev.attnvision.core.image.Encoding;
import dev.attnvision.core.image.ImageCodec;
import dev.attnvision.core.image.ImageFormat;
import dev.attnvision.core.image.Raster;
import dev.attnvision.core.model.ModelStore;
import dev.attnvision.core.model.StoredModel;
import dev.attnvision.core.sr.A2n;
import dev.attnvision.core.testing.TinyA2n;
import dev.attnvision.core.testing.TinyDetector;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code attnvision explain} with a tiny seeded A2N stored in a temporary ATTNVISION_HOME. */
class ExplainCommandTest {
    private final ImageCodec codec = new ImageCodec(ImageCodec.DEFAULT_MAX_PIXELS);

    @TempDir Path dir;
    @TempDir Path home;
    private StoredModel model;

    @BeforeEach
    void modelAndImages() throws Exception {
        model = TinyA2n.save(new ModelStore(home.resolve("models")), "tiny", 11);
        Files.createDirectories(dir.resolve("in"));
        codec.write(BadInputCorpus.gradient(12, 9, 3, 8), dir.resolve("in/a.png"), Encoding.of(ImageFormat.PNG));
        codec.write(BadInputCorpus.gradient(10, 14, 3, 8), dir.resolve("in/b.jpg"), Encoding.of(ImageFormat.JPEG));
    }

    private List<JsonNode> json(CliRun run) throws Exception {
        ObjectMapper mapper = new ObjectMapper();
        List<JsonNode> records = new ArrayList<>();
        for (String line : run.out().lines().toList()) {
            records.add(mapper.readTree(line));
        }
        return records;
    }

    @Test
    void writesTheChartAndMaskGridOfEveryImageAndListsThem() throws Exception {
        CliRun run = CliRun.withHome(dir, home, "explain", "in", "-o", "out", "--model", "tiny", "--json", "-q");
        assertEquals(ExitCodes.OK, run.code(), run.toString());
        List<JsonNode> records = json(run);
        assertEquals(2, records.size());
        for (JsonNode r : records) {
            String stem = r.get("input").asText().replaceAll("^in/|\\.(png|jpg)$", "");
            List<String> outputs = new ArrayList<>();
            r.get("outputs").forEach(o -> outputs.add(o.asText()));
            assertEquals(List.of("out/" + stem + "-branches.png", "out/" + stem + "-masks.png"), outputs);
            assertEquals("tiny", r.get("model").asText());
            assertEquals(TinyA2n.CONFIG.blocks(), r.get("blocks").size());
            assertEquals(stem.equals("a") ? "[12,9]" : "[10,14]", r.get("explained_size").toString(), "below --max-side");
            for (String output : outputs) {
                Raster figure = codec.read(dir.resolve(output));
                assertTrue(figure.width() >= 320 && figure.height() >= 160, output + ": " + figure);
            }
        }
        try (var listing = Files.list(dir.resolve("out"))) {
            assertEquals(4, listing.count(), "four figures, nothing else");
        }
    }

    @Test
    void theReportedBranchWeightsAreTheNetworksOwn() throws Exception {
        CliRun run = CliRun.withHome(dir, home, "explain", "in/a.png", "-o", "out", "--model", "tiny", "--json", "-q");
        assertEquals(ExitCodes.OK, run.code(), run.toString());
        JsonNode blocks = json(run).get(0).get("blocks");
        try (NDManager manager = NDManager.newBaseManager()) {
            A2n network = (A2n) model.load(manager);
            List<A2nExplainer.BlockAttention> recorded = new A2nExplainer(network, ChannelChoice.mean())
                    .record(codec.read(dir.resolve("in/a.png")), manager);
            // the command's forward pass and this one: the same up to rounding
            assertEquals(recorded.size(), blocks.size());
            for (int b = 0; b < recorded.size(); b++) {
                JsonNode reported = blocks.get(b);
                BlockTestKit.assertEqualUpToRounding(
                        new double[] {recorded.get(b).attentionWeight(), recorded.get(b).plainWeight()},
                        new double[] {reported.get("attention").asDouble(), reported.get("non_attention").asDouble()},
                        new Shape(2), "block " + b + "'s branch weights");
                assertEquals(1.0, recorded.get(b).attentionWeight() + recorded.get(b).plainWeight(), 1e-6);
            }
        }
    }

    @Test
    void aBadInputIsReportedCountedAndTheOthersAreExplained() throws Exception {
        Files.writeString(dir.resolve("in/broken.png"), "no");
        CliRun run = CliRun.withHome(dir, home, "explain", "in", "-o", "out", "--model", "tiny", "--channel", "3");
        assertEquals(ExitCodes.SOME_FAILED, run.code(), run.toString());
        assertTrue(run.err().contains("attnvision: in/broken.png: text file, not an image"), run.toString());
        List<String> lines = run.errLines();
        assertTrue(lines.get(lines.size() - 1).startsWith("attnvision: 2 processed, 0 skipped, 1 failed"), run.toString());
        assertTrue(Files.exists(dir.resolve("out/a-masks.png")));
        assertFalse(Files.exists(dir.resolve("out/broken-masks.png")));
    }

    @Test
    void aDetectorGetsItsLevelMapsAndTheChosenStagesCharts() throws Exception {
        TinyDetector.save(new ModelStore(home.resolve("models")), "cells", 2);
        CliRun run = CliRun.withHome(dir, home, "explain", "in/a.png", "-o", "out", "--model", "cells", "--stages", "1,3",
                "--max-side", "8", "--json", "-q");
        assertEquals(ExitCodes.OK, run.code(), run.toString());
        JsonNode record = json(run).get(0);
        List<String> outputs = new ArrayList<>();
        record.get("outputs").forEach(o -> outputs.add(o.asText()));
        assertEquals(List.of("out/a-levels.png", "out/a-se-stage1.png", "out/a-se-stage3.png"), outputs);
        assertEquals(5, record.get("levels").size());
        assertEquals("[8,6]", record.get("explained_size").toString(), "12x9 reduced to a long side of 8");
        for (String output : outputs) {
            assertEquals(3, codec.read(dir.resolve(output)).channels(), output);
        }
    }

    @Test
    void usageErrorsExitTwoAndSayWhatToDo() throws Exception {
        TinyDetector.save(new ModelStore(home.resolve("models")), "cells", 2);
        String[][] bad = {
            {"explain", "in", "-o", "out", "--model", "nope"},
            {"explain", "in", "-o", "out"},
            {"explain", "in", "-o", "out", "--model", "tiny", "--channel", "first"},
            {"explain", "in", "-o", "out", "--model", "tiny", "--channel", "8"},
            {"explain", "in", "-o", "out", "--model", "tiny", "--stages", "2"},
            {"explain", "in", "-o", "out", "--model", "cells", "--channel", "2"},
            {"explain", "in", "-o", "out", "--model", "cells", "--stages", "0"},
            {"explain", "in", "-o", "out", "--model", "tiny", "--max-side", "4"},
        };
        String[] expected = {
            "attnvision: unknown model 'nope'; valid names: cells, tiny, a2n-x2, a2n-x2-photo, a2n-x2-real, a2n-x3, a2n-x3-photo, a2n-x4, a2n-x4-photo, a2n-x4-real, bccd, shapes (or give a model folder's path)",
            "attnvision: Missing required option: '--model=MODEL'",
            "attnvision: Invalid value for option '--channel': 'first' is not a channel: give 'mean' or an index from 0",
            "attnvision: channel 8 does not exist: the maps have 8 channels (0 to 7)",
            "attnvision: stages are those of a detector's backbone; tiny is an A2N model (leave out --stages)",
            "attnvision: a channel is chosen among an A2N mask's channels; cells is a detector, whose spatial maps have"
                    + " one channel (leave out --channel)",
            "attnvision: the backbone has stages 1 to 4, not 0",
            "attnvision: Invalid value for option '--max-side': the longest side to explain must be at least 8 pixels, got 4",
        };
        for (int i = 0; i < bad.length; i++) {
            CliRun run = CliRun.withHome(dir, home, bad[i]);
            assertEquals(ExitCodes.USAGE, run.code(), run.toString());
            assertEquals(expected[i], run.errLines().get(0), run.toString());
            assertFalse(Files.exists(dir.resolve("out/a-masks.png")), run.toString());
        }
    }
}
