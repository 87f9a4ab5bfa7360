package dev.attnvision.core.model;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Resolves what the user typed after {@code --model}: a bundled model's name, a stored model's name, or the path of
 * a model folder (or of its {@code model.json}).
 *
 * <p>Bundled models ship in the jar under {@code dev/attnvision/models/<name>/}, listed by name in
 * {@code dev/attnvision/models/bundled.txt} (no classpath scanning). A stored model of the same name overrides a
 * bundled one, so a user's import or training can replace a shipped default without renaming anything.
 * An argument containing a path separator is a path; any other is a name first, and a path (relative to the working
 * folder) only if no model has that name.
 */
public final class ModelRegistry {
    /** Where bundled models live on the classpath. */
    public static final String BUNDLED_ROOT = "dev/attnvision/models";

    private final ModelStore store;
    private final ClassLoader loader;

    /**
     * @param store the user's models
     * @param loader the class loader whose {@link #BUNDLED_ROOT} holds the bundled models
     */
    public ModelRegistry(ModelStore store, ClassLoader loader) {
        this.store = store;
        this.loader = loader;
    }

    /** The registry of the models in {@code store} and those bundled with attnvision. */
    public static ModelRegistry of(ModelStore store) {
        return new ModelRegistry(store, ModelRegistry.class.getClassLoader());
    }

    public ModelStore store() {
        return store;
    }

    /** The bundled models' names, as listed in {@code bundled.txt}. */
    public List<String> bundledNames() throws IOException {
        List<String> names = new ArrayList<>();
        try (InputStream in = loader.getResourceAsStream(BUNDLED_ROOT + "/bundled.txt")) {
            if (in == null) {
                return names;
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line; (line = reader.readLine()) != null; ) {
                String name = line.strip();
                if (!name.isEmpty() && !name.startsWith("#")) {
                    names.add(ModelManifest.checkName(name));
                }
            }
        }
        return names;
    }

    /** Every model a name can reach: stored ones first, then bundled ones not overridden by a stored name. */
    public List<StoredModel> all() throws IOException {
        List<StoredModel> models = new ArrayList<>(store.list());
        List<String> stored = models.stream().map(m -> m.manifest().name()).toList();
        for (String name : bundledNames()) {
            if (!stored.contains(name)) {
                models.add(StoredModel.onClasspath(loader, BUNDLED_ROOT + "/" + name));
            }
        }
        return models;
    }

    /**
     * The model a command-line argument names.
     *
     * @throws IllegalArgumentException if nothing matches; the message lists the valid names
     */
    public StoredModel resolve(String nameOrPath) throws IOException {
        boolean looksLikePath = nameOrPath.contains("/") || nameOrPath.contains(java.io.File.separator);
        Optional<StoredModel> stored = !looksLikePath && isValidName(nameOrPath) ? store.find(nameOrPath)
                : Optional.empty();
        if (stored.isPresent()) {
            return stored.get();
        }
        if (!looksLikePath && bundledNames().contains(nameOrPath)) {
            return StoredModel.onClasspath(loader, BUNDLED_ROOT + "/" + nameOrPath);
        }
        Path path = Path.of(nameOrPath);
        if (looksLikePath || Files.exists(path)) {
            Path folder = Files.isDirectory(path) ? path : path.toAbsolutePath().getParent();
            if (!Files.isRegularFile(folder.resolve(ModelManifest.FILE))) {
                throw new IllegalArgumentException("no model at " + path + ": expected a folder holding "
                        + ModelManifest.FILE + " and " + ModelManifest.PARAMETERS_FILE + ", or that " + ModelManifest.FILE);
            }
            return StoredModel.inFolder(folder);
        }
        List<String> names = all().stream().map(m -> m.manifest().name()).toList();
        throw new IllegalArgumentException("unknown model '" + nameOrPath + "'; "
                + (names.isEmpty() ? "there are no models yet (import one with 'attnvision models import')"
                        : "valid names: " + String.join(", ", names) + " (or give a model folder's path)"));
    }

    private static boolean isValidName(String name) {
        try {
            ModelManifest.checkName(name);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
