package dev.attnvision.core.testing;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * Poisons freed Java direct buffers, to catch autograd reading an operand whose Java buffer was released
 * (see {@code dev.attnvision.attention.Constants}).
 */
public final class ReleasedJavaBuffers {
    private ReleasedJavaBuffers() {}

    /**
     * Runs the garbage collector until the direct buffers no array holds any more are freed, then allocates small
     * direct buffers full of NaN, which reuse that memory.
     *
     * @return the NaN buffers; keep them reachable while the freed memory should stay poisoned
     */
    public static List<ByteBuffer> poison() {
        for (int i = 0; i < 3; i++) {
            System.gc();
            try {
                Thread.sleep(50); // the cleaner thread frees the buffers after the collection
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        List<ByteBuffer> poison = new ArrayList<>();
        for (int i = 0; i < 20_000; i++) {
            ByteBuffer buffer = ByteBuffer.allocateDirect(4 << (i % 5)).order(ByteOrder.nativeOrder());
            while (buffer.remaining() >= Float.BYTES) {
                buffer.putFloat(Float.NaN);
            }
            poison.add(buffer);
        }
        return poison;
    }
}
