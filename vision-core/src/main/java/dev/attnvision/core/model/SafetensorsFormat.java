package dev.attnvision.core.model;

import ai.djl.ndarray.types.Shape;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import net.razorvine.pickle.PickleException;

/**
 * The safetensors format (Hugging Face): an unsigned little-endian 64-bit header length {@code n}, {@code n} bytes
 * of JSON mapping each tensor name to {@code {"dtype": "F32", "shape": [...], "data_offsets": [begin, end]}} (plus
 * an optional {@code "__metadata__"} object of strings), then the raw little-endian, row-major data; the offsets
 * count bytes from the end of the header. There is no code in it, only data.
 */
final class SafetensorsFormat {
    /** Larger headers are refused before being read (the format's own reference reader caps them at 100 MB). */
    private static final long MAX_HEADER = 100L << 20;

    private SafetensorsFormat() {}

    static Map<String, CheckpointTensor> read(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer lengthBytes = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
            readFully(channel, lengthBytes, 0);
            long headerLength = lengthBytes.getLong(0);
            long dataStart = 8 + headerLength;
            if (headerLength <= 0 || headerLength > MAX_HEADER || dataStart > channel.size()) {
                throw new PickleException("its header length " + headerLength + " does not fit the file of "
                        + channel.size() + " bytes");
            }
            ByteBuffer headerBytes = ByteBuffer.allocate((int) headerLength);
            readFully(channel, headerBytes, 8);
            JsonNode header = new ObjectMapper().readTree(headerBytes.array());
            long dataSize = channel.size() - dataStart;
            if (header == null || !header.isObject()) {
                throw new PickleException("its header is not a JSON object");
            }
            Map<String, CheckpointTensor> tensors = new LinkedHashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = header.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> entry = it.next();
                if (!entry.getKey().equals("__metadata__")) {
                    tensors.put(entry.getKey(), tensor(channel, dataStart, dataSize, entry.getKey(), entry.getValue()));
                }
            }
            return Collections.unmodifiableMap(tensors);
        }
    }

    private static CheckpointTensor tensor(FileChannel channel, long dataStart, long dataSize, String name,
            JsonNode info) throws IOException {
        TensorDType dtype = TensorDType.ofSafetensorsName(info.path("dtype").asText())
                .orElseThrow(() -> new PickleException("tensor " + name + " has the unsupported dtype "
                        + info.path("dtype")));
        JsonNode shapeNode = info.path("shape");
        JsonNode offsets = info.path("data_offsets");
        if (!shapeNode.isArray() || !offsets.isArray() || offsets.size() != 2) {
            throw new PickleException("tensor " + name + " lacks a shape or data_offsets");
        }
        long[] shape = new long[shapeNode.size()];
        long[] stride = new long[shape.length];
        long numel = 1;
        for (int d = shape.length - 1; d >= 0; d--) {
            shape[d] = shapeNode.get(d).asLong(-1);
            if (shape[d] < 0) {
                throw new PickleException("tensor " + name + " has a bad shape " + shapeNode);
            }
            stride[d] = numel;
            numel *= shape[d];
        }
        long begin = offsets.get(0).asLong(-1);
        long end = offsets.get(1).asLong(-1);
        if (begin < 0 || end > dataSize || end - begin != numel * dtype.size()) {
            throw new PickleException("tensor " + name + " of shape " + shapeNode + " and dtype " + dtype
                    + " has data_offsets " + offsets + " that do not fit (" + dataSize + " data bytes)");
        }
        ByteBuffer data = ByteBuffer.allocate((int) (end - begin)).order(ByteOrder.LITTLE_ENDIAN);
        readFully(channel, data, dataStart + begin);
        return new CheckpointTensor(new Shape(shape), StridedGather.gather(data, dtype, numel, 0, shape, stride, name));
    }

    private static void readFully(FileChannel channel, ByteBuffer into, long position) throws IOException {
        while (into.hasRemaining()) {
            if (channel.read(into, position + into.position()) < 0) {
                throw new PickleException("the file ends early");
            }
        }
    }
}
