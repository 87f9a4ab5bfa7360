package dev.attnvision.core.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;

class RasterTensorsTest {
    private static Raster sample() {
        Raster r = new Raster(3, 2, 3, 16, new float[18]);
        for (int y = 0; y < 2; y++) {
            for (int x = 0; x < 3; x++) {
                for (int c = 0; c < 3; c++) {
                    r.set(y, x, c, 100 * c + 10 * y + x);
                }
            }
        }
        return r;
    }

    @Test
    void nchwViewPutsChannelsFirst() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray nchw = RasterTensors.toNchw(manager, sample());
            assertEquals(new Shape(1, 3, 2, 3), nchw.getShape());
            assertEquals(212f, nchw.getFloat(0, 2, 1, 2));
            assertEquals(101f, nchw.getFloat(0, 1, 0, 1));
        }
    }

    @Test
    void roundTripsThroughBothLayoutsAndOtherTypes() {
        try (NDManager manager = NDManager.newBaseManager()) {
            Raster image = sample();
            assertEquals(image, RasterTensors.fromNhwc(RasterTensors.toNhwc(manager, image), 16));
            assertEquals(image, RasterTensors.fromNchw(RasterTensors.toNchw(manager, image), 16));
            NDArray bytes = manager.create(new byte[] {1, 2, 3, 4}, new Shape(1, 2, 2, 1)).toType(DataType.UINT8, false);
            Raster gray = RasterTensors.fromNhwc(bytes, 8);
            assertArrayEquals(new float[] {1, 2, 3, 4}, gray.floats());
            assertEquals(1, gray.channels());
        }
    }

    @Test
    void bytesBecomeTheSameFloatsInTheEngine() {
        try (NDManager manager = NDManager.newBaseManager()) {
            Raster stored = Raster.atDepth(3, 2, 3, 8);
            for (int i = 0; i < 18; i++) {
                stored.samples().set(i, i * 15);
            }
            NDArray tensor = RasterTensors.toNhwc(manager, stored);
            assertEquals(DataType.FLOAT32, tensor.getDataType());
            assertEquals(new Shape(1, 2, 3, 3), tensor.getShape());
            assertArrayEquals(stored.floats(), tensor.toFloatArray());
            assertEquals(255f, RasterTensors.toNchw(manager, stored).getFloat(0, 2, 1, 2));
        }
    }
}
