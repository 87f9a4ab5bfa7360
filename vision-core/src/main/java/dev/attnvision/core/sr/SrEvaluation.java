package dev.attnvision.core.sr;

import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import dev.attnvision.core.data.degradation.BicubicDegradation;
import dev.attnvision.core.data.degradation.Degradations;
import dev.attnvision.core.eval.SrScore;
import dev.attnvision.core.image.MatlabBicubic;
import dev.attnvision.core.image.Raster;
import dev.attnvision.core.image.RasterChannels;
import dev.attnvision.core.train.Seeds;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.UnaryOperator;

/**
 * Benchmarks a super-resolution network on high-resolution images: each image is cropped to a multiple of the scale
 * and reduced to its low-resolution input, by default the standard way ({@link MatlabBicubic#downscale}), or by a
 * seeded {@link Degradation} (each image's draw seeded by the seed and the image's name, so any subset reproduces),
 * or the input is given ({@link Pair}). The network's 8-bit output and the bicubic upscale of the same input (the
 * baseline) are scored against the HR image with {@link SrScore} (PSNR and SSIM on BT.601 Y, {@code scale} pixels
 * shaved). Gray and RGBA images are scored on their RGB expansion.
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

    /**
     * An image to score: its ground truth and the low-resolution input.
     *
     * @param name the image's name
     * @param hr the high-resolution ground truth
     * @param lr the input, {@code 1 / scale} of {@code hr}'s size (rounded down)
     */
    public record Pair(String name, Raster hr, Raster lr) {}

    /** Scores {@code network} (NCHW in and out, 0..255) on the named HR images reduced by MATLAB bicubic. */
    public static Report evaluate(Block network, Map<String, Raster> hrImages, int scale, NDManager manager) {
        return evaluate(network, pairs(hrImages, scale, new Degradations.Seeded(BicubicDegradation.INSTANCE, 0)),
                scale, manager);
    }

    /**
     * The named HR images (as RGB, cropped to a multiple of {@code scale}) with their inputs made by {@code
     * degradation}; image {@code name}'s draw is seeded by {@code Seeds.derive(seed, name.hashCode())}.
     */
    public static List<Pair> pairs(Map<String, Raster> hrImages, int scale, Degradations.Seeded degradation) {
        List<Pair> pairs = new ArrayList<>();
        for (Map.Entry<String, Raster> entry : hrImages.entrySet()) {
            Raster rgb = RasterChannels.rgb(entry.getValue());
            int width = rgb.width() - rgb.width() % scale;
            int height = rgb.height() - rgb.height() % scale;
            if (width == 0 || height == 0) {
                throw new IllegalArgumentException("image " + entry.getKey() + " (" + rgb.width() + "x" + rgb.height()
                        + ") is smaller than the scale " + scale);
            }
            Raster hr = width == rgb.width() && height == rgb.height() ? rgb : rgb.region(0, 0, width, height);
            SplittableRandom random = new SplittableRandom(Seeds.derive(degradation.seed(), entry.getKey().hashCode()));
            pairs.add(new Pair(entry.getKey(), hr, degradation.degradation().degrade(hr, scale, random)));
        }
        return pairs;
    }

    /**
     * Given inputs matched to their ground truths.
     *
     * @param pairs the matched images, in ground-truth order
     * @param problems one line per ground truth without a usable input, and per input without a ground truth
     */
    public record Matching(List<Pair> pairs, List<String> problems) {}

    /**
     * Matches the low-resolution images to the HR images by file stem ({@code baby.png} takes {@code baby.png},
     * {@code baby.jpg} or the benchmarks' {@code babyx2.png}); an input must be {@code 1 / scale} of its HR image
     * (rounded down), whose last rows and columns are then cropped.
     */
    public static Matching matched(Map<String, Raster> hrImages, Map<String, Raster> lrImages, int scale) {
        Map<String, String> byStem = new LinkedHashMap<>();
        lrImages.keySet().forEach(name -> byStem.put(stem(name), name));
        List<Pair> pairs = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        Set<String> used = new HashSet<>();
        for (Map.Entry<String, Raster> entry : hrImages.entrySet()) {
            String stem = stem(entry.getKey());
            String lrName = byStem.containsKey(stem) ? byStem.get(stem) : byStem.get(stem + "x" + scale);
            if (lrName == null) {
                problems.add(entry.getKey() + ": no input of the same name (" + stem + ".* or " + stem + "x" + scale
                        + ".*) in the --lr folder");
                continue;
            }
            used.add(lrName);
            Raster hr = RasterChannels.rgb(entry.getValue());
            Raster lr = lrImages.get(lrName);
            if (hr.width() / scale != lr.width() || hr.height() / scale != lr.height()) {
                problems.add(entry.getKey() + ": its input " + lrName + " is " + lr.width() + "x" + lr.height()
                        + ", not 1/" + scale + " of " + hr.width() + "x" + hr.height() + " (expected "
                        + hr.width() / scale + "x" + hr.height() / scale + ")");
                continue;
            }
            pairs.add(new Pair(entry.getKey(), hr.region(0, 0, lr.width() * scale, lr.height() * scale), lr));
        }
        lrImages.keySet().stream().filter(name -> !used.contains(name))
                .forEach(name -> problems.add(name + ": an input without a ground truth of the same name"));
        return new Matching(pairs, problems);
    }

    private static String stem(String name) {
        int dot = name.lastIndexOf('.');
        return (dot > 0 ? name.substring(0, dot) : name).toLowerCase(Locale.ROOT);
    }

    /** Scores {@code network} (NCHW in and out, 0..255) on the given pairs, by {@code scale}, in float32. */
    public static Report evaluate(Block network, List<Pair> pairs, int scale, NDManager manager) {
        return evaluate(lr -> SrInference.upscale(network, lr, manager), pairs, scale);
    }

    /**
     * Scores an upscaler on the given pairs, its outputs rounded to 8 bits as a saved image would be: how an A2N
     * scores in another {@link Precision}, run as {@code upscale} runs it.
     */
    public static Report evaluate(RgbUpscaler upscaler, List<Pair> pairs) {
        int scale = upscaler.scale();
        return evaluate(lr -> {
            Raster sr = Raster.atDepth(lr.width() * scale, lr.height() * scale, 3, 8);
            upscaler.upscale(lr, sr);
            return sr;
        }, pairs, scale);
    }

    private static Report evaluate(UnaryOperator<Raster> upscale, List<Pair> pairs, int scale) {
        if (pairs.isEmpty()) {
            throw new IllegalArgumentException("no images to evaluate on");
        }
        List<ImageScore> scores = new ArrayList<>();
        for (Pair pair : pairs) {
            Raster lr = RasterChannels.rgb(pair.lr());
            Raster sr = upscale.apply(lr);
            Raster bicubic = MatlabBicubic.upscale(lr, scale);
            scores.add(new ImageScore(pair.name(), SrScore.measure(sr, pair.hr(), scale),
                    SrScore.measure(bicubic, pair.hr(), scale)));
        }
        return new Report(scale, scores, mean(scores.stream().map(ImageScore::network).toList()),
                mean(scores.stream().map(ImageScore::bicubic).toList()));
    }

    private static SrScore mean(List<SrScore> scores) {
        return new SrScore(scores.stream().mapToDouble(SrScore::psnr).average().orElseThrow(),
                scores.stream().mapToDouble(SrScore::ssim).average().orElseThrow());
    }
}
