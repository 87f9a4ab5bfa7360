package dev.attnvision.core.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DetectorConfigTest {
    @Test
    void baselineSwitchesEveryAttentionOff() {
        DetectorConfig base = DetectorConfig.baseline(List.of("a"));
        assertFalse(base.backbone().squeezeExcitation() || base.backbone().spatialAttention()
                || base.backbone().selfAttention() || base.neck().alignedAttention() || base.head().spatialAttention()
                || base.head().channelAttention());
        DetectorConfig full = DetectorConfig.harNet(List.of("a"));
        assertTrue(full.backbone().squeezeExcitation() && full.neck().alignedAttention()
                && full.head().spatialAttention() && full.head().channelAttention());
        assertEquals(full.backbone().stageChannels(), base.backbone().stageChannels());
    }

    @Test
    void ablationPresetsAddOneAttentionStepEach() {
        List<String> classes = List.of("a");
        DetectorConfig se = DetectorConfig.preset("se", classes);
        DetectorConfig spatial = DetectorConfig.preset("SPATIAL", classes);
        assertEquals(DetectorConfig.baseline(classes), DetectorConfig.preset("baseline", classes));
        assertEquals(DetectorConfig.harNet(classes), DetectorConfig.preset("harnet", classes));
        assertTrue(se.backbone().squeezeExcitation() && !se.backbone().spatialAttention());
        assertTrue(spatial.backbone().squeezeExcitation() && spatial.backbone().spatialAttention());
        for (DetectorConfig c : List.of(se, spatial)) {
            assertFalse(c.backbone().selfAttention() || c.neck().alignedAttention() || c.head().spatialAttention()
                    || c.head().channelAttention());
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> DetectorConfig.preset("cbam", classes));
        assertTrue(e.getMessage().contains("known: baseline, se, spatial, harnet, tiny"), e.getMessage());
    }

    @Test
    void jsonRoundTripAndInvalidFilesAreExplained(@TempDir Path dir) throws IOException {
        DetectorConfig config = DetectorConfig.harNet(List.of("circle", "ring"));
        Path file = dir.resolve("detector.json");
        config.write(file);
        assertEquals(config, DetectorConfig.read(file));
        Files.writeString(file, Files.readString(file).replaceFirst("\"channels\" : 64", "\"channels\" : 48"));
        IOException e = assertThrows(IOException.class, () -> DetectorConfig.read(file));
        assertTrue(e.getMessage().contains("must equal FPN channels"), e.getMessage());
    }
}
