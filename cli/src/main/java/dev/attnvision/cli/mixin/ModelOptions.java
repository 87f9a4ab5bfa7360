package dev.attnvision.cli.mixin;

import picocli.CommandLine.Option;

/** Which stored model a command runs. */
public final class ModelOptions {
    @Option(names = "--model", paramLabel = "NAME|PATH",
            description = "A model name (see 'attnvision models list') or a model folder "
                + "(default: the real-photo model for the scale, a2n-x2-real or a2n-x4-real, else the clean a2n-x2,"
                + " a2n-x3 or a2n-x4).")
    String model;

    /** The name or path given, or null for the command's default. */
    public String model() {
        return model;
    }
}
