package dev.attnvision.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class PeriodicProgressTest {
    @Test
    void printsALineEveryIntervalWithRateAndTimeLeft() {
        AtomicLong clock = new AtomicLong();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PeriodicProgress progress = new PeriodicProgress(new PrintStream(bytes, true, StandardCharsets.UTF_8), clock::get,
                10_000_000_000L);
        progress.start("upscale", 10);
        for (int i = 0; i < 10; i++) {
            clock.addAndGet(4_000_000_000L);
            progress.step();
        }
        progress.close();
        assertEquals(List.of("upscale: 3/10 (30%), 0.3 images/s, about 28s left",
                "upscale: 6/10 (60%), 0.3 images/s, about 16s left",
                "upscale: 9/10 (90%), 0.3 images/s, about 4s left"), bytes.toString(StandardCharsets.UTF_8).lines().toList());
    }
}
