package dev.attnvision.core.model;

import java.nio.ByteBuffer;
import java.util.Arrays;
import net.razorvine.pickle.PickleException;

/** Copies a strided view of a raw storage into a contiguous float array, checking it stays inside the storage. */
final class StridedGather {
    private StridedGather() {}

    /**
     * The elements {@code storage[offset + sum_d index_d * stride_d]} for every index of {@code shape}, in row-major
     * order, converted to float.
     */
    static float[] gather(ByteBuffer storage, TensorDType dtype, long storageNumel, long offset, long[] shape,
            long[] stride, String tensorName) {
        long count = 1;
        long last = offset;
        for (int d = 0; d < shape.length; d++) {
            count *= shape[d];
            last += (shape[d] - 1) * stride[d];
            if (count > Integer.MAX_VALUE - 8) {
                throw new PickleException("tensor " + tensorName + " of shape " + Arrays.toString(shape)
                        + " is too large for one Java array");
            }
        }
        if (count > 0 && (offset < 0 || last >= storageNumel || storage.capacity() < storageNumel * dtype.size())) {
            throw new PickleException("tensor " + tensorName + " (shape " + Arrays.toString(shape) + ", stride "
                    + Arrays.toString(stride) + ", offset " + offset + ") reaches outside its storage of "
                    + storageNumel + " elements");
        }
        float[] values = new float[(int) count];
        int[] index = new int[shape.length];
        long at = offset;
        for (int i = 0; i < values.length; i++) {
            values[i] = dtype.read(storage, (int) at);
            for (int d = shape.length - 1; d >= 0; d--) {
                if (++index[d] < shape[d]) {
                    at += stride[d];
                    break;
                }
                at -= (shape[d] - 1) * stride[d];
                index[d] = 0;
            }
        }
        return values;
    }
}
