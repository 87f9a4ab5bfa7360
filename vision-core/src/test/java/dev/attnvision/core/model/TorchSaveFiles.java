package dev.attnvision.core.model;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Writes small checkpoint files from known tensors, the way torch.save and safetensors lay them out:
 *
 * <ul>
 *   <li>{@link #zip}: a zip archive with the entries {@code archive/data.pkl} (the state_dict pickle: a dict of
 *       {@code _rebuild_tensor_v2} calls on persistent-id storages), {@code archive/byteorder} ("little"),
 *       {@code archive/version} ("3") and {@code archive/data/<storage key>} (raw little-endian bytes); entries are
 *       deflated here, where PyTorch stores them uncompressed and 64-byte aligned, which a zip reader does not see;
 *   <li>{@link #legacy}: the pickles magic number, 1001, sys-info, the state_dict and the key list, then each
 *       storage as an int64 little-endian element count and its bytes;
 *   <li>{@link #safetensors}: 8-byte header length, JSON header, data.
 * </ul>
 */
final class TorchSaveFiles {
    /** One state_dict entry: a view ({@code offset}, {@code shape}, {@code stride}) of its own storage. */
    record Entry(String name, String storageType, String storageKey, byte[] storage, int elementSize, long offset,
            long[] shape, long[] stride) {
        long numel() {
            return storage.length / elementSize;
        }

        /** A contiguous float32 tensor. */
        static Entry floats(String name, String storageKey, long[] shape, float... values) {
            ByteBuffer b = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
            for (float v : values) {
                b.putFloat(v);
            }
            long[] stride = new long[shape.length];
            long s = 1;
            for (int d = shape.length - 1; d >= 0; d--) {
                stride[d] = s;
                s *= shape[d];
            }
            return new Entry(name, "FloatStorage", storageKey, b.array(), 4, 0, shape, stride);
        }
    }

    private TorchSaveFiles() {}

    static byte[] stateDictPickle(List<Entry> entries) {
        PickleWriter p = new PickleWriter().proto().global("collections", "OrderedDict").op(')').op('R').op('(');
        for (Entry e : entries) {
            p.tensorEntry(e.name(), e.storageType(), e.storageKey(), e.numel(), e.offset(), e.shape(), e.stride());
        }
        return p.op('u').stop().bytes();
    }

    static void zip(Path file, List<Entry> entries) throws IOException {
        zip(file, stateDictPickle(entries), entries);
    }

    static void zip(Path file, byte[] pickle, List<Entry> entries) throws IOException {
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(file))) {
            put(zip, "archive/data.pkl", pickle);
            put(zip, "archive/byteorder", "little".getBytes(StandardCharsets.US_ASCII));
            for (Entry e : entries) {
                put(zip, "archive/data/" + e.storageKey(), e.storage());
            }
            put(zip, "archive/version", "3\n".getBytes(StandardCharsets.US_ASCII));
        }
    }

    private static void put(ZipOutputStream zip, String name, byte[] data) throws IOException {
        zip.putNextEntry(new ZipEntry(name));
        zip.write(data);
        zip.closeEntry();
    }

    static void legacy(Path file, List<Entry> entries) throws IOException {
        legacy(file, stateDictPickle(entries), entries);
    }

    static void legacy(Path file, byte[] pickle, List<Entry> entries) throws IOException {
        try (OutputStream out = Files.newOutputStream(file)) {
            // 0x1950a86a20f9469cfc6c as LONG1 (10 bytes, little-endian two's complement)
            out.write(new PickleWriter().proto().raw(0x8a, 10, 0x6c, 0xfc, 0x9c, 0x46, 0xf9, 0x20, 0x6a, 0xa8, 0x50, 0x19)
                    .stop().bytes());
            out.write(new PickleWriter().proto().integer(1001).stop().bytes());
            out.write(new PickleWriter().proto().op('}').op('(').string("protocol_version").integer(1001)
                    .string("little_endian").raw(0x88).op('u').stop().bytes());
            out.write(pickle);
            PickleWriter keys = new PickleWriter().proto().op('(');
            entries.forEach(e -> keys.string(e.storageKey()));
            out.write(keys.op('l').stop().bytes());
            for (Entry e : entries) {
                out.write(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(e.numel()).array());
                out.write(e.storage());
            }
        }
    }

    static void safetensors(Path file, List<Entry> entries) throws IOException {
        StringBuilder json = new StringBuilder("{\"__metadata__\":{\"format\":\"pt\"}");
        ByteArrayOutputStream data = new ByteArrayOutputStream();
        for (Entry e : entries) {
            json.append(",\"").append(e.name()).append("\":{\"dtype\":\"F32\",\"shape\":")
                    .append(java.util.Arrays.toString(e.shape())).append(",\"data_offsets\":[").append(data.size())
                    .append(',').append(data.size() + e.storage().length).append("]}");
            data.write(e.storage());
        }
        byte[] header = json.append('}').toString().getBytes(StandardCharsets.UTF_8);
        try (OutputStream out = Files.newOutputStream(file)) {
            out.write(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(header.length).array());
            out.write(header);
            data.writeTo(out);
        }
    }
}
