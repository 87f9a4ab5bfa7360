package dev.attnvision.cli.mixin;

import java.util.OptionalDouble;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code --denoise S}: how strongly a photo or real-photo model restores, by blending it with the clean model it was
 * fine-tuned from (network interpolation): 0 is the clean model, 1 the restoring model alone.
 */
public final class DenoiseOption {
    @Spec(Spec.Target.MIXEE)
    CommandSpec spec;

    @Option(names = "--denoise", paramLabel = "S",
            description = "Restoration strength from 0 (the clean model: sharpest, keeps noise and JPEG blocks) to 1"
                + " (the photo model alone, what runs without --denoise): blends a photo or real-photo model with the"
                + " clean model it was fine-tuned from.")
    Double denoise;

    /** The strength given, if any; one outside [0, 1] is a usage error. */
    public OptionalDouble strength() {
        if (denoise == null) {
            return OptionalDouble.empty();
        }
        if (!(denoise >= 0 && denoise <= 1)) {
            throw new ParameterException(spec.commandLine(), "Invalid value for option '--denoise': " + denoise
                    + " (expected a strength from 0, the clean model, to 1, the photo or real-photo model alone)");
        }
        return OptionalDouble.of(denoise);
    }
}
