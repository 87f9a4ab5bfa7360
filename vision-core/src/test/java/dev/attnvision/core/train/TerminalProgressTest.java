package dev.attnvision.core.train;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class TerminalProgressTest {
    @Test
    void drawsABarWithCountAndStatus() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ProgressReporter bar = ProgressReporter.create("train x2", 4, 10, true,
                new PrintStream(bytes, true, StandardCharsets.UTF_8), Clock.systemUTC(), Duration.ofSeconds(30))) {
            bar.update(7, "loss 1.25");
        }
        String drawn = bytes.toString(StandardCharsets.UTF_8);
        assertTrue(drawn.contains("train x2") && drawn.contains("7/10") && drawn.contains("loss 1.25"), drawn);
    }
}
