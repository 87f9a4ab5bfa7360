package dev.attnvision.core.model;

import java.io.IOException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import net.razorvine.pickle.IObjectConstructor;
import net.razorvine.pickle.Opcodes;
import net.razorvine.pickle.PickleException;
import net.razorvine.pickle.PickleUtils;
import net.razorvine.pickle.Unpickler;

/**
 * An unpickler for PyTorch state_dicts that resolves only the few Python globals a state_dict needs and refuses
 * every other one before anything is built from it.
 *
 * <p>A pickle is a small program: its {@code GLOBAL}/{@code STACK_GLOBAL} opcodes import any callable (for example
 * {@code os.system}) and {@code REDUCE} calls it. Here those opcodes resolve names through a fixed allow-list:
 * {@code collections.OrderedDict}, {@code torch._utils._rebuild_tensor_v2}, {@code torch._utils._rebuild_parameter}
 * and the typed storage classes ({@code torch.FloatStorage}, ...; also their {@code torch.cuda} twins). Anything
 * else stops the read with an error naming the global; {@code INST} and {@code OBJ} (old-style instance creation)
 * are refused outright, and {@code BUILD} may only set attributes of an OrderedDict (its {@code _metadata}), which
 * are dropped. Razorvine's own table of globals is never consulted. Length-prefixed literals (strings, bytes, long
 * integers) longer than {@link #MAX_LITERAL_BYTES} are refused before anything is allocated for them, so a forged
 * length cannot exhaust memory; the input must support {@code mark}/{@code reset} for that check.
 *
 * <p>Dicts keep their insertion order, so tensors come out in the order they were saved. Storages are not read
 * here: each persistent id {@code ('storage', storage_class, key, location, numel)} becomes a {@link StorageRef},
 * resolved later by the container format (the legacy stream or the zip archive).
 *
 * <p>One instance reads one pickle.
 */
final class RestrictedUnpickler extends Unpickler {
    /** A storage class named by the pickle, e.g. {@code torch.FloatStorage}; never called. */
    record StorageClass(TensorDType dtype) {}

    /** A storage the pickle refers to by key; its bytes live outside the pickle. */
    record StorageRef(String key, TensorDType dtype, long numel) {}

    /** The arguments of {@code _rebuild_tensor_v2}: a strided view of a storage (offset and strides in elements). */
    record TensorRef(StorageRef storage, long offset, long[] shape, long[] stride) {}

    private static final Map<String, Object> ALLOWED = allowedGlobals();

    /** The longest string, bytes or integer literal accepted; a state_dict's are names of a few dozen bytes. */
    static final long MAX_LITERAL_BYTES = 16L << 20;

    private final Map<String, StorageRef> storages = new LinkedHashMap<>();

    /** The storages referred to so far, by key, in order of first use. */
    Map<String, StorageRef> storages() {
        return storages;
    }

    private static Map<String, Object> allowedGlobals() {
        Map<String, Object> allowed = new HashMap<>();
        allowed.put("collections.OrderedDict", (IObjectConstructor) RestrictedUnpickler::orderedDict);
        allowed.put("torch._utils._rebuild_tensor_v2", (IObjectConstructor) RestrictedUnpickler::rebuildTensor);
        allowed.put("torch._utils._rebuild_parameter", (IObjectConstructor) RestrictedUnpickler::rebuildParameter);
        for (TensorDType dtype : TensorDType.values()) {
            allowed.put("torch." + dtype.storageClass(), new StorageClass(dtype));
            allowed.put("torch.cuda." + dtype.storageClass(), new StorageClass(dtype));
        }
        return Map.copyOf(allowed);
    }

    private static Object resolve(String module, String name) {
        Object resolved = ALLOWED.get(module + "." + name);
        if (resolved == null) {
            throw new PickleException("it refers to the Python global '" + module + "." + name
                    + "', which a PyTorch state_dict never needs; it was refused and nothing was executed."
                    + " Only tensors in a (Ordered)dict are accepted: in Python, save model.state_dict(), or"
                    + " convert the file to .safetensors");
        }
        return resolved;
    }

    @Override
    protected Object dispatch(short key) throws IOException {
        switch (key) {
            case Opcodes.GLOBAL -> {
                String module = PickleUtils.readline(input);
                String name = PickleUtils.readline(input);
                stack.add(resolve(module, name));
            }
            case Opcodes.STACK_GLOBAL -> {
                Object name = stack.pop();
                Object module = stack.pop();
                stack.add(resolve(String.valueOf(module), String.valueOf(name)));
            }
            case Opcodes.INST -> {
                String module = PickleUtils.readline(input);
                String name = PickleUtils.readline(input);
                resolve(module, name);
                throw new PickleException("it creates an object of '" + module + "." + name
                        + "' with the INST opcode, which a state_dict never does; refused, nothing was executed");
            }
            case Opcodes.OBJ -> throw new PickleException(
                    "it creates an object with the OBJ opcode, which a state_dict never does; refused, nothing was executed");
            case Opcodes.BUILD -> {
                Object state = stack.pop();
                if (!(stack.peek() instanceof Map)) {
                    throw new PickleException("it sets the state of a " + describe(stack.peek())
                            + " (BUILD opcode), which a state_dict never does; refused");
                }
                // an OrderedDict's attributes (state_dict()._metadata: module versions) carry no weights
            }
            case Opcodes.BINUNICODE, Opcodes.BINBYTES, Opcodes.BINSTRING, Opcodes.LONG4 -> {
                checkLength(key, 4);
                return super.dispatch(key);
            }
            case Opcodes.BINUNICODE8, Opcodes.BINBYTES8, Opcodes.BYTEARRAY8 -> {
                checkLength(key, 8);
                return super.dispatch(key);
            }
            case Opcodes.EMPTY_DICT -> stack.add(new LinkedHashMap<>());
            case Opcodes.DICT -> {
                Map<Object, Object> dict = new LinkedHashMap<>();
                putPairs(stack.pop_all_since_marker(), dict);
                stack.add(dict);
            }
            case Opcodes.SETITEMS -> {
                List<Object> items = stack.pop_all_since_marker();
                putPairs(items, asMap(stack.peek()));
            }
            default -> {
                return super.dispatch(key);
            }
        }
        return NO_RETURN_VALUE;
    }

    /** Peeks at the little-endian length after a literal's opcode and refuses lengths beyond the limit. */
    private void checkLength(short opcode, int lengthBytes) throws IOException {
        input.mark(lengthBytes);
        byte[] raw = input.readNBytes(lengthBytes);
        input.reset();
        if (raw.length < lengthBytes) {
            throw new PickleException("the pickle ends inside a length field");
        }
        long length = 0;
        for (int i = lengthBytes - 1; i >= 0; i--) {
            length = (length << 8) | (raw[i] & 0xff);
        }
        if (lengthBytes == 4) {
            length = (int) length;
        }
        if (length < 0 || length > MAX_LITERAL_BYTES) {
            throw new PickleException(String.format("it declares a literal of %d bytes (opcode 0x%02x), more than a"
                    + " state_dict ever holds (limit %d); refused", length, opcode, MAX_LITERAL_BYTES));
        }
    }

    private static void putPairs(List<Object> items, Map<Object, Object> into) {
        if (items.size() % 2 != 0) {
            throw new PickleException("a dict was given an odd number of keys and values");
        }
        for (int i = 0; i < items.size(); i += 2) {
            into.put(items.get(i), items.get(i + 1));
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<Object, Object> asMap(Object o) {
        if (!(o instanceof Map)) {
            throw new PickleException("SETITEMS on a " + describe(o) + " instead of a dict");
        }
        return (Map<Object, Object>) o;
    }

    @Override
    protected Object persistentLoad(Object pid) {
        if (!(pid instanceof Object[] t) || t.length < 5 || !"storage".equals(t[0])
                || !(t[1] instanceof StorageClass type) || !(t[2] instanceof String storageKey)
                || !(t[4] instanceof Number numel)) {
            throw new PickleException("unsupported persistent id " + describe(pid)
                    + "; expected ('storage', torch.<Type>Storage, key, location, numel)");
        }
        if (t.length > 5 && t[5] != null) {
            throw new PickleException("storage " + storageKey + " is a storage view (PyTorch before 1.0);"
                    + " load and re-save the checkpoint with a current PyTorch");
        }
        StorageRef ref = new StorageRef(storageKey, type.dtype(), numel.longValue());
        StorageRef earlier = storages.putIfAbsent(storageKey, ref);
        if (earlier != null && !earlier.equals(ref)) {
            throw new PickleException("storage " + storageKey + " is declared twice with different types or sizes");
        }
        return ref;
    }

    private static Object orderedDict(Object[] args) {
        if (args.length != 0) {
            throw new PickleException("OrderedDict with constructor arguments is not a state_dict");
        }
        return new LinkedHashMap<>();
    }

    /** {@code _rebuild_tensor_v2(storage, storage_offset, size, stride, requires_grad, backward_hooks[, metadata])}. */
    private static Object rebuildTensor(Object[] args) {
        if (args.length < 4 || !(args[0] instanceof StorageRef storage) || !(args[1] instanceof Number offset)) {
            throw new PickleException("malformed _rebuild_tensor_v2 arguments " + describe(args));
        }
        long[] shape = longs(args[2], "size");
        long[] stride = longs(args[3], "stride");
        if (shape.length != stride.length) {
            throw new PickleException("tensor size " + Arrays.toString(shape) + " and stride "
                    + Arrays.toString(stride) + " differ in rank");
        }
        return new TensorRef(storage, offset.longValue(), shape, stride);
    }

    /** {@code _rebuild_parameter(data, requires_grad, backward_hooks)}: an nn.Parameter is its tensor. */
    private static Object rebuildParameter(Object[] args) {
        if (args.length < 1 || !(args[0] instanceof TensorRef tensor)) {
            throw new PickleException("malformed _rebuild_parameter arguments " + describe(args));
        }
        return tensor;
    }

    private static long[] longs(Object tuple, String what) {
        if (!(tuple instanceof Object[] items)) {
            throw new PickleException("tensor " + what + " is " + describe(tuple) + ", not a tuple");
        }
        long[] values = new long[items.length];
        for (int i = 0; i < items.length; i++) {
            if (!(items[i] instanceof Number n) || n.longValue() < 0) {
                throw new PickleException("tensor " + what + " " + describe(tuple) + " holds a non-count");
            }
            values[i] = n.longValue();
        }
        return values;
    }

    private static String describe(Object o) {
        if (o instanceof Object[] items) {
            return Arrays.stream(items).map(RestrictedUnpickler::describe).collect(Collectors.joining(", ", "(", ")"));
        }
        if (o == null || o instanceof Number || o instanceof Boolean) {
            return String.valueOf(o);
        }
        return o instanceof String s ? "'" + s + "'" : o.getClass().getSimpleName();
    }
}
