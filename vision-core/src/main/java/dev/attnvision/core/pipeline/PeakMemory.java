package dev.attnvision.core.pipeline;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;

/**
 * This process's resident memory from Linux's {@code /proc/self/status}: the peak ({@code VmHWM}) and the current
 * size ({@code VmRSS}), in KiB. The peak can be reset (writing 5 to {@code /proc/self/clear_refs}, Linux 4.0+) so
 * phases of one process can be measured apart. Empty where {@code /proc} is unavailable.
 */
public final class PeakMemory {
    private static final Path STATUS = Path.of("/proc/self/status");
    private static final Path CLEAR_REFS = Path.of("/proc/self/clear_refs");

    private PeakMemory() {}

    /** Peak resident set size since start or the last {@link #resetPeak}. */
    public static OptionalLong peakKib() {
        return field("VmHWM:");
    }

    /** Current resident set size. */
    public static OptionalLong currentKib() {
        return field("VmRSS:");
    }

    /** Starts a new peak from the current size; false if the kernel does not allow it. */
    public static boolean resetPeak() {
        try {
            Files.writeString(CLEAR_REFS, "5");
            return true;
        } catch (IOException | SecurityException e) {
            return false;
        }
    }

    private static OptionalLong field(String name) {
        try {
            for (String line : Files.readAllLines(STATUS)) {
                if (line.startsWith(name)) {
                    return OptionalLong.of(Long.parseLong(line.substring(name.length()).replace("kB", "").strip()));
                }
            }
        } catch (IOException | NumberFormatException e) {
            return OptionalLong.empty();
        }
        return OptionalLong.empty();
    }
}
