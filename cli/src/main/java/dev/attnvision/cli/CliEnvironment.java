package dev.attnvision.cli;

import dev.attnvision.core.model.ModelRegistry;
import dev.attnvision.core.model.ModelStore;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;

/**
 * What the commands take from the process rather than from their options: the attnvision home folder and the
 * clock. {@link Main} builds it from the real environment; tests build their own and pass it to
 * {@link Main#commandLine(CliEnvironment)}, and {@link CommandFactory} hands it to every command that asks for it in
 * its constructor.
 *
 * @param home the attnvision home: {@code $ATTNVISION_HOME}, else {@code ~/.attnvision}
 * @param clock the time source for timestamps written into files
 */
public record CliEnvironment(Path home, Clock clock) {
    /** The environment variable naming the home folder. */
    public static final String HOME_VARIABLE = "ATTNVISION_HOME";

    /** The environment of a process with these variables and this user home folder. */
    public static CliEnvironment of(Map<String, String> variables, Path userHome, Clock clock) {
        String home = variables.get(HOME_VARIABLE);
        return new CliEnvironment(home == null || home.isBlank() ? userHome.resolve(".attnvision") : Path.of(home), clock);
    }

    /** The user's models, in {@code <home>/models}. */
    public ModelStore modelStore() {
        return new ModelStore(home.resolve("models"));
    }

    /** The models a {@code --model} or NAME argument can name: the user's, then bundled ones they do not override. */
    public ModelRegistry models() {
        return ModelRegistry.of(modelStore());
    }
}
