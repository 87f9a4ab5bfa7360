package dev.attnvision.core.detect;

import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import dev.attnvision.core.data.DetectionData;
import dev.attnvision.core.detect.anchor.AnchorConfig;
import dev.attnvision.core.detect.anchor.MaxIouAssigner;
import dev.attnvision.core.image.ImageCodec;
import dev.attnvision.core.train.ProgressReporter;
import dev.attnvision.core.train.TrainingState;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.function.LongSupplier;

/**
 * One {@code train detect} run end to end: opens the data ({@link DetectionData}), builds the detector preset for
 * its classes, trains it with {@link DetectionTrainer} from the seed, from another detector's matching parameters
 * ({@code --init-from}) or from the run's last checkpoint ({@code --resume}) and saves the best and last models with
 * {@link DetectorModelExport}. The run folder keeps the detector's config ({@value #NETWORK_FILE}) so that a resumed
 * run cannot silently continue with another one.
 */
public final class DetectionTrainingRun {
    /** The run folder's record of the detector being trained. */
    public static final String NETWORK_FILE = "detector.json";
    /** Issues listed before training; {@code data check} lists all. */
    private static final int LOGGED_ISSUES = 10;

    private DetectionTrainingRun() {}

    /**
     * What to run.
     *
     * @param data the {@code --data} argument (see {@link DetectionData#open})
     * @param splits the validation split, a separate validation dataset or the held-out fraction
     * @param workingDir what relative paths are relative to
     * @param runDir where checkpoints, log, plot and models go
     * @param preset the detector preset (one of {@link DetectorConfig#PRESETS})
     * @param anchorBase the anchors' base size in strides ({@link AnchorConfig#retinaNet(java.util.List, float)})
     * @param training the training settings
     * @param resume continue the run in {@code runDir} from its newest checkpoint
     * @param command the command line, recorded in the model cards
     */
    public record Request(String data, DetectionData.Splits splits, Path workingDir, Path runDir,
            String preset, float anchorBase, DetectionTrainingConfig training, boolean resume, String command) {}

    /**
     * Runs {@code request}; {@code initFrom} (may be null) is a model to copy matching parameters from, {@code log}
     * receives a few lines about the data and the start, {@code cpuNanos} is the process's CPU time (for the model
     * card).
     */
    public static TrainingState run(Request request, Block initFrom, ProgressReporter.Factory progress, Clock clock,
            LongSupplier cpuNanos, PrintStream log) throws IOException {
        DetectionTrainingConfig config = request.training();
        DetectionData data = DetectionData.open(request.data(), request.workingDir(), request.splits(), config.side(),
                config.seed(), new ImageCodec(ImageCodec.DEFAULT_MAX_PIXELS), config.workers());
        DetectorConfig network = DetectorConfig.preset(request.preset(), data.train().classNames())
                .withAnchorBase(request.anchorBase());
        data.report(log, config.side(), network.anchors().fit(MaxIouAssigner.RETINANET_POSITIVE_IOU), LOGGED_ISSUES);
        recordNetwork(request.runDir(), network, request.resume());
        String validation = data.validation() == null ? "none" : data.validation().description();
        try (NDManager manager = NDManager.newBaseManager()) {
            DetectionTrainer trainer = new DetectionTrainer(network, manager, config, data.train(), data.validation(),
                    request.runDir(), clock);
            if (initFrom != null) {
                trainer.initFrom(initFrom).print(log);
            }
            log.printf("training %s on %s, %d iterations per epoch of %d images%n", request.preset(),
                    data.train().description(), trainer.iterationsPerEpoch(), config.batch());
            log.println("validating on " + validation + " after every epoch");
            DetectorModelExport export = new DetectorModelExport(request.runDir(), config.side(),
                    new DetectorModelExport.RunDescription(request.command(), data.train().description(), validation,
                            trainer.iterationsPerEpoch()), clock, cpuNanos);
            return trainer.train(request.resume(), progress, export);
        }
    }

    /**
     * Writes {@code network} into the run folder, or, resuming a run that recorded one, checks it is the same (a
     * different preset, class list or anchor base would otherwise load the checkpoint into a network it was not
     * trained as).
     */
    private static void recordNetwork(Path runDir, DetectorConfig network, boolean resume) throws IOException {
        Path file = runDir.resolve(NETWORK_FILE);
        if (resume && Files.exists(file)) {
            DetectorConfig recorded = DetectorConfig.read(file);
            if (!recorded.equals(network)) {
                throw new IllegalArgumentException("the run in " + runDir + " trains another detector than these "
                        + "options make (see its " + NETWORK_FILE + "); resume with the run's --config, --anchor-base "
                        + "and data, or start a new run folder");
            }
            return;
        }
        Files.createDirectories(runDir);
        network.write(file);
    }
}
