package dev.attnvision.core.model;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Writes pickle opcodes by hand (protocol 2, plus STACK_GLOBAL from protocol 4), so tests can build exactly the
 * streams torch.save writes, and malicious ones, without Python.
 */
final class PickleWriter {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    PickleWriter proto() {
        return raw(0x80, 2);
    }

    PickleWriter op(char opcode) {
        return raw(opcode);
    }

    PickleWriter raw(int... bytes) {
        for (int b : bytes) {
            out.write(b);
        }
        return this;
    }

    PickleWriter global(String module, String name) {
        return named('c', module, name);
    }

    /** INST: an old-style instance of {@code module.name} built from the items since the mark. */
    PickleWriter inst(String module, String name) {
        return named('i', module, name);
    }

    private PickleWriter named(char opcode, String module, String name) {
        op(opcode);
        byte[] text = (module + "\n" + name + "\n").getBytes(StandardCharsets.US_ASCII);
        out.write(text, 0, text.length);
        return this;
    }

    PickleWriter string(String s) {
        byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
        op('X');
        int n = utf8.length;
        raw(n & 0xff, (n >> 8) & 0xff, (n >> 16) & 0xff, n >>> 24);
        out.write(utf8, 0, n);
        return this;
    }

    PickleWriter integer(long v) {
        op('J');
        int n = Math.toIntExact(v);
        return raw(n & 0xff, (n >> 8) & 0xff, (n >> 16) & 0xff, n >>> 24);
    }

    PickleWriter tuple(long... values) {
        op('(');
        for (long v : values) {
            integer(v);
        }
        return op('t');
    }

    /**
     * One state_dict entry as torch.save writes it: key, then
     * {@code _rebuild_tensor_v2(persistent_id(('storage', torch.<type>, storageKey, 'cpu', numel)), offset, shape,
     * stride, False, OrderedDict())}.
     */
    PickleWriter tensorEntry(String key, String storageType, String storageKey, long numel, long offset,
            long[] shape, long[] stride) {
        string(key).global("torch._utils", "_rebuild_tensor_v2").op('(');
        op('(').string("storage").global("torch", storageType).string(storageKey).string("cpu").integer(numel)
                .op('t').op('Q');
        integer(offset).tuple(shape).tuple(stride).raw(0x89)
                .global("collections", "OrderedDict").op(')').op('R');
        return op('t').op('R');
    }

    PickleWriter stop() {
        return op('.');
    }

    byte[] bytes() {
        return out.toByteArray();
    }
}
