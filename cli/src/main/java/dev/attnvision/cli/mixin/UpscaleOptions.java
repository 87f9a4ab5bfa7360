package dev.attnvision.cli.mixin;

import dev.attnvision.cli.CliEnvironment;
import dev.attnvision.cli.ModelArgument;
import dev.attnvision.cli.Session;
import dev.attnvision.core.model.StoredModel;
import dev.attnvision.core.sr.SrModelChoice;
import dev.attnvision.core.sr.Tiling;
import dev.attnvision.core.sr.UpscalePlan;
import java.io.IOException;
import java.util.List;
import java.util.OptionalDouble;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** How images are upscaled: the factor, the method, the model and its blend, the tiling, the self-ensemble. */
public final class UpscaleOptions {
    private static final List<Integer> SCALES = List.of(2, 3, 4);
    private static final String MODEL = "model";
    private static final String BICUBIC = "bicubic";
    private static final List<String> METHODS = List.of(MODEL, BICUBIC);

    @Spec(Spec.Target.MIXEE)
    CommandSpec spec;

    @Option(names = {"-s", "--scale"}, paramLabel = "N", defaultValue = "4",
            description = "Upscaling factor: 2, 3 or 4 (default: ${DEFAULT-VALUE}).")
    int scale;

    @Option(names = "--method", paramLabel = "NAME", defaultValue = MODEL, completionCandidates = Methods.class,
            description = "Upscaling method: ${COMPLETION-CANDIDATES} (model: the network given by --model;"
                + " bicubic: the non-learned baseline; default: ${DEFAULT-VALUE}).")
    String method;

    @Mixin ModelOptions model;
    @Mixin DenoiseOption denoise;
    @Mixin TilingOptions tiling;
    @Mixin SelfEnsembleOption selfEnsemble;

    /** The values of {@code --method}. */
    static final class Methods implements Iterable<String> {
        @Override
        public java.util.Iterator<String> iterator() {
            return METHODS.iterator();
        }
    }

    /** Whether a network runs (else bicubic interpolation). */
    public boolean learned() {
        return method.equals(MODEL);
    }

    /**
     * The plan these options ask for: the model named with {@code --model}, or the default model of the scale, runs
     * as it is unless {@code --denoise} blends it with its clean base. Bad values are usage errors.
     */
    public UpscalePlan plan(Session session, CliEnvironment environment) throws IOException {
        if (!SCALES.contains(scale)) {
            throw new ParameterException(spec.commandLine(), "Invalid value for option '--scale': " + scale + " (expected 2, 3 or 4)");
        }
        if (!METHODS.contains(method)) {
            throw new ParameterException(spec.commandLine(), "Invalid value for option '--method': '" + method
                    + "' (expected one of " + String.join(", ", METHODS) + ")");
        }
        OptionalDouble strength = denoise.strength();
        if (!learned()) {
            if (model.model() != null || tiling.given() || strength.isPresent() || selfEnsemble.enabled()) {
                throw new ParameterException(spec.commandLine(), "--model, --denoise, --tile, --max-memory,"
                        + " --precision and --tta apply to --method model, not to --method bicubic");
            }
            return UpscalePlan.bicubic(scale);
        }
        StoredModel chosen = SrModelChoice.requireScale(model.model() == null
                ? SrModelChoice.standard(environment.models(), scale)
                : ModelArgument.resolve(model.model(), session, environment), scale);
        StoredModel base = strength.isPresent() ? SrModelChoice.denoisePair(environment.models(), chosen) : null;
        Tiling run = tiling.tiling();
        tiling.warnIfEmulated(session.err());
        return new UpscalePlan(scale, chosen, base, strength.orElse(1), run, selfEnsemble.enabled());
    }
}
