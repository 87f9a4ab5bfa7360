package dev.attnvision.core.sr;

import ai.djl.ndarray.NDManager;
import dev.attnvision.core.image.CubicResize;
import dev.attnvision.core.image.Raster;
import dev.attnvision.core.image.RasterChannels;
import dev.attnvision.core.model.StoredModel;
import dev.attnvision.core.pipeline.ImageOperation;
import dev.attnvision.core.pipeline.ImageProcessor;
import dev.attnvision.core.pipeline.ProcessedImage;
import java.io.IOException;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * Super-resolution as a batch operation. The {@link RgbUpscaler} sees RGB only: grey images are widened to RGB
 * and narrowed back (grey stays grey), alpha is upscaled separately with bicubic interpolation (as Real-ESRGAN
 * does) and put back, and the bit depth is kept. The result is stored as the integers it is written with (bytes
 * or shorts), filled tile by tile, so a photo upscaled x4 takes 3 bytes per output pixel, not 12. Each worker gets
 * its own upscaler from {@code newUpscaler}.
 */
public final class UpscaleOperation implements ImageOperation {
    private final String method;
    private final int scale;
    private final Callable<RgbUpscaler> newUpscaler;
    private final AutoCloseable shared;

    /**
     * @param method the method's name, reported per image ("bicubic", a model name)
     * @param scale the integer factor every upscaler made by {@code newUpscaler} applies
     * @param newUpscaler makes one upscaler per worker thread
     * @param shared what the upscalers share (a loaded model), closed with the operation
     */
    public UpscaleOperation(String method, int scale, Callable<RgbUpscaler> newUpscaler, AutoCloseable shared) {
        this.method = method;
        this.scale = scale;
        this.newUpscaler = newUpscaler;
        this.shared = shared;
    }

    /** Bicubic upscaling by {@code scale}. */
    public static UpscaleOperation bicubic(int scale) {
        return new UpscaleOperation("bicubic", scale, () -> new BicubicUpscaler(scale), () -> { });
    }

    /**
     * Upscaling by a stored network, loaded once (parameters verified and frozen) and shared by the workers, each
     * running it tile by tile with its own {@link TiledUpscaler}.
     */
    public static UpscaleOperation model(StoredModel model, Tiling tiling) throws IOException {
        return loaded(model.manifest().name(), model, null, 1, tiling);
    }

    /**
     * Upscaling by {@code tuned} blended with the model it was fine-tuned from, {@code base}, by {@link
     * NetworkInterpolation}: {@code strength} 1 is {@code tuned} alone, 0 is {@code base} alone.
     */
    public static UpscaleOperation blended(StoredModel tuned, StoredModel base, double strength, Tiling tiling)
            throws IOException {
        String name = String.format(Locale.ROOT, "%s (denoise %.2f, blended with %s)", tuned.manifest().name(), strength,
                base.manifest().name());
        return loaded(name, tuned, base, strength, tiling);
    }

    private static UpscaleOperation loaded(String name, StoredModel model, StoredModel base, double strength,
            Tiling tiling) throws IOException {
        int scale = model.manifest().scale();
        NDManager manager = NDManager.newBaseManager();
        try {
            A2n network = base == null ? model.loadA2n(manager)
                    : NetworkInterpolation.load(model, base, strength, manager);
            return new UpscaleOperation(name, scale, () -> new TiledUpscaler(network, tiling), manager);
        } catch (IOException | RuntimeException e) {
            manager.close();
            throw e;
        }
    }

    /** This operation with each image upscaled in its eight orientations and averaged ({@link SelfEnsemble}). */
    public UpscaleOperation selfEnsembled() {
        return new UpscaleOperation(method + " (self-ensemble)", scale, () -> new SelfEnsemble(newUpscaler.call()),
                shared);
    }

    @Override
    public String name() {
        return "upscale";
    }

    @Override
    public ImageProcessor newProcessor() throws Exception {
        RgbUpscaler upscaler = newUpscaler.call();
        return new ImageProcessor() {
            @Override
            public ProcessedImage process(Raster image) throws Exception {
                if (upscaler.scale() != scale) {
                    throw new IllegalStateException("the " + method + " upscaler scales by " + upscaler.scale()
                            + ", expected x" + scale);
                }
                Raster out = Raster.atDepth(Math.multiplyExact(image.width(), scale),
                        Math.multiplyExact(image.height(), scale), image.channels(), image.bitDepth());
                upscaler.upscale(RasterChannels.rgb(image), out);
                if (image.channels() == 4) {
                    out.putChannel(3, CubicResize.resize(RasterChannels.alpha(image), out.width(), out.height()));
                }
                return new ProcessedImage(Optional.of(out), Map.of("method", method, "scale", scale,
                        "width", out.width(), "height", out.height()));
            }

            @Override
            public void close() {
                upscaler.close();
            }
        };
    }

    @Override
    public void close() {
        try {
            shared.close();
        } catch (Exception e) {
            throw new IllegalStateException("could not release the " + method + " model: " + e.getMessage(), e);
        }
    }
}
