package dev.attnvision.cli;

import dev.attnvision.core.model.ModelArchitecture;
import dev.attnvision.core.model.ModelManifest;
import dev.attnvision.core.model.ModelRegistry;
import dev.attnvision.core.model.StoredModel;
import java.nio.file.Path;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code attnvision models import FILE --arch a2n --scale N [--name NAME]}: a checkpoint becomes a stored model. */
@Command(name = "import", mixinStandardHelpOptions = true,
        description = {"Import a PyTorch checkpoint (.pt/.pth, zip or legacy) or a .safetensors file as a model.",
            "The file is read without running any code in it; its tensors must match the network exactly."},
        exitCodeListHeading = "Exit codes:%n",
        exitCodeList = {"0:imported", "2:bad options, unreadable or unsafe file, weights that do not fit, or a taken name"})
public final class ModelsImportCommand implements Callable<Integer> {
    private final CliEnvironment environment;
    @Spec CommandSpec spec;

    @Parameters(paramLabel = "FILE", description = "The checkpoint file.")
    Path checkpoint;

    @Option(names = "--arch", required = true, paramLabel = "ARCH", description = "The network: a2n.")
    String architecture;

    @Option(names = "--scale", required = true, paramLabel = "N", description = "The upscaling factor: 2, 3 or 4.")
    int scale;

    @Option(names = "--name", paramLabel = "NAME",
            description = "The new model's name (lower-case letters, digits, '.', '_', '-'); default ARCH-xN.")
    String name;

    public ModelsImportCommand(CliEnvironment environment) {
        this.environment = environment;
    }

    @Override
    public Integer call() throws Exception {
        ModelArchitecture arch = ModelArchitecture.of(architecture);
        String modelName = ModelManifest.checkName(name == null ? arch.id() + "-x" + scale : name);
        ModelRegistry registry = environment.models();
        boolean overridesBundled = registry.bundledNames().contains(modelName);
        StoredModel model = registry.store().importCheckpoint(checkpoint, arch, scale, modelName,
                environment.clock().instant().truncatedTo(ChronoUnit.SECONDS));
        spec.commandLine().getOut().println("Imported " + checkpoint.getFileName() + " as " + modelName + " ("
                + arch.id() + " x" + scale + ") into " + model.location());
        if (overridesBundled) {
            spec.commandLine().getOut().println("It overrides the bundled " + modelName + "; delete " + model.location()
                    + " to use the bundled one again.");
        }
        return ExitCodes.OK;
    }
}
