package dev.attnvision.core.detect.postprocess;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.attnvision.core.detect.Detection;
import java.util.List;
import org.junit.jupiter.api.Test;

class WeightedBoxFusionTest {
    private static final WeightedBoxFusion FUSION = new WeightedBoxFusion(new Nms(0.1f, 0.5f, 100));

    private static float[] box(Detection d) {
        return new float[] {d.x1(), d.y1(), d.x2(), d.y2()};
    }

    @Test
    void anObjectsBoxesFromBothPassesAreAveragedByScore() {
        Candidates first = new Candidates(new float[] {10, 10, 50, 50}, new float[] {0.9f}, new long[] {0});
        Candidates second = new Candidates(new float[] {14, 10, 54, 58}, new float[] {0.3f}, new long[] {0});
        List<Detection> fused = FUSION.fuse(Candidates.concatenate(List.of(first, second)));
        assertEquals(1, fused.size(), "one object");
        // (0.9 * 10 + 0.3 * 14) / 1.2 = 11, and so on
        assertArrayEquals(new float[] {11, 10, 51, 52}, box(fused.get(0)), 1e-4f);
        assertEquals(0.9f, fused.get(0).score(), "the best box's score");
    }

    @Test
    void otherClassesAndSeparateObjectsAreNotMerged() {
        Candidates all = new Candidates(new float[] {
            10, 10, 50, 50,
            12, 10, 52, 50,
            11, 10, 51, 50,
            100, 100, 140, 140,
            10, 30, 50, 70, // overlaps the first by IoU 1/3: an object of its own
        }, new float[] {0.8f, 0.7f, 0.6f, 0.5f, 0.4f}, new long[] {0, 1, 0, 0, 0});
        List<Detection> fused = FUSION.fuse(all);
        assertEquals(4, fused.size(), fused.toString());
        assertArrayEquals(new float[] {10 + 0.6f / 1.4f, 10, 50 + 0.6f / 1.4f, 50}, box(fused.get(0)), 1e-4f);
        assertArrayEquals(new float[] {12, 10, 52, 50}, box(fused.get(1)), 0f, "class 1 stays alone");
        assertEquals(1, fused.get(1).classId());
        assertArrayEquals(new float[] {100, 100, 140, 140}, box(fused.get(2)), 0f);
        assertArrayEquals(new float[] {10, 30, 50, 70}, box(fused.get(3)), 0f, "an overlap under 0.55 stays out");
    }

    @Test
    void mirroringTwiceGivesTheBoxesBack() {
        Candidates c = new Candidates(new float[] {1, 2, 30, 40, 5, 6, 7, 8}, new float[] {0.5f, 0.2f},
                new long[] {1, 0});
        Candidates once = c.mirrored(100);
        assertArrayEquals(new float[] {70, 2, 99, 40, 93, 6, 95, 8}, once.xyxy());
        assertEquals(c, once.mirrored(100));
    }
}
