package dev.attnvision.cli.mixin;

import dev.attnvision.cli.CliEnvironment;
import dev.attnvision.cli.ModelArgument;
import dev.attnvision.cli.Session;
import dev.attnvision.core.model.StoredModel;
import java.io.IOException;
import picocli.CommandLine.Parameters;

/** The NAME parameter of the commands that act on one model: a bundled or imported model's name, or a folder. */
public final class ModelNameParameter {
    @Parameters(paramLabel = "NAME", description = "A model name (see 'attnvision models list') or a model folder.")
    String name;

    /**
     * The model NAME names (a folder relative to the session's working folder); unknown names fail listing the valid
     * ones.
     */
    public StoredModel resolve(Session session, CliEnvironment environment) throws IOException {
        return ModelArgument.resolve(name, session, environment);
    }
}
