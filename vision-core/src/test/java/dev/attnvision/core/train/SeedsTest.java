package dev.attnvision.core.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SeedsTest {
    @Test
    void neighbouringStreamsShareNoValues() {
        for (long index = 0; index < 100; index++) {
            Set<Long> first = new HashSet<>();
            SplittableRandom a = new SplittableRandom(Seeds.derive(42, index));
            SplittableRandom b = new SplittableRandom(Seeds.derive(42, index + 1));
            for (int k = 0; k < 64; k++) {
                first.add(a.nextLong());
            }
            for (int k = 0; k < 64; k++) {
                assertTrue(!first.contains(b.nextLong()), "streams " + index + " and " + (index + 1) + " overlap");
            }
        }
    }

    @Test
    void theSameSeedAndIndexGiveTheSameStreamAndMixIsTheSplitMixFinaliser() {
        assertEquals(Seeds.derive(7, 3), Seeds.derive(7, 3));
        assertTrue(Seeds.derive(7, 3) != Seeds.derive(8, 3));
        assertEquals(0L, Seeds.mix(0));
        // SplittableRandom(0).nextLong() is mix(0 + golden gamma): the same finaliser
        assertEquals(new SplittableRandom(0).nextLong(), Seeds.mix(0x9e3779b97f4a7c15L));
    }
}
