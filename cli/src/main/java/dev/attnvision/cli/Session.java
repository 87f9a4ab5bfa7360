package dev.attnvision.cli;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.LongSupplier;

/**
 * Everything a command takes from the process, passed in so tests can drive commands in-process: the standard
 * streams, the working folder, whether stderr is a terminal, the clock and the core count.
 *
 * @param in standard input ({@code -} reads paths from it)
 * @param out standard output (results, JSON lines)
 * @param err standard error (progress, error lines, summary)
 * @param workingDir what relative paths are relative to
 * @param errIsTerminal whether to draw a progress bar (else plain periodic lines)
 * @param nanoTime monotonic clock
 * @param cores CPU cores available
 */
public record Session(InputStream in, PrintStream out, PrintStream err, Path workingDir, boolean errIsTerminal,
        LongSupplier nanoTime, int cores) {

    /** The real process: System streams, current folder, real clock. */
    public static Session system() {
        PrintStream out = new PrintStream(new FileOutputStream(FileDescriptor.out), false, StandardCharsets.UTF_8);
        PrintStream err = new PrintStream(new FileOutputStream(FileDescriptor.err), true, StandardCharsets.UTF_8);
        return new Session(System.in, out, err, Path.of("").toAbsolutePath(), stderrIsTerminal(), System::nanoTime,
                Runtime.getRuntime().availableProcessors());
    }

    /** Linux: fd 2 links to a tty or pty device; elsewhere fall back to Java's console check. */
    private static boolean stderrIsTerminal() {
        Path fd2 = Path.of("/proc/self/fd/2");
        try {
            String target = Files.readSymbolicLink(fd2).toString();
            return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
        } catch (Exception e) {
            return System.console() != null;
        }
    }

    /** How a path is shown to the user: relative when below the working folder, else absolute. */
    public String show(Path path) {
        Path absolute = workingDir.resolve(path).normalize();
        return absolute.startsWith(workingDir) && !absolute.equals(workingDir)
                ? workingDir.relativize(absolute).toString() : absolute.toString();
    }
}
