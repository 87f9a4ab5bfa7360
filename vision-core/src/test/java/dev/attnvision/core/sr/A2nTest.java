package dev.attnvision.core.sr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import dev.attnvision.attention.ParameterPaths;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class A2nTest {
    private static A2n tiny(NDManager manager, int scale) {
        A2n net = A2n.builder().setConfig(new A2nConfig(scale, 8, 4, 2)).build();
        net.initialize(manager, DataType.FLOAT32, A2n.sampleInputShape());
        return net;
    }

    private static NDArray channelsLastImage(NDManager manager, int h, int w) {
        return manager.randomUniform(0, 255, new Shape(1, h, w, 3)).transpose(0, 3, 1, 2);
    }

    private static NDArray forward(A2n net, NDManager manager, NDArray image) {
        return net.forward(new ParameterStore(manager, false), new NDList(image), false).singletonOrThrow();
    }

    @ParameterizedTest(name = "x{0}")
    @ValueSource(ints = {2, 3, 4})
    void upscalesByTheScaleAndStaysChannelsLast(int scale) {
        try (NDManager manager = NDManager.newBaseManager()) {
            A2n net = tiny(manager, scale);
            NDArray out = forward(net, manager, channelsLastImage(manager, 5, 7));
            assertEquals(new Shape(1, 3, 5 * scale, 7 * scale), out.getShape());
            assertEquals(out.getShape(), net.getOutputShapes(new Shape[] {new Shape(1, 3, 5, 7)})[0]);
            assertTrue(MemoryLayout.isChannelsLast(out));
        }
    }

    @Test
    void everyChildKeepsChannelsLast() {
        try (NDManager manager = NDManager.newBaseManager()) {
            A2n net = tiny(manager, 2);
            NDArray x = channelsLastImage(manager, 6, 6);
            for (var child : net.getChildren()) {
                if (child.getKey().contains("upconv")) {
                    x = Upsampling.nearest(x, 2);
                }
                x = child.getValue().forward(new ParameterStore(manager, false), new NDList(x), false)
                        .singletonOrThrow();
                assertTrue(MemoryLayout.isChannelsLast(x), child.getKey() + " returned NCHW memory");
            }
        }
    }

    @Test
    void parametersCarryTheOfficialNamesAndShapes() {
        try (NDManager manager = NDManager.newBaseManager()) {
            A2n net = A2n.builder().setConfig(A2nConfig.x4()).build();
            net.initialize(manager, DataType.FLOAT32, A2n.sampleInputShape());
            var paths = ParameterPaths.of(net);
            // official x2/x3 files hold 172 tensors; x4 adds upconv2, att2.conv and HRconv2 (6 more)
            assertEquals(178, paths.size());
            List<String> expected = new ArrayList<>(List.of("conv_first.weight", "conv_first.bias"));
            assertEquals(expected, List.copyOf(paths.keySet()).subList(0, 2));
            assertEquals(new Shape(40, 3, 3, 3), paths.get("conv_first.weight").getArray().getShape());
            assertEquals(new Shape(2, 10), paths.get("AAB_trunk.15.ADM.2.weight").getArray().getShape());
            assertEquals(new Shape(24, 40, 3, 3), paths.get("upconv1.weight").getArray().getShape());
            assertEquals(new Shape(24, 24, 3, 3), paths.get("upconv2.weight").getArray().getShape());
            assertEquals(new Shape(24, 24, 1, 1), paths.get("att2.conv.weight").getArray().getShape());
            assertEquals(new Shape(3, 24, 3, 3), paths.get("conv_last.weight").getArray().getShape());
        }
    }

    @Test
    void aZeroNetworkReturnsTheBilinearUpsampledInput() {
        try (NDManager manager = NDManager.newBaseManager()) {
            A2n net = tiny(manager, 2);
            net.getParameters().values().forEach(p -> p.getArray().muli(0));
            NDArray image = channelsLastImage(manager, 4, 6);
            NDArray out = forward(net, manager, image);
            assertTrue(out.allClose(Upsampling.bilinear(image, 2), 0, 1e-4, false));
        }
    }

    @Test
    void countsMultiplyAddsFromTheLayerShapes() {
        try (NDManager manager = NDManager.newBaseManager()) {
            A2n net = A2n.builder().setConfig(A2nConfig.x2()).build();
            net.initialize(manager, DataType.FLOAT32, A2n.sampleInputShape());
            // per LR pixel: conv_first 40*3*9 = 1080; per AAB 1x1 convs 3*1600 + 3x3 convs 4*14400 = 62400, times 16;
            // trunk_conv 14400; per HR pixel (4 per LR pixel): upconv1 8640 + att1 576 + HRconv1 5184 + conv_last 648
            long perPixel = 1080 + 16 * 62400 + 14400 + 4 * (8640 + 576 + 5184 + 648);
            assertEquals(1_074_072, perPixel);
            assertEquals(perPixel * 6 * 10, net.multiplyAdds(6, 10));
        }
    }

    @Test
    void builderNeedsAConfig() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> A2n.builder().build());
        assertTrue(e.getMessage().contains("setConfig"));
    }
}
