package dev.attnvision.core.sr;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class A2nConfigTest {
    @Test
    void presetsAreThePapers() {
        assertEquals(new A2nConfig(2, 40, 24, 16), A2nConfig.x2());
        assertEquals(new A2nConfig(3, 40, 24, 16), A2nConfig.x3());
        assertEquals(new A2nConfig(4, 40, 24, 16), A2nConfig.x4());
        assertArrayEquals(new int[] {3}, A2nConfig.x3().stageScales());
        assertArrayEquals(new int[] {2, 2}, A2nConfig.x4().stageScales());
    }

    @Test
    void rejectsBadValuesQuotingThem() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> A2nConfig.forScale(5)).getMessage().contains("5"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new A2nConfig(2, 3, 24, 16)).getMessage()
                .contains("3"));
        assertThrows(IllegalArgumentException.class, () -> new A2nConfig(2, 40, 0, 16));
        assertThrows(IllegalArgumentException.class, () -> new A2nConfig(2, 40, 24, 0));
    }
}
