package dev.attnvision.core.detect;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.training.ParameterStore;
import dev.attnvision.core.data.LabeledImage;
import dev.attnvision.core.data.transform.Letterbox;
import dev.attnvision.core.data.transform.LetterboxTransform;
import dev.attnvision.core.detect.anchor.AnchorGenerator;
import dev.attnvision.core.detect.anchor.DeltaXywhCoder;
import dev.attnvision.core.detect.head.HarRetinaHead;
import dev.attnvision.core.detect.postprocess.Candidates;
import dev.attnvision.core.detect.postprocess.DetectionDecoder;
import dev.attnvision.core.detect.postprocess.Nms;
import dev.attnvision.core.detect.postprocess.WeightedBoxFusion;
import dev.attnvision.core.image.Dihedral;
import dev.attnvision.core.image.Raster;
import dev.attnvision.core.image.RasterChannels;
import java.util.ArrayList;
import java.util.List;

/**
 * One worker's detector: runs a shared, loaded {@link SingleStageDetector} on images of any size, channel count
 * and bit depth and returns detections in the original image's pixels.
 *
 * <p>Per image: RGB (grey widened, alpha dropped; 16-bit samples are already on 0..255) -> letterbox onto the
 * {@code imageSize} square canvas -> {@link DetectorInput} -> forward without autograd (the parameters are frozen)
 * -> both heads averaged ({@link HarRetinaHead#averageHeads}) -> logits of unwanted classes masked out ->
 * {@link DetectionDecoder} (top-k, decode, class-wise NMS, back through the letterbox). Every array lives in a
 * per-image sub-manager of this worker's own manager, so memory stays flat over long runs. Not thread-safe: one
 * instance per thread, all sharing one network.
 */
public final class ObjectDetector implements AutoCloseable {
    /** The passes of test-time augmentation: the image and its mirror image. */
    private static final List<Dihedral> AUGMENTED_VIEWS = List.of(Dihedral.IDENTITY, Dihedral.MIRROR);

    private final SingleStageDetector network;
    private final DetectionSettings settings;
    private final Letterbox letterbox;
    /** The canvas's anchors (A, 4), made once; temporarily attached to each image's scope while decoding. */
    private final NDArray anchors;
    private final DetectionDecoder decoder;
    private final WeightedBoxFusion fusion;
    /** 0 for a wanted class, -1e9 for a filtered one, added to the logits. */
    private final NDArray classMask;
    private final NDManager manager;

    /**
     * @param network the loaded detector, shared by every worker
     * @param settings thresholds, canvas size and class filter (ids must be the network's)
     */
    public ObjectDetector(SingleStageDetector network, DetectionSettings settings) {
        int classes = network.config().numClasses();
        for (int id : settings.classes()) {
            if (id < 0 || id >= classes) {
                throw new IllegalArgumentException("class id " + id + " is not one of the model's " + classes
                        + " classes");
            }
        }
        this.network = network;
        this.settings = settings;
        this.letterbox = new Letterbox(settings.imageSize(), settings.imageSize(), Letterbox.DEFAULT_PAD);
        Nms nms = new Nms(settings.confidence(), settings.iou(), settings.maxDetections(), settings.acrossClasses());
        this.decoder = new DetectionDecoder(DeltaXywhCoder.retinaNet(), DetectionSettings.PRE_NMS_TOP_K, nms);
        this.fusion = new WeightedBoxFusion(nms);
        float[] mask = new float[classes];
        for (int id = 0; id < classes; id++) {
            mask[id] = settings.classes().isEmpty() || settings.classes().contains(id) ? 0f : -1e9f;
        }
        this.manager = NDManager.newBaseManager();
        this.anchors = new AnchorGenerator(network.config().anchors())
                .generate(manager, settings.imageSize(), settings.imageSize());
        this.classMask = manager.create(mask);
    }

    /** The model's class names, in class-id order. */
    public List<String> classNames() {
        return network.config().classNames();
    }

    /**
     * The detections in {@code image}, best first, in its pixel coordinates. With test-time augmentation the image
     * also runs mirrored left to right, and the candidates of both passes are fused ({@link WeightedBoxFusion});
     * flipping upside down and other scales were measured not to help (README).
     */
    public List<Detection> detect(Raster image) {
        Raster rgb = RasterChannels.rgb(image);
        if (!settings.augment()) {
            Letterbox.Result placed = letterbox.letterbox(new LabeledImage(rgb, List.of()));
            try (NDManager scope = manager.newSubManager()) {
                return decode(forward(placed, scope), placed.transform());
            }
        }
        List<Candidates> passes = new ArrayList<>();
        for (Dihedral view : AUGMENTED_VIEWS) {
            Raster input = view == Dihedral.IDENTITY ? rgb : view.apply(rgb);
            Letterbox.Result placed = letterbox.letterbox(new LabeledImage(input, List.of()));
            try (NDManager scope = manager.newSubManager()) {
                NDList out = masked(forward(placed, scope));
                Candidates found = decoder.candidates(out.get(0), out.get(1), anchors, placed.transform());
                passes.add(view == Dihedral.MIRROR ? found.mirrored(rgb.width()) : found);
            }
        }
        return fusion.fuse(Candidates.concatenate(passes));
    }

    private NDList forward(Letterbox.Result placed, NDManager scope) {
        return network.forward(new ParameterStore(scope, false),
                new NDList(DetectorInput.of(scope, placed.sample().image())), false);
    }

    /** The averaged heads' logits, with unwanted classes masked, and box deltas of the batch's one image. */
    private NDList masked(NDList heads) {
        NDList out = HarRetinaHead.averageHeads(heads);
        return new NDList(out.get(0).get(0).add(classMask), out.get(1).get(0));
    }

    /**
     * Detections from the network's head outputs (one or two heads, batch of one) for an image placed on the
     * canvas by {@code placement}.
     */
    List<Detection> decode(NDList heads, LetterboxTransform placement) {
        NDList out = masked(heads);
        return decoder.decode(out.get(0), out.get(1), anchors, placement);
    }

    @Override
    public void close() {
        manager.close();
    }
}
