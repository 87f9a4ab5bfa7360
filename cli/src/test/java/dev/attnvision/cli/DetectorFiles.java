package dev.attnvision.cli;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.attnvision.core.detect.DetectorConfig;
import dev.attnvision.core.detect.SingleStageDetector;
import dev.attnvision.core.model.ModelManifest;
import dev.attnvision.core.model.ModelStore;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** A tiny random-weight detector saved as a model, for command-line tests. */
final class DetectorFiles {
    /** Its classes. */
    static final List<String> CLASSES = List.of("cell", "dot");

    private DetectorFiles() {}

    /** Saves the tiny detector as {@code name} into {@code home/models}, trained size 64. */
    static void saveTiny(Path home, String name) throws IOException {
        try (NDManager manager = NDManager.newBaseManager()) {
            manager.getEngine().setRandomSeed(11);
            SingleStageDetector detector = new SingleStageDetector(DetectorConfig.tiny(CLASSES));
            detector.initialize(manager, DataType.FLOAT32, new Shape(1, 3, 64, 64));
            new ModelStore(home.resolve("models")).saveDetector(name, detector, 64,
                    new ModelManifest.Provenance("test", "", "2026-01-01T00:00:00Z", "random weights"),
                    Map.of("mAP@[.5:.95]", 0.125));
        }
    }
}
