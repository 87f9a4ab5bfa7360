package dev.attnvision.core.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.core.Linear;
import dev.attnvision.attention.ParameterValues;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckpointerTest {
    @TempDir Path dir;

    @Test
    void restoresTheNewestCompleteCheckpointAndKeepsOnlyTheNewest() throws Exception {
        try (NDManager manager = NDManager.newBaseManager()) {
            Block block = Linear.builder().setUnits(2).build();
            block.initialize(manager, DataType.FLOAT32, new Shape(1, 3));
            ResumableAdam adam = new ResumableAdam(new StepSchedule(1e-3, 10, 0.5, 0));
            Checkpointer checkpointer = new Checkpointer(dir, 2);
            float[] weights = block.getParameters().get(0).getValue().getArray().toFloatArray();
            for (long i = 1; i <= 3; i++) {
                checkpointer.save(block, adam, new TrainingState(i * 10, 7, 30.5, i * 10, i));
            }
            Files.createDirectories(dir.resolve("iter-00000040.partial")); // an interrupted save
            assertEquals(List.of(20L, 30L), checkpointer.iterations());

            ParameterValues.assign(block.getParameters().get(0).getValue().getArray(), new float[weights.length]);
            TrainingState state = checkpointer.restoreLatest(block, adam, manager);
            assertEquals(new TrainingState(30, 7, 30.5, 30, 3), state);
            assertArrayEquals(weights, block.getParameters().get(0).getValue().getArray().toFloatArray());
            assertTrue(block.getParameters().get(0).getValue().getArray().hasGradient());
        }
    }

    @Test
    void noCheckpointTellsTheUserWhatToDo() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Checkpointer(dir.resolve("none"), 1).restoreLatest(null, null, null));
        assertTrue(e.getMessage().contains("start the run without --resume"), e.getMessage());
    }
}
