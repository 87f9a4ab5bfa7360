package dev.attnvision.cli.mixin;

import picocli.CommandLine.Option;

/** Which stored model a command runs. */
public final class ModelOptions {
    @Option(names = "--model", paramLabel = "NAME|PATH",
            description = "A model name (see 'attnvision models list') or a model folder "
                + "(default: the photo model for the scale, a2n-x2-photo, a2n-x3-photo or a2n-x4-photo).")
    String model;

    /** The name or path given, or null for the command's default. */
    public String model() {
        return model;
    }
}
