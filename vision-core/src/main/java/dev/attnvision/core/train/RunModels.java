package dev.attnvision.core.train;

import dev.attnvision.core.model.ModelStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Saves a training run's networks as models in the project's format ({@link ModelStore}: {@code model.json} +
 * {@code model.params}) inside the run folder, as {@code <run>/<name>/} ({@code best/}, {@code last/}), usable
 * wherever a model path is accepted. A model is written completely into {@code .staging/} and then moved into
 * place, replacing the previous one of that name, so a reader never sees half a model.
 */
public final class RunModels {
    private RunModels() {}

    /** How a model is written into a store ({@code ModelStore.save} or one of its typed forms). */
    @FunctionalInterface
    public interface Saver {
        void saveInto(ModelStore store) throws IOException;
    }

    /** Writes the model called {@code name}, saved by {@code saver}, as the sub-folder {@code name} of {@code runDir}. */
    public static void save(Path runDir, String name, Saver saver) throws IOException {
        Path staging = runDir.resolve(".staging");
        FileTrees.delete(staging.resolve(name));
        saver.saveInto(new ModelStore(staging));
        Path target = runDir.resolve(name);
        Path old = runDir.resolve(".old-" + name);
        FileTrees.delete(old);
        if (Files.exists(target)) {
            Files.move(target, old, StandardCopyOption.ATOMIC_MOVE);
        }
        Files.move(staging.resolve(name), target, StandardCopyOption.ATOMIC_MOVE);
        FileTrees.delete(old);
    }
}
