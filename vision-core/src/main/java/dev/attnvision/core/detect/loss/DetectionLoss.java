package dev.attnvision.core.detect.loss;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import dev.attnvision.attention.Constants;
import dev.attnvision.core.data.BoxLabel;
import dev.attnvision.core.detect.anchor.AnchorAssigner;
import dev.attnvision.core.detect.anchor.Assignment;
import dev.attnvision.core.detect.anchor.DeltaXywhCoder;
import dev.attnvision.core.detect.anchor.MaxIouAssigner;
import dev.attnvision.core.detect.anchor.TaskAlignedAssigner;
import dev.attnvision.core.detect.box.BoxIou;
import java.util.List;

/**
 * RetinaNet's training objective for one dense head (Lin et al. 2017, arXiv 1708.02002, section 4.1): anchors are
 * labelled by {@link MaxIouAssigner} or another {@link AnchorAssigner} (crowd boxes become ignore regions), the
 * classification loss is {@link FocalLoss} or {@link VarifocalLoss} (whose targets are the IoU of each positive
 * anchor's decoded box with its object) over all non-ignored anchors, the box loss {@link SmoothL1Loss} on encoded
 * deltas or an {@link IouLoss} (GIoU, DIoU, CIoU) on decoded boxes over the positive anchors; both are divided by
 * the number of positive anchors in the whole batch. A detector with two heads sums the heads' losses
 * ({@link #totalOverHeads}).
 *
 * <p>An assigner that reads the predictions ({@link TaskAlignedAssigner}) gets the heads' averaged output, as
 * inference sees it, detached; its alignment targets then replace the IoU as the quality-aware classification
 * target and weight the box loss, which is divided by their sum (at least 1) instead (TOOD, arXiv 2108.07755,
 * eq. 9-10).
 */
public final class DetectionLoss {
    /** The two loss terms of one head, scalars attached to the logits' manager. */
    public record Terms(NDArray classification, NDArray box) {
        /** {@code classification + box}. */
        public NDArray total() {
            return classification.add(box);
        }
    }

    private final AnchorAssigner assigner;
    private final DeltaXywhCoder coder;
    private final ClassificationLoss classification;
    private final SmoothL1Loss smoothL1;
    private final IouLoss iouLoss;

    /**
     * @param assigner anchor labelling
     * @param coder box coding, as used by the head and the decoder
     * @param classification the classification loss
     * @param smoothL1 the delta loss, or null to use {@code iouLoss}
     * @param iouLoss the decoded-box loss, used when {@code smoothL1} is null
     */
    public DetectionLoss(AnchorAssigner assigner, DeltaXywhCoder coder, ClassificationLoss classification,
            SmoothL1Loss smoothL1, IouLoss iouLoss) {
        if ((smoothL1 == null) == (iouLoss == null)) {
            throw new IllegalArgumentException("give exactly one box loss: smooth L1 or an IoU loss");
        }
        this.assigner = assigner;
        this.coder = coder;
        this.classification = classification;
        this.smoothL1 = smoothL1;
        this.iouLoss = iouLoss;
    }

    /** RetinaNet's recipe: 0.5/0.4 assigner, focal loss (0.25, 2), smooth L1 (beta 0.11). */
    public static DetectionLoss retinaNet() {
        return new DetectionLoss(MaxIouAssigner.retinaNet(), DeltaXywhCoder.retinaNet(), FocalLoss.retinaNet(),
                SmoothL1Loss.retinaNet(), null);
    }

    /** The same losses with anchors labelled by {@code other} (e.g. {@code AtssAssigner}). */
    public DetectionLoss withAssigner(AnchorAssigner other) {
        return new DetectionLoss(other, coder, classification, smoothL1, iouLoss);
    }

    /** The same, with {@code boxLoss} on decoded boxes instead of the current box loss. */
    public DetectionLoss withIouLoss(IouLoss boxLoss) {
        return new DetectionLoss(assigner, coder, classification, null, boxLoss);
    }

    /** The same, with {@code other} as the classification loss. */
    public DetectionLoss withClassification(ClassificationLoss other) {
        return new DetectionLoss(assigner, coder, other, smoothL1, iouLoss);
    }

    /**
     * The losses of one head.
     *
     * @param classLogits (B, N, C)
     * @param boxDeltas (B, N, 4)
     * @param anchors (N, 4), the anchors of the input size
     * @param targets per image, the objects in input (canvas) pixels
     */
    public Terms compute(NDArray classLogits, NDArray boxDeltas, NDArray anchors, List<List<BoxLabel>> targets) {
        NDManager caller = classLogits.getManager();
        try (NDManager scope = NDManager.subManagerOf(classLogits)) {
            scope.tempAttachAll(classLogits, boxDeltas, anchors);
            Terms terms = terms(classLogits, boxDeltas, anchors,
                    assign(scope, anchors, targets, new NDList(classLogits, boxDeltas)));
            terms.classification().attach(caller);
            terms.box().attach(caller);
            return terms;
        }
    }

    /**
     * The summed losses of all heads of a forward pass: outputs {@code [cls, box, cls, box, ...]}. The anchors are
     * assigned once for all heads.
     */
    public NDArray totalOverHeads(NDList headOutputs, NDArray anchors, List<List<BoxLabel>> targets) {
        if (headOutputs.isEmpty() || headOutputs.size() % 2 != 0) {
            throw new IllegalArgumentException("head outputs come in (cls, box) pairs, got " + headOutputs.size());
        }
        NDManager caller = headOutputs.get(0).getManager();
        try (NDManager scope = NDManager.subManagerOf(headOutputs.get(0))) {
            scope.tempAttachAll(anchors);
            for (NDArray output : headOutputs) {
                scope.tempAttachAll(output);
            }
            Assigned assigned = assign(scope, anchors, targets, headOutputs);
            NDArray total = null;
            for (int i = 0; i < headOutputs.size(); i += 2) {
                NDArray head = terms(headOutputs.get(i), headOutputs.get(i + 1), anchors, assigned).total();
                total = total == null ? head : total.add(head);
            }
            total.attach(caller);
            return total;
        }
    }

    /**
     * What every head of a batch shares: the labels (B N), the delta targets (B N, 4), the positive anchors' weights
     * (B N), their count, for an IoU loss or a quality-aware classification loss the anchors tiled over the batch
     * (B N, 4) and the target boxes they decode to (null otherwise), and a prediction-aware assigner's alignment
     * targets (B N; null otherwise).
     */
    private record Assigned(NDArray labels, NDArray boxTargets, NDArray weight, int images, float numPositives,
            NDArray tiledAnchors, NDArray goal, NDArray alignment) {}

    /**
     * Labels the anchors of every image; {@code headOutputs} ({@code [cls, box, ...]}) feed a prediction-aware
     * assigner.
     */
    private Assigned assign(NDManager scope, NDArray anchors, List<List<BoxLabel>> targets, NDList headOutputs) {
        int images = targets.size();
        long n = anchors.getShape().get(0);
        boolean decoded = smoothL1 == null || classification.usesQuality();
        NDArray tiled = decoded || assigner.usesPredictions()
                ? anchors.expandDims(0).broadcast(new Shape(images, n, 4)).reshape(-1, 4) : null;
        NDArray scores = null;
        NDArray boxes = null;
        if (assigner.usesPredictions()) {
            NDArray logits = headOutputs.get(0);
            NDArray deltas = headOutputs.get(1);
            for (int i = 2; i < headOutputs.size(); i += 2) {
                logits = logits.add(headOutputs.get(i));
                deltas = deltas.add(headOutputs.get(i + 1));
            }
            NDArray heads = Constants.scalar(logits, headOutputs.size() / 2f);
            scores = Activation.sigmoid(logits.stopGradient().div(heads));
            boxes = coder.decode(tiled, deltas.stopGradient().div(heads).reshape(-1, 4)).reshape(images, n, 4);
        }
        NDList labels = new NDList();
        NDList boxTargets = new NDList();
        NDList alignments = new NDList();
        for (int b = 0; b < images; b++) {
            AnchorAssigner.Predictions predictions = scores == null ? null
                    : new AnchorAssigner.Predictions(scores.get(b), boxes.get(b));
            ImageTargets target = imageTargets(scope, anchors, targets.get(b), predictions);
            labels.add(target.labels());
            boxTargets.add(target.deltas());
            alignments.add(target.alignment());
        }
        NDArray allLabels = NDArrays.concat(labels, 0);
        NDArray allTargets = NDArrays.concat(boxTargets, 0);
        NDArray positive = allLabels.gte(0);
        return new Assigned(allLabels, allTargets, positive.toType(DataType.FLOAT32, false), images,
                positive.sum().getLong(), decoded ? tiled : null, decoded ? coder.decode(tiled, allTargets) : null,
                scores == null ? null : NDArrays.concat(alignments, 0));
    }

    /** One head's terms, in the inputs' (scope's) manager. */
    private Terms terms(NDArray classLogits, NDArray boxDeltas, NDArray anchors, Assigned assigned) {
        long batch = classLogits.getShape().get(0);
        long n = anchors.getShape().get(0);
        if (assigned.images() != batch || classLogits.getShape().get(1) != n || boxDeltas.getShape().get(1) != n) {
            throw new IllegalArgumentException("loss needs logits (B, N, C), deltas (B, N, 4), anchors (N, 4) and B"
                    + " target lists, got " + classLogits.getShape() + ", " + boxDeltas.getShape() + ", "
                    + anchors.getShape() + " and " + assigned.images() + " lists");
        }
        float numPositives = assigned.numPositives();
        NDArray alignment = assigned.alignment();
        NDArray weight = alignment == null ? assigned.weight() : alignment;
        float boxNormaliser = alignment == null ? numPositives : alignment.sum().getFloat();
        NDArray logits = classLogits.reshape(-1, classLogits.getShape().get(2));
        NDArray deltas = boxDeltas.reshape(-1, 4);
        NDArray decoded = assigned.tiledAnchors() == null ? null : coder.decode(assigned.tiledAnchors(), deltas);
        NDArray quality = !classification.usesQuality() ? null : alignment != null ? alignment
                : BoxIou.aligned(decoded.stopGradient(), assigned.goal()).mul(weight);
        NDArray classTerm = classification.compute(logits, assigned.labels(), quality, numPositives);
        NDArray box = smoothL1 != null ? smoothL1.compute(deltas, assigned.boxTargets(), weight, boxNormaliser)
                : iouLoss.compute(decoded, assigned.goal(), weight, boxNormaliser);
        return new Terms(classTerm, box);
    }

    /**
     * One image's labels (N) int64 (class, -1 background, -2 ignored), delta targets (N, 4) and the assigner's
     * alignment targets (N; null without them).
     */
    private record ImageTargets(NDArray labels, NDArray deltas, NDArray alignment) {}

    /** Labels the anchors of one image, with the network's {@code predictions} (null without). */
    private ImageTargets imageTargets(NDManager scope, NDArray anchors, List<BoxLabel> objects,
            AnchorAssigner.Predictions predictions) {
        List<BoxLabel> regular = objects.stream().filter(b -> !b.crowd()).toList();
        List<BoxLabel> crowd = objects.stream().filter(BoxLabel::crowd).toList();
        NDArray gt = boxes(scope, regular);
        NDArray classes = scope.create(regular.stream().mapToLong(BoxLabel::classId).toArray(),
                new Shape(regular.size()));
        Assignment assignment = predictions == null ? assigner.assign(anchors, gt, boxes(scope, crowd))
                : assigner.assign(anchors, gt, classes, boxes(scope, crowd), predictions);
        NDArray index = assignment.gtIndex();
        if (regular.isEmpty()) {
            return new ImageTargets(index, scope.zeros(anchors.getShape()), assignment.alignment());
        }
        NDArray matched = index.clip(0, regular.size() - 1);
        NDArray labels = NDArrays.where(index.gte(0), classes.get(matched), index);
        return new ImageTargets(labels, coder.encode(anchors, gt.get(matched)), assignment.alignment());
    }

    private static NDArray boxes(NDManager scope, List<BoxLabel> objects) {
        float[] xyxy = new float[objects.size() * 4];
        for (int i = 0; i < objects.size(); i++) {
            BoxLabel b = objects.get(i);
            xyxy[4 * i] = b.x1();
            xyxy[4 * i + 1] = b.y1();
            xyxy[4 * i + 2] = b.x2();
            xyxy[4 * i + 3] = b.y2();
        }
        return scope.create(xyxy, new Shape(objects.size(), 4));
    }
}
