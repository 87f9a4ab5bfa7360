package dev.attnvision.core.model;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import net.razorvine.pickle.PickleException;

/**
 * Reads the weights of a checkpoint file, safely: PyTorch {@code torch.save} files in the legacy or the zip format
 * (see {@link TorchCheckpointFormat}; their pickles go through {@link RestrictedUnpickler}, which executes nothing)
 * and {@code .safetensors} files. The format is recognised from the first bytes, not from the file name.
 */
public final class CheckpointReader {
    private CheckpointReader() {}

    /**
     * The tensors of a flat state_dict, in the order they were saved, converted to float32.
     *
     * @throws InvalidModelException if the file is not a supported checkpoint, is corrupt, or asks for anything
     *     beyond plain tensors (the message names the file and the problem)
     * @throws IOException if the file cannot be read
     */
    public static Map<String, CheckpointTensor> read(Path file) throws IOException {
        byte[] head;
        try (InputStream in = Files.newInputStream(file)) {
            head = in.readNBytes(9);
        }
        try {
            if (head.length >= 4 && head[0] == 'P' && head[1] == 'K' && head[2] == 3 && head[3] == 4) {
                return TorchCheckpointFormat.readZip(file);
            }
            if (head.length >= 2 && (head[0] & 0xff) == 0x80 && head[1] >= 2) {
                return TorchCheckpointFormat.readLegacy(file);
            }
            if (head.length == 9 && head[8] == '{') {
                return SafetensorsFormat.read(file);
            }
        } catch (PickleException e) {
            throw new InvalidModelException("Cannot read checkpoint " + file + ": " + e.getMessage(), e);
        } catch (InvalidModelException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw new InvalidModelException("Cannot read checkpoint " + file + ": it is corrupt or truncated ("
                    + e + "); download or export it again", e);
        }
        throw new InvalidModelException("Cannot read checkpoint " + file + ": it is neither a PyTorch torch.save file"
                + " (.pt/.pth) nor a .safetensors file");
    }
}
