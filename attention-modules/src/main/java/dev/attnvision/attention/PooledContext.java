package dev.attnvision.attention;

import ai.djl.nn.Block;
import ai.djl.util.PairList;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Image-wide pooled descriptors handed to blocks that pool over the whole input, so that a tile of an image is
 * computed with the image's statistics instead of the tile's. A block that pools globally (the dynamic attention
 * module of {@link AttentionInAttentionBlock}) uses the descriptor given for it here instead of pooling its input;
 * without one it pools as usual.
 *
 * <p>Like an {@link AttentionProbe} it travels with one forward call, in the {@code params} under
 * {@link #PARAM_KEY}; blocks find it with {@link #in(PairList)}. The descriptors are plain Java arrays, keyed by
 * block identity.
 */
public final class PooledContext {
    /** The key of the context in a forward call's {@code params}. */
    public static final String PARAM_KEY = "dev.attnvision.attention.pooledContext";

    private final Map<Block, float[]> descriptors;

    /**
     * Creates a context.
     *
     * @param descriptors per block, its pooled descriptor (C values for a batch of one)
     */
    public PooledContext(Map<Block, float[]> descriptors) {
        this.descriptors = new IdentityHashMap<>(descriptors);
    }

    /**
     * Returns the descriptor given for a block.
     *
     * @param block the pooling block
     * @return its descriptor, if one was given
     */
    public Optional<float[]> descriptor(Block block) {
        return Optional.ofNullable(descriptors.get(block));
    }

    /**
     * Finds the context of a forward call.
     *
     * @param params the forward call's params, may be {@code null}
     * @return the context stored under {@link #PARAM_KEY}, if any
     * @throws IllegalArgumentException if the key holds something that is not a context
     */
    public static Optional<PooledContext> in(PairList<String, Object> params) {
        Object value = params == null ? null : params.get(PARAM_KEY);
        if (value == null) {
            return Optional.empty();
        }
        if (!(value instanceof PooledContext context)) {
            throw new IllegalArgumentException(
                    "params[" + PARAM_KEY + "] must be a PooledContext, got " + value.getClass().getName());
        }
        return Optional.of(context);
    }
}
