package dev.attnvision.cli;

import dev.attnvision.core.data.InvalidDatasetException;
import dev.attnvision.core.model.InvalidModelException;
import dev.attnvision.core.pipeline.InputSpecException;
import dev.attnvision.core.train.TrainingDivergedException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IExitCodeExceptionMapper;
import picocli.CommandLine.ParseResult;

/**
 * Maps what a command throws to a message and an exit code, in one place: the user's mistakes (an unusable model,
 * checkpoint or dataset description, an unknown name, a missing or unwritable file) print one {@code attnvision: ...}
 * line and exit with {@link ExitCodes#USAGE}; a training run that diverged prints its one line and exits with
 * {@link ExitCodes#SOME_FAILED}; anything else is a bug and prints its stack trace too.
 */
final class ExitCodeMapper implements IExecutionExceptionHandler, IExitCodeExceptionMapper {
    @Override
    public int handleExecutionException(Exception e, CommandLine cmd, ParseResult parsed) {
        Throwable cause = e instanceof UncheckedIOException u ? u.getCause() : e;
        String message = userMessage(cause);
        if (message == null) {
            cmd.getErr().println(cmd.getColorScheme().errorText("attnvision: internal error: " + cause));
            cause.printStackTrace(cmd.getErr());
        } else {
            cmd.getErr().println(cmd.getColorScheme().errorText("attnvision: " + message));
        }
        return getExitCode(cause);
    }

    /** The one-line report of a user error, or null if {@code t} is not one. */
    private static String userMessage(Throwable t) {
        if (t instanceof NoSuchFileException f) {
            return "no such file: " + f.getFile();
        }
        if (t instanceof FileSystemException f) {
            return f.getFile() + ": " + (f.getReason() == null ? f.getClass().getSimpleName() : f.getReason());
        }
        if (t instanceof InvalidModelException || t instanceof InvalidDatasetException || t instanceof IllegalArgumentException
                || t instanceof InputSpecException || t instanceof TrainingDivergedException) {
            return t.getMessage();
        }
        return null;
    }

    @Override
    public int getExitCode(Throwable exception) {
        if (exception instanceof TrainingDivergedException) {
            return ExitCodes.SOME_FAILED;
        }
        return ExitCodes.USAGE;
    }
}
