package dev.attnvision.core.testing;

import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/**
 * The read-only reference data in {@code ../shared} (Set5, BCCD, official A2N weights, golden outputs).
 *
 * <p>A developer's plain {@code mvn test} without it skips the tests that need it, saying so; CI sets
 * {@code ATTNVISION_REQUIRE_SHARED=1}, and then a missing file fails the test instead.
 */
public final class SharedData {
    private SharedData() {}

    /** The shared folder itself (not checked). */
    public static Path root() {
        return Path.of(System.getProperty("attnvision.shared", "../../shared")).toAbsolutePath().normalize();
    }

    /** The file or folder at {@code relative} below the shared folder; skips or fails the test if it is missing. */
    public static Path require(String relative) {
        Path path = root().resolve(relative);
        if (Files.exists(path)) {
            return path;
        }
        String what = "reference data " + path + " is missing";
        if ("1".equals(System.getenv("ATTNVISION_REQUIRE_SHARED"))) {
            fail(what + " (required here because ATTNVISION_REQUIRE_SHARED=1)");
        }
        Assumptions.abort(what + ": test skipped. Put the attnvision shared data folder beside the checkout to run it.");
        throw new AssertionError("unreachable");
    }
}
