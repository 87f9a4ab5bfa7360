package dev.attnvision.core.image;

/** Loads OpenCV's native library exactly once per process, on first use (class initialisation is thread-safe). */
public final class OpenCvNative {
    static {
        nu.pattern.OpenCV.loadLocally();
    }

    private OpenCvNative() {}

    /** Ensures the library is loaded; cheap after the first call. */
    public static void load() {
        // the static initialiser above does the work, once
    }
}
