package dev.attnvision.core.sr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.attnvision.core.model.ModelRegistry;
import dev.attnvision.core.model.ModelStore;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SrModelChoiceTest {
    @TempDir Path dir;

    @Test
    void withoutABundledOrStoredModelTheErrorSaysHowToGetOne() {
        ModelRegistry nothing = new ModelRegistry(new ModelStore(dir.resolve("models")),
                new URLClassLoader(new URL[0], null));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SrModelChoice.standard(nothing, 3));
        assertTrue(e.getMessage().startsWith("no model is available for x3: a2n-x3 is not bundled and not in "
                + dir.resolve("models")), e.getMessage());
        assertTrue(e.getMessage().contains("attnvision models import FILE --arch a2n --scale 3"), e.getMessage());
        assertTrue(e.getMessage().contains("--method bicubic"), e.getMessage());
    }

    @Test
    void theBundledModelsCoverEveryScale() throws Exception {
        ModelRegistry bundled = ModelRegistry.of(new ModelStore(dir.resolve("models")));
        for (int scale = 2; scale <= 4; scale++) {
            assertEquals(scale, SrModelChoice.standard(bundled, scale).manifest().scale());
        }
    }
}
