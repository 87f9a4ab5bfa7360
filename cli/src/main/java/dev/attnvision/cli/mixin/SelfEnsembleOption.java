package dev.attnvision.cli.mixin;

import picocli.CommandLine.Option;

/** {@code --tta}: geometric self-ensemble, the network's outputs for the eight orientations of each image averaged. */
public final class SelfEnsembleOption {
    @Option(names = "--tta",
            description = {"Test-time augmentation: upscale each image in all 8 flips and quarter turns and average the"
                + " results (geometric self-ensemble): fewer artefacts and +0.05-0.27 dB, at 6-8x the time and 5 more"
                + " bytes per output sample of memory (README)."})
    boolean enabled;

    /** Whether it was asked for. */
    public boolean enabled() {
        return enabled;
    }
}
