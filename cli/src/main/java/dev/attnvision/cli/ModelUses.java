package dev.attnvision.cli;

import dev.attnvision.cli.mixin.DetectionOptions;
import dev.attnvision.core.model.ModelArchitecture;
import dev.attnvision.core.model.ModelManifest;
import dev.attnvision.core.model.ModelRegistry;
import dev.attnvision.core.model.StoredModel;
import dev.attnvision.core.sr.SrModelChoice;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What each reachable model is for, as {@code models list} and {@code --version} show it: photos or clean images for
 * the upscalers, and which model a command runs when none is named ({@code default of upscale -s 2}).
 */
final class ModelUses {
    private final Map<String, String> defaults = new HashMap<>();

    private ModelUses() {}

    /** The uses among the models {@code registry} reaches. */
    static ModelUses of(ModelRegistry registry) throws IOException {
        ModelUses uses = new ModelUses();
        for (int scale = 2; scale <= 4; scale++) {
            try {
                uses.defaults.put(SrModelChoice.standard(registry, scale).manifest().name(), "default of upscale -s "
                        + scale);
            } catch (IllegalArgumentException none) {
                // no model for this scale: upscale -s N says so when asked
            }
        }
        uses.defaults.put(DetectionOptions.DEFAULT_MODEL, "default of detect");
        return uses;
    }

    /** The use of {@code model}, e.g. {@code photos; default of upscale -s 4}; empty when there is nothing to say. */
    String of(StoredModel model) {
        ModelManifest m = model.manifest();
        List<String> parts = new ArrayList<>();
        if (ModelArchitecture.A2N.id().equals(m.architecture())) {
            if (m.name().equals(SrModelChoice.photoName(m.scale()))) {
                parts.add("photos (blur, noise, JPEG)");
            } else if (m.name().equals(SrModelChoice.realName(m.scale()))) {
                parts.add("badly degraded photos (Real-ESRGAN's worst cases)");
            } else if (m.name().equals(SrModelChoice.cleanName(m.scale()))) {
                parts.add("clean images, renders");
            }
        }
        if (defaults.containsKey(m.name())) {
            parts.add(defaults.get(m.name()));
        }
        return String.join("; ", parts);
    }
}
