package dev.attnvision.core.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class PlainProgressTest {
    /** A clock the test moves by hand. */
    private static final class ManualClock extends Clock {
        Instant now = Instant.parse("2026-01-01T00:00:00Z");

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }

    @Test
    void printsPeriodicallyWithRateAndTimeLeftOfThisSession() {
        ManualClock clock = new ManualClock();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ProgressReporter p = ProgressReporter.create("train", 100, 1100, false,
                new PrintStream(bytes, true, StandardCharsets.UTF_8), clock, Duration.ofSeconds(60))) {
            clock.now = clock.now.plusSeconds(30);
            p.update(110, "loss 2.0");           // within the period: silent
            clock.now = clock.now.plusSeconds(30);
            p.update(120, "loss 1.5");           // 20 iterations in 60 s: 3 s/it, 980 left
            clock.now = clock.now.plusSeconds(3);
            p.update(121, "loss 1.4");           // silent, printed on close
        }
        assertEquals("train 120/1100 (10.9%) loss 1.5 | 3.00 s/it, 49m 00s left\n"
                + "train 121/1100 (11.0%) loss 1.4 | 3.00 s/it, 48m 57s left\n",
                bytes.toString(StandardCharsets.UTF_8));
    }

    @Test
    void describesLongDurations() {
        assertEquals("2d 04h 11m", PlainProgress.describe(2 * 86400 + 4 * 3600 + 11 * 60 + 5));
        assertEquals("12s", PlainProgress.describe(12));
    }
}
