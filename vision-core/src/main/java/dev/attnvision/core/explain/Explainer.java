package dev.attnvision.core.explain;

import ai.djl.ndarray.NDManager;
import dev.attnvision.core.image.Raster;

/**
 * Shows what one network family attends to in an image: it runs one forward pass with an attention probe and turns
 * the recorded maps into {@link Figure}s. Implementations hold only the network (read-only), so one explainer
 * serves every worker thread.
 */
public interface Explainer {
    /**
     * Explains one image.
     *
     * @param image any Raster (grey and alpha are handled by the explainer)
     * @param manager the parent of the sub-manager the forward pass runs in; nothing stays attached to it
     * @return its figures, one per output part, and their numbers
     */
    Explanation explain(Raster image, NDManager manager);
}
