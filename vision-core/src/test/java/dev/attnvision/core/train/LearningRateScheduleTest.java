package dev.attnvision.core.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class LearningRateScheduleTest {
    @Test
    void stepScheduleDecaysByGammaEveryStep() {
        StepSchedule s = new StepSchedule(1e-3, 100, 0.5, 0);
        assertEquals(1e-3, s.rateAt(0), 1e-15);
        assertEquals(1e-3, s.rateAt(99), 1e-15);
        assertEquals(5e-4, s.rateAt(100), 1e-15);
        assertEquals(2.5e-4, s.rateAt(250), 1e-15);
    }

    @Test
    void halvingSpreadsTheDecaysOverTheRun() {
        StepSchedule s = StepSchedule.halving(4e-4, 1000, 3);
        assertEquals(250, s.stepSize());
        assertEquals(5e-5, s.rateAt(999), 1e-15);
    }

    @Test
    void cosineWarmsUpLinearlyThenFallsToTheMinimum() {
        CosineSchedule s = new CosineSchedule(1e-3, 1e-5, 110, 10);
        assertEquals(1e-4, s.rateAt(0), 1e-15);
        assertEquals(1e-3, s.rateAt(9), 1e-15);
        assertEquals(1e-3, s.rateAt(10), 1e-15);
        assertEquals(1e-5 + (1e-3 - 1e-5) / 2, s.rateAt(60), 1e-15);
        assertEquals(1e-5, s.rateAt(110), 1e-15);
        assertEquals(1e-5, s.rateAt(500), 1e-15);
    }

    @Test
    void invalidSettingsAreRefusedWithTheValue() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new CosineSchedule(1e-3, 0, 10, 10));
        assertEquals("need 0 <= warm-up < total iterations, got warm-up 10 and total 10", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new StepSchedule(-1, 10, 0.5, 0));
        assertThrows(IllegalArgumentException.class, () -> new StepSchedule(1, 10, 1.5, 0));
    }
}
