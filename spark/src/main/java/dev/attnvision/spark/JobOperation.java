package dev.attnvision.spark;

import dev.attnvision.core.detect.DetectOperation;
import dev.attnvision.core.detect.DetectionSettings;
import dev.attnvision.core.model.StoredModel;
import dev.attnvision.core.pipeline.ImageOperation;
import dev.attnvision.core.sr.UpscalePlan;
import java.io.IOException;
import java.io.Serializable;

/**
 * What a job does to each image, as shipped to the executors (once each, in a broadcast, with the models' bytes):
 * the description the executor opens its {@link ImageOperation} from.
 */
sealed interface JobOperation extends Serializable {
    /** The verb of messages and of the summary. */
    String name();

    /** Equal for jobs whose operations are interchangeable, so an executor loads each model once. */
    String cacheKey();

    /** Loads the models and makes the operation. */
    ImageOperation open() throws IOException;

    /**
     * Detection with the CLI's settings.
     *
     * @param model the detector
     * @param settings thresholds, class filter, canvas
     * @param images whether annotated images are written
     * @param labels whether YOLO label files are written
     * @param labelScores whether label lines end with the score
     */
    record Detect(StoredModel model, DetectionSettings settings, boolean images, boolean labels, boolean labelScores)
            implements JobOperation {
        @Override
        public String name() {
            return "detect";
        }

        @Override
        public String cacheKey() {
            return "detect " + model.manifest().parametersSha256() + " " + settings + " " + images;
        }

        @Override
        public ImageOperation open() throws IOException {
            return DetectOperation.model(model, settings, images);
        }
    }

    /**
     * Upscaling as the CLI plans it.
     *
     * @param plan the method, models, blend and tiling
     */
    record Upscale(UpscalePlan plan) implements JobOperation {
        @Override
        public String name() {
            return "upscale";
        }

        @Override
        public String cacheKey() {
            return "upscale x" + plan.scale() + " " + sha(plan.model()) + " " + sha(plan.base()) + " "
                    + plan.strength() + " " + plan.tiling();
        }

        private static String sha(StoredModel model) {
            return model == null ? "-" : model.manifest().parametersSha256();
        }

        @Override
        public ImageOperation open() throws IOException {
            return plan.open();
        }
    }
}
