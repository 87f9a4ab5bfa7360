package dev.attnvision.core.sr;

import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import dev.attnvision.core.eval.SrScore;
import dev.attnvision.core.image.MatlabBicubic;
import dev.attnvision.core.image.Raster;
import dev.attnvision.core.image.RasterChannels;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Benchmarks a super-resolution network on high-resolution images the standard way: each image is cropped to a
 * multiple of the scale and reduced with {@link MatlabBicubic#downscale}; the network's 8-bit output and the bicubic
 * upscale of the same LR (the baseline) are scored against it with {@link SrScore} (PSNR and SSIM on BT.601 Y,
 * {@code scale} pixels shaved). Gray and RGBA images are scored on their RGB expansion.
 */
public final class SrEvaluation {
    private SrEvaluation() {}

    /**
     * The scores of one image.
     *
     * @param name the image's name
     * @param network the network's scores
     * @param bicubic the bicubic baseline's scores
     */
    public record ImageScore(String name, SrScore network, SrScore bicubic) {}

    /**
     * All images' scores and their means.
     *
     * @param scale the upscaling factor
     * @param images per image, in input order
     * @param meanNetwork mean network PSNR and SSIM
     * @param meanBicubic mean bicubic PSNR and SSIM
     */
    public record Report(int scale, List<ImageScore> images, SrScore meanNetwork, SrScore meanBicubic) {
        public Report {
            images = List.copyOf(images);
        }
    }

    /** Scores {@code network} (NCHW in and out, 0..255) on the named HR images, by {@code scale}. */
    public static Report evaluate(Block network, Map<String, Raster> hrImages, int scale, NDManager manager) {
        if (hrImages.isEmpty()) {
            throw new IllegalArgumentException("no images to evaluate on");
        }
        List<ImageScore> scores = new ArrayList<>();
        for (Map.Entry<String, Raster> entry : hrImages.entrySet()) {
            Raster hr = entry.getValue().channels() == 3 ? entry.getValue() : RasterChannels.rgb(entry.getValue());
            Raster lr = MatlabBicubic.downscale(hr, scale);
            Raster sr = SrInference.upscale(network, lr, manager);
            Raster bicubic = MatlabBicubic.upscale(lr, scale);
            scores.add(new ImageScore(entry.getKey(), SrScore.measure(sr, hr, scale), SrScore.measure(bicubic, hr, scale)));
        }
        return new Report(scale, scores, mean(scores.stream().map(ImageScore::network).toList()),
                mean(scores.stream().map(ImageScore::bicubic).toList()));
    }

    private static SrScore mean(List<SrScore> scores) {
        return new SrScore(scores.stream().mapToDouble(SrScore::psnr).average().orElseThrow(),
                scores.stream().mapToDouble(SrScore::ssim).average().orElseThrow());
    }
}
