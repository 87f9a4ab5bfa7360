package dev.attnvision.core.sr;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.attnvision.core.model.ModelRegistry;
import dev.attnvision.core.model.ModelStore;
import dev.attnvision.core.model.StoredModel;
import dev.attnvision.core.testing.TinyA2n;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
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
        assertTrue(e.getMessage().startsWith("no model is available for x3: a2n-x3-photo, a2n-x3-real and a2n-x3 are"
                + " not bundled and not in " + dir.resolve("models")), e.getMessage());
        assertTrue(e.getMessage().contains("attnvision models import FILE --arch a2n --scale 3"), e.getMessage());
        assertTrue(e.getMessage().contains("--method bicubic"), e.getMessage());
    }

    @Test
    void thePhotoModelIsTheDefaultThenTheRealPhotoModelThenTheCleanOne() throws Exception {
        ModelStore store = new ModelStore(dir.resolve("models"));
        ModelRegistry registry = new ModelRegistry(store, new URLClassLoader(new URL[0], null));
        StoredModel clean = TinyA2n.save(store, "a2n-x2", 1);
        assertEquals("a2n-x2", SrModelChoice.standard(registry, 2).manifest().name());
        TinyA2n.save(store, "a2n-x2-real", 2, clean);
        assertEquals("a2n-x2-real", SrModelChoice.standard(registry, 2).manifest().name());
        TinyA2n.save(store, "a2n-x2-photo", 3, clean);
        assertEquals("a2n-x2-photo", SrModelChoice.standard(registry, 2).manifest().name());
        assertEquals("a2n-x4-photo", SrModelChoice.photoName(4));
    }

    @Test
    void theDenoisePairIsTheModelWithTheRecordedParametersWhateverItsName() throws Exception {
        ModelStore store = new ModelStore(dir.resolve("models"));
        ModelRegistry registry = new ModelRegistry(store, new URLClassLoader(new URL[0], null));
        StoredModel clean = TinyA2n.save(store, "renamed-clean", 1);
        StoredModel real = TinyA2n.save(store, "mine-real", 2, clean);
        assertEquals("renamed-clean", SrModelChoice.denoisePair(registry, real).manifest().name());

        IllegalArgumentException notTuned = assertThrows(IllegalArgumentException.class,
                () -> SrModelChoice.denoisePair(registry, clean));
        assertTrue(notTuned.getMessage().contains("renamed-clean was not fine-tuned from another model"),
                notTuned.getMessage());

        StoredModel orphan = TinyA2n.save(store, "orphan-real", 3, TinyA2n.save(store, "gone", 4));
        Files.walk(dir.resolve("models/gone")).sorted(Comparator.reverseOrder())
                .forEach(p -> p.toFile().delete());
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
                () -> SrModelChoice.denoisePair(registry, orphan));
        assertTrue(missing.getMessage().contains("(gone, parameters "), missing.getMessage());
        assertTrue(missing.getMessage().contains("no bundled or stored model has those parameters"),
                missing.getMessage());
    }

    @Test
    void aFineTuneFineTunedFurtherBlendsWithItsCleanAncestorOnceTheIntermediateModelIsGone() throws Exception {
        ModelStore store = new ModelStore(dir.resolve("models"));
        ModelRegistry registry = new ModelRegistry(store, new URLClassLoader(new URL[0], null));
        StoredModel clean = TinyA2n.save(store, "clean", 1);
        StoredModel first = TinyA2n.save(store, "first-real", 2, clean);
        StoredModel further = TinyA2n.save(store, "further-real", 3, first);
        assertEquals("first-real", SrModelChoice.denoisePair(registry, further).manifest().name());
        Files.walk(dir.resolve("models/first-real")).sorted(Comparator.reverseOrder())
                .forEach(p -> p.toFile().delete());
        assertEquals("clean", SrModelChoice.denoisePair(registry, further).manifest().name());
    }

    @Test
    void aModelCarryingItsStartBlendsWithItOnceNoOtherModelHasThoseParameters() throws Exception {
        ModelStore store = new ModelStore(dir.resolve("models"));
        ModelRegistry registry = new ModelRegistry(store, new URLClassLoader(new URL[0], null));
        StoredModel clean = TinyA2n.save(store, "clean", 1);
        byte[] start = clean.verifiedParameters();
        StoredModel real = TinyA2n.save(store, "real", 2, clean, start);
        Files.walk(dir.resolve("models/clean")).sorted(Comparator.reverseOrder())
                .forEach(p -> p.toFile().delete());
        StoredModel pair = SrModelChoice.denoisePair(registry, real);
        assertEquals("real.base", pair.manifest().name());
        assertEquals(real.manifest().config(), pair.manifest().config());
        assertArrayEquals(start, pair.verifiedParameters());

        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(pair);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            StoredModel sent = (StoredModel) in.readObject();
            assertEquals("real.base", sent.manifest().name());
            assertArrayEquals(start, sent.verifiedParameters(), "a Spark job ships the carried parameters");
        }

        byte[] unrelated = TinyA2n.save(store, "unrelated", 7).verifiedParameters();
        assertThrows(IllegalArgumentException.class, () -> TinyA2n.save(store, "liar", 3, real, unrelated),
                "parameters of no model of the recorded lineage are refused");
        StoredModel further = TinyA2n.save(store, "further", 5, real, start);
        StoredModel carried = further.carriedBase().orElseThrow();
        assertEquals("further.base", carried.manifest().name());
        assertTrue(carried.manifest().provenance().source().startsWith("clean, carried by further"),
                "a fine-tune of a fine-tune carries the clean model: " + carried.manifest().provenance());
        assertArrayEquals(start, SrModelChoice.denoisePair(registry, further).verifiedParameters());
        assertTrue(TinyA2n.save(store, "plain", 4, real).carriedBase().isEmpty());
    }

    @Test
    void theBundledModelsCoverEveryScale() throws Exception {
        ModelRegistry bundled = ModelRegistry.of(new ModelStore(dir.resolve("models")));
        for (int scale = 2; scale <= 4; scale++) {
            assertEquals(scale, SrModelChoice.standard(bundled, scale).manifest().scale());
        }
    }
}
