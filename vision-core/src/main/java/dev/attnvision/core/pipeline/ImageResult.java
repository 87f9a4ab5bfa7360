package dev.attnvision.core.pipeline;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The record of one input after the run: what was written, how long each stage took, what went wrong.
 *
 * @param input the input file
 * @param status how it ended
 * @param outputs files written ({@link Status#OK}), or the existing output that was kept ({@link Status#SKIPPED})
 * @param error one line, or null for {@link Status#OK}
 * @param timing milliseconds per stage
 * @param fields the operation's own results (empty unless {@link Status#OK})
 */
public record ImageResult(Path input, Status status, List<Path> outputs, String error, Timing timing,
        Map<String, Object> fields) {

    /** How the processing of one input ended. */
    public enum Status {
        OK,
        /** Its output already existed and {@code --skip-existing} was given. */
        SKIPPED,
        FAILED
    }

    /**
     * Milliseconds spent per stage (0 for stages not reached).
     *
     * @param decodeMs reading and decoding
     * @param processMs the operation (inference)
     * @param encodeMs encoding and writing
     */
    public record Timing(double decodeMs, double processMs, double encodeMs) {
        /** No time spent. */
        public static final Timing NONE = new Timing(0, 0, 0);

        /** Sum of the stages. */
        public double totalMs() {
            return decodeMs + processMs + encodeMs;
        }
    }

    public ImageResult {
        outputs = List.copyOf(outputs);
        fields = Map.copyOf(fields);
    }

    static ImageResult failed(Path input, String error, Timing timing) {
        return new ImageResult(input, Status.FAILED, List.of(), error, timing, Map.of());
    }
}
