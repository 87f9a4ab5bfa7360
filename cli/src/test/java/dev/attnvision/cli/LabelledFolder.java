package dev.attnvision.cli;

import dev.attnvision.core.image.Encoding;
import dev.attnvision.core.image.ImageCodec;
import dev.attnvision.core.image.ImageFormat;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/** A user's labelled folder as labelImg writes it: JPEG photos and one VOC XML per photo, in folders of any name. */
final class LabelledFolder {
    private static final ImageCodec CODEC = new ImageCodec(ImageCodec.DEFAULT_MAX_PIXELS);

    private LabelledFolder() {}

    /** Writes {@code images/NAME.jpg} (64x48) and {@code xmlFolder/NAME.xml} with one box per {@code "class x1 y1 x2 y2"}. */
    static void photo(Path imageFolder, Path xmlFolder, String name, String... boxes) throws IOException {
        Files.createDirectories(imageFolder);
        Files.createDirectories(xmlFolder);
        CODEC.write(BadInputCorpus.gradient(64, 48, 3, 8), imageFolder.resolve(name + ".jpg"),
                Encoding.of(ImageFormat.JPEG));
        StringBuilder xml = new StringBuilder("<annotation><filename>" + name + ".jpg</filename><size><width>64"
                + "</width><height>48</height><depth>3</depth></size>");
        for (String box : boxes) {
            String[] f = box.split(" ");
            xml.append("<object><name>").append(f[0]).append("</name><bndbox><xmin>").append(f[1])
                    .append("</xmin><ymin>").append(f[2]).append("</ymin><xmax>").append(f[3]).append("</xmax><ymax>")
                    .append(f[4]).append("</ymax></bndbox></object>");
        }
        Files.writeString(xmlFolder.resolve(name + ".xml"), xml.append("</annotation>"));
    }

    /** Cuts the photo's last bytes off, as an interrupted download does. */
    static void truncate(Path image) throws IOException {
        byte[] bytes = Files.readAllBytes(image);
        Files.write(image, Arrays.copyOf(bytes, bytes.length * 2 / 3));
    }
}
