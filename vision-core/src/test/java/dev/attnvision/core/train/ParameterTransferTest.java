package dev.attnvision.core.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import dev.attnvision.attention.ParameterPaths;
import dev.attnvision.core.sr.A2n;
import dev.attnvision.core.sr.A2nConfig;
import java.util.List;
import org.junit.jupiter.api.Test;

class ParameterTransferTest {
    @Test
    void x3StartsFromTheX2TrunkAndReportsTheUpsampler() {
        try (NDManager manager = NDManager.newBaseManager()) {
            A2n x2 = A2n.builder().setConfig(new A2nConfig(2, 4, 4, 1)).build();
            A2n x4 = A2n.builder().setConfig(new A2nConfig(4, 4, 4, 1)).build();
            x2.initialize(manager, DataType.FLOAT32, A2n.sampleInputShape());
            x4.initialize(manager, DataType.FLOAT32, A2n.sampleInputShape());
            SeededInitialization.apply(x2, 1);
            SeededInitialization.apply(x4, 2);
            ParameterTransfer.Report report = ParameterTransfer.copyMatching(x2, x4);
            assertEquals(List.of("upconv2.weight (not in the source model)", "upconv2.bias (not in the source model)",
                    "att2.conv.weight (not in the source model)", "att2.conv.bias (not in the source model)",
                    "HRconv2.weight (not in the source model)", "HRconv2.bias (not in the source model)"),
                    report.skipped());
            assertEquals(ParameterPaths.of(x4).size() - 6, report.copied().size());
            assertArrayEquals(ParameterPaths.of(x2).get("AAB_trunk.0.attention.k1.weight").getArray().toFloatArray(),
                    ParameterPaths.of(x4).get("AAB_trunk.0.attention.k1.weight").getArray().toFloatArray());
        }
    }
}
