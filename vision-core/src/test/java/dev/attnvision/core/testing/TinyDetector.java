package dev.attnvision.core.testing;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.attnvision.core.detect.DetectorConfig;
import dev.attnvision.core.detect.SingleStageDetector;
import dev.attnvision.core.detect.anchor.AnchorConfig;
import dev.attnvision.core.detect.backbone.SeResNetConfig;
import dev.attnvision.core.detect.head.HeadConfig;
import dev.attnvision.core.detect.neck.FpnConfig;
import dev.attnvision.core.model.ModelManifest.Provenance;
import dev.attnvision.core.model.ModelStore;
import dev.attnvision.core.model.StoredModel;
import java.io.IOException;
import java.util.List;
import java.util.Map;

/** A small attention detector with seeded random weights, for tests that need its attention maps, not its boxes. */
public final class TinyDetector {
    /** SE and CBAM in a 8/8/16/16-wide backbone (1, 2, 1, 1 blocks), 16-channel FPN P3-P7, HAR-Net head. */
    public static final DetectorConfig CONFIG = new DetectorConfig(List.of("cell", "dot"),
            new SeResNetConfig(8, List.of(8, 8, 16, 16), List.of(1, 2, 1, 1), true, 4, true, false, 1),
            new FpnConfig(16, true, false), new HeadConfig(16, 1, 4, true, true, 0.01f), AnchorConfig.retinaNet());

    private TinyDetector() {}

    /**
     * A built detector of {@link #CONFIG} with DJL's default initialisation drawn from {@code seed} (norm scales at 1,
     * so features and attention vary over the image), in {@code manager}.
     */
    public static SingleStageDetector network(NDManager manager, long seed) {
        SingleStageDetector net = new SingleStageDetector(CONFIG);
        manager.getEngine().setRandomSeed((int) seed);
        net.initialize(manager, DataType.FLOAT32, new Shape(1, 3, 64, 64));
        return net;
    }

    /** Saves {@link #network} as {@code name} in {@code store}. */
    public static StoredModel save(ModelStore store, String name, long seed) throws IOException {
        try (NDManager manager = NDManager.newBaseManager()) {
            return store.saveDetector(name, network(manager, seed), 64,
                    new Provenance("unit test", "", "2026-01-01T00:00:00Z", "seeded random weights"), Map.of());
        }
    }
}
