package dev.attnvision.cli;

import dev.attnvision.core.train.TrainingState;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Locale;

/** The closing lines of a training command on standard output: iterations, best validation value, model folders. */
final class TrainingSummary {
    private TrainingSummary() {}

    /**
     * Prints the summary of a run that ended in {@code end}.
     *
     * @param bestFormat how the best validation value is shown, e.g. {@code "PSNR-Y %.3f dB"}
     */
    static void print(Session session, TrainingState end, Path runDir, String bestFormat) {
        PrintStream out = session.out();
        out.printf(Locale.ROOT, "trained %d iterations (%.0f s of training in all)%n", end.iteration(),
                end.trainingSeconds());
        boolean validated = !Double.isNaN(end.bestMetric());
        if (validated) {
            out.printf(Locale.ROOT, "best validation " + bestFormat + " at iteration %d%n", end.bestMetric(),
                    end.bestIteration());
        }
        out.println("models: " + (validated ? session.show(runDir.resolve("best")) + " (best validation), " : "")
                + session.show(runDir.resolve("last")) + " (last)");
    }
}
