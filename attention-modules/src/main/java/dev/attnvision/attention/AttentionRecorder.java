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
 * safe: use one recorder per forward call.
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

    private final List<Recorded> maps = new ArrayList<>();

    /** {@inheritDoc} */
    @Override
    public void record(Block source, String kind, NDArray map) {
        try (NDArray detached = map.stopGradient();
                NDArray copy = detached.toType(DataType.FLOAT32, true)) {
            maps.add(new Recorded(source, kind, map.getShape(), copy.toFloatArray()));
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
