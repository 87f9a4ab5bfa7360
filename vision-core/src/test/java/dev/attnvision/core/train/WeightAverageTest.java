package dev.attnvision.core.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.core.Linear;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import org.junit.jupiter.api.Test;

class WeightAverageTest {
    private static Block linear(NDManager manager) {
        Block block = Linear.builder().setUnits(2).build();
        block.initialize(manager, DataType.FLOAT32, new Shape(1, 3));
        return block;
    }

    private static float[] weights(Block block) {
        return block.getParameters().get("weight").getArray().toFloatArray();
    }

    @Test
    void startsAtTheWeightsAndFoldsInEachStepWithTheWarmedUpDecay() {
        try (NDManager manager = NDManager.newBaseManager()) {
            Block live = linear(manager);
            Block shadow = linear(manager);
            WeightAverage average = new WeightAverage(live, shadow, 0.99);
            average.reset();
            float[] start = weights(live);
            assertArrayEquals(start, weights(shadow));
            NDArray w = live.getParameters().get("weight").getArray();
            w.addi(1f);
            average.update(0); // d = min(0.99, 1 / 10) = 0.1: the average moves 90% of the way
            float[] moved = weights(shadow);
            for (int i = 0; i < start.length; i++) {
                assertEquals(start[i] + 0.9f, moved[i], 1e-5f);
            }
            w.addi(1f);
            average.update(1000); // d = 0.99: 1% of the way
            float[] slow = weights(shadow);
            for (int i = 0; i < start.length; i++) {
                assertEquals(0.99f * moved[i] + 0.01f * (start[i] + 2), slow[i], 1e-5f);
            }
        }
    }

    @Test
    void itFollowsParametersWhoseArraysALoaderReplaced() throws Exception {
        try (NDManager manager = NDManager.newBaseManager()) {
            Block live = linear(manager);
            Block shadow = linear(manager);
            WeightAverage average = new WeightAverage(live, shadow, 0.99);
            average.reset();
            // a checkpoint restored as a resume does: both networks' parameters get new arrays
            for (Block block : new Block[] {live, shadow}) {
                ByteArrayOutputStream saved = new ByteArrayOutputStream();
                block.saveParameters(new DataOutputStream(saved));
                block.loadParameters(manager, new DataInputStream(new ByteArrayInputStream(saved.toByteArray())));
            }
            float[] start = weights(shadow);
            live.getParameters().get("weight").getArray().addi(1f);
            average.update(0);
            float[] moved = weights(shadow);
            for (int i = 0; i < start.length; i++) {
                assertEquals(start[i] + 0.9f, moved[i], 1e-5f, "the average moved with the new arrays");
            }
        }
    }

    @Test
    void theWindowIsATenthOfTheRunWithinBounds() {
        assertEquals(1 - 1 / 51.0, WeightAverage.decayFor(510), 1e-12);
        assertEquals(0.9, WeightAverage.decayFor(20), 1e-12);
        assertEquals(0.9999, WeightAverage.decayFor(10_000_000), 1e-12);
        assertThrows(IllegalArgumentException.class, () -> new WeightAverage(null, null, 1));
    }
}
