package dev.attnvision.core.explain;

import ai.djl.ndarray.NDManager;
import dev.attnvision.core.image.Raster;
import java.util.List;

/**
 * Shows what one network family attends to in an image: it runs one forward pass with an attention probe and turns
 * the recorded maps into {@link Figure}s. Implementations hold only the network (read-only), so one explainer
 * serves every worker thread.
 */
public interface Explainer {
    /** The parts every explanation has, in the order they are listed (known before any image is seen). */
    List<String> parts();

    /**
     * Explains one image.
     *
     * @param image any Raster (grey and alpha are handled by the explainer)
     * @param manager the parent of the sub-manager the forward pass runs in; nothing stays attached to it
     * @return figures for exactly {@link #parts()}, and their numbers
     */
    Explanation explain(Raster image, NDManager manager);
}
