package dev.attnvision.core.train;

import ai.djl.nn.Block;
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

    /** Writes {@code network} as {@code model} (whose name is the sub-folder) into {@code runDir}. */
    public static void save(Path runDir, ModelStore.NewModel model, Block network) throws IOException {
        String name = model.name();
        Path staging = runDir.resolve(".staging");
        FileTrees.delete(staging.resolve(name));
        new ModelStore(staging).save(model, network);
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
