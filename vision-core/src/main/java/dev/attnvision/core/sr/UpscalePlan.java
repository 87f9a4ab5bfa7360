package dev.attnvision.core.sr;

import dev.attnvision.core.model.StoredModel;
import dev.attnvision.core.pipeline.ImageOperation;
import java.io.IOException;
import java.io.Serializable;

/**
 * An upscaling request once its models are chosen: bicubic, one model, or a real-photo model blended with its clean
 * base. It is serialisable with its models' bytes, so a Spark job's executors open the very operation the CLI would.
 *
 * @param scale the factor
 * @param model the network, or null for bicubic
 * @param base the clean model {@code model} is blended with, or null to run {@code model} alone
 * @param strength the blend's weight of {@code model}, 0 to 1 (unused without {@code base})
 * @param tiling how large images are tiled (unused for bicubic)
 * @param selfEnsemble whether the network's outputs for the eight orientations are averaged ({@link SelfEnsemble})
 */
public record UpscalePlan(int scale, StoredModel model, StoredModel base, double strength, Tiling tiling,
        boolean selfEnsemble) implements Serializable {
    /** Bicubic interpolation. */
    public static UpscalePlan bicubic(int scale) {
        return new UpscalePlan(scale, null, null, 1, null, false);
    }

    /** Loads what the plan names and makes the operation (one model load, shared by its processors). */
    public ImageOperation open() throws IOException {
        if (model == null) {
            return UpscaleOperation.bicubic(scale);
        }
        UpscaleOperation network = base == null ? UpscaleOperation.model(model, tiling)
                : UpscaleOperation.blended(model, base, strength, tiling);
        return selfEnsemble ? network.selfEnsembled() : network;
    }
}
