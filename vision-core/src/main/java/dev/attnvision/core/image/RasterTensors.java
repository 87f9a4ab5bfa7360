package dev.attnvision.core.image;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.nio.FloatBuffer;

/**
 * Moves {@link Raster}s in and out of DJL NDArrays without OpenCV. A Raster's interleaved HWC samples are
 * exactly a channels-last (1, H, W, C) array, so that is the copy; networks that want NCHW get a transposed
 * view ({@code transpose(0, 3, 1, 2)}). Values stay on the 0..255 scale; scaling to 0..1 is the model's job.
 */
public final class RasterTensors {
    private RasterTensors() {}

    /**
     * A float32 array of shape (1, H, W, C) attached to {@code manager}. Bytes go to the engine as they are stored
     * and become floats there, so a photo has no float copy in the JVM.
     */
    public static NDArray toNhwc(NDManager manager, Raster image) {
        Shape shape = new Shape(1, image.height(), image.width(), image.channels());
        if (image.samples() instanceof RasterSamples.Bytes bytes) {
            try (NDArray stored = manager.create(bytes.values(), shape, DataType.UINT8)) {
                return stored.toType(DataType.FLOAT32, false);
            }
        }
        return manager.create(FloatBuffer.wrap(image.floats()), shape);
    }

    /** A float32 array of shape (1, C, H, W) attached to {@code manager}. */
    public static NDArray toNchw(NDManager manager, Raster image) {
        return toNhwc(manager, image).transpose(0, 3, 1, 2);
    }

    /** Copies a (1, H, W, C) array (C = 1, 3 or 4, any numeric type) into a Raster of the given bit depth. */
    public static Raster fromNhwc(NDArray array, int bitDepth) {
        Shape s = array.getShape();
        if (s.dimension() != 4 || s.get(0) != 1) {
            throw new IllegalArgumentException("expected a (1, H, W, C) array, got shape " + s);
        }
        float[] data;
        if (array.getDataType() == DataType.FLOAT32) {
            data = array.toFloatArray();
        } else {
            try (NDArray floats = array.toType(DataType.FLOAT32, false)) {
                data = floats.toFloatArray();
            }
        }
        return new Raster((int) s.get(2), (int) s.get(1), (int) s.get(3), bitDepth, data);
    }

    /** Copies a (1, C, H, W) array into a Raster of the given bit depth. */
    public static Raster fromNchw(NDArray array, int bitDepth) {
        if (array.getShape().dimension() != 4) {
            throw new IllegalArgumentException("expected a (1, C, H, W) array, got shape " + array.getShape());
        }
        try (NDArray nhwc = array.transpose(0, 2, 3, 1)) {
            return fromNhwc(nhwc, bitDepth);
        }
    }
}
