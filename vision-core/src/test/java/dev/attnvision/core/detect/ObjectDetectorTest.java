package dev.attnvision.core.detect;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.attnvision.attention.BlockTestKit;
import dev.attnvision.core.data.transform.LetterboxTransform;
import dev.attnvision.core.detect.anchor.AnchorGenerator;
import dev.attnvision.core.detect.anchor.DeltaXywhCoder;
import dev.attnvision.core.image.Dihedral;
import dev.attnvision.core.image.Raster;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ObjectDetectorTest {
    private static final int SIDE = 64;
    private static final DetectorConfig TINY = DetectorConfig.tiny(List.of("a", "b"));

    private static SingleStageDetector network(NDManager manager) {
        manager.getEngine().setRandomSeed(5);
        SingleStageDetector network = new SingleStageDetector(TINY);
        network.initialize(manager, DataType.FLOAT32, new Shape(1, 3, SIDE, SIDE));
        return network;
    }

    private static DetectionSettings settings(float confidence, Set<Integer> classes) {
        return new DetectionSettings(confidence, 0.5f, 100, SIDE, classes, false);
    }

    /**
     * Head outputs in which every anchor regresses exactly onto {@code canvasBox} and only anchor {@code hot}
     * scores high, for class 1; the plain and attention heads differ but average to that.
     */
    private static NDList headsFor(NDManager m, float[] canvasBox, int hot) {
        NDArray anchors = new AnchorGenerator(TINY.anchors()).generate(m, SIDE, SIDE);
        long n = anchors.getShape().get(0);
        NDArray boxes = m.create(canvasBox).reshape(1, 4).broadcast(new Shape(n, 4));
        NDArray deltas = DeltaXywhCoder.retinaNet().encode(anchors, boxes).expandDims(0);
        float[] logits = new float[(int) n * 2];
        java.util.Arrays.fill(logits, -10f);
        logits[hot * 2 + 1] = 5f;
        NDArray cls = m.create(logits, new Shape(1, n, 2));
        return new NDList(cls.add(1f), deltas.add(0.5f), cls.sub(1f), deltas.sub(0.5f));
    }

    @Test
    void aBoxOnTheLetterboxOfANonSquareImageMapsBackExactly() {
        LetterboxTransform placement = LetterboxTransform.fit(100, 60, SIDE, SIDE);
        assertEquals(13, placement.padTop(), "the 100x60 image is padded above and below");
        float[] original = {20f, 10f, 60f, 50f};
        try (NDManager m = NDManager.newBaseManager();
                ObjectDetector detector = new ObjectDetector(network(m), settings(0.25f, Set.of()))) {
            List<Detection> found = detector.decode(headsFor(m, placement.toTarget(original), 40), placement);
            assertEquals(1, found.size(), "duplicates are suppressed");
            Detection d = found.get(0);
            assertEquals(1, d.classId());
            assertEquals(1f / (1f + (float) Math.exp(-5)), d.score(), 1e-5f);
            assertArrayEquals(original, new float[] {d.x1(), d.y1(), d.x2(), d.y2()}, 1e-3f);
        }
    }

    @Test
    void theClassFilterDropsOtherClassesBeforeNms() {
        LetterboxTransform placement = LetterboxTransform.fit(100, 60, SIDE, SIDE);
        try (NDManager m = NDManager.newBaseManager();
                ObjectDetector onlyA = new ObjectDetector(network(m), settings(0.25f, Set.of(0)))) {
            assertEquals(List.of(), onlyA.decode(headsFor(m, placement.toTarget(new float[] {20, 10, 60, 50}), 40),
                    placement));
        }
    }

    @Test
    void anyImageGivesBoxesInsideIt() {
        float[] samples = new float[90 * 50];
        for (int i = 0; i < samples.length; i++) {
            samples[i] = (i * 37 % 256) * 1.0f;
        }
        Raster grey16 = new Raster(90, 50, 1, 16, samples);
        try (NDManager m = NDManager.newBaseManager();
                ObjectDetector detector = new ObjectDetector(network(m), settings(0f, Set.of()))) {
            List<Detection> found = detector.detect(grey16);
            assertFalse(found.isEmpty(), "a zero threshold keeps candidates");
            assertTrue(found.size() <= 100);
            for (Detection d : found) {
                assertTrue(d.x1() >= 0 && d.y1() >= 0 && d.x2() <= 90 && d.y2() <= 50 && d.width() > 0
                        && d.height() > 0, d.toString());
            }
        }
    }

    /**
     * Test-time augmentation runs the image and its mirror image, so it finds the mirror image of what it finds in
     * the mirror image (up to the order its passes are summed in).
     */
    @Test
    void augmentationFindsInTheMirrorImageTheMirrorOfWhatItFinds() {
        Raster image = new Raster(60, 40, 3, 8, new float[60 * 40 * 3]);
        for (int i = 0; i < image.samples().length(); i++) {
            image.floats()[i] = (i * 53) % 256;
        }
        Raster mirror = Dihedral.MIRROR.apply(image);
        DetectionSettings augmented = new DetectionSettings(0f, 0.5f, 20, SIDE, Set.of(), false, true);
        try (NDManager m = NDManager.newBaseManager();
                ObjectDetector detector = new ObjectDetector(network(m), augmented)) {
            List<Detection> found = detector.detect(image);
            List<Detection> inMirror = detector.detect(mirror);
            assertEquals(found.size(), inMirror.size());
            for (int i = 0; i < found.size(); i++) {
                Detection a = found.get(i);
                Detection b = inMirror.get(i);
                assertArrayEquals(new float[] {a.x1(), a.y1(), a.x2(), a.y2(), a.score(), a.classId()},
                        new float[] {60 - b.x2(), b.y1(), 60 - b.x1(), b.y2(), b.score(), b.classId()}, 1e-3f,
                        "detection " + i);
            }
        }
    }

    /**
     * Two workers on their own threads share one network and report what a lone detector reports. Every candidate
     * is kept (score above 0, IoU threshold 1, no cap; the 32 px canvas has 189 anchors, 378 (anchor, class) pairs,
     * under the top-k of 1000), so rounding cannot change which boxes are reported, only their values: passes on
     * different threads need not round alike ({@link BlockTestKit#ROUNDING_ULPS}). Matched in any order, a box within
     * {@link #BOX_TOLERANCE_PX} and a score within {@link #SCORE_TOLERANCE}; a worker that used another's state would
     * report other boxes altogether.
     */
    @Test
    void workersOnTwoThreadsShareOneNetworkAndAgreeWithOne() throws Exception {
        Raster image = new Raster(50, 40, 3, 8, new float[50 * 40 * 3]);
        for (int i = 0; i < image.samples().length(); i++) {
            image.floats()[i] = (i * 53) % 256;
        }
        DetectionSettings everything = new DetectionSettings(0f, 1f, Integer.MAX_VALUE,
                DetectorModelConfig.MIN_IMAGE_SIZE, Set.of(), false);
        try (NDManager m = NDManager.newBaseManager()) {
            SingleStageDetector network = network(m);
            List<Detection> expected;
            try (ObjectDetector alone = new ObjectDetector(network, everything)) {
                expected = alone.detect(image);
            }
            int pairs = 2 * java.util.Arrays.stream(new AnchorGenerator(TINY.anchors())
                    .anchorsPerLevel(everything.imageSize(), everything.imageSize())).sum();
            assertTrue(pairs <= DetectionSettings.PRE_NMS_TOP_K, pairs + " candidates, more than the top-k");
            assertTrue(expected.size() > pairs / 2, expected.size() + " of " + pairs + " candidates reported");
            java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(2);
            try {
                List<java.util.concurrent.Future<List<List<Detection>>>> runs = new java.util.ArrayList<>();
                for (int t = 0; t < 2; t++) {
                    runs.add(pool.submit(() -> {
                        try (ObjectDetector worker = new ObjectDetector(network, everything)) {
                            List<List<Detection>> found = new java.util.ArrayList<>();
                            for (int i = 0; i < 8; i++) {
                                found.add(worker.detect(image));
                            }
                            return found;
                        }
                    }));
                }
                for (java.util.concurrent.Future<List<List<Detection>>> run : runs) {
                    for (List<Detection> found : run.get()) {
                        assertSameDetections(expected, found);
                    }
                }
            } finally {
                pool.shutdown();
            }
        }
    }

    /**
     * Box edges of two runs, in image pixels: a hundredth of a pixel. Deltas differing by the kit's rounding bound
     * move an edge that lies inside the 32 px canvas (a box at most 64 px wide) by under 4e-4 px; a box of another
     * anchor or image differs by pixels.
     */
    private static final float BOX_TOLERANCE_PX = 0.01f;
    /**
     * Scores of two runs: 1e-5, a thousandth of the untrained network's scores near 0.01, and 30 times the kit's
     * rounding bound on logits near -4.6 carried through the sigmoid's slope of 0.01 there.
     */
    private static final float SCORE_TOLERANCE = 1e-5f;

    /** Each expected detection matched by one found detection of its class within the tolerances, in any order. */
    private static void assertSameDetections(List<Detection> expected, List<Detection> found) {
        assertEquals(expected.size(), found.size(), "detections");
        List<Detection> unmatched = new java.util.ArrayList<>(found);
        for (Detection e : expected) {
            Detection match = unmatched.stream().filter(f -> f.classId() == e.classId()
                    && Math.abs(f.score() - e.score()) <= SCORE_TOLERANCE
                    && Math.abs(f.x1() - e.x1()) <= BOX_TOLERANCE_PX && Math.abs(f.y1() - e.y1()) <= BOX_TOLERANCE_PX
                    && Math.abs(f.x2() - e.x2()) <= BOX_TOLERANCE_PX && Math.abs(f.y2() - e.y2()) <= BOX_TOLERANCE_PX)
                    .findFirst().orElse(null);
            assertTrue(match != null, "a worker found nothing like the lone detector's " + e);
            unmatched.remove(match);
        }
    }

    @Test
    void classIdsOutsideTheModelAreRejected() {
        try (NDManager m = NDManager.newBaseManager()) {
            SingleStageDetector network = network(m);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> new ObjectDetector(network, settings(0.25f, Set.of(2))));
            assertTrue(e.getMessage().contains("class id 2"), e.getMessage());
        }
    }
}
