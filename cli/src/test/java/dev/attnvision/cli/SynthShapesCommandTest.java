package dev.attnvision.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.attnvision.core.data.DetectionDataset;
import dev.attnvision.core.data.YoloDetectionDataset;
import dev.attnvision.core.data.synth.SceneConfig;
import dev.attnvision.core.data.synth.SyntheticDetectionSource;
import dev.attnvision.core.train.Seeds;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SynthShapesCommandTest {
    @TempDir Path dir;

    @Test
    void writesAReproducibleYoloDatasetWhoseLabelsAreTheScenesBoxes() throws Exception {
        CliRun run = CliRun.in(dir, "synth", "shapes", "-o", "set", "--images", "2", "--val", "1", "--seed", "4",
                "--size", "64");
        assertEquals(0, run.code(), run.toString());
        assertTrue(run.out().contains("wrote 2 training and 1 validation images of 64x64"), run.toString());
        assertTrue(run.out().contains("dataset: set/data.yaml"), run.toString());
        DetectionDataset train = YoloDetectionDataset.read(dir.resolve("set/data.yaml"), "train");
        DetectionDataset val = YoloDetectionDataset.read(dir.resolve("set/data.yaml"), "val");
        assertEquals(2, train.images().size());
        assertEquals(1, val.images().size());
        SyntheticDetectionSource scenes = new SyntheticDetectionSource(SceneConfig.standard(64, 64), 2,
                Seeds.derive(4, 0));
        for (int i = 0; i < 2; i++) {
            assertEquals(scenes.load(i).boxes().size(), train.images().get(i).boxes().size(), "objects of image " + i);
            assertEquals(scenes.load(i).boxes().get(0).classId(), train.images().get(i).boxes().get(0).classId());
        }
        assertEquals(0, CliRun.in(dir, "synth", "shapes", "-o", "again", "--images", "2", "--seed", "4", "--size",
                "64").code());
        assertArrayEquals(Files.readAllBytes(dir.resolve("set/images/train/000001.png")),
                Files.readAllBytes(dir.resolve("again/images/train/000001.png")), "same seed, same image");
        assertFalse(Files.exists(dir.resolve("again/images/val")));
    }

    @Test
    void refusesBadFormatsAndSizes() {
        CliRun format = CliRun.in(dir, "synth", "shapes", "-o", "s", "--images", "1", "--format", "gif");
        assertEquals(2, format.code(), format.toString());
        assertTrue(format.err().contains("expected png or jpg"), format.toString());
        CliRun size = CliRun.in(dir, "synth", "shapes", "-o", "s", "--images", "1", "--size", "8");
        assertEquals(2, size.code(), size.toString());
        assertTrue(size.err().contains("scene must be at least 16x16"), size.toString());
    }
}
