package dev.attnvision.core.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelRegistryTest {
    @TempDir Path dir;

    /** A class loader whose bundled models are {@code names}, copies of a tiny stored model. */
    private ClassLoader bundling(String... names) throws IOException {
        Path classes = dir.resolve("classes");
        Path root = classes.resolve(ModelRegistry.BUNDLED_ROOT);
        ModelStore maker = new ModelStore(root);
        for (String name : names) {
            ModelStoreTest.saveTiny(maker, name);
        }
        Files.writeString(root.resolve("bundled.txt"), "# bundled\n" + String.join("\n", names) + "\n");
        return new URLClassLoader(new URL[] {classes.toUri().toURL()}, null);
    }

    @Test
    void resolvesStoredThenBundledNamesAndPaths() throws IOException {
        ModelStore store = new ModelStore(dir.resolve("home"));
        ModelStoreTest.saveTiny(store, "mine");
        ModelStoreTest.saveTiny(store, "shared");
        ModelRegistry registry = new ModelRegistry(store, bundling("shared", "bundled-only"));

        assertEquals(List.of("shared", "bundled-only"), registry.bundledNames());
        assertEquals(store.root().resolve("shared").toString(), registry.resolve("shared").location(),
                "a stored model overrides the bundled one of the same name");
        assertTrue(registry.resolve("bundled-only").location().startsWith("classpath:"));
        assertEquals(store.root().resolve("mine").toString(), registry.resolve("mine").location());
        assertEquals(List.of("mine", "shared", "bundled-only"),
                registry.all().stream().map(m -> m.manifest().name()).toList());
        Path folder = store.root().resolve("mine");
        assertEquals("mine", registry.resolve(folder.toString()).manifest().name());
        assertEquals("mine", registry.resolve(folder.resolve(ModelManifest.FILE).toString()).manifest().name());
    }

    @Test
    void unknownNamesListTheValidOnes() throws IOException {
        ModelStore store = new ModelStore(dir.resolve("home"));
        ModelStoreTest.saveTiny(store, "mine");
        ModelRegistry registry = new ModelRegistry(store, bundling("ours"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> registry.resolve("a2n-x9"));
        assertTrue(e.getMessage().contains("unknown model 'a2n-x9'") && e.getMessage().contains("mine, ours"),
                e.getMessage());
        IllegalArgumentException path = assertThrows(IllegalArgumentException.class,
                () -> registry.resolve(dir.resolve("nowhere/model").toString()));
        assertTrue(path.getMessage().contains("no model at"), path.getMessage());
    }

    @Test
    void theShippedModelsLoadAndTheirChecksumsHold() throws IOException {
        ModelRegistry registry = ModelRegistry.of(new ModelStore(dir));
        assertEquals(List.of("a2n-x2", "a2n-x2-photo", "a2n-x2-real", "a2n-x3", "a2n-x3-photo", "a2n-x4", "a2n-x4-photo", "a2n-x4-real", "bccd",
                "shapes"), registry.bundledNames());
        for (String name : registry.bundledNames()) {
            StoredModel bundled = registry.resolve(name);
            assertTrue(bundled.location().startsWith("classpath:"), bundled.location());
            assertEquals(name, bundled.manifest().name());
            bundled.verifiedParameters();
        }
        assertEquals(2, registry.resolve("a2n-x2").manifest().scale());
    }
}
