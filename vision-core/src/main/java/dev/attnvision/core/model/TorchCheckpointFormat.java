package dev.attnvision.core.model;

import ai.djl.ndarray.types.Shape;
import dev.attnvision.core.model.RestrictedUnpickler.StorageRef;
import dev.attnvision.core.model.RestrictedUnpickler.TensorRef;
import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import net.razorvine.pickle.PickleException;

/**
 * The two containers {@code torch.save} writes, both holding a pickled state_dict whose tensors point by key into
 * separately stored raw storages (little-endian, contiguous elements):
 *
 * <ul>
 *   <li><b>legacy</b> ({@code _use_new_zipfile_serialization=False}, PyTorch before 1.6): five pickles in a row
 *       (the magic number {@code 0x1950a86a20f9469cfc6c}, the protocol version 1001, a sys-info dict with
 *       {@code little_endian}, the state_dict, the list of storage keys), then for each key in that order an int64
 *       element count followed by the storage's bytes;
 *   <li><b>zip</b> (the default since 1.6): a zip archive with one top folder (any name, usually {@code archive})
 *       holding {@code data.pkl} (the state_dict), {@code data/<key>} (each storage's bytes) and optionally
 *       {@code byteorder} ({@code little}).
 * </ul>
 *
 * Pickles are read by {@link RestrictedUnpickler}, so nothing in the file is executed.
 */
final class TorchCheckpointFormat {
    private static final BigInteger LEGACY_MAGIC = new BigInteger("1950a86a20f9469cfc6c", 16);
    private static final int LEGACY_PROTOCOL = 1001;

    private TorchCheckpointFormat() {}

    static Map<String, CheckpointTensor> readLegacy(Path file) throws IOException {
        long fileSize = Files.size(file);
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file)))) {
            Object magic = new RestrictedUnpickler().load(in);
            if (!(magic instanceof Number n) || !LEGACY_MAGIC.equals(new BigInteger(n.toString()))) {
                throw new PickleException("it starts with a pickle but not with torch.save's magic number");
            }
            Object protocol = new RestrictedUnpickler().load(in);
            if (!(protocol instanceof Number p) || p.intValue() != LEGACY_PROTOCOL) {
                throw new PickleException("unsupported torch.save protocol " + protocol + " (expected 1001)");
            }
            if (!(new RestrictedUnpickler().load(in) instanceof Map<?, ?> sysInfo)
                    || !Boolean.TRUE.equals(sysInfo.get("little_endian"))) {
                throw new PickleException("it was saved on a big-endian machine or lacks its sys-info record");
            }
            RestrictedUnpickler unpickler = new RestrictedUnpickler();
            Object root = unpickler.load(in);
            if (!(new RestrictedUnpickler().load(in) instanceof List<?> keys)) {
                throw new PickleException("the storage key list is missing");
            }
            Map<String, ByteBuffer> data = new HashMap<>();
            for (Object key : keys) {
                StorageRef ref = unpickler.storages().get(String.valueOf(key));
                if (ref == null) {
                    throw new PickleException("storage " + key + " is listed but no tensor uses it");
                }
                long count = Long.reverseBytes(in.readLong());
                long bytes = count * ref.dtype().size();
                if (count != ref.numel() || count < 0 || bytes > fileSize) {
                    throw new PickleException("storage " + key + " holds " + count + " elements, the state_dict says "
                            + ref.numel());
                }
                byte[] raw = new byte[(int) bytes];
                in.readFully(raw);
                data.put(ref.key(), ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN));
            }
            if (in.read() != -1) {
                throw new PickleException("there are bytes after the last storage");
            }
            return tensors(root, data);
        }
    }

    static Map<String, CheckpointTensor> readZip(Path file) throws IOException {
        try (ZipFile zip = new ZipFile(file.toFile())) {
            ZipEntry pickle = zip.stream().filter(e -> e.getName().matches("[^/]+/data\\.pkl")).findFirst()
                    .orElseThrow(() -> new PickleException("the zip archive has no <folder>/data.pkl: it is not a torch.save file"));
            String folder = pickle.getName().substring(0, pickle.getName().length() - "data.pkl".length());
            ZipEntry byteOrder = zip.getEntry(folder + "byteorder");
            if (byteOrder != null && !"little".equals(new String(read(zip, byteOrder, 16)).strip())) {
                throw new PickleException("it was saved on a big-endian machine; re-save it on a little-endian one");
            }
            RestrictedUnpickler unpickler = new RestrictedUnpickler();
            Object root;
            try (InputStream in = new BufferedInputStream(zip.getInputStream(pickle))) {
                root = unpickler.load(in);
            }
            Map<String, ByteBuffer> data = new HashMap<>();
            for (StorageRef ref : unpickler.storages().values()) {
                ZipEntry entry = zip.getEntry(folder + "data/" + ref.key());
                if (entry == null) {
                    throw new PickleException("storage " + ref.key() + " (" + folder + "data/" + ref.key() + ") is missing");
                }
                long bytes = ref.numel() * ref.dtype().size();
                byte[] raw = read(zip, entry, bytes);
                if (raw.length != bytes) {
                    throw new PickleException("storage " + ref.key() + " has " + raw.length + " bytes, expected " + bytes);
                }
                data.put(ref.key(), ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN));
            }
            return tensors(root, data);
        }
    }

    /** Reads an entry, refusing more than {@code limit} bytes (a corrupt size cannot exhaust memory). */
    private static byte[] read(ZipFile zip, ZipEntry entry, long limit) throws IOException {
        if (limit > Integer.MAX_VALUE - 8) {
            throw new PickleException("entry " + entry.getName() + " is larger than 2 GB");
        }
        try (InputStream in = zip.getInputStream(entry)) {
            return in.readNBytes((int) limit + 1);
        }
    }

    private static Map<String, CheckpointTensor> tensors(Object root, Map<String, ByteBuffer> data) {
        if (!(root instanceof Map<?, ?> dict)) {
            throw new PickleException("it holds a " + (root == null ? "None" : root.getClass().getSimpleName())
                    + ", not a state_dict; in Python, save model.state_dict()");
        }
        Map<String, CheckpointTensor> tensors = new LinkedHashMap<>();
        for (Map.Entry<?, ?> entry : dict.entrySet()) {
            if (!(entry.getKey() instanceof String name) || !(entry.getValue() instanceof TensorRef ref)) {
                throw new PickleException("entry " + entry.getKey() + " is not a tensor: the file is a training"
                        + " checkpoint or a nested dict, not a flat state_dict; in Python, save model.state_dict()");
            }
            StorageRef storage = ref.storage();
            tensors.put(name, new CheckpointTensor(new Shape(ref.shape()),
                    StridedGather.gather(data.get(storage.key()), storage.dtype(), storage.numel(),
                            ref.offset(), ref.shape(), ref.stride(), name)));
        }
        return Collections.unmodifiableMap(tensors);
    }
}
