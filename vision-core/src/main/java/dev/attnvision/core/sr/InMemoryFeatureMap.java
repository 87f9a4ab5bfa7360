package dev.attnvision.core.sr;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;

/**
 * A {@link FeatureMap} in native memory, one {@code (1, H, W, C)} array: reads and writes are strided copies inside
 * the engine, with no Java arrays in between.
 */
final class InMemoryFeatureMap implements FeatureMap {
    private final NDArray data;

    InMemoryFeatureMap(NDManager manager, int width, int height, int channels) {
        data = manager.zeros(new Shape(1, height, width, channels));
    }

    @Override
    public NDArray window(TileGrid.Tile tile, NDManager scope) {
        NDArray part = data.get(region(tile.contextX(), tile.contextY(), tile.contextWidth(), tile.contextHeight()));
        part.attach(scope);
        return part.transpose(0, 3, 1, 2);
    }

    @Override
    public void write(TileGrid.Tile tile, NDArray core) {
        data.set(region(tile.x(), tile.y(), tile.width(), tile.height()), core.transpose(0, 2, 3, 1));
    }

    private static NDIndex region(int x, int y, int width, int height) {
        return new NDIndex(":, {}:{}, {}:{}, :", y, y + height, x, x + width);
    }

    @Override
    public void close() {
        data.close();
    }
}
