package dev.attnvision.core.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import dev.attnvision.attention.ParameterPaths;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CheckpointImporterTest {
    /** Conv2d 1->2 (1x1) then a nested Linear 2->3: keys "Conv2d.*" and "SequentialBlock.Linear.*". */
    private static SequentialBlock tinyNet(NDManager manager) {
        SequentialBlock net = new SequentialBlock()
                .add(Conv2d.builder().setKernelShape(new Shape(1, 1)).setFilters(2).build())
                .add(new SequentialBlock().add(Linear.builder().setUnits(3).build()));
        net.initialize(manager, DataType.FLOAT32, new Shape(1, 1, 2, 2));
        return net;
    }

    private static Map<String, CheckpointTensor> fittingTensors() {
        Map<String, CheckpointTensor> tensors = new LinkedHashMap<>();
        tensors.put("Conv2d.weight", new CheckpointTensor(new Shape(2, 1, 1, 1), new float[] {1, 2}));
        tensors.put("Conv2d.bias", new CheckpointTensor(new Shape(2), new float[] {3, 4}));
        tensors.put("SequentialBlock.Linear.weight", new CheckpointTensor(new Shape(3, 2), new float[] {5, 6, 7, 8, 9, 10}));
        tensors.put("SequentialBlock.Linear.bias", new CheckpointTensor(new Shape(3), new float[] {11, 12, 13}));
        return tensors;
    }

    @Test
    void copiesEveryTensorIntoItsParameter() throws InvalidModelException {
        try (NDManager manager = NDManager.newBaseManager()) {
            SequentialBlock net = tinyNet(manager);
            CheckpointImporter.load(net, fittingTensors(), "tiny.pt");
            var parameters = ParameterPaths.of(net);
            assertArrayEquals(new float[] {1, 2}, parameters.get("Conv2d.weight").getArray().toFloatArray());
            assertArrayEquals(new float[] {5, 6, 7, 8, 9, 10},
                    parameters.get("SequentialBlock.Linear.weight").getArray().toFloatArray());
            assertArrayEquals(new float[] {11, 12, 13},
                    parameters.get("SequentialBlock.Linear.bias").getArray().toFloatArray());
        }
    }

    @Test
    void listsMissingUnexpectedAndMisShapedKeysTogether() {
        try (NDManager manager = NDManager.newBaseManager()) {
            SequentialBlock net = tinyNet(manager);
            Map<String, CheckpointTensor> tensors = fittingTensors();
            tensors.remove("Conv2d.bias");
            tensors.put("Conv2d.weight", new CheckpointTensor(new Shape(2, 1), new float[] {1, 2}));
            tensors.put("head.weight", new CheckpointTensor(new Shape(1), new float[] {0}));
            InvalidModelException e = assertThrows(InvalidModelException.class,
                    () -> CheckpointImporter.load(net, tensors, "other.pt"));
            String message = e.getMessage();
            assertTrue(message.contains("other.pt"), message);
            assertTrue(message.contains("missing (1): Conv2d.bias (2)"), message);
            assertTrue(message.contains("unexpected (1): head.weight (1)"), message);
            assertTrue(message.contains("wrong shape (1): Conv2d.weight is (2, 1), the network needs (2, 1, 1, 1)"),
                    message);
            // nothing was copied
            assertEquals(0f, ParameterPaths.of(net).get("SequentialBlock.Linear.bias").getArray()
                    .toFloatArray()[0]);
        }
    }
}
