package dev.attnvision.core.detect.loss;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.attnvision.core.data.BoxLabel;
import dev.attnvision.core.detect.anchor.AnchorAssigner;
import dev.attnvision.core.detect.anchor.Assignment;
import dev.attnvision.core.detect.anchor.DeltaXywhCoder;
import dev.attnvision.core.detect.anchor.MaxIouAssigner;
import dev.attnvision.core.detect.box.BoxIou;
import java.util.List;

/**
 * RetinaNet's training objective for one dense head (Lin et al. 2017, arXiv 1708.02002, section 4.1): anchors are
 * labelled by {@link MaxIouAssigner} or another {@link AnchorAssigner} (crowd boxes become ignore regions), the
 * classification loss is {@link FocalLoss} or {@link VarifocalLoss} (whose targets are the IoU of each positive
 * anchor's decoded box with its object) over all non-ignored anchors, the box loss {@link SmoothL1Loss} on encoded
 * deltas or {@link GiouLoss} on decoded boxes over the positive anchors; both are divided by the number of positive
 * anchors in the whole batch. A detector with two heads sums the heads' losses ({@link #totalOverHeads}).
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
    private final GiouLoss giou;

    /**
     * @param assigner anchor labelling
     * @param coder box coding, as used by the head and the decoder
     * @param classification the classification loss
     * @param smoothL1 the delta loss, or null to use {@code giou}
     * @param giou the decoded-box loss, used when {@code smoothL1} is null
     */
    public DetectionLoss(AnchorAssigner assigner, DeltaXywhCoder coder, ClassificationLoss classification,
            SmoothL1Loss smoothL1, GiouLoss giou) {
        if ((smoothL1 == null) == (giou == null)) {
            throw new IllegalArgumentException("give exactly one box loss: smooth L1 or GIoU");
        }
        this.assigner = assigner;
        this.coder = coder;
        this.classification = classification;
        this.smoothL1 = smoothL1;
        this.giou = giou;
    }

    /** RetinaNet's recipe: 0.5/0.4 assigner, focal loss (0.25, 2), smooth L1 (beta 0.11). */
    public static DetectionLoss retinaNet() {
        return new DetectionLoss(MaxIouAssigner.retinaNet(), DeltaXywhCoder.retinaNet(), FocalLoss.retinaNet(),
                SmoothL1Loss.retinaNet(), null);
    }

    /** The same losses with anchors labelled by {@code other} (e.g. {@code AtssAssigner}). */
    public DetectionLoss withAssigner(AnchorAssigner other) {
        return new DetectionLoss(other, coder, classification, smoothL1, giou);
    }

    /** The same, with {@code boxLoss} on decoded boxes instead of the current box loss. */
    public DetectionLoss withGiou(GiouLoss boxLoss) {
        return new DetectionLoss(assigner, coder, classification, null, boxLoss);
    }

    /** The same, with {@code other} as the classification loss. */
    public DetectionLoss withClassification(ClassificationLoss other) {
        return new DetectionLoss(assigner, coder, other, smoothL1, giou);
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
            Terms terms = terms(classLogits, boxDeltas, anchors, assign(scope, anchors, targets));
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
            Assigned assigned = assign(scope, anchors, targets);
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
     * (B N), their count, and for the GIoU loss or a quality-aware classification loss the anchors tiled over the
     * batch (B N, 4) and the target boxes they decode to (null otherwise).
     */
    private record Assigned(NDArray labels, NDArray boxTargets, NDArray weight, int images, float numPositives,
            NDArray tiledAnchors, NDArray goal) {}

    private Assigned assign(NDManager scope, NDArray anchors, List<List<BoxLabel>> targets) {
        NDList labels = new NDList();
        NDList boxTargets = new NDList();
        for (List<BoxLabel> image : targets) {
            NDList target = imageTargets(scope, anchors, image);
            labels.add(target.get(0));
            boxTargets.add(target.get(1));
        }
        NDArray allLabels = NDArrays.concat(labels, 0);
        NDArray allTargets = NDArrays.concat(boxTargets, 0);
        NDArray positive = allLabels.gte(0);
        NDArray tiled = null;
        NDArray goal = null;
        if (smoothL1 == null || classification.usesQuality()) {
            tiled = anchors.expandDims(0).broadcast(new Shape(targets.size(), anchors.getShape().get(0), 4))
                    .reshape(-1, 4);
            goal = coder.decode(tiled, allTargets);
        }
        return new Assigned(allLabels, allTargets, positive.toType(DataType.FLOAT32, false), targets.size(),
                positive.sum().getLong(), tiled, goal);
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
        NDArray weight = assigned.weight();
        NDArray logits = classLogits.reshape(-1, classLogits.getShape().get(2));
        NDArray deltas = boxDeltas.reshape(-1, 4);
        NDArray decoded = assigned.tiledAnchors() == null ? null : coder.decode(assigned.tiledAnchors(), deltas);
        NDArray quality = classification.usesQuality()
                ? BoxIou.aligned(decoded.stopGradient(), assigned.goal()).mul(weight) : null;
        NDArray classTerm = classification.compute(logits, assigned.labels(), quality, numPositives);
        NDArray box = smoothL1 != null ? smoothL1.compute(deltas, assigned.boxTargets(), weight, numPositives)
                : giou.compute(decoded, assigned.goal(), weight, numPositives);
        return new Terms(classTerm, box);
    }

    /** Labels (N) int64 (class, -1 background, -2 ignored) and delta targets (N, 4) of one image. */
    private NDList imageTargets(NDManager scope, NDArray anchors, List<BoxLabel> objects) {
        List<BoxLabel> regular = objects.stream().filter(b -> !b.crowd()).toList();
        List<BoxLabel> crowd = objects.stream().filter(BoxLabel::crowd).toList();
        NDArray gt = boxes(scope, regular);
        Assignment assignment = assigner.assign(anchors, gt, boxes(scope, crowd));
        NDArray index = assignment.gtIndex();
        if (regular.isEmpty()) {
            return new NDList(index, scope.zeros(anchors.getShape()));
        }
        NDArray classes = scope.create(regular.stream().mapToLong(BoxLabel::classId).toArray());
        NDArray matched = index.clip(0, regular.size() - 1);
        NDArray labels = NDArrays.where(index.gte(0), classes.get(matched), index);
        return new NDList(labels, coder.encode(anchors, gt.get(matched)));
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
