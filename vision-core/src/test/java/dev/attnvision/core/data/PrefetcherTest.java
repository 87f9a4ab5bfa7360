package dev.attnvision.core.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PrefetcherTest {
    @Test
    void handsOutItemsInIndexOrderWhateverTheWorkerCount() {
        for (int workers : new int[] {1, 3}) {
            List<Long> got = new ArrayList<>();
            try (Prefetcher<Long> p = new Prefetcher<>(i -> i * i, 5, workers, 4)) {
                for (int k = 0; k < 6; k++) {
                    got.add(p.next());
                }
            }
            assertEquals(List.of(25L, 36L, 49L, 64L, 81L, 100L), got);
        }
    }

    @Test
    void rethrowsAWorkersFailure() {
        try (Prefetcher<Long> p = new Prefetcher<>(i -> {
            throw new IllegalArgumentException("bad item " + i);
        }, 0, 1, 1)) {
            assertEquals("bad item 0", assertThrows(IllegalArgumentException.class, p::next).getMessage());
        }
    }
}
