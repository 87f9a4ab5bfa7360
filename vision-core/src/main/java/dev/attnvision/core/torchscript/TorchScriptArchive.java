package dev.attnvision.core.torchscript;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * The bytes of a TorchScript module archive, as {@code torch.jit.save} writes it, for a module whose state is only its
 * code: one class with a {@code forward} method and no parameters, buffers or attributes besides {@code training}.
 * Its tensors come in as {@code forward}'s arguments, so one archive serves any weights of the same shapes.
 *
 * <p>The archive is a zip of stored entries under one folder: {@code version} (the file format, 3),
 * {@code constants.pkl} (an empty tuple), {@code data.pkl} (the module object: a pickle, protocol 2, of class
 * {@code __torch__.NAME} with {@code training} set) and {@code code/__torch__.py} (the class's TorchScript source,
 * which libtorch compiles when it loads the archive).
 */
public final class TorchScriptArchive {
    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final int FORMAT_VERSION = 3;

    private TorchScriptArchive() {}

    /**
     * The archive of a class {@code name} with the given {@code forward} source.
     *
     * @param name the class name, a Python identifier
     * @param forward the method's source: {@code def forward(self: __torch__.NAME, ...) -> ...:} and its body,
     *     indented by two spaces as a class member
     * @return the archive's bytes
     */
    public static byte[] of(String name, String forward) {
        if (!IDENTIFIER.matcher(name).matches()) {
            throw new IllegalArgumentException("a TorchScript class name must be an identifier, got '" + name + "'");
        }
        String code = "class " + name + "(Module):\n"
                + "  __parameters__ = []\n"
                + "  __buffers__ = []\n"
                + "  training : bool\n"
                + forward;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            String root = name + "/";
            put(zip, root + "version", (FORMAT_VERSION + "\n").getBytes(StandardCharsets.US_ASCII));
            put(zip, root + "constants.pkl", new byte[] {(byte) 0x80, 2, ')', '.'});
            put(zip, root + "data.pkl", moduleObject(name));
            put(zip, root + "code/__torch__.py", code.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write a TorchScript archive in memory", e);
        }
        return bytes.toByteArray();
    }

    /** The pickle of {@code __torch__.NAME()} with {@code training = False}: GLOBAL, NEWOBJ, a dict, BUILD. */
    private static byte[] moduleObject(String name) {
        ByteArrayOutputStream p = new ByteArrayOutputStream();
        p.write(0x80);
        p.write(2);
        p.writeBytes(("c__torch__\n" + name + "\n").getBytes(StandardCharsets.US_ASCII));
        p.write(')');
        p.write(0x81);
        p.write('}');
        byte[] key = "training".getBytes(StandardCharsets.US_ASCII);
        p.write('X');
        p.write(key.length);
        p.write(0);
        p.write(0);
        p.write(0);
        p.writeBytes(key);
        p.write(0x89);
        p.write('s');
        p.write('b');
        p.write('.');
        return p.toByteArray();
    }

    private static void put(ZipOutputStream zip, String path, byte[] data) throws IOException {
        ZipEntry entry = new ZipEntry(path);
        entry.setMethod(ZipEntry.STORED);
        entry.setSize(data.length);
        entry.setCompressedSize(data.length);
        CRC32 crc = new CRC32();
        crc.update(data);
        entry.setCrc(crc.getValue());
        zip.putNextEntry(entry);
        zip.write(data);
        zip.closeEntry();
    }
}
