package dev.attnvision.core.pipeline;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Function;

/**
 * Writes per-image results as JSON Lines (one object per line, flushed per image) for scripts:
 *
 * <pre>{"input":"a.jpg","status":"ok","outputs":["out/a.jpg"],"error":null,
 *  "timing":{"decode_ms":3.1,"process_ms":12.0,"encode_ms":4.2,"total_ms":19.3},"scale":4,...}</pre>
 *
 * The operation's own fields (scale, detections...) follow the common ones at the top level. Each line is flushed
 * as it is written, so a consumer sees results as they come.
 */
public final class JsonLines {
    private final ObjectMapper mapper = new ObjectMapper();
    private final PrintStream out;
    private final Function<Path, String> showPath;

    /**
     * @param out where the lines go (standard output)
     * @param showPath how paths are written (e.g. relative to the working folder)
     */
    public JsonLines(PrintStream out, Function<Path, String> showPath) {
        this.out = out;
        this.showPath = showPath;
    }

    /**
     * Writes one result as one line.
     *
     * @throws UncheckedIOException if standard output is gone (the reader of a pipe exited), so the run can stop
     */
    public void write(ImageResult r) {
        ObjectNode o = mapper.createObjectNode();
        o.put("input", showPath.apply(r.input()));
        o.put("status", r.status().name().toLowerCase(java.util.Locale.ROOT));
        ArrayNode outputs = o.putArray("outputs");
        r.outputs().forEach(p -> outputs.add(showPath.apply(p)));
        o.put("error", r.error());
        ObjectNode timing = o.putObject("timing");
        timing.put("decode_ms", round(r.timing().decodeMs()));
        timing.put("process_ms", round(r.timing().processMs()));
        timing.put("encode_ms", round(r.timing().encodeMs()));
        timing.put("total_ms", round(r.timing().totalMs()));
        for (Map.Entry<String, Object> field : new java.util.TreeMap<>(r.fields()).entrySet()) {
            o.set(field.getKey(), mapper.valueToTree(field.getValue()));
        }
        out.println(o);
        if (out.checkError()) {
            throw new UncheckedIOException(new IOException("standard output was closed"));
        }
    }

    private static double round(double ms) {
        return Math.round(ms * 100) / 100.0;
    }
}
