package dev.attnvision.core.train;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import dev.attnvision.attention.ParameterPaths;
import dev.attnvision.attention.ParameterValues;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Warm-starts a network from another one: copies every parameter whose dotted path ({@link ParameterPaths}) and shape
 * match, and lists the rest. Used to start x3/x4 super-resolution from an x2 model, whose trunk is the same and whose
 * upsampler differs (the way EDSR and BasicSR fine-tune larger scales from x2).
 */
public final class ParameterTransfer {
    private ParameterTransfer() {}

    /**
     * What a transfer did.
     *
     * @param copied paths copied
     * @param skipped paths of the target left as they were, each with the reason
     * @param notes what the network's own rules did beyond the copy (such as blocks started as the identity)
     */
    public record Report(List<String> copied, List<String> skipped, List<String> notes) {
        public Report {
            copied = List.copyOf(copied);
            skipped = List.copyOf(skipped);
            notes = List.copyOf(notes);
        }

        /** This report with {@code note} added. */
        public Report withNote(String note) {
            List<String> more = new ArrayList<>(notes);
            more.add(note);
            return new Report(copied, skipped, more);
        }

        /** Writes the counts, then each skipped path with its reason and the notes, for the run's log. */
        public void print(PrintStream log) {
            log.printf("--init-from: copied %d parameters, skipped %d%n", copied.size(), skipped.size());
            skipped.forEach(path -> log.println("  skipped " + path));
            notes.forEach(note -> log.println("  " + note));
        }
    }

    /** Copies the matching parameters of {@code source} into {@code target} (both initialised). */
    public static Report copyMatching(Block source, Block target) {
        Map<String, Parameter> from = ParameterPaths.of(source);
        List<String> copied = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        for (Map.Entry<String, Parameter> entry : ParameterPaths.of(target).entrySet()) {
            String path = entry.getKey();
            NDArray to = entry.getValue().getArray();
            Parameter match = from.get(path);
            if (match == null) {
                skipped.add(path + " (not in the source model)");
            } else if (!match.getArray().getShape().equals(to.getShape())) {
                skipped.add(path + " (shape " + to.getShape() + " here, " + match.getArray().getShape() + " in the source)");
            } else {
                ParameterValues.assign(to, match.getArray());
                copied.add(path);
            }
        }
        return new Report(copied, skipped, List.of());
    }
}
