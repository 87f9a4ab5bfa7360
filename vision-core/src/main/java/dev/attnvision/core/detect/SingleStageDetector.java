package dev.attnvision.core.detect;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import dev.attnvision.core.detect.backbone.SeResNet;
import dev.attnvision.core.detect.head.HarRetinaHead;
import dev.attnvision.core.detect.neck.Fpn;

/**
 * A single-stage detector that only wires its parts, as mmdetection's RetinaNet does: {@link SeResNet} gives
 * C3-C5, {@link Fpn} the pyramid, {@link HarRetinaHead} dense class logits and box deltas per anchor. Anchors,
 * target assignment, losses and decoding are plain classes outside the block.
 *
 * <p>Input: (B, 3, H, W) RGB on 0..255 scaled as the caller chooses, ideally an NHWC array viewed as NCHW with
 * {@code transpose(0, 3, 1, 2)} (channels-last convolutions run about 4x faster here). Output: the head's
 * {@code [cls (B, N, C), box (B, N, 4)]} (plus the attention head's pair), N matching
 * {@code AnchorGenerator.generate(H, W)}.
 */
public final class SingleStageDetector extends AbstractBlock {
    private final DetectorConfig config;
    private final SeResNet backbone;
    private final Fpn neck;
    private final HarRetinaHead head;

    public SingleStageDetector(DetectorConfig config) {
        this.config = config;
        backbone = addChildBlock("backbone", new SeResNet(config.backbone()));
        neck = addChildBlock("neck", new Fpn(config.neck(), config.backbone().outputChannels()));
        head = addChildBlock("head", new HarRetinaHead(config.head(), config.neck().levels(), config.numClasses(),
                config.anchors().anchorsPerCell()));
    }

    /** The configuration the detector was built from. */
    public DetectorConfig config() {
        return config;
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return head.getOutputShapes(neck.getOutputShapes(backbone.getOutputShapes(inputShapes)));
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        backbone.initialize(manager, dataType, inputShapes);
        Shape[] features = backbone.getOutputShapes(inputShapes);
        neck.initialize(manager, dataType, features);
        head.initialize(manager, dataType, neck.getOutputShapes(features));
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
            PairList<String, Object> params) {
        return BlockCalls.scoped(inputs, in -> head.forward(store,
                neck.forward(store, backbone.forward(store, in, training, params), training, params), training,
                params));
    }
}
