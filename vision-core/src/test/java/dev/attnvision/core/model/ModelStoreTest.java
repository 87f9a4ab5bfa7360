package dev.attnvision.core.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.attnvision.attention.ParameterPaths;
import dev.attnvision.core.model.ModelManifest.Provenance;
import dev.attnvision.core.sr.A2n;
import dev.attnvision.core.sr.A2nConfig;
import dev.attnvision.core.testing.SharedData;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelStoreTest {
    static final A2nConfig TINY = new A2nConfig(2, 8, 4, 1);

    @TempDir Path dir;

    /** Saves a randomly initialized tiny A2N as {@code name}; returns its parameters by key. */
    static Map<String, float[]> saveTiny(ModelStore store, String name) throws IOException {
        try (NDManager manager = NDManager.newBaseManager()) {
            A2n net = A2n.builder().setConfig(TINY).build();
            net.initialize(manager, DataType.FLOAT32, A2n.sampleInputShape());
            store.save(new ModelStore.NewModel(name, ModelArchitecture.A2N, 2, new ObjectMapper().valueToTree(TINY),
                    new Provenance("unit test", "", "2026-01-01T00:00:00Z", "random weights"),
                    Map.of("Set5 PSNR-Y dB", 12.5)), net);
            return values(net);
        }
    }

    private static Map<String, float[]> values(Block block) {
        return ParameterPaths.of(block).entrySet().stream().collect(java.util.stream.Collectors.toMap(
                Map.Entry::getKey, e -> e.getValue().getArray().toFloatArray()));
    }

    @Test
    void savesListsAndLoadsTheSameWeightsFrozen() throws IOException {
        ModelStore store = new ModelStore(dir.resolve("models"));
        assertEquals(List.of(), store.list());
        Map<String, float[]> saved = saveTiny(store, "tiny-b");
        saveTiny(store, "tiny-a");
        assertEquals(List.of("tiny-a", "tiny-b"), store.list().stream().map(m -> m.manifest().name()).toList());
        StoredModel model = store.find("tiny-b").orElseThrow();
        assertEquals("a2n", model.manifest().architecture());
        assertEquals(Map.of("Set5 PSNR-Y dB", 12.5), model.manifest().metrics());
        try (NDManager manager = NDManager.newBaseManager()) {
            Block loaded = model.load(manager);
            assertEquals(TINY, ((A2n) loaded).config());
            Map<String, float[]> read = values(loaded);
            assertEquals(saved.keySet(), read.keySet());
            saved.forEach((key, v) -> assertArrayEquals(v, read.get(key), key));
            for (Parameter p : loaded.getParameters().values()) {
                assertFalse(JniUtils.requiresGrad((PtNDArray) p.getArray()), p.getName() + " records gradients");
            }
        }
        assertTrue(Files.list(store.root()).noneMatch(p -> p.getFileName().toString().contains("partial")));
    }

    @Test
    void aChangedParameterFileIsReportedWithBothChecksums() throws IOException {
        ModelStore store = new ModelStore(dir);
        saveTiny(store, "tiny");
        Path params = dir.resolve("tiny").resolve(ModelManifest.PARAMETERS_FILE);
        byte[] bytes = Files.readAllBytes(params);
        bytes[bytes.length - 1] ^= 1;
        Files.write(params, bytes);
        StoredModel model = store.find("tiny").orElseThrow();
        InvalidModelException e = assertThrows(InvalidModelException.class, model::verifiedParameters);
        assertTrue(e.getMessage().contains(params.toString()), e.getMessage());
        assertTrue(e.getMessage().contains(model.manifest().parametersSha256()), e.getMessage());
        assertTrue(e.getMessage().contains(StoredModel.sha256(bytes)), e.getMessage());
        try (NDManager manager = NDManager.newBaseManager()) {
            assertThrows(InvalidModelException.class, () -> model.load(manager));
        }
    }

    @Test
    void aBrokenManifestIsNamed() throws IOException {
        ModelStore store = new ModelStore(dir);
        saveTiny(store, "tiny");
        Path manifest = dir.resolve("tiny").resolve(ModelManifest.FILE);
        Files.writeString(manifest, Files.readString(manifest).replaceAll("\"parametersSha256\" : \"[0-9a-f]+\"",
                "\"parametersSha256\" : \"abc\""));
        InvalidModelException e = assertThrows(InvalidModelException.class, () -> store.find("tiny"));
        assertTrue(e.getMessage().contains(manifest.toString()) && e.getMessage().contains("abc"), e.getMessage());
    }

    @Test
    void refusesToOverwriteOrToUseABadName() throws IOException {
        ModelStore store = new ModelStore(dir);
        saveTiny(store, "tiny");
        assertThrows(FileAlreadyExistsException.class, () -> saveTiny(store, "tiny"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> saveTiny(store, "../evil"));
        assertTrue(e.getMessage().contains("'../evil'"), e.getMessage());
    }

    @Test
    void importsTheOfficialWeights() throws IOException {
        Path checkpoint = SharedData.require("weights/a2n-official/aan_x2.pt");
        ModelStore store = new ModelStore(dir);
        Instant now = Instant.parse("2026-11-21T00:00:00Z");
        StoredModel model = store.importCheckpoint(checkpoint, ModelArchitecture.A2N, 2, "a2n-x2", now);
        ModelManifest manifest = model.manifest();
        assertEquals(2, manifest.scale());
        assertEquals("aan_x2.pt", manifest.provenance().source());
        assertEquals(StoredModel.sha256(Files.readAllBytes(checkpoint)), manifest.provenance().sourceSha256());
        assertEquals(now.toString(), manifest.provenance().created());
        Map<String, CheckpointTensor> official = CheckpointReader.read(checkpoint);
        try (NDManager manager = NDManager.newBaseManager()) {
            Map<String, float[]> loaded = values(model.load(manager));
            assertEquals(official.keySet(), loaded.keySet());
            official.forEach((key, t) -> assertArrayEquals(t.values(), loaded.get(key), key));
        }
    }

    @Test
    void importOfTheWrongScaleListsTheMisfits() {
        Path checkpoint = SharedData.require("weights/a2n-official/aan_x2.pt");
        ModelStore store = new ModelStore(dir);
        InvalidModelException e = assertThrows(InvalidModelException.class,
                () -> store.importCheckpoint(checkpoint, ModelArchitecture.A2N, 4, "wrong", Instant.EPOCH));
        assertTrue(e.getMessage().contains("missing (6): upconv2.weight"), e.getMessage());
        assertFalse(Files.exists(dir.resolve("wrong")));
    }
}
