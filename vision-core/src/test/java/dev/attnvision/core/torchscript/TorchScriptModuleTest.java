package dev.attnvision.core.torchscript;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.Test;

/** TorchScript modules written from source and compiled by the engine's libtorch. */
class TorchScriptModuleTest {
    private static final String AFFINE = "  def forward(self: __torch__.Affine, x: Tensor, a: Tensor, b: Tensor)"
            + " -> Tensor:\n"
            + "    return torch.add(torch.mul(x, a), b)\n";

    @Test
    void theArchiveHoldsTheEntriesTorchJitLoadReads() throws IOException {
        List<String> names = new ArrayList<>();
        String code = null;
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(TorchScriptArchive.of("Affine", AFFINE)))) {
            for (ZipEntry entry; (entry = zip.getNextEntry()) != null; ) {
                names.add(entry.getName());
                assertEquals(ZipEntry.STORED, entry.getMethod(), entry.getName());
                if (entry.getName().endsWith(".py")) {
                    code = new String(zip.readAllBytes(), StandardCharsets.UTF_8);
                }
            }
        }
        assertEquals(List.of("Affine/version", "Affine/constants.pkl", "Affine/data.pkl", "Affine/code/__torch__.py"),
                names);
        assertTrue(code.startsWith("class Affine(Module):\n"), code);
        assertTrue(code.endsWith(AFFINE), code);
    }

    @Test
    void aModuleComputesItsSourceOnTheArraysItIsGiven() {
        try (TorchScriptModule module = new TorchScriptModule("Affine", AFFINE);
                NDManager manager = NDManager.newBaseManager()) {
            NDArray x = manager.create(new float[] {1, 2, 3, 4}, new Shape(2, 2));
            NDArray y = module.call(manager, x, manager.create(new float[] {2, 2, 2, 2}, new Shape(2, 2)),
                    manager.create(0.5f));
            assertEquals(new Shape(2, 2), y.getShape());
            assertEquals(DataType.FLOAT32, y.getDataType());
            assertArrayEquals(new float[] {2.5f, 4.5f, 6.5f, 8.5f}, y.toFloatArray());
            assertEquals(manager, y.getManager());
        }
    }

    /** The reason to have modules at all: bfloat16 inside, float32 at the border, which DJL's arrays cannot do. */
    @Test
    void bfloat16StaysInsideTheModule() {
        String round = "  def forward(self: __torch__.Round, x: Tensor) -> Tensor:\n"
                + "    return torch.to(torch.to(x, 15), 6)\n";
        try (TorchScriptModule module = new TorchScriptModule("Round", round);
                NDManager manager = NDManager.newBaseManager()) {
            // bfloat16 keeps 8 significant bits: 257 rounds to 256 (ties to even), 1.5 and 255 are exact
            NDArray y = module.call(manager, manager.create(new float[] {257f, 1.5f, 255f}));
            assertArrayEquals(new float[] {256f, 1.5f, 255f}, y.toFloatArray());
        }
    }

    @Test
    void aClassNameMustBeAnIdentifier() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TorchScriptArchive.of("not a name", AFFINE));
        assertTrue(e.getMessage().contains("identifier"), e.getMessage());
    }
}
