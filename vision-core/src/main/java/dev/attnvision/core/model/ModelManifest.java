package dev.attnvision.core.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The {@code model.json} beside a model's parameters: what the model is, how to rebuild its network, the checksum of
 * its parameter file, where it came from and how well it does.
 *
 * <pre>{@code
 * {
 *   "name" : "a2n-x2",
 *   "architecture" : "a2n",
 *   "scale" : 2,
 *   "config" : { "scale" : 2, "features" : 40, "upsamplingFeatures" : 24, "blocks" : 16 },
 *   "parametersSha256" : "<64 hex digits of model.params>",
 *   "provenance" : { "source" : "aan_x2.pt", "sourceSha256" : "...", "created" : "2026-11-21T00:00:00Z",
 *                    "note" : "imported from a PyTorch checkpoint" },
 *   "metrics" : { "Set5 PSNR-Y dB" : 38.06 }
 * }
 * }</pre>
 *
 * @param name the model's name, used on the command line: lower-case letters, digits, {@code .}, {@code _} and
 *     {@code -}, starting with a letter or digit
 * @param architecture the network family, one of {@link ModelArchitecture}'s names
 * @param scale the upscaling factor (1 for models that do not upscale)
 * @param config the architecture's configuration record as JSON (for A2N an {@code A2nConfig})
 * @param parametersSha256 SHA-256 of the DJL parameter file, lower-case hex
 * @param provenance where the weights came from
 * @param metrics evaluation results by name (may be empty)
 */
public record ModelManifest(String name, String architecture, int scale, JsonNode config, String parametersSha256,
        Provenance provenance, Map<String, Double> metrics) {
    /** The file name of a manifest. */
    public static final String FILE = "model.json";
    /** The file name of the DJL parameters beside it. */
    public static final String PARAMETERS_FILE = "model.params";
    /**
     * The file a fine-tuned model may hold beside its own parameters: those of the model it was fine-tuned from
     * ({@link Provenance#initFrom}), so that a {@code --denoise} blend needs no other model.
     */
    public static final String BASE_PARAMETERS_FILE = "base.params";

    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");
    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

    /**
     * Where a model's weights came from.
     *
     * @param source the file they were imported from, or the command that trained them
     * @param sourceSha256 SHA-256 of the source file, or empty when there is none
     * @param created when the model was made (ISO-8601 instant)
     * @param note free text: licence, citation, training data
     * @param initFrom the model whose parameters training started from ({@code --init-from}), or null
     */
    public record Provenance(String source, String sourceSha256, String created, String note,
            @JsonInclude(JsonInclude.Include.NON_NULL) BaseModel initFrom) {
        /** Provenance of weights that started from no other model. */
        public Provenance(String source, String sourceSha256, String created, String note) {
            this(source, sourceSha256, created, note, null);
        }
    }

    /**
     * The model a training run started from: what makes two models of one architecture interpolable
     * (network interpolation needs a fine-tuned model and its starting point).
     *
     * @param name the name it had when training started
     * @param parametersSha256 its {@link #parametersSha256}
     * @param initFrom the model it had itself started from, or null: the lineage, so that a model fine-tuned
     *     further still finds its clean ancestor once the intermediate model is replaced
     */
    public record BaseModel(String name, String parametersSha256,
            @JsonInclude(JsonInclude.Include.NON_NULL) BaseModel initFrom) {
        /** The starting point of a run from {@code model}, with {@code model}'s own lineage. */
        public static BaseModel of(ModelManifest model) {
            return new BaseModel(model.name(), model.parametersSha256(), model.provenance().initFrom());
        }

        /** The nearest of this model and its ancestors with the parameter checksum {@code sha256}, if any. */
        public java.util.Optional<BaseModel> find(String sha256) {
            return lineage().stream().filter(m -> m.parametersSha256().equals(sha256)).findFirst();
        }

        /** Whether this model or one of its ancestors has the parameter checksum {@code sha256}. */
        public boolean contains(String sha256) {
            return find(sha256).isPresent();
        }

        /** This model and its ancestors, nearest first. */
        public java.util.List<BaseModel> lineage() {
            java.util.List<BaseModel> lineage = new java.util.ArrayList<>();
            for (BaseModel m = this; m != null; m = m.initFrom()) {
                lineage.add(m);
            }
            return lineage;
        }
    }

    public ModelManifest {
        checkName(name);
        if (architecture == null || config == null || provenance == null) {
            throw new IllegalArgumentException("model " + name + ": architecture, config and provenance are required");
        }
        if (parametersSha256 == null || !SHA256.matcher(parametersSha256).matches()) {
            throw new IllegalArgumentException("model " + name + ": parametersSha256 must be 64 lower-case hex digits, got "
                    + parametersSha256);
        }
        metrics = metrics == null ? Map.of() : java.util.Collections.unmodifiableMap(new TreeMap<>(metrics));
    }

    /** Throws if {@code name} cannot name a model (it becomes a folder name). */
    public static String checkName(String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("invalid model name '" + name + "': use 1 to 64 lower-case letters,"
                    + " digits, '.', '_' or '-', starting with a letter or digit (e.g. a2n-x2)");
        }
        return name;
    }

    /** The JSON reader and writer of manifests (indented, stable field order). */
    static ObjectMapper json() {
        return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    }
}
