package dev.attnvision.core.explain;

import java.util.List;

/**
 * What the user chose to see; each part applies to one network family.
 *
 * @param channel A2N: how each block's multi-channel mask becomes one plane
 * @param stages detector: the backbone stages (1 to 4) whose squeeze-excitation weights are charted
 */
public record ExplainOptions(ChannelChoice channel, List<Integer> stages) {
    public ExplainOptions {
        stages = List.copyOf(stages);
    }
}
