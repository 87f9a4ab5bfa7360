package dev.attnvision.core.sr;

import dev.attnvision.core.model.ModelArchitecture;
import dev.attnvision.core.model.ModelRegistry;
import dev.attnvision.core.model.StoredModel;
import java.io.IOException;

/**
 * Which super-resolution model an upscaling request uses: the one named (a name or a folder), or by default the
 * standard model for the scale, {@code a2n-x2}, {@code a2n-x3} or {@code a2n-x4} (bundled, or imported under that
 * name). Refuses a model made for another scale. Every refusal is an {@link IllegalArgumentException} whose message
 * says what to do.
 */
public final class SrModelChoice {
    private SrModelChoice() {}

    /** The standard model name for {@code scale}: {@code a2n-x<scale>}. */
    public static String defaultName(int scale) {
        return ModelArchitecture.A2N.id() + "-x" + scale;
    }

    /**
     * The standard model for {@code scale}, {@link #defaultName}, bundled or stored.
     *
     * @throws IllegalArgumentException if there is none, saying how to get one
     */
    public static StoredModel standard(ModelRegistry registry, int scale) throws IOException {
        String name = defaultName(scale);
        return registry.all().stream().filter(m -> m.manifest().name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no model is available for x" + scale + ": " + name
                        + " is not bundled and not in " + registry.store().root() + ". Import released weights with"
                        + " 'attnvision models import FILE --arch a2n --scale " + scale + "' (stored as " + name
                        + "), give a model with --model NAME|PATH, or use --method bicubic"));
    }

    /**
     * {@code model}, if it upscales by {@code scale}.
     *
     * @throws IllegalArgumentException naming the model's scale otherwise
     */
    public static StoredModel requireScale(StoredModel model, int scale) {
        int modelScale = model.manifest().scale();
        if (modelScale != scale) {
            throw new IllegalArgumentException("model " + model.manifest().name() + " upscales by " + modelScale
                    + ", not " + scale + ": use -s " + modelScale + " or a model made for x" + scale);
        }
        return model;
    }
}
