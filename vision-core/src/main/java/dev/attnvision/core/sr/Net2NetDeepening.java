package dev.attnvision.core.sr;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import dev.attnvision.core.train.ParameterTransfer;
import java.util.List;

/**
 * Net2Net's deeper network for A2N (Chen, Goodfellow, Shlens 2016, "Net2Net: Accelerating Learning via Knowledge
 * Transfer", arXiv:1511.05641): an A2N of {@code B} blocks becomes one of {@code B' > B} blocks of the same widths that
 * computes the same function, its parameters copied and the added blocks appended to the trunk as the identity
 * ({@link A2n#startTrunkAsIdentityFrom}). {@code train sr --init-from} grows a model this way, and a {@code --denoise}
 * blend grows the clean model so it can be blended with a deeper model fine-tuned from it.
 */
public final class Net2NetDeepening {
    private Net2NetDeepening() {}

    /**
     * Whether an A2N of {@code from}'s shape can grow into {@code to}'s: the same scale and widths, and no more
     * blocks.
     */
    public static boolean canGrow(A2nConfig from, A2nConfig to) {
        return from.scale() == to.scale() && from.features() == to.features()
                && from.upsamplingFeatures() == to.upsamplingFeatures() && from.blocks() <= to.blocks();
    }

    /**
     * Copies {@code source}'s parameters into {@code target} where paths and shapes match; when {@code target} has
     * more blocks of the same width, they start as the identity, so {@code target} starts as {@code source}.
     */
    public static ParameterTransfer.Report transfer(A2n source, A2n target) {
        ParameterTransfer.Report report = ParameterTransfer.copyMatching(source, target);
        int blocks = source.config().blocks();
        if (source.config().features() == target.config().features() && blocks < target.config().blocks()) {
            List<String> added = target.startTrunkAsIdentityFrom(blocks);
            report = report.withNote(String.join(", ", added) + " start as the identity (conv_last zero): the deeper"
                    + " network starts as the " + blocks + "-block one");
        }
        return report;
    }

    /**
     * {@code source} itself if it has {@code config}'s shape, else a new A2N of {@code config}, in {@code manager},
     * that computes what {@code source} computes.
     *
     * @throws IllegalArgumentException if {@code source} cannot grow into {@code config} ({@link #canGrow})
     */
    public static A2n grown(A2n source, A2nConfig config, NDManager manager) {
        if (source.config().equals(config)) {
            return source;
        }
        if (!canGrow(source.config(), config)) {
            throw new IllegalArgumentException("an A2N of " + source.config() + " cannot grow into one of " + config
                    + ": only more blocks of the same widths can be added");
        }
        A2n deeper = A2n.builder().setConfig(config).build();
        deeper.initialize(manager, DataType.FLOAT32, A2n.sampleInputShape());
        transfer(source, deeper);
        return deeper;
    }
}
