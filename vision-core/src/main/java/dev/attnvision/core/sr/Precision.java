package dev.attnvision.core.sr;

import ai.djl.training.ParameterStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The numbers A2N's convolutions run in. {@link #FLOAT32} is the reference and the default; {@link #BFLOAT16} runs
 * them in bfloat16 (8 significant bits, float32's range), about twice as fast on CPUs with AVX512-BF16 or AMX, at a
 * small cost in accuracy (Set5 x2 with the released weights: README) and with outputs that differ from float32's by a
 * few grey levels at most.
 */
public enum Precision {
    /** float32 throughout. */
    FLOAT32("f32"),
    /** bfloat16 convolutions, float32 sums and output ({@link Bfloat16Stages}). */
    BFLOAT16("bf16");

    private final String label;

    Precision(String label) {
        this.label = label;
    }

    /** The name users give: {@code f32} or {@code bf16}. */
    public String label() {
        return label;
    }

    /** The precision of a label, case-insensitive. */
    public static Precision of(String label) {
        for (Precision p : values()) {
            if (p.label.equalsIgnoreCase(label)) {
                return p;
            }
        }
        throw new IllegalArgumentException("unknown precision '" + label + "': use f32 or bf16");
    }

    /**
     * Whether this CPU computes bfloat16 in hardware (Linux {@code /proc/cpuinfo} lists {@code avx512_bf16} or
     * {@code amx_bf16}); without it oneDNN emulates bfloat16, several times slower than float32.
     */
    public static boolean bfloat16InHardware() {
        try {
            String flags = Files.readString(Path.of("/proc/cpuinfo")).toLowerCase(Locale.ROOT);
            return flags.contains(" avx512_bf16") || flags.contains(" amx_bf16");
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    A2nStages stages(A2n network, ParameterStore parameters) {
        return this == FLOAT32 ? new Float32Stages(network, parameters) : new Bfloat16Stages(network);
    }

    @Override
    public String toString() {
        return label;
    }
}
