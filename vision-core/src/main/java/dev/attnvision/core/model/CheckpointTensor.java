package dev.attnvision.core.model;

import ai.djl.ndarray.types.Shape;

/**
 * One tensor read from a checkpoint, converted to float32 and laid out contiguously (row-major, last axis fastest),
 * whatever its dtype and strides were in the file.
 *
 * @param shape the tensor's shape as stored (PyTorch order, e.g. {@code (out, in, kh, kw)} for a convolution)
 * @param values {@code shape.size()} values
 */
public record CheckpointTensor(Shape shape, float[] values) {
    public CheckpointTensor {
        if (shape.size() != values.length) {
            throw new IllegalArgumentException("a tensor of shape " + shape + " needs " + shape.size()
                    + " values, got " + values.length);
        }
    }
}
