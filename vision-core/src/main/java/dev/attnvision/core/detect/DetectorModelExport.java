package dev.attnvision.core.detect;

import ai.djl.nn.Block;
import dev.attnvision.core.model.ModelManifest;
import dev.attnvision.core.train.ModelExport;
import dev.attnvision.core.train.RunModels;
import dev.attnvision.core.train.TrainingState;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Saves a detection run's network as detector models ({@code ModelStore.saveDetector}) inside the run folder,
 * {@code best/} and {@code last/} ({@link RunModels}), usable wherever a model path is accepted. The model card in
 * {@code model.json} records the command, the data, the epochs and iterations, the wall time over all sessions, the
 * CPU time of this session and the validation metrics ({@code mAP@[.5:.95]}, {@code mAP@.5}).
 */
public final class DetectorModelExport implements ModelExport {
    /**
     * What the model card says about the run.
     *
     * @param command the command line that started the run
     * @param data the training data
     * @param validation the validation data, or "none"
     * @param iterationsPerEpoch iterations of one epoch, to count epochs
     */
    public record RunDescription(String command, String data, String validation, long iterationsPerEpoch) {}

    private final Path runDir;
    private final int imageSize;
    private final RunDescription run;
    private final Clock clock;
    private final LongSupplier cpuNanos;
    private final long cpuStart;

    /**
     * @param runDir the run folder
     * @param imageSize the canvas side the detector trains at
     * @param run the card's description of the run
     * @param clock the time of creation
     * @param cpuNanos the process's CPU time so far, read now and at each export
     */
    public DetectorModelExport(Path runDir, int imageSize, RunDescription run, Clock clock, LongSupplier cpuNanos) {
        this.runDir = runDir;
        this.imageSize = imageSize;
        this.run = run;
        this.clock = clock;
        this.cpuNanos = cpuNanos;
        this.cpuStart = cpuNanos.getAsLong();
    }

    @Override
    public void export(String name, Block network, TrainingState state, Map<String, Double> metrics) throws IOException {
        Map<String, Double> named = new LinkedHashMap<>();
        metrics.forEach((metric, value) -> named.put(metric.equals("map") ? "mAP@[.5:.95]"
                : metric.equals("map50") ? "mAP@.5" : metric, value));
        double cpuHours = (cpuNanos.getAsLong() - cpuStart) / 3.6e12;
        String note = String.format(Locale.ROOT, "%s detector of a training run on %s: %.2f epochs (%d iterations) at"
                + " %d px, seed %d, %.3f h wall time, %.3f CPU hours in its last session; validated on %s", name,
                run.data(), state.iteration() / (double) run.iterationsPerEpoch(), state.iteration(), imageSize,
                state.seed(), state.trainingSeconds() / 3600, cpuHours, run.validation());
        ModelManifest.Provenance provenance = new ModelManifest.Provenance(run.command(), "",
                clock.instant().toString(), note);
        RunModels.save(runDir, name, store -> store.saveDetector(name, (SingleStageDetector) network, imageSize,
                provenance, named));
    }
}
