package dev.attnvision.attention;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

/**
 * Constant operands for arithmetic that autograd may record, in memory the engine owns.
 *
 * <p>Why: DJL's PyTorch engine turns a Java number or array into a tensor over a Java direct buffer
 * ({@code from_blob}, no copy), and the overloads taking a number ({@code x.div(2f)},
 * {@code x.mul(0.5f)}, {@code x.pow(2f)}, {@code x.maximum(0f)}) close that tensor straight away.
 * Autograd keeps the operand of a product, quotient, power, maximum or minimum for the backward
 * pass, but not the Java buffer: once the garbage collector frees it, the backward pass reads
 * freed memory, and the gradients come out wrong, or NaN, only now and then. The arrays made here
 * copy their values into engine memory, which autograd keeps alive for as long as it needs.
 */
public final class Constants {

    private Constants() {}

    /**
     * @param like an array whose manager and data type the constant takes
     * @param value the value
     * @return a 0-dimensional array holding {@code value}, owned by {@code like}'s manager
     */
    public static NDArray scalar(NDArray like, double value) {
        return like.getManager().full(new Shape(), (float) value, like.getDataType());
    }

    /**
     * @param manager the owner of the result
     * @param values the values
     * @return a 1-dimensional float32 copy of {@code values} in engine memory
     */
    public static NDArray vector(NDManager manager, float[] values) {
        try (NDArray javaBacked = manager.create(values)) {
            return javaBacked.duplicate();
        }
    }
}
