package dev.attnvision.core.sr;

import ai.djl.Model;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.attnvision.core.data.ImageFolder;
import dev.attnvision.core.data.PairedSrDataset;
import dev.attnvision.core.image.ImageCodec;
import dev.attnvision.core.image.Raster;
import dev.attnvision.core.model.ModelArchitecture;
import dev.attnvision.core.model.ModelManifest;
import dev.attnvision.core.model.StoredModel;
import dev.attnvision.core.train.ParameterTransfer;
import dev.attnvision.core.train.ProgressReporter;
import dev.attnvision.core.train.TrainingState;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Map;
import java.util.Optional;

/**
 * One {@code train sr} run end to end: reads the training and validation folders, builds the A2N, starts it from
 * the seed, from another model's matching parameters ({@code --init-from}) or from the run's last checkpoint
 * ({@code --resume}), trains with {@link SrTrainer} and saves the best and last models with {@link SrModelExport}.
 * A run started from a model of the same network keeps that model's parameters in the run folder ({@code
 * base.params}) and every saved model carries them, so {@code --denoise} can blend it with its starting point even
 * after the model of that name has been replaced ({@link dev.attnvision.core.model.StoredModel#carriedBase}).
 */
public final class SrTrainingRun {
    /** The run folder's record of what it trains. */
    public static final String RUN_FILE = "sr-run.json";

    private static final ObjectMapper JSON = new ObjectMapper();

    private SrTrainingRun() {}

    /**
     * What to run.
     *
     * @param data folder of HR training images
     * @param validation folder of HR validation images, or null for none
     * @param runDir where checkpoints, log, plot and models go
     * @param training the training settings
     * @param network the A2N to train (its scale must be the training scale)
     * @param resume continue the run in {@code runDir} from its newest checkpoint
     * @param command the command line, recorded in the models' manifests
     * @param initFrom the model whose matching parameters a new run starts from, recorded in the manifests (a
     *     resumed run keeps the one its folder recorded), or null
     */
    public record Request(Path data, Path validation, Path runDir, SrTrainingConfig training, A2nConfig network,
            boolean resume, String command, StoredModel initFrom) {
        public Request {
            if (network.scale() != training.scale()) {
                throw new IllegalArgumentException("the network upscales by " + network.scale() + " but training is for x"
                        + training.scale());
            }
        }
    }

    /**
     * What happened.
     *
     * @param state the final training state
     * @param transfer what {@code initFrom} provided, or null without it
     */
    public record Result(TrainingState state, ParameterTransfer.Report transfer) {}

    /** Runs {@code request}; {@code log} receives a few lines about the data and the start. */
    public static Result run(Request request, ProgressReporter.Factory progress, Clock clock, PrintStream log)
            throws IOException {
        SrTrainingConfig config = request.training();
        ImageCodec codec = new ImageCodec(ImageCodec.DEFAULT_MAX_PIXELS);
        Map<String, Raster> images = ImageFolder.load(request.data(), codec, config.workers());
        ModelManifest.BaseModel startedFrom = recordRun(request);
        byte[] baseParameters = baseParameters(request, startedFrom);
        PairedSrDataset data = new PairedSrDataset(new ArrayList<>(images.values()), config.degradation(),
                config.scale(), config.patch(), config.batch(), config.seed());
        log.printf("training on %d images of %s%s, degradation %s%n", data.size(), request.data(),
                data.skipped() == 0 ? "" : " (" + data.skipped() + " smaller than a patch left out)",
                config.degradation().name());
        Map<String, Raster> validation = request.validation() == null ? Map.of()
                : ImageFolder.load(request.validation(), codec, config.workers());
        if (!validation.isEmpty()) {
            log.printf("validating on %d images of %s every %d iterations%n", validation.size(), request.validation(),
                    config.validateEvery());
        }
        String validationName = (request.validation() == null ? "validation"
                : request.validation().toAbsolutePath().normalize().getFileName().toString())
                + (config.degradation().deterministic() ? "" : " " + config.degradation().name() + ":" + config.seed());
        try (Model model = Model.newInstance("a2n-x" + config.scale())) {
            A2n network = A2n.builder().setConfig(request.network()).build();
            model.setBlock(network);
            network.initialize(model.getNDManager(), DataType.FLOAT32, A2n.sampleInputShape());
            SrModelExport export = new SrModelExport(request.runDir(), request.network(),
                    new SrModelExport.RunDescription(request.command(), request.data().toString(), validationName,
                            config.degradation().name(), startedFrom, baseParameters), clock);
            SrTrainer trainer = new SrTrainer(model, config, data, validation, request.runDir(), clock, export);
            ParameterTransfer.Report transfer = null;
            if (request.initFrom() != null) {
                try (NDManager scratch = NDManager.newBaseManager()) {
                    transfer = trainer.initFrom(request.initFrom().load(scratch));
                }
                transfer.print(log);
            }
            TrainingState end = trainer.train(request.resume(), progress);
            return new Result(end, transfer);
        }
    }

    /**
     * What a run trains, recorded in its folder so that a resume cannot continue it as another network or on
     * another degradation, and still knows the model it started from.
     *
     * @param network the A2N
     * @param degradation the degradation's name
     * @param initFrom the model the run started from ({@code --init-from}), or null
     */
    record RunRecord(A2nConfig network, String degradation,
            @JsonInclude(JsonInclude.Include.NON_NULL) ModelManifest.BaseModel initFrom) {}

    /**
     * Writes the run's record, or, resuming a run that has one, checks it trains the same network on the same
     * degradation. Returns the model the run started from (the record's on a resume), or null.
     */
    private static ModelManifest.BaseModel recordRun(Request request) throws IOException {
        RunRecord run = new RunRecord(request.network(), request.training().degradation().name(),
                request.initFrom() == null ? null : ModelManifest.BaseModel.of(request.initFrom().manifest()));
        Path file = request.runDir().resolve(RUN_FILE);
        if (request.resume() && Files.exists(file)) {
            RunRecord recorded = JSON.readValue(file.toFile(), RunRecord.class);
            if (!recorded.network().equals(run.network()) || !recorded.degradation().equals(run.degradation())) {
                throw new IllegalArgumentException("the run in " + request.runDir() + " trains " + describe(recorded)
                        + ", not " + describe(run) + " (see its " + RUN_FILE + "); resume with the run's --features,"
                        + " --blocks and --degradation, or start a new run folder");
            }
            return recorded.initFrom();
        }
        Files.createDirectories(request.runDir());
        JSON.writeValue(file.toFile(), run);
        return run.initFrom();
    }

    /**
     * The parameters of the model the run started from, for its saved models to carry (the clean end of {@code
     * --denoise}), or null when it started from none or from another network (which could not be blended with it).
     * A model that itself carries the parameters it was fine-tuned from passes those on: a fine-tune of a photo
     * model blends with the clean model, not with the photo model. A new run writes them to the run folder; a
     * resumed one reads them back.
     */
    private static byte[] baseParameters(Request request, ModelManifest.BaseModel startedFrom) throws IOException {
        Path file = request.runDir().resolve(ModelManifest.BASE_PARAMETERS_FILE);
        if (request.resume()) {
            byte[] bytes = Files.exists(file) ? Files.readAllBytes(file) : null;
            return bytes != null && startedFrom != null && startedFrom.contains(StoredModel.sha256(bytes)) ? bytes : null;
        }
        Files.deleteIfExists(file);
        StoredModel from = request.initFrom();
        if (from == null || !from.manifest().architecture().equals(ModelArchitecture.A2N.id())
                || !from.manifest().config().equals(JSON.valueToTree(request.network()))) {
            return null;
        }
        Optional<StoredModel> carried = from.carriedBase();
        byte[] bytes = carried.isPresent() ? carried.get().verifiedParameters() : from.verifiedParameters();
        Files.write(file, bytes);
        return bytes;
    }

    private static String describe(RunRecord run) {
        A2nConfig n = run.network();
        return "x" + n.scale() + " A2N of " + n.blocks() + " blocks x " + n.features() + " features on the "
                + run.degradation() + " degradation";
    }
}
