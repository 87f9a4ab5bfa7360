package dev.attnvision.core.sr;

import dev.attnvision.core.model.ModelArchitecture;
import dev.attnvision.core.model.ModelManifest;
import dev.attnvision.core.model.ModelRegistry;
import dev.attnvision.core.model.StoredModel;
import java.io.IOException;
import java.util.List;
import java.util.Optional;

/**
 * Which super-resolution model an upscaling request uses: the one named (a name or a folder), or by default the
 * photo model for the scale, {@code a2n-x<scale>-photo} (trained on one stage of blur, downscaling, noise and JPEG:
 * what camera and web photos carry), else the real-photo model {@code a2n-x<scale>-real} (Real-ESRGAN's harsher
 * second-order degradations), else the clean model {@code a2n-x<scale>} (bundled, or stored under that name).
 * Refuses a model made for another scale. With a denoise strength, finds the clean model a photo or real-photo model
 * was fine-tuned from: the parameters it carries, or a reachable model with the parameter checksum its manifest
 * records ({@link #denoisePair}). Every refusal is an {@link IllegalArgumentException} whose message says what to do.
 */
public final class SrModelChoice {
    private SrModelChoice() {}

    /** The clean (bicubic-trained) model name for {@code scale}: {@code a2n-x<scale>}. */
    public static String cleanName(int scale) {
        return ModelArchitecture.A2N.id() + "-x" + scale;
    }

    /** The real-photo model name for {@code scale}: {@code a2n-x<scale>-real}. */
    public static String realName(int scale) {
        return cleanName(scale) + "-real";
    }

    /** The photo model name for {@code scale}: {@code a2n-x<scale>-photo}. */
    public static String photoName(int scale) {
        return cleanName(scale) + "-photo";
    }

    /**
     * The default model for {@code scale}: the first reachable of {@link #photoName}, {@link #realName} and {@link
     * #cleanName}.
     *
     * @throws IllegalArgumentException if there is none, saying how to get one
     */
    public static StoredModel standard(ModelRegistry registry, int scale) throws IOException {
        List<StoredModel> all = registry.all();
        for (String name : List.of(photoName(scale), realName(scale), cleanName(scale))) {
            Optional<StoredModel> found = all.stream().filter(m -> m.manifest().name().equals(name)).findFirst();
            if (found.isPresent()) {
                return found.get();
            }
        }
        String name = cleanName(scale);
        throw new IllegalArgumentException("no model is available for x" + scale + ": " + photoName(scale) + ", "
                + realName(scale) + " and " + name + " are not bundled and not in " + registry.store().root()
                + ". Import released weights with"
                + " 'attnvision models import FILE --arch a2n --scale " + scale + "' (stored as " + name
                + "), give a model with --model NAME|PATH, or use --method bicubic");
    }

    /**
     * The model {@code tuned} was fine-tuned from ({@code train sr --init-from}): the other end of a {@code
     * --denoise} blend. The parameters {@code tuned} carries ({@link StoredModel#carriedBase}) if it does, else
     * the reachable model with the parameter checksum {@code tuned}'s manifest records; when that model is gone (a
     * fine-tune fine-tuned further), the nearest reachable ancestor in the recorded lineage.
     *
     * @throws IllegalArgumentException if {@code tuned} records no starting model, or that model is not reachable,
     *     or is not an A2N of the same configuration or one it grew from ({@link Net2NetDeepening})
     */
    public static StoredModel denoisePair(ModelRegistry registry, StoredModel tuned) throws IOException {
        ModelManifest manifest = tuned.manifest();
        ModelManifest.BaseModel base = manifest.provenance().initFrom();
        if (base == null) {
            throw new IllegalArgumentException("--denoise blends a photo model with the clean model it was"
                    + " fine-tuned from, but " + manifest.name() + " was not fine-tuned from another model; use a"
                    + " photo model such as " + photoName(manifest.scale()) + ", or leave out --denoise");
        }
        Optional<StoredModel> carried = tuned.carriedBase();
        StoredModel pair = carried.isPresent() ? carried.get() : reachableAncestor(registry, manifest);
        if (!pair.manifest().architecture().equals(manifest.architecture())
                || !Net2NetDeepening.canGrow(pair.a2nConfig(), tuned.a2nConfig())) {
            throw new IllegalArgumentException("--denoise: " + manifest.name() + " and " + pair.manifest().name()
                    + " are different networks (" + manifest.config() + " and " + pair.manifest().config()
                    + "); only one architecture (or a deeper one grown from it) can be blended");
        }
        return pair;
    }

    /** The nearest model of {@code tuned}'s recorded lineage that is bundled or stored. */
    private static StoredModel reachableAncestor(ModelRegistry registry, ModelManifest tuned) throws IOException {
        ModelManifest.BaseModel base = tuned.provenance().initFrom();
        List<StoredModel> reachable = registry.all();
        return base.lineage().stream()
                .flatMap(ancestor -> reachable.stream()
                        .filter(m -> m.manifest().parametersSha256().equals(ancestor.parametersSha256())))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("--denoise needs the model " + tuned.name()
                        + " was fine-tuned from (" + base.name() + ", parameters " + base.parametersSha256()
                        .substring(0, 12) + ", or one it descends from), but no bundled or stored model has those"
                        + " parameters; store it again (e.g. under " + registry.store().root() + ") or leave out"
                        + " --denoise"));
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
