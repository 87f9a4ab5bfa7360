package dev.attnvision.cli;

import dev.attnvision.core.model.StoredModel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A {@code --model}-style argument: a model name, or a model folder relative to the session's working folder. */
public final class ModelArgument {
    private ModelArgument() {}

    /** The model {@code argument} names. */
    public static StoredModel resolve(String argument, Session session, CliEnvironment environment) throws IOException {
        Path path = session.workingDir().resolve(argument);
        return environment.models().resolve(Files.exists(path) ? path.toString() : argument);
    }
}
