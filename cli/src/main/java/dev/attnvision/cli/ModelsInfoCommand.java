package dev.attnvision.cli;

import dev.attnvision.cli.mixin.ModelNameParameter;
import dev.attnvision.core.model.ModelArchitecture;
import dev.attnvision.core.model.ModelManifest;
import dev.attnvision.core.model.StoredModel;
import java.util.Optional;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;

/** {@code attnvision models info NAME}: the model's manifest, readably. */
@Command(name = "info", mixinStandardHelpOptions = true, description = "Show what a model is and where it came from.")
public final class ModelsInfoCommand implements Callable<Integer> {
    private final Session session;
    private final CliEnvironment environment;
    @Spec CommandSpec spec;

    @Mixin ModelNameParameter model;

    public ModelsInfoCommand(Session session, CliEnvironment environment) {
        this.session = session;
        this.environment = environment;
    }

    @Override
    public Integer call() throws Exception {
        StoredModel stored = model.resolve(session, environment);
        ModelManifest m = stored.manifest();
        PrintWriter out = spec.commandLine().getOut();
        out.println("name:          " + m.name());
        out.println("architecture:  " + m.architecture() + ", " + ModelsListCommand.task(stored));
        if (ModelArchitecture.DETECTOR.id().equals(m.architecture())) {
            out.println("classes:       " + String.join(", ", stored.detectorConfig().network().classNames()));
        }
        out.println("config:        " + m.config());
        out.println("location:      " + stored.location());
        out.println("parameters:    " + ModelManifest.PARAMETERS_FILE + ", sha256 " + m.parametersSha256());
        Optional<StoredModel> base = stored.carriedBase();
        if (base.isPresent()) {
            String sha = base.get().manifest().parametersSha256();
            String named = m.provenance().initFrom().find(sha).orElse(m.provenance().initFrom()).name();
            out.println("carries:       " + ModelManifest.BASE_PARAMETERS_FILE + ", the parameters it was fine-tuned"
                    + " from (then named '" + named + "'; the clean end of --denoise), sha256 " + sha);
        }
        ModelManifest.Provenance p = m.provenance();
        out.println("source:        " + p.source() + (p.sourceSha256().isEmpty() ? "" : ", sha256 " + p.sourceSha256()));
        out.println("created:       " + p.created());
        out.println("note:          " + p.note());
        out.println("metrics:       " + (m.metrics().isEmpty() ? "none recorded" : ""));
        m.metrics().forEach((metric, value) -> out.println("  " + metric + ": " + value));
        return ExitCodes.OK;
    }
}
