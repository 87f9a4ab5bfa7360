package dev.attnvision.core.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import dev.attnvision.attention.BlockTestKit;
import dev.attnvision.core.detect.DetectorConfig;
import dev.attnvision.core.detect.DetectorModelConfig;
import dev.attnvision.core.detect.SingleStageDetector;
import dev.attnvision.core.model.ModelManifest.Provenance;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DetectorModelTest {
    private static final DetectorConfig TINY = DetectorConfig.tiny(List.of("cell", "dot"));

    @TempDir Path dir;

    private static NDList forward(SingleStageDetector detector, NDManager manager) {
        NDArray input = manager.arange(3 * 40 * 48).toType(DataType.FLOAT32, false).mod(255f).reshape(1, 40, 48, 3)
                .transpose(0, 3, 1, 2);
        return detector.forward(new ParameterStore(manager, false), new NDList(input), false);
    }

    /**
     * Loaded by name or path, the detector has the saved parameters bit for bit and computes the saved one's outputs
     * up to rounding (two forward passes; see {@link BlockTestKit#assertEqualUpToRounding}).
     */
    @Test
    void aSavedDetectorLoadsByNameAndByPathWithItsClassesAndSize() throws IOException {
        ModelStore store = new ModelStore(dir.resolve("models"));
        try (NDManager original = NDManager.newBaseManager()) {
            original.getEngine().setRandomSeed(3);
            SingleStageDetector detector = new SingleStageDetector(TINY);
            detector.initialize(original, DataType.FLOAT32, new Shape(1, 3, 64, 64));
            store.saveDetector("cells", detector, 96, new Provenance("unit test", "", "2026-01-01T00:00:00Z", "random"),
                    Map.of("mAP@[.5:.95]", 0.25));
            NDList before = forward(detector, original);
            ModelRegistry registry = ModelRegistry.of(store);
            for (String nameOrPath : List.of("cells", dir.resolve("models/cells").toString())) {
                StoredModel model = registry.resolve(nameOrPath);
                assertEquals("detector", model.manifest().architecture());
                assertEquals(Map.of("mAP@[.5:.95]", 0.25), model.manifest().metrics());
                assertEquals(new DetectorModelConfig(TINY, 96), model.detectorConfig());
                try (NDManager manager = NDManager.newBaseManager()) {
                    SingleStageDetector loaded = model.loadDetector(manager);
                    assertEquals(TINY, loaded.config());
                    BlockTestKit.assertParametersIdentical(detector, loaded);
                    NDList after = forward(loaded, manager);
                    assertEquals(before.size(), after.size(), "head outputs");
                    for (int i = 0; i < before.size(); i++) {
                        BlockTestKit.assertEqualUpToRounding(before.get(i), after.get(i), "head output " + i);
                    }
                }
            }
        }
    }

    @Test
    void anSrModelIsNotADetector() throws IOException {
        ModelStore store = new ModelStore(dir.resolve("models"));
        ModelStoreTest.saveTiny(store, "sr");
        InvalidModelException e = assertThrows(InvalidModelException.class,
                () -> store.find("sr").orElseThrow().detectorConfig());
        assertTrue(e.getMessage().contains("not an object detector"), e.getMessage());
    }

    @Test
    void detectorsCannotBeImportedFromCheckpoints() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ModelArchitecture.DETECTOR.defaultConfig(1));
        assertTrue(e.getMessage().contains("train detect"), e.getMessage());
    }
}
