package dev.attnvision.core.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MultiScaleTest {
    @Test
    void sidesAreTheMultiplesOf32WithinTheRange() {
        assertArrayEquals(new int[] {320, 352, 384, 416, 448, 480, 512}, new MultiScale(416, 0.25, 1).sides());
        assertArrayEquals(new int[] {256, 288, 320, 352, 384, 416, 448, 480, 512, 544, 576, 608, 640, 672, 704, 736,
            768}, new MultiScale(512, 0.5, 1).sides());
        assertArrayEquals(new int[] {32}, new MultiScale(32, 0.5, 1).sides(), "never below one stride");
        assertArrayEquals(new int[] {416}, new MultiScale(416, 0.05, 1).sides(), "a range narrower than a stride");
        assertArrayEquals(new int[] {416}, MultiScale.fixed(416).sides());
    }

    @Test
    void eachBatchDrawsItsSideFromSeedAndIndexAlone() {
        MultiScale scales = new MultiScale(416, 0.25, 7);
        Map<Integer, Integer> counts = new HashMap<>();
        for (long i = 0; i < 7000; i++) {
            int side = scales.sideOf(i);
            assertEquals(side, new MultiScale(416, 0.25, 7).sideOf(i), "a pure function of (seed, index)");
            counts.merge(side, 1, Integer::sum);
        }
        assertEquals(Arrays.stream(scales.sides()).boxed().toList(), counts.keySet().stream().sorted().toList());
        counts.values().forEach(n -> assertTrue(n > 850 && n < 1150, "about uniform: " + counts));
        long differ = java.util.stream.LongStream.range(0, 200)
                .filter(i -> scales.sideOf(i) != new MultiScale(416, 0.25, 8).sideOf(i)).count();
        assertTrue(differ > 100, "another seed draws other sides: " + differ + " of 200 differ");
        assertEquals(416, MultiScale.fixed(416).sideOf(123));
    }

    @Test
    void badSidesAndRangesAreRefusedWithTheOptionNamed() {
        assertThrows(IllegalArgumentException.class, () -> new MultiScale(400, 0, 1));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new MultiScale(416, 0.6, 1));
        assertTrue(e.getMessage().contains("--multi-scale"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new MultiScale(416, -0.1, 1));
        assertThrows(IllegalArgumentException.class, () -> new MultiScale(416, Double.NaN, 1));
    }
}
