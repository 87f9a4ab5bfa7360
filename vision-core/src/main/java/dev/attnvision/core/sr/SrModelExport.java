package dev.attnvision.core.sr;

import ai.djl.nn.Block;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.attnvision.core.model.ModelArchitecture;
import dev.attnvision.core.model.ModelManifest;
import dev.attnvision.core.model.ModelStore;
import dev.attnvision.core.train.ModelExport;
import dev.attnvision.core.train.RunModels;
import dev.attnvision.core.train.TrainingState;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Saves a training run's A2N as models in the project's format ({@link ModelStore}: {@code model.json} +
 * {@code model.params}) inside the run folder, {@code best/} and {@code last/}, usable wherever a model path is
 * accepted ({@link RunModels}). The manifest records the command, the data, the iterations, the wall time and the
 * validation metrics.
 */
public final class SrModelExport implements ModelExport {
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * What the manifests say about the run.
     *
     * @param command the command line that started the run
     * @param data the training data (a folder)
     * @param validation the validation set's name, used in metric names ({@code "Set5 PSNR-Y dB"})
     * @param degradation the training degradation's name
     * @param initFrom the model training started from, or null
     * @param baseParameters that model's parameter file, for the saved models to carry (see {@link
     *     ModelStore#save(ModelStore.NewModel, Block, byte[])}), or null
     */
    public record RunDescription(String command, String data, String validation, String degradation,
            ModelManifest.BaseModel initFrom, byte[] baseParameters) {}

    private final Path runDir;
    private final A2nConfig config;
    private final RunDescription run;
    private final Clock clock;

    public SrModelExport(Path runDir, A2nConfig config, RunDescription run, Clock clock) {
        this.runDir = runDir;
        this.config = config;
        this.run = run;
        this.clock = clock;
    }

    @Override
    public void export(String name, Block network, TrainingState state, Map<String, Double> metrics) throws IOException {
        Map<String, Double> named = new LinkedHashMap<>();
        metrics.forEach((metric, value) -> named.put(run.validation() + " "
                + (metric.equals("psnr") ? "PSNR-Y dB" : metric.toUpperCase(Locale.ROOT) + "-Y"), value));
        String note = String.format(Locale.ROOT, "%s model of a training run on %s, %s degradation: %d iterations,"
                + " %.0f s wall time, seed %d%s", name, run.data(), run.degradation(), state.iteration(),
                state.trainingSeconds(), state.seed(), metrics.isEmpty() ? "" : ", validated on " + run.validation());
        RunModels.save(runDir, name, store -> store.save(new ModelStore.NewModel(name, ModelArchitecture.A2N,
                config.scale(), JSON.valueToTree(config), new ModelManifest.Provenance(run.command(), "",
                        clock.instant().toString(), note, run.initFrom()), named), network, run.baseParameters()));
    }
}
