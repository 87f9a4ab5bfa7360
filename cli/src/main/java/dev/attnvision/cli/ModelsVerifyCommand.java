package dev.attnvision.cli;

import dev.attnvision.cli.mixin.ModelNameParameter;
import dev.attnvision.core.model.ModelManifest;
import dev.attnvision.core.model.StoredModel;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;

/** {@code attnvision models verify NAME}: checks the parameters' SHA-256 against the manifest. */
@Command(name = "verify", mixinStandardHelpOptions = true,
        description = "Check that a model's parameter file is intact (its SHA-256 matches model.json).",
        exitCodeListHeading = "Exit codes:%n",
        exitCodeList = {"0:the model is intact", "2:unknown model, or its files are corrupt or were changed"})
public final class ModelsVerifyCommand implements Callable<Integer> {
    private final Session session;
    private final CliEnvironment environment;
    @Spec CommandSpec spec;

    @Mixin ModelNameParameter model;

    public ModelsVerifyCommand(Session session, CliEnvironment environment) {
        this.session = session;
        this.environment = environment;
    }

    @Override
    public Integer call() throws Exception {
        StoredModel stored = model.resolve(session, environment);
        stored.verifiedParameters();
        spec.commandLine().getOut().println(stored.manifest().name() + ": OK (" + ModelManifest.PARAMETERS_FILE
                + " sha256 " + stored.manifest().parametersSha256() + " matches " + ModelManifest.FILE + ")");
        Optional<StoredModel> base = stored.carriedBase();
        if (base.isPresent()) {
            base.get().verifiedParameters();
            spec.commandLine().getOut().println(stored.manifest().name() + ": OK ("
                    + ModelManifest.BASE_PARAMETERS_FILE + ", the parameters it was fine-tuned from, sha256 "
                    + base.get().manifest().parametersSha256() + " matches " + ModelManifest.FILE + ")");
        }
        return ExitCodes.OK;
    }
}
