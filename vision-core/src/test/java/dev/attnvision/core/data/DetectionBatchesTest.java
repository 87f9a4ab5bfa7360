package dev.attnvision.core.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.attnvision.core.data.synth.SceneConfig;
import dev.attnvision.core.data.synth.SyntheticDetectionSource;
import dev.attnvision.core.data.transform.DetectionTransform;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DetectionBatchesTest {
    private final SyntheticDetectionSource scenes = new SyntheticDetectionSource(new SceneConfig(64, 64, 1, 3, 8, 30,
            0.3, 5, 3, false, true), 5, 1);

    @Test
    void everyEpochVisitsEveryImageOnceAndFillsTheLastBatchFromItsStart() throws Exception {
        DetectionBatches batches = new DetectionBatches(scenes, DetectionTransform.chain(List.of()), 64, 2, 3);
        assertEquals(3, batches.perEpoch());
        List<Integer> epoch0 = sceneIndices(batches, 0);
        List<Integer> epoch1 = sceneIndices(batches, 1);
        for (List<Integer> epoch : List.of(epoch0, epoch1)) {
            assertEquals(Set.of(0, 1, 2, 3, 4), new HashSet<>(epoch.subList(0, 5)), "a permutation: " + epoch);
            assertEquals(epoch.get(0), epoch.get(5), "the last batch is filled from the start: " + epoch);
        }
        assertNotEquals(epoch0, epoch1, "each epoch has its own order");
        DetectionBatch first = batches.batch(0);
        assertEquals(scenes.load(epoch0.get(0)).boxes(), first.boxes().get(0), "a 64 px scene sits on the canvas as is");
    }

    @Test
    void batchesArePureFunctionsOfSeedAndIndexWithBoxesOnTheCanvas() {
        DetectionBatches batches = new DetectionBatches(scenes, DetectionAugmentation.singleImages(), 96, 2, 3);
        DetectionBatch a = batches.batch(4);
        DetectionBatch b = new DetectionBatches(scenes, DetectionAugmentation.singleImages(), 96, 2, 3).batch(4);
        assertArrayEquals(a.pixels(), b.pixels());
        assertEquals(a.boxes(), b.boxes());
        assertTrue(!Arrays.equals(a.pixels(), batches.batch(5).pixels()));
        for (List<BoxLabel> image : a.boxes()) {
            for (BoxLabel box : image) {
                assertTrue(box.x1() >= 0 && box.y1() >= 0 && box.x2() <= 96 && box.y2() <= 96, box.toString());
                assertTrue(box.width() >= DetectionBatches.MIN_BOX_SIDE && box.height() >= DetectionBatches.MIN_BOX_SIDE);
            }
        }
    }

    @Test
    void multiScaleBatchesTakeTheirOwnSideWithTheBoxesScaledToIt() throws Exception {
        MultiScale scales = new MultiScale(64, 0.5, 3);
        DetectionBatches batches = new DetectionBatches(scenes, DetectionAugmentation.singleImages(), scales, 2, 3);
        Set<Integer> seen = new HashSet<>();
        for (long i = 0; i < 12; i++) {
            DetectionBatch batch = batches.batch(i);
            assertEquals(scales.sideOf(i), batch.side());
            assertEquals(2 * batch.side() * batch.side() * 3, batch.pixels().length);
            seen.add(batch.side());
            for (List<BoxLabel> image : batch.boxes()) {
                for (BoxLabel box : image) {
                    assertTrue(box.x2() <= batch.side() && box.y2() <= batch.side(), box + " on " + batch.side());
                }
            }
        }
        assertEquals(Set.of(32, 64, 96), seen);
        DetectionAugmentation none = new DetectionAugmentation(DetectionTransform.chain(List.of()), null, null, 0);
        DetectionBatches plain = new DetectionBatches(scenes, none, scales, 1, 3);
        long larger = java.util.stream.LongStream.range(0, 12).filter(i -> scales.sideOf(i) == 96).findFirst()
                .orElseThrow();
        DetectionBatch big = plain.batch(larger);
        List<BoxLabel> expected = new DetectionBatches(scenes, none, 64, 1, 3).batch(larger).boxes().get(0).stream()
                .map(b -> b.withBox(1.5f * b.x1(), 1.5f * b.y1(), 1.5f * b.x2(), 1.5f * b.y2())).toList();
        assertEquals(expected.size(), big.boxes().get(0).size());
        for (int k = 0; k < expected.size(); k++) {
            assertEquals(expected.get(k).x1(), big.boxes().get(0).get(k).x1(), 1e-3);
            assertEquals(expected.get(k).y2(), big.boxes().get(0).get(k).y2(), 1e-3);
        }
    }

    /** Which scene fills each of the 6 slots of the epoch's 3 batches (un-augmented, so pixels identify scenes). */
    private List<Integer> sceneIndices(DetectionBatches batches, int epoch) throws Exception {
        List<Integer> indices = new ArrayList<>();
        for (int k = 0; k < 3; k++) {
            DetectionBatch batch = batches.batch(epoch * 3L + k);
            for (int j = 0; j < 2; j++) {
                float[] slot = Arrays.copyOfRange(batch.pixels(), j * 64 * 64 * 3, (j + 1) * 64 * 64 * 3);
                int match = -1;
                for (int s = 0; s < scenes.size(); s++) {
                    if (Arrays.equals(slot, scenes.load(s).image().floats())) {
                        match = s;
                    }
                }
                indices.add(match);
            }
        }
        return indices;
    }
}
