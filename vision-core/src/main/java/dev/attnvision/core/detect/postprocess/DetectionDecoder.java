package dev.attnvision.core.detect.postprocess;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Activation;
import dev.attnvision.core.data.transform.LetterboxTransform;
import dev.attnvision.core.detect.Detection;
import dev.attnvision.core.detect.anchor.DeltaXywhCoder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Turns a dense head's outputs into detections in original image pixels (RetinaNet inference, Lin et al. 2017,
 * arXiv 1708.02002, section 4.1).
 *
 * <p>Per image: class probabilities {@code sigmoid(logits)}; the {@code preNmsTopK} best (anchor, class) pairs
 * over all levels; their deltas decoded against their anchors; boxes clipped to the model's input canvas;
 * class-wise {@link Nms}; finally each kept box mapped back through the letterbox
 * ({@code (x - pad) / scale}, clipped to the original image) and dropped if nothing of it lies on the image.
 */
public final class DetectionDecoder {
    private final DeltaXywhCoder coder;
    private final int preNmsTopK;
    private final Nms nms;

    /**
     * @param coder the box coder the head was trained with
     * @param preNmsTopK how many (anchor, class) candidates enter NMS, at least 1
     * @param nms score threshold, IoU threshold and maximum detections
     */
    public DetectionDecoder(DeltaXywhCoder coder, int preNmsTopK, Nms nms) {
        if (preNmsTopK < 1) {
            throw new IllegalArgumentException("preNmsTopK must be at least 1, got " + preNmsTopK);
        }
        this.coder = coder;
        this.preNmsTopK = preNmsTopK;
        this.nms = nms;
    }

    /** RetinaNet's test setting: 1000 candidates, score above 0.05, NMS at IoU 0.5, 100 detections. */
    public static DetectionDecoder retinaNet() {
        return new DetectionDecoder(DeltaXywhCoder.retinaNet(), 1000, new Nms(0.05f, 0.5f, 100));
    }

    /**
     * Detections of one image, best first.
     *
     * @param classLogits (N, C) logits for the N anchors
     * @param boxDeltas (N, 4) regression outputs
     * @param anchors (N, 4) the anchors of the model's input canvas
     * @param letterbox how the original image was placed on that canvas
     */
    public List<Detection> decode(NDArray classLogits, NDArray boxDeltas, NDArray anchors,
            LetterboxTransform letterbox) {
        Candidates onCanvas = topCandidates(classLogits, boxDeltas, anchors, letterbox);
        return toDetections(nms.keep(onCanvas.xyxy(), onCanvas.scores(), onCanvas.classIds()), onCanvas, letterbox);
    }

    /**
     * The {@code preNmsTopK} best candidates of one image before suppression, in the original image's pixels, less
     * those with no area there (for merging several passes, {@link WeightedBoxFusion}); arguments as {@link
     * #decode}.
     */
    public Candidates candidates(NDArray classLogits, NDArray boxDeltas, NDArray anchors,
            LetterboxTransform letterbox) {
        Candidates onCanvas = topCandidates(classLogits, boxDeltas, anchors, letterbox);
        float[] xyxy = new float[4 * onCanvas.size()];
        float[] scores = new float[onCanvas.size()];
        long[] classIds = new long[onCanvas.size()];
        int count = 0;
        for (int i = 0; i < onCanvas.size(); i++) {
            float[] box = letterbox.toSource(Arrays.copyOfRange(onCanvas.xyxy(), 4 * i, 4 * i + 4));
            if (box[2] > box[0] && box[3] > box[1]) {
                System.arraycopy(box, 0, xyxy, 4 * count, 4);
                scores[count] = onCanvas.scores()[i];
                classIds[count++] = onCanvas.classIds()[i];
            }
        }
        return new Candidates(Arrays.copyOf(xyxy, 4 * count), Arrays.copyOf(scores, count),
                Arrays.copyOf(classIds, count));
    }

    /** The best candidates, decoded and clipped to the canvas. */
    private Candidates topCandidates(NDArray classLogits, NDArray boxDeltas, NDArray anchors,
            LetterboxTransform letterbox) {
        long n = anchors.getShape().get(0);
        if (classLogits.getShape().dimension() != 2 || classLogits.getShape().get(0) != n
                || !boxDeltas.getShape().equals(anchors.getShape())) {
            throw new IllegalArgumentException("decoder needs logits (N, C), deltas (N, 4) and anchors (N, 4) with"
                    + " one N, got " + classLogits.getShape() + ", " + boxDeltas.getShape() + " and "
                    + anchors.getShape());
        }
        long classes = classLogits.getShape().get(1);
        try (NDManager scope = NDManager.subManagerOf(classLogits)) {
            scope.tempAttachAll(classLogits, boxDeltas, anchors);
            NDArray probabilities = Activation.sigmoid(classLogits.toType(DataType.FLOAT32, false)).reshape(-1);
            int k = (int) Math.min(preNmsTopK, probabilities.size());
            NDList top = probabilities.topK(k, 0);
            NDArray scores = top.get(0);
            NDArray flatIndex = top.get(1).toType(DataType.INT64, false);
            NDArray classIds = flatIndex.mod(classes);
            NDArray anchorIndex = flatIndex.sub(classIds).div(classes).toType(DataType.INT64, false);
            NDArray canvas = scope.create(new float[] {letterbox.targetWidth(), letterbox.targetHeight(),
                letterbox.targetWidth(), letterbox.targetHeight()});
            NDArray boxes = coder.decode(anchors.get(anchorIndex), boxDeltas.get(anchorIndex).toType(DataType.FLOAT32,
                    false)).minimum(canvas).maximum(0f);
            return new Candidates(boxes.toFloatArray(), scores.toFloatArray(), classIds.toLongArray());
        }
    }

    /**
     * Detections of each image of a batch.
     *
     * @param classLogits (B, N, C)
     * @param boxDeltas (B, N, 4)
     * @param anchors (N, 4), shared by the batch
     * @param letterboxes one per image
     */
    public List<List<Detection>> decodeBatch(NDArray classLogits, NDArray boxDeltas, NDArray anchors,
            List<LetterboxTransform> letterboxes) {
        long batch = classLogits.getShape().get(0);
        if (letterboxes.size() != batch) {
            throw new IllegalArgumentException("need one letterbox per image: batch of " + batch + ", "
                    + letterboxes.size() + " letterboxes");
        }
        List<List<Detection>> out = new ArrayList<>();
        try (NDManager scope = NDManager.subManagerOf(classLogits)) {
            scope.tempAttachAll(classLogits, boxDeltas);
            for (int i = 0; i < batch; i++) {
                out.add(decode(classLogits.get(i), boxDeltas.get(i), anchors, letterboxes.get(i)));
            }
        }
        return out;
    }

    /** The {@code kept} candidates as detections in the original image, dropping any left with no area there. */
    private static List<Detection> toDetections(int[] kept, Candidates onCanvas, LetterboxTransform letterbox) {
        float[] boxes = onCanvas.xyxy();
        List<Detection> out = new ArrayList<>(kept.length);
        for (int i : kept) {
            float[] box = letterbox.toSource(new float[] {boxes[4 * i], boxes[4 * i + 1], boxes[4 * i + 2],
                boxes[4 * i + 3]});
            if (box[2] > box[0] && box[3] > box[1]) {
                out.add(new Detection(box[0], box[1], box[2], box[3], onCanvas.scores()[i],
                        (int) onCanvas.classIds()[i]));
            }
        }
        return out;
    }
}
