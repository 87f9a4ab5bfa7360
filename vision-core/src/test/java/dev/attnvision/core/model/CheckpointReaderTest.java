package dev.attnvision.core.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.types.Shape;
import dev.attnvision.core.model.TorchSaveFiles.Entry;
import dev.attnvision.core.testing.SharedData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckpointReaderTest {
    @TempDir Path dir;

    /** Tensors covering what the reader must undo: strides, storage offsets, another dtype. */
    private static List<Entry> knownEntries() {
        Entry plain = Entry.floats("conv.weight", "0", new long[] {2, 3}, 1, 2, 3, 4, 5, 6);
        // storage 0..5 viewed as the transpose of a 2x3 matrix: shape (3, 2), stride (1, 3)
        Entry base = Entry.floats("unused", "1", new long[] {6}, 0, 1, 2, 3, 4, 5);
        Entry transposed = new Entry("conv.transposed", "FloatStorage", "1", base.storage(), 4, 0,
                new long[] {3, 2}, new long[] {1, 3});
        Entry tail = Entry.floats("unused", "2", new long[] {5}, 10, 11, 12, 13, 14);
        Entry offset = new Entry("fc.bias", "FloatStorage", "2", tail.storage(), 4, 2, new long[] {2}, new long[] {1});
        // float16: 1.0 = 0x3c00, -2.0 = 0xc000, 0.5 = 0x3800 (little-endian bytes)
        Entry half = new Entry("fc.half", "HalfStorage", "3", new byte[] {0x00, 0x3c, 0x00, (byte) 0xc0, 0x00, 0x38},
                2, 0, new long[] {3}, new long[] {1});
        return List.of(plain, transposed, offset, half);
    }

    private static void assertKnownTensors(Map<String, CheckpointTensor> tensors) {
        assertEquals(List.of("conv.weight", "conv.transposed", "fc.bias", "fc.half"), List.copyOf(tensors.keySet()));
        assertEquals(new Shape(2, 3), tensors.get("conv.weight").shape());
        assertArrayEquals(new float[] {1, 2, 3, 4, 5, 6}, tensors.get("conv.weight").values());
        assertEquals(new Shape(3, 2), tensors.get("conv.transposed").shape());
        assertArrayEquals(new float[] {0, 3, 1, 4, 2, 5}, tensors.get("conv.transposed").values());
        assertArrayEquals(new float[] {12, 13}, tensors.get("fc.bias").values());
        assertArrayEquals(new float[] {1f, -2f, 0.5f}, tensors.get("fc.half").values());
    }

    @Test
    void readsTheZipFormat() throws IOException {
        Path file = dir.resolve("model.pt");
        TorchSaveFiles.zip(file, knownEntries());
        assertKnownTensors(CheckpointReader.read(file));
    }

    @Test
    void readsTheLegacyFormat() throws IOException {
        Path file = dir.resolve("model.pth");
        TorchSaveFiles.legacy(file, knownEntries());
        assertKnownTensors(CheckpointReader.read(file));
    }

    @Test
    void readsSafetensors() throws IOException {
        Path file = dir.resolve("model.bin");
        List<Entry> entries = List.of(Entry.floats("a", "0", new long[] {2, 2}, 1, -2, 3, -4),
                Entry.floats("b.bias", "1", new long[] {3}, 7, 8, 9));
        TorchSaveFiles.safetensors(file, entries);
        Map<String, CheckpointTensor> tensors = CheckpointReader.read(file);
        assertEquals(List.of("a", "b.bias"), List.copyOf(tensors.keySet()));
        assertEquals(new Shape(2, 2), tensors.get("a").shape());
        assertArrayEquals(new float[] {1, -2, 3, -4}, tensors.get("a").values());
        assertArrayEquals(new float[] {7, 8, 9}, tensors.get("b.bias").values());
    }

    @Test
    void readsTheOfficialA2nWeightsInSavedOrder() throws IOException {
        Map<String, CheckpointTensor> tensors =
                CheckpointReader.read(SharedData.require("weights/a2n-official/aan_x2.pt"));
        assertEquals(172, tensors.size());
        List<String> keys = List.copyOf(tensors.keySet());
        assertEquals(List.of("conv_first.weight", "conv_first.bias", "AAB_trunk.0.conv_first.weight"),
                keys.subList(0, 3));
        assertEquals("conv_last.bias", keys.get(171));
        assertEquals(new Shape(40, 3, 3, 3), tensors.get("conv_first.weight").shape());
        assertEquals(new Shape(2, 10), tensors.get("AAB_trunk.15.ADM.2.weight").shape());
        assertEquals(new Shape(24, 40, 3, 3), tensors.get("upconv1.weight").shape());
    }

    private void assertRefused(byte[] statePickle, String global) throws IOException {
        Path legacy = dir.resolve("evil.pt");
        TorchSaveFiles.legacy(legacy, statePickle, List.of());
        Path zip = dir.resolve("evil.zip.pt");
        TorchSaveFiles.zip(zip, statePickle, List.of());
        for (Path file : List.of(legacy, zip)) {
            InvalidModelException e = assertThrows(InvalidModelException.class, () -> CheckpointReader.read(file));
            assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
            assertTrue(e.getMessage().contains("'" + global + "'"), e.getMessage());
            assertTrue(e.getMessage().contains("nothing was executed"), e.getMessage());
        }
        assertFalse(Files.exists(dir.resolve("pwned")), "the payload ran");
    }

    @Test
    void refusesOsSystem() throws IOException {
        byte[] evil = new PickleWriter().proto().global("os", "system").op('(')
                .string("touch " + dir.resolve("pwned")).op('t').op('R').stop().bytes();
        assertRefused(evil, "os.system");
    }

    @Test
    void refusesEvalThroughStackGlobal() throws IOException {
        byte[] evil = new PickleWriter().raw(0x80, 4).string("builtins").string("eval").raw(0x93).op('(')
                .string("__import__('os').system('touch " + dir.resolve("pwned") + "')").op('t').op('R').stop().bytes();
        assertRefused(evil, "builtins.eval");
    }

    @Test
    void refusesAGlobalHiddenInsideATensorEntry() throws IOException {
        // a well-formed state_dict whose backward_hooks argument is a call to subprocess.Popen
        byte[] evil = new PickleWriter().proto().op('}').op('(').string("w").global("torch._utils", "_rebuild_tensor_v2")
                .op('(').integer(0).integer(0).tuple(1).tuple(1).raw(0x89)
                .global("subprocess", "Popen").op('(').string("touch " + dir.resolve("pwned")).op('t').op('R')
                .op('t').op('R').op('u').stop().bytes();
        assertRefused(evil, "subprocess.Popen");
    }

    @Test
    void refusesOldStyleInstances() throws IOException {
        byte[] evil = new PickleWriter().proto().op('(').string("touch " + dir.resolve("pwned"))
                .inst("subprocess", "call").stop().bytes();
        assertRefused(evil, "subprocess.call");
    }

    @Test
    void refusesAForgedHugeStringBeforeAllocatingIt() throws IOException {
        // BINUNICODE claiming 0x7fffffff bytes, followed by nothing
        byte[] bomb = new PickleWriter().proto().op('}').op('(').op('X').raw(0xff, 0xff, 0xff, 0x7f).bytes();
        Path file = dir.resolve("bomb.pt");
        TorchSaveFiles.zip(file, bomb, List.of());
        InvalidModelException e = assertThrows(InvalidModelException.class, () -> CheckpointReader.read(file));
        assertTrue(e.getMessage().contains("declares a literal of 2147483647 bytes"), e.getMessage());
    }

    @Test
    void refusesATensorReachingOutsideItsStorage() throws IOException {
        Entry small = Entry.floats("w", "0", new long[] {2}, 1, 2);
        Entry overlong = new Entry("w", "FloatStorage", "0", small.storage(), 4, 1, new long[] {2}, new long[] {1});
        Path file = dir.resolve("corrupt.pt");
        TorchSaveFiles.zip(file, List.of(overlong));
        InvalidModelException e = assertThrows(InvalidModelException.class, () -> CheckpointReader.read(file));
        assertTrue(e.getMessage().contains("reaches outside its storage"), e.getMessage());
    }

    @Test
    void reportsATruncatedFile() throws IOException {
        Path file = dir.resolve("whole.pt");
        TorchSaveFiles.legacy(file, knownEntries());
        byte[] bytes = Files.readAllBytes(file);
        Path truncated = dir.resolve("truncated.pt");
        Files.write(truncated, java.util.Arrays.copyOf(bytes, bytes.length - 3));
        InvalidModelException e = assertThrows(InvalidModelException.class, () -> CheckpointReader.read(truncated));
        assertTrue(e.getMessage().contains("truncated.pt") && e.getMessage().contains("corrupt or truncated"),
                e.getMessage());
    }

    @Test
    void rejectsFilesOfOtherKinds() throws IOException {
        Path file = dir.resolve("notes.txt");
        Files.writeString(file, "not a checkpoint at all");
        InvalidModelException e = assertThrows(InvalidModelException.class, () -> CheckpointReader.read(file));
        assertTrue(e.getMessage().contains("neither a PyTorch torch.save file"), e.getMessage());
    }
}
