package dev.attnvision.core.train;

import ai.djl.nn.Block;
import java.io.IOException;
import java.util.Map;

/**
 * Receives a trainer's network to save as a model: {@code "best"} on each improvement of the validation metric,
 * {@code "last"} at the end of the run. Shared by every trainer; each task saves in its own model format.
 */
@FunctionalInterface
public interface ModelExport {
    /** Saves {@code network}, reached by {@code state} with validation {@code metrics}, as the model {@code name}. */
    void export(String name, Block network, TrainingState state, Map<String, Double> metrics) throws IOException;
}
