package dev.attnvision.cli;

import dev.attnvision.core.detect.DetectorModelConfig;
import dev.attnvision.core.model.InvalidModelException;
import dev.attnvision.core.model.ModelArchitecture;
import dev.attnvision.core.model.ModelManifest;
import dev.attnvision.core.model.StoredModel;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code attnvision models list}: one line per model a name can reach. */
@Command(name = "list", mixinStandardHelpOptions = true, description = "List the bundled and the imported models.")
public final class ModelsListCommand implements Callable<Integer> {
    private final CliEnvironment environment;
    @Spec CommandSpec spec;

    public ModelsListCommand(CliEnvironment environment) {
        this.environment = environment;
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        List<StoredModel> models = environment.models().all();
        if (models.isEmpty()) {
            out.println("No models yet in " + environment.modelStore().root() + ". Import one, e.g.:");
            out.println("  attnvision models import aan_x2.pt --arch a2n --scale 2 --name a2n-x2");
            return ExitCodes.OK;
        }
        ModelUses uses = ModelUses.of(environment.models());
        String format = "%-24s %-9s %-22s %-52s %s%n";
        out.printf(format, "NAME", "ARCH", "TASK", "USE", "LOCATION");
        for (StoredModel model : models) {
            ModelManifest m = model.manifest();
            out.printf(format, m.name(), m.architecture(), task(model), uses.of(model), model.location());
        }
        return ExitCodes.OK;
    }

    /**
     * What the model does, briefly: {@code x2 upscaling}, {@code 3 classes at 512 px}, or {@code invalid config}
     * for a detector whose configuration cannot be read (using it says why).
     */
    static String task(StoredModel model) {
        ModelManifest m = model.manifest();
        if (!ModelArchitecture.DETECTOR.id().equals(m.architecture())) {
            return "x" + m.scale() + " upscaling";
        }
        DetectorModelConfig config;
        try {
            config = model.detectorConfig();
        } catch (InvalidModelException e) {
            return "invalid config";
        }
        int classes = config.network().numClasses();
        return classes + (classes == 1 ? " class" : " classes") + " at " + config.imageSize() + " px";
    }
}
