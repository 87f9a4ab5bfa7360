package dev.attnvision.core.testing;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.attnvision.core.model.ModelArchitecture;
import dev.attnvision.core.model.ModelManifest.BaseModel;
import dev.attnvision.core.model.ModelManifest.Provenance;
import dev.attnvision.core.model.ModelStore;
import dev.attnvision.core.model.StoredModel;
import dev.attnvision.core.sr.A2n;
import dev.attnvision.core.sr.A2nConfig;
import dev.attnvision.core.train.SeededInitialization;
import java.io.IOException;
import java.util.Map;

/** Small A2Ns with seeded random weights, for tests that need a real network but not a trained one. */
public final class TinyA2n {
    /** x2, 8 features, 4 upsampling features, 3 attention-in-attention blocks. */
    public static final A2nConfig CONFIG = new A2nConfig(2, 8, 4, 3);

    private TinyA2n() {}

    /** A built, initialised A2N of {@link #CONFIG} with weights from {@code seed}, in {@code manager}. */
    public static A2n network(NDManager manager, long seed) {
        return network(manager, CONFIG, seed);
    }

    /** A built, initialised A2N of {@code config} with weights from {@code seed}, in {@code manager}. */
    public static A2n network(NDManager manager, A2nConfig config, long seed) {
        A2n net = A2n.builder().setConfig(config).build();
        net.initialize(manager, DataType.FLOAT32, A2n.sampleInputShape());
        SeededInitialization.apply(net, seed);
        return net;
    }

    /** Saves {@link #network} as {@code name} in {@code store}. */
    public static StoredModel save(ModelStore store, String name, long seed) throws IOException {
        return save(store, name, seed, null);
    }

    /** Saves {@link #network} as {@code name} in {@code store}, recorded as fine-tuned from {@code base} (or null). */
    public static StoredModel save(ModelStore store, String name, long seed, StoredModel base) throws IOException {
        return save(store, name, seed, base, null);
    }

    /**
     * Saves {@link #network} as {@code name} in {@code store}, recorded as fine-tuned from {@code base} and carrying
     * {@code baseParameters} as the parameters it started from.
     */
    public static StoredModel save(ModelStore store, String name, long seed, StoredModel base, byte[] baseParameters)
            throws IOException {
        return save(store, name, CONFIG, seed, base, baseParameters);
    }

    /** Saves {@link #network} of {@code config} as {@code name} in {@code store}, as {@link #save} does. */
    public static StoredModel save(ModelStore store, String name, A2nConfig config, long seed, StoredModel base,
            byte[] baseParameters) throws IOException {
        try (NDManager manager = NDManager.newBaseManager()) {
            return store.save(new ModelStore.NewModel(name, ModelArchitecture.A2N, config.scale(),
                    new ObjectMapper().valueToTree(config),
                    new Provenance("unit test", "", "2026-01-01T00:00:00Z", "seeded random weights", base == null
                            ? null : BaseModel.of(base.manifest())),
                    Map.of()), network(manager, config, seed), baseParameters);
        }
    }
}
