package dev.attnvision.core.data;

import dev.attnvision.core.data.DataIssue.Kind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

/**
 * Reads Pascal VOC XML annotations (Everingham et al. 2010), one file per image with its {@code filename},
 * {@code size} and {@code object}s: either a VOC folder ({@code ImageSets/Main/<split>.txt} lists ids,
 * {@code Annotations/<id>.xml}, {@code JPEGImages/}) or any list of XML files with the folder their images are in,
 * as labelImg, CVAT and Roboflow write them.
 *
 * <p>Coordinates are taken as written, {@code width = xmax - xmin} (as mmdetection does), so a one-point
 * annotation has zero area and is left out; {@code difficult} objects become crowd boxes (ignored by
 * {@code MeanAveragePrecision}). Without an explicit class list the classes are the sorted distinct names. An XML
 * file that does not parse, an image it names that does not exist and an object of a class outside the list are
 * each a {@link DataIssue}, and the rest is read.
 */
public final class VocDetectionDataset {
    private VocDetectionDataset() {}

    /** One parsed annotation file. */
    record Annotation(Path xml, String filename, int width, int height, List<Obj> objects) {}

    /** One {@code <object>}: its class name, {@code difficult} flag and corners as written. */
    record Obj(String name, boolean difficult, float x1, float y1, float x2, float y2) {}

    /** Reads the VOC folder's {@code split} with classes discovered from its annotations. */
    public static DetectionDataset read(Path root, String split) throws IOException {
        return read(root, split, null);
    }

    /**
     * Reads the VOC folder's {@code split} with the given class order ({@code null}: discover).
     *
     * @throws IllegalArgumentException if the split has no list
     */
    public static DetectionDataset read(Path root, String split, List<String> classNames) throws IOException {
        return read(splitFiles(root, split), root.resolve("JPEGImages"), classNames, List.of());
    }

    /** The splits a VOC folder lists: the names of its {@code ImageSets/Main/*.txt} (per-class lists excluded). */
    static List<String> splits(Path root) throws IOException {
        Path main = root.resolve("ImageSets").resolve("Main");
        if (!Files.isDirectory(main)) {
            return List.of();
        }
        try (var files = Files.list(main)) {
            return files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".txt"))
                    .map(n -> n.substring(0, n.length() - 4)).filter(n -> !n.contains("_")).sorted().toList();
        }
    }

    /** The annotation files split {@code split} of a VOC folder lists. */
    static List<Path> splitFiles(Path root, String split) throws IOException {
        Path list = root.resolve("ImageSets").resolve("Main").resolve(split + ".txt");
        if (!Files.isRegularFile(list)) {
            throw new IllegalArgumentException("the VOC folder " + root + " has no split '" + split + "' (no "
                    + list + "); its splits: " + String.join(", ", splits(root)));
        }
        return Files.readAllLines(list).stream().map(String::strip).filter(s -> !s.isEmpty())
                .map(id -> root.resolve("Annotations").resolve(id + ".xml")).toList();
    }

    /**
     * Reads annotation files whose images are in {@code imageFolder} (by their {@code filename}, else by the XML's
     * own stem).
     *
     * @param classNames the class order ({@code null}: the sorted names found in these files)
     * @param backgrounds images without an annotation file, kept without objects (and reported as unlabelled)
     */
    static DetectionDataset read(List<Path> xmlFiles, Path imageFolder, List<String> classNames,
            Collection<Path> backgrounds) {
        BoxSanitizer sanitizer = new BoxSanitizer();
        List<Annotation> parsed = parseAll(xmlFiles, sanitizer);
        List<String> classes = classNames != null ? List.copyOf(classNames) : classes(parsed);
        List<ImageAnnotation> images = new ArrayList<>();
        for (Annotation annotation : parsed) {
            toImage(annotation, imageFolder, classes, sanitizer).ifPresent(images::add);
        }
        for (Path image : backgrounds) {
            sanitizer.issue(image, Kind.UNLABELLED_IMAGE, "no annotation file; kept as a background (no objects)");
            ImageFiles.annotation(image, List.of(), classes, sanitizer).ifPresent(images::add);
        }
        return new DetectionDataset(classes, images, sanitizer.issues());
    }

    /** Parses each file, recording those that do not parse as issues. */
    static List<Annotation> parseAll(List<Path> xmlFiles, BoxSanitizer sanitizer) {
        List<Annotation> parsed = new ArrayList<>();
        for (Path xml : xmlFiles) {
            try {
                parsed.add(parse(xml));
            } catch (IOException e) {
                sanitizer.issue(xml, Kind.UNREADABLE_ANNOTATION, e.getMessage() + "; image left out");
            }
        }
        return parsed;
    }

    /** The sorted distinct class names of {@code parsed}. */
    static List<String> classes(List<Annotation> parsed) {
        TreeSet<String> names = new TreeSet<>();
        parsed.forEach(a -> a.objects().forEach(o -> names.add(o.name())));
        return List.copyOf(names);
    }

    private static Optional<ImageAnnotation> toImage(Annotation annotation, Path imageFolder, List<String> classes,
            BoxSanitizer sanitizer) {
        Optional<Path> image = findImage(annotation, imageFolder);
        if (image.isEmpty()) {
            sanitizer.issue(annotation.xml(), Kind.MISSING_IMAGE, "names image '" + annotation.filename()
                    + "', which is not in " + imageFolder + " (nor an image named like the XML); left out");
            return Optional.empty();
        }
        List<BoxLabel> boxes = new ArrayList<>();
        for (Obj o : annotation.objects()) {
            int classId = classes.indexOf(o.name());
            if (classId < 0) {
                sanitizer.issue(annotation.xml(), Kind.UNKNOWN_CLASS, "class '" + o.name() + "' is not one of "
                        + classes + "; its box is left out");
            } else {
                boxes.add(new BoxLabel(o.x1(), o.y1(), o.x2(), o.y2(), classId, o.difficult()));
            }
        }
        if (annotation.width() >= 1 && annotation.height() >= 1) {
            List<BoxLabel> kept = sanitizer.sanitize(boxes, annotation.width(), annotation.height(), classes,
                    annotation.xml(), "");
            return Optional.of(new ImageAnnotation(image.get(), annotation.width(), annotation.height(), kept,
                    classes));
        }
        return ImageFiles.annotation(image.get(), boxes, classes, sanitizer, annotation.xml());
    }

    private static Optional<Path> findImage(Annotation annotation, Path imageFolder) {
        if (!annotation.filename().isEmpty()) {
            Path named = imageFolder.resolve(Path.of(annotation.filename()).getFileName().toString());
            if (Files.isRegularFile(named)) {
                return Optional.of(named);
            }
        }
        return ImageFiles.withStem(imageFolder, ImageFiles.stem(annotation.xml()));
    }

    static Annotation parse(Path xml) throws IOException {
        if (!Files.isRegularFile(xml)) {
            throw new IOException("the annotation file does not exist");
        }
        Element top;
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            top = factory.newDocumentBuilder().parse(xml.toFile()).getDocumentElement();
        } catch (ParserConfigurationException | SAXException e) {
            throw new IOException("not a well-formed XML annotation: " + e.getMessage(), e);
        }
        NodeList sizes = top.getElementsByTagName("size");
        int width = 0;
        int height = 0;
        if (sizes.getLength() > 0) {
            Element size = (Element) sizes.item(0);
            width = (int) number(size, "width");
            height = (int) number(size, "height");
        }
        List<Obj> objects = new ArrayList<>();
        NodeList nodes = top.getElementsByTagName("object");
        for (int i = 0; i < nodes.getLength(); i++) {
            Element object = (Element) nodes.item(i);
            Element box = child(object, "bndbox");
            boolean difficult = object.getElementsByTagName("difficult").getLength() > 0
                    && "1".equals(text(object, "difficult"));
            objects.add(new Obj(text(object, "name"), difficult, number(box, "xmin"), number(box, "ymin"),
                    number(box, "xmax"), number(box, "ymax")));
        }
        String filename = top.getElementsByTagName("filename").getLength() > 0 ? text(top, "filename") : "";
        return new Annotation(xml, filename, width, height, objects);
    }

    private static Element child(Element parent, String tag) throws IOException {
        NodeList nodes = parent.getElementsByTagName(tag);
        if (nodes.getLength() == 0) {
            throw new IOException("<" + parent.getTagName() + "> has no <" + tag + ">");
        }
        return (Element) nodes.item(0);
    }

    private static String text(Element parent, String tag) throws IOException {
        return child(parent, tag).getTextContent().strip();
    }

    private static float number(Element parent, String tag) throws IOException {
        String value = text(parent, tag);
        float number;
        try {
            number = Float.parseFloat(value);
        } catch (NumberFormatException e) {
            throw new IOException("<" + tag + "> is not a number: '" + value + "'", e);
        }
        if (!Float.isFinite(number)) {
            throw new IOException("<" + tag + "> is not a finite number: '" + value + "'");
        }
        return number;
    }
}
