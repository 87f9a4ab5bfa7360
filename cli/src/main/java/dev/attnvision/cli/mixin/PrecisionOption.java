package dev.attnvision.cli.mixin;

import dev.attnvision.core.sr.Precision;
import java.io.PrintStream;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code --precision f32|bf16}: the numbers A2N's convolutions run in. */
public final class PrecisionOption {
    @Spec(Spec.Target.MIXEE)
    CommandSpec spec;

    @Option(names = "--precision", paramLabel = "f32|bf16",
            description = {"Run the network's convolutions in float32 (f32, the default) or bfloat16 (bf16): 1.3-2.5x"
                + " as fast on CPUs with AVX512-BF16 or AMX, outputs within a few grey levels of f32 (Set5 PSNR moves"
                + " by 0.003 dB at most, README); elsewhere emulated and slower."})
    String precision;

    /** The precision asked for (float32 by default); an unknown name is a usage error. */
    public Precision precision() {
        if (precision == null) {
            return Precision.FLOAT32;
        }
        try {
            return Precision.of(precision);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "Invalid value for option '--precision': "
                    + e.getMessage());
        }
    }

    /** Warns on {@code err} when bfloat16 was asked for on a CPU that only emulates it. */
    public void warnIfEmulated(PrintStream err) {
        if (precision() == Precision.BFLOAT16 && !Precision.bfloat16InHardware()) {
            err.println("attnvision: this CPU has no AVX512-BF16 or AMX, so bf16 is emulated and slower than f32;"
                    + " leave out --precision bf16 here");
        }
    }
}
