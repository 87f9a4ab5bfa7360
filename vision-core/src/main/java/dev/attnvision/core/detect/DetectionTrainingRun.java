package dev.attnvision.core.detect;

import ai.djl.ndarray.NDManager;
import dev.attnvision.core.data.DetectionData;
import dev.attnvision.core.image.ImageCodec;
import dev.attnvision.core.train.ProgressReporter;
import dev.attnvision.core.train.TrainingState;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.util.function.LongSupplier;

/**
 * One {@code train detect} run end to end: opens the data ({@link DetectionData}), builds the detector preset for
 * its classes, trains it with {@link DetectionTrainer} from the seed or from the run's last checkpoint
 * ({@code --resume}) and saves the best and last models with {@link DetectorModelExport}.
 */
public final class DetectionTrainingRun {
    private DetectionTrainingRun() {}

    /**
     * What to run.
     *
     * @param data the {@code --data} argument (see {@link DetectionData#open})
     * @param validationSplit the validation split, or {@code none}
     * @param validationFile a separate validation dataset, or null
     * @param workingDir what relative paths are relative to
     * @param runDir where checkpoints, log, plot and models go
     * @param preset the detector preset (one of {@link DetectorConfig#PRESETS})
     * @param training the training settings
     * @param resume continue the run in {@code runDir} from its newest checkpoint
     * @param command the command line, recorded in the model cards
     */
    public record Request(String data, String validationSplit, Path validationFile, Path workingDir, Path runDir,
            String preset, DetectionTrainingConfig training, boolean resume, String command) {}

    /**
     * Runs {@code request}; {@code log} receives a few lines about the data and the start, {@code cpuNanos} is the
     * process's CPU time (for the model card).
     */
    public static TrainingState run(Request request, ProgressReporter.Factory progress, Clock clock,
            LongSupplier cpuNanos, PrintStream log) throws IOException {
        DetectionTrainingConfig config = request.training();
        DetectionData data = DetectionData.open(request.data(), request.workingDir(), request.validationSplit(),
                request.validationFile(), config.side(), config.seed(), new ImageCodec(ImageCodec.DEFAULT_MAX_PIXELS));
        DetectorConfig network = DetectorConfig.preset(request.preset(), data.train().classNames());
        String validation = data.validation() == null ? "none" : data.validation().description();
        try (NDManager manager = NDManager.newBaseManager()) {
            DetectionTrainer trainer = new DetectionTrainer(network, manager, config, data.train(), data.validation(),
                    request.runDir(), clock);
            log.printf("training %s on %s, %d iterations per epoch of %d images%n", request.preset(),
                    data.train().description(), trainer.iterationsPerEpoch(), config.batch());
            log.println("validating on " + validation + " after every epoch");
            DetectorModelExport export = new DetectorModelExport(request.runDir(), config.side(),
                    new DetectorModelExport.RunDescription(request.command(), data.train().description(), validation,
                            trainer.iterationsPerEpoch()), clock, cpuNanos);
            return trainer.train(request.resume(), progress, export);
        }
    }
}
