package dev.attnvision.core.detect;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import dev.attnvision.core.data.BoxLabel;
import dev.attnvision.core.data.DetectionSource;
import dev.attnvision.core.data.LabeledImage;
import dev.attnvision.core.data.transform.Letterbox;
import dev.attnvision.core.detect.head.HarRetinaHead;
import dev.attnvision.core.detect.postprocess.DetectionDecoder;
import dev.attnvision.core.eval.CocoMetrics;
import dev.attnvision.core.eval.MeanAveragePrecision;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * COCO box metrics ({@link MeanAveragePrecision}) of a detector on a {@link DetectionSource}: each image is
 * letterboxed onto the square input, run through the network in inference mode, its heads averaged
 * ({@link HarRetinaHead#averageHeads}) and decoded ({@link DetectionDecoder#retinaNet}) back into the image's pixels.
 */
public final class DetectorEvaluation {
    private final Block detector;
    private final NDArray anchors;
    private final int side;
    private final DetectionDecoder decoder = DetectionDecoder.retinaNet();

    /**
     * @param detector an initialised {@link SingleStageDetector}
     * @param anchors its anchors for a {@code side x side} input
     * @param side the input size the network runs at
     */
    public DetectorEvaluation(Block detector, NDArray anchors, int side) {
        this.detector = detector;
        this.anchors = anchors;
        this.side = side;
    }

    /** The metrics over every image of {@code images}. */
    public CocoMetrics evaluate(DetectionSource images) throws IOException {
        Letterbox letterbox = new Letterbox(side, side, Letterbox.DEFAULT_PAD);
        List<List<BoxLabel>> truth = new ArrayList<>();
        List<List<Detection>> found = new ArrayList<>();
        for (int i = 0; i < images.size(); i++) {
            LabeledImage image = images.load(i);
            Letterbox.Result placed = letterbox.letterbox(image);
            try (NDManager scope = anchors.getManager().newSubManager()) {
                ParameterStore store = new ParameterStore(scope, false);
                NDArray input = DetectorInput.fromNhwc(scope, placed.sample().image().data(), 1, side, side);
                NDList heads = HarRetinaHead.averageHeads(detector.forward(store, new NDList(input), false));
                found.add(decoder.decodeBatch(heads.get(0), heads.get(1), anchors,
                        List.of(placed.transform())).get(0));
            }
            truth.add(image.boxes());
        }
        return new MeanAveragePrecision(images.classNames()).evaluateBoxes(truth, found);
    }
}
