package dev.attnvision.attention;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * An {@link AttentionProbe} that keeps a float copy of every map it receives, in call order.
 *
 * <p>It holds plain Java arrays only, so it outlives the forward pass and its managers. Not thread
 * safe: use one recorder per forward call. A {@link Reduction} can shrink each map before it is
 * copied (e.g. a (B, C, H, W) mask to its channel mean), so recording a large image keeps only
 * what will be shown, and skip maps that will not be.
 */
public final class AttentionRecorder implements AttentionProbe {

    /**
     * One recorded map.
     *
     * @param source the block that computed the map
     * @param kind what the map is, as named by the source
     * @param shape the map's shape
     * @param values the map's values in row-major order of {@code shape}, as float32
     */
    public record Recorded(Block source, String kind, Shape shape, float[] values) {}

    /** Turns a map into what is kept; runs inside the forward pass, on its managers. */
    @FunctionalInterface
    public interface Reduction {
        /**
         * Reduces one map.
         *
         * @param source the block that computed the map
         * @param kind what the map is
         * @param map the map, never modified
         * @return the array to keep: {@code map} itself or a new array, which the recorder closes;
         *     null to keep nothing of this map
         */
        NDArray apply(Block source, String kind, NDArray map);
    }

    private final List<Recorded> maps = new ArrayList<>();
    private final Reduction reduction;

    /** A recorder keeping every map whole. */
    public AttentionRecorder() {
        this((source, kind, map) -> map);
    }

    /**
     * A recorder keeping what {@code reduction} makes of each map.
     *
     * @param reduction applied to every map before it is copied
     */
    public AttentionRecorder(Reduction reduction) {
        this.reduction = reduction;
    }

    /** {@inheritDoc} */
    @Override
    public void record(Block source, String kind, NDArray map) {
        try (NDArray detached = map.stopGradient()) {
            NDArray kept = reduction.apply(source, kind, detached);
            if (kept == null) {
                return;
            }
            try (NDArray copy = kept.toType(DataType.FLOAT32, true)) {
                maps.add(new Recorded(source, kind, kept.getShape(), copy.toFloatArray()));
            } finally {
                if (kept != detached) {
                    kept.close();
                }
            }
        }
    }

    /**
     * Returns the maps recorded so far.
     *
     * @return an unmodifiable view of the maps, in call order
     */
    public List<Recorded> maps() {
        return Collections.unmodifiableList(maps);
    }

    /**
     * Returns the maps of one kind recorded from one block.
     *
     * @param source the block
     * @param kind the kind
     * @return the matching maps, in call order
     */
    public List<Recorded> maps(Block source, String kind) {
        List<Recorded> found = new ArrayList<>();
        for (Recorded m : maps) {
            if (m.source() == source && m.kind().equals(kind)) {
                found.add(m);
            }
        }
        return found;
    }
}
