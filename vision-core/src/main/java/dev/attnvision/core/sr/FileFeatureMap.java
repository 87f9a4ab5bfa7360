package dev.attnvision.core.sr;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A {@link FeatureMap} in a temporary file, for images whose maps exceed the memory budget: rows of a window are
 * read and rows of a core written with positional file I/O, so the data sits in the operating system's page cache,
 * which it can write out and reclaim, and this process's resident memory stays at one tile. The file is deleted on
 * close (and by the OS if the process dies, as it is opened with {@code DELETE_ON_CLOSE}). One reusable buffer per
 * map: not thread safe, like the sweep that owns it.
 */
final class FileFeatureMap implements FeatureMap {
    private final int width;
    private final int channels;
    private final Path file;
    private final FileChannel channel;
    private ByteBuffer buffer = ByteBuffer.allocateDirect(0);

    /**
     * @param directory where the temporary file is made
     * @throws IOException if it cannot be made
     */
    FileFeatureMap(Path directory, int width, int height, int channels) throws IOException {
        this.width = width;
        this.channels = channels;
        file = Files.createTempFile(directory, "attnvision-features-", ".f32");
        channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE,
                StandardOpenOption.DELETE_ON_CLOSE);
        // a sparse file of the map's size: unwritten samples read as zeros
        channel.write(ByteBuffer.allocate(1), FeatureMap.bytes(width, height, channels) - 1);
    }

    @Override
    public NDArray window(TileGrid.Tile tile, NDManager scope) {
        int rowBytes = tile.contextWidth() * channels * SAMPLE_BYTES;
        ByteBuffer rows = buffer(rowBytes * tile.contextHeight());
        for (int r = 0; r < tile.contextHeight(); r++) {
            rows.limit((r + 1) * rowBytes).position(r * rowBytes);
            long at = offset(tile.contextX(), tile.contextY() + r);
            try {
                while (rows.hasRemaining()) {
                    if (channel.read(rows, at + rows.position() - (long) r * rowBytes) < 0) {
                        throw new IOException("unexpected end of " + file);
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the feature map in " + file, e);
            }
        }
        rows.clear().limit(rowBytes * tile.contextHeight());
        // the engine would alias a direct byte buffer; a float view of it is copied into the array's own memory
        NDArray window = scope.create(rows.asFloatBuffer(),
                new Shape(1, tile.contextHeight(), tile.contextWidth(), channels));
        return window.transpose(0, 3, 1, 2);
    }

    @Override
    public void write(TileGrid.Tile tile, NDArray core) {
        ByteBuffer samples = core.transpose(0, 2, 3, 1).toByteBuffer();
        int rowBytes = tile.width() * channels * SAMPLE_BYTES;
        for (int r = 0; r < tile.height(); r++) {
            samples.limit((r + 1) * rowBytes).position(r * rowBytes);
            long at = offset(tile.x(), tile.y() + r);
            try {
                while (samples.hasRemaining()) {
                    channel.write(samples, at + samples.position() - (long) r * rowBytes);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write the feature map to " + file
                        + " (is its disk full? --max-memory sets when maps go to disk)", e);
            }
        }
    }

    private long offset(int x, int y) {
        return ((long) y * width + x) * channels * SAMPLE_BYTES;
    }

    private ByteBuffer buffer(int bytes) {
        if (buffer.capacity() < bytes) {
            buffer = ByteBuffer.allocateDirect(bytes).order(ByteOrder.nativeOrder());
        }
        buffer.clear();
        return buffer;
    }

    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete the feature map " + file, e);
        }
    }
}
