package dev.attnvision.attention;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Block;
import ai.djl.util.PairList;
import java.util.Optional;

/**
 * Receives the attention maps or weights a block computes, for visualisation or inspection.
 *
 * <p>A probe travels with one forward call, never with a block: the caller puts it into the
 * {@code params} of {@link Block#forward(ai.djl.training.ParameterStore, ai.djl.ndarray.NDList,
 * boolean, PairList)} under {@link #PARAM_KEY} (see {@link #params(AttentionProbe)}). Composite
 * blocks hand the same {@code params} to their children, so one probe sees every attention block
 * of a network. A block looks the probe up with {@link #in(PairList)} and calls {@link #record}
 * only when one is present, so a forward pass without a probe costs one list lookup.
 *
 * <p>The array handed to {@link #record} is a temporary of the forward pass: it may be closed as
 * soon as {@code record} returns and may still be part of an autograd graph. An implementation
 * copies what it needs before returning (e.g. to a Java array, see {@link AttentionRecorder}) and
 * never modifies the array.
 */
@FunctionalInterface
public interface AttentionProbe {

    /** The key of the probe in a forward call's {@code params}. */
    String PARAM_KEY = "dev.attnvision.attention.probe";

    /**
     * Receives one attention map.
     *
     * @param source the block that computed the map
     * @param kind what the map is, one of the {@code PROBE_*} constants of the source's class
     * @param map the map, valid only during this call; its shape is documented by the source
     */
    void record(Block source, String kind, NDArray map);

    /**
     * Finds the probe of a forward call.
     *
     * @param params the forward call's params, may be {@code null}
     * @return the probe stored under {@link #PARAM_KEY}, if any
     * @throws IllegalArgumentException if the key holds something that is not a probe
     */
    static Optional<AttentionProbe> in(PairList<String, Object> params) {
        if (params == null) {
            return Optional.empty();
        }
        Object value = params.get(PARAM_KEY);
        if (value == null) {
            return Optional.empty();
        }
        if (!(value instanceof AttentionProbe)) {
            throw new IllegalArgumentException(
                    "params[" + PARAM_KEY + "] must be an AttentionProbe, got " + value.getClass().getName());
        }
        return Optional.of((AttentionProbe) value);
    }

    /**
     * Makes forward-call params that carry a probe.
     *
     * @param probe the probe
     * @return a new mutable params list holding only the probe
     */
    static PairList<String, Object> params(AttentionProbe probe) {
        if (probe == null) {
            throw new IllegalArgumentException("probe must not be null");
        }
        PairList<String, Object> params = new PairList<>();
        params.add(PARAM_KEY, probe);
        return params;
    }
}
