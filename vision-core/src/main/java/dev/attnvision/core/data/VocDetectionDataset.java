package dev.attnvision.core.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

/**
 * Reads a Pascal VOC folder (Everingham et al. 2010): {@code ImageSets/Main/<split>.txt} lists image ids,
 * {@code Annotations/<id>.xml} holds the size and objects, {@code JPEGImages/<filename>} the image.
 *
 * <p>Coordinates are taken as written, {@code width = xmax - xmin} (as mmdetection does), so a one-point
 * annotation has zero area and is skipped; {@code difficult} objects become crowd boxes (ignored by
 * {@code MeanAveragePrecision}). Without an explicit class list the classes are the sorted distinct names of the
 * split.
 */
public final class VocDetectionDataset {
    private VocDetectionDataset() {}

    /** Reads {@code split} with classes discovered from its annotations. */
    public static DetectionDataset read(Path root, String split) throws IOException {
        return read(root, split, null);
    }

    /**
     * Reads {@code split} with the given class order ({@code null}: discover).
     *
     * @throws IOException if a listed file is missing or unreadable, or an object's class is not in the list
     */
    public static DetectionDataset read(Path root, String split, List<String> classNames) throws IOException {
        Path list = root.resolve("ImageSets").resolve("Main").resolve(split + ".txt");
        if (!Files.isRegularFile(list)) {
            throw new IOException("no split list " + list + ": expected a Pascal VOC folder with ImageSets/Main/"
                    + split + ".txt");
        }
        List<Path> xmlFiles = Files.readAllLines(list).stream().map(String::strip).filter(s -> !s.isEmpty())
                .map(id -> root.resolve("Annotations").resolve(id + ".xml")).toList();
        List<Document> documents = new ArrayList<>();
        for (Path xml : xmlFiles) {
            documents.add(parse(xml));
        }
        List<String> classes = classNames != null ? List.copyOf(classNames) : discoverClasses(documents);
        BoxSanitizer sanitizer = new BoxSanitizer();
        List<ImageAnnotation> images = new ArrayList<>();
        for (int i = 0; i < xmlFiles.size(); i++) {
            images.add(toAnnotation(root, xmlFiles.get(i), documents.get(i), classes, sanitizer));
        }
        return new DetectionDataset(classes, images, sanitizer.skipped());
    }

    private static ImageAnnotation toAnnotation(Path root, Path xml, Document doc, List<String> classes,
            BoxSanitizer sanitizer) throws IOException {
        Element top = doc.getDocumentElement();
        Path image = root.resolve("JPEGImages").resolve(text(top, "filename", xml));
        Element size = child(top, "size", xml);
        int width = (int) number(size, "width", xml);
        int height = (int) number(size, "height", xml);
        if (width < 1 || height < 1) {
            int[] header = ImageHeaders.size(image);
            width = header[0];
            height = header[1];
        }
        List<BoxLabel> boxes = new ArrayList<>();
        NodeList objects = top.getElementsByTagName("object");
        for (int i = 0; i < objects.getLength(); i++) {
            Element object = (Element) objects.item(i);
            String name = text(object, "name", xml);
            int classId = classes.indexOf(name);
            if (classId < 0) {
                throw new IOException(xml + ": class '" + name + "' is not one of " + classes
                        + "; pass the full class list or leave it out to discover the classes");
            }
            boolean difficult = object.getElementsByTagName("difficult").getLength() > 0
                    && "1".equals(text(object, "difficult", xml));
            Element box = child(object, "bndbox", xml);
            BoxLabel label = new BoxLabel(number(box, "xmin", xml), number(box, "ymin", xml), number(box, "xmax", xml),
                    number(box, "ymax", xml), classId, difficult);
            BoxLabel kept = sanitizer.clip(label, width, height, xml, name);
            if (kept != null) {
                boxes.add(kept);
            }
        }
        return new ImageAnnotation(image, width, height, boxes, classes);
    }

    private static List<String> discoverClasses(List<Document> documents) {
        TreeSet<String> names = new TreeSet<>();
        for (Document doc : documents) {
            NodeList objects = doc.getDocumentElement().getElementsByTagName("object");
            for (int i = 0; i < objects.getLength(); i++) {
                NodeList name = ((Element) objects.item(i)).getElementsByTagName("name");
                if (name.getLength() > 0) {
                    names.add(name.item(0).getTextContent().strip());
                }
            }
        }
        return List.copyOf(names);
    }

    private static Document parse(Path xml) throws IOException {
        if (!Files.isRegularFile(xml)) {
            throw new IOException("annotation " + xml + " listed in the split does not exist");
        }
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            DocumentBuilder builder = factory.newDocumentBuilder();
            return builder.parse(xml.toFile());
        } catch (ParserConfigurationException | SAXException e) {
            throw new IOException("cannot parse the VOC annotation " + xml + ": " + e.getMessage(), e);
        }
    }

    private static Element child(Element parent, String tag, Path xml) throws IOException {
        NodeList nodes = parent.getElementsByTagName(tag);
        if (nodes.getLength() == 0) {
            throw new IOException(xml + ": <" + parent.getTagName() + "> has no <" + tag + ">");
        }
        return (Element) nodes.item(0);
    }

    private static String text(Element parent, String tag, Path xml) throws IOException {
        return child(parent, tag, xml).getTextContent().strip();
    }

    private static float number(Element parent, String tag, Path xml) throws IOException {
        String value = text(parent, tag, xml);
        try {
            return Float.parseFloat(value);
        } catch (NumberFormatException e) {
            throw new IOException(xml + ": <" + tag + "> is not a number: '" + value + "'", e);
        }
    }
}
