package dev.attnvision.core.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.NoSuchFileException;
import org.junit.jupiter.api.Test;

class ReasonsTest {
    @Test
    void outOfMemorySaysHowLargeTheHeapIsAndHowToRaiseIt() {
        String reason = Reasons.of(new OutOfMemoryError("Java heap space"));
        assertTrue(reason.startsWith("out of memory: the image is too large for the Java heap of "), reason);
        assertTrue(reason.contains(Runtime.getRuntime().maxMemory() / (1 << 20) + " MiB"), reason);
        assertTrue(reason.contains("ATTNVISION_JAVA_OPTS=-Xmx16g"), reason);
    }

    @Test
    void otherFailuresGiveTheFirstLineOfTheirMessageOrTheirType() {
        assertEquals("no such file or folder", Reasons.of(new NoSuchFileException("x")));
        assertEquals("bad header", Reasons.of(new IllegalStateException("  bad header\nat line 2")));
        assertEquals("IllegalStateException", Reasons.of(new IllegalStateException()));
    }
}
