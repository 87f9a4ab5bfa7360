package dev.attnvision.core.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.attnvision.core.data.synth.SceneConfig;
import dev.attnvision.core.data.synth.SyntheticDetectionSource;
import dev.attnvision.core.image.Encoding;
import dev.attnvision.core.image.ImageCodec;
import dev.attnvision.core.image.ImageFormat;
import dev.attnvision.core.image.Raster;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class YoloDatasetWriterTest {
    @TempDir Path dir;

    @Test
    void writtenDatasetReadsBackWithTheGeneratorsPixelsAndBoxes() throws Exception {
        SyntheticDetectionSource scenes = new SyntheticDetectionSource(new SceneConfig(64, 48, 2, 4, 8, 30, 0.3, 5, 3,
                false, true), 3, 7);
        ImageCodec codec = new ImageCodec(ImageCodec.DEFAULT_MAX_PIXELS);
        YoloDatasetWriter writer = new YoloDatasetWriter(dir.resolve("set"), codec, Encoding.of(ImageFormat.PNG));
        List<Path> written = writer.writeSplit("train", scenes);
        writer.writeDataYaml(scenes.classNames());

        assertEquals(List.of("000000.png", "000001.png", "000002.png"),
                written.stream().map(p -> p.getFileName().toString()).toList());
        assertTrue(Files.isRegularFile(dir.resolve("set/labels/train/000002.txt")));
        DetectionDataset read = YoloDetectionDataset.read(dir.resolve("set/data.yaml"), "train");
        assertEquals(scenes.classNames(), read.classNames());
        assertEquals(3, read.images().size());
        for (int i = 0; i < 3; i++) {
            LabeledImage scene = scenes.load(i);
            Raster image = codec.read(read.images().get(i).image());
            float[] expected = scene.image().floats();
            for (int k = 0; k < expected.length; k++) {
                assertEquals(Math.round(expected[k]), image.samples().get(k), 0.5f, "sample " + k + " of image " + i);
            }
            List<BoxLabel> boxes = read.images().get(i).boxes();
            assertEquals(scene.boxes().size(), boxes.size(), "objects of image " + i);
            assertTrue(!boxes.isEmpty());
            for (int b = 0; b < boxes.size(); b++) {
                BoxLabel want = scene.boxes().get(b);
                BoxLabel got = boxes.get(b);
                assertEquals(want.classId(), got.classId());
                assertEquals(want.x1(), got.x1(), 1e-3f);
                assertEquals(want.y1(), got.y1(), 1e-3f);
                assertEquals(want.x2(), got.x2(), 1e-3f);
                assertEquals(want.y2(), got.y2(), 1e-3f);
            }
        }
    }

    @Test
    void labelsAreClippedToTheImageAndEmptyBoxesLeftOut() {
        LabeledImage image = new LabeledImage(Raster.blank(100, 50, 3), List.of(new BoxLabel(-10, 10, 30, 60, 2),
                new BoxLabel(120, 0, 130, 10, 1)));
        assertEquals(String.format("2 0.150000 0.600000 0.300000 0.800000%n"), YoloDatasetWriter.labelLines(image));
    }
}
