package dev.attnvision.core.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * Finds the detection dataset in a folder or file by looking at it, in the layouts labelling tools and exports
 * write:
 * <ol>
 *   <li>a {@code .yaml}/{@code .yml} file or a folder holding one with {@code names}: a YOLO dataset
 *       ({@link YoloDetectionDataset}), its splits as the yaml names them;</li>
 *   <li>a COCO {@code .json} file, or a folder holding exactly one ({@link CocoDetectionDataset});</li>
 *   <li>a Pascal VOC folder: {@code Annotations/}, images in {@code JPEGImages/}, splits from
 *       {@code ImageSets/Main/*.txt} when it has them;</li>
 *   <li>{@code images/} with {@code labels/} (YOLO txt) and a {@code classes.txt};</li>
 *   <li>{@code images/} with a folder of VOC XML of any name ({@code annotations/}, {@code annots/}, {@code xml/}),
 *       matched to the images by file stem;</li>
 *   <li>VOC XML, or YOLO txt with a {@code classes.txt}, beside the images in one flat folder (labelImg, Roboflow's
 *       VOC export);</li>
 *   <li>split folders ({@code train/}, {@code val/} or {@code valid/}, {@code test/}), each one of the above
 *       (Roboflow's exports).</li>
 * </ol>
 * Images without an annotation file are kept as backgrounds. A layout without split lists gets its train/val split
 * from {@link FoundDataset#split}.
 */
public final class DatasetFolder {
    private static final List<String> SPLIT_FOLDERS = List.of("train", "val", "valid", "test");

    private DatasetFolder() {}

    /**
     * Reads the dataset at {@code path}.
     *
     * @param cocoImages the folder COCO {@code file_name}s are relative to, or null for the JSON's folder
     * @throws IllegalArgumentException if no dataset layout is found there, saying what was looked for
     */
    public static FoundDataset find(Path given, Path cocoImages) throws IOException {
        Path path = given.toAbsolutePath().normalize();
        if (!Files.exists(path)) {
            throw new IllegalArgumentException(path + " does not exist; " + EXPECTED);
        }
        if (Files.isRegularFile(path)) {
            return file(path, cocoImages).orElseThrow(() -> new IllegalArgumentException(path
                    + " is neither a YOLO data.yaml nor a COCO .json annotation file; " + EXPECTED));
        }
        return folder(path, null).orElseThrow(() -> new IllegalArgumentException("found no annotations in " + path
                + "; " + EXPECTED));
    }

    private static final String EXPECTED = "give a folder of images with VOC XML (beside them, in Annotations/ or in"
            + " a folder beside images/), images/ with labels/ (YOLO txt) and classes.txt, a YOLO data.yaml or a COCO"
            + " .json file";

    private static Optional<FoundDataset> file(Path file, Path cocoImages) throws IOException {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if ((name.endsWith(".yaml") || name.endsWith(".yml")) && YoloDetectionDataset.isDataYaml(file)) {
            Map<String, DetectionDataset> splits = new LinkedHashMap<>();
            for (String split : YoloDetectionDataset.splits(file)) {
                splits.put(split, YoloDetectionDataset.read(file, split));
            }
            List<String> classes = splits.isEmpty() ? List.of() : splits.values().iterator().next().classNames();
            return Optional.of(new FoundDataset(file, "YOLO " + file.getFileName(), classes, splits, true));
        }
        if (name.endsWith(".json") && CocoDetectionDataset.isCocoJson(file)) {
            return Optional.of(coco(file, cocoImages));
        }
        return Optional.empty();
    }

    private static FoundDataset coco(Path file, Path cocoImages) throws IOException {
        DetectionDataset all = CocoDetectionDataset.read(file,
                cocoImages == null ? file.toAbsolutePath().getParent() : cocoImages);
        return new FoundDataset(file, "COCO " + file.getFileName(), all.classNames(), Map.of(FoundDataset.ALL, all),
                false);
    }

    /** The dataset in {@code folder} with {@code classOrder} (null: its own) for XML layouts, if one is found. */
    private static Optional<FoundDataset> folder(Path folder, List<String> classOrder) throws IOException {
        List<Path> entries;
        try (Stream<Path> list = Files.list(folder)) {
            entries = list.sorted().toList();
        }
        for (Path yaml : entries.stream().filter(f -> f.toString().toLowerCase(Locale.ROOT).matches(".*\\.ya?ml"))
                .toList()) {
            Optional<FoundDataset> found = file(yaml, null);
            if (found.isPresent()) {
                return found;
            }
        }
        List<Path> cocoFiles = entries.stream().filter(f -> f.toString().toLowerCase(Locale.ROOT).endsWith(".json"))
                .filter(CocoDetectionDataset::isCocoJson).toList();
        if (cocoFiles.size() == 1) {
            return Optional.of(coco(cocoFiles.get(0), null));
        }
        Path annotations = folder.resolve("Annotations");
        if (Files.isDirectory(annotations)) {
            return Optional.of(voc(folder, annotations, classOrder));
        }
        Path images = folder.resolve("images");
        if (Files.isDirectory(images)) {
            Path labels = folder.resolve("labels");
            if (Files.isDirectory(labels)) {
                return Optional.of(yoloFolders(folder, images, labels));
            }
            for (Path sub : entries) {
                if (Files.isDirectory(sub) && !sub.equals(images) && !xmlFiles(sub).isEmpty()) {
                    return Optional.of(xmlByStem(folder, images, sub, classOrder,
                            "Pascal VOC XML in " + sub.getFileName() + "/ for the images in images/"));
                }
            }
        }
        List<Path> imageFiles = ImageFiles.list(folder);
        if (!xmlFiles(folder).isEmpty()) {
            return Optional.of(xmlByStem(folder, folder, folder, classOrder, "Pascal VOC XML beside the images"));
        }
        Optional<Path> classesTxt = classesTxt(folder, folder);
        if (!imageFiles.isEmpty() && classesTxt.isPresent()) {
            DetectionDataset all = YoloDetectionDataset.read(imageFiles,
                    YoloDetectionDataset.classesTxt(classesTxt.get()));
            return Optional.of(new FoundDataset(folder, "YOLO txt beside the images, classes from "
                    + classesTxt.get().getFileName(), all.classNames(), Map.of(FoundDataset.ALL, all), false));
        }
        return splitFolders(folder, entries, classOrder);
    }

    private static FoundDataset voc(Path root, Path annotations, List<String> classOrder) throws IOException {
        Path images = Files.isDirectory(root.resolve("JPEGImages")) ? root.resolve("JPEGImages") : root.resolve("images");
        List<String> splits = VocDetectionDataset.splits(root);
        if (splits.isEmpty()) {
            return xmlByStem(root, images, annotations, classOrder, "Pascal VOC folder without split lists");
        }
        List<String> classes = classOrder != null ? classOrder
                : VocDetectionDataset.classes(VocDetectionDataset.parseAll(xmlFiles(annotations), new BoxSanitizer()));
        Map<String, DetectionDataset> read = new LinkedHashMap<>();
        for (String split : splits) {
            read.put(split, VocDetectionDataset.read(VocDetectionDataset.splitFiles(root, split), images, classes,
                    List.of()));
        }
        return new FoundDataset(root, "Pascal VOC folder", classes, read, true);
    }

    /** XML files in {@code xmlFolder} for the images of {@code imageFolder}, matched by stem; the rest backgrounds. */
    private static FoundDataset xmlByStem(Path root, Path imageFolder, Path xmlFolder, List<String> classOrder,
            String layout) throws IOException {
        List<Path> xml = xmlFiles(xmlFolder);
        Set<String> annotated = new HashSet<>();
        xml.forEach(f -> annotated.add(ImageFiles.stem(f)));
        List<Path> backgrounds = Files.isDirectory(imageFolder) ? ImageFiles.list(imageFolder).stream()
                .filter(i -> !annotated.contains(ImageFiles.stem(i))).toList() : List.of();
        DetectionDataset all = VocDetectionDataset.read(xml, imageFolder, classOrder, backgrounds);
        return new FoundDataset(root, layout, all.classNames(), Map.of(FoundDataset.ALL, all), false);
    }

    /** {@code images/} and {@code labels/}, flat or with split subfolders. */
    private static FoundDataset yoloFolders(Path root, Path images, Path labels) throws IOException {
        Path classesFile = classesTxt(root, labels).orElseThrow(() -> new IllegalArgumentException("found images/"
                + " and labels/ in " + root + " but no classes.txt (one class name per line, line 0 for class 0) or"
                + " data.yaml naming the classes; add one of them"));
        List<String> classes = YoloDetectionDataset.classesTxt(classesFile);
        String layout = "YOLO images/ and labels/, classes from " + root.relativize(classesFile);
        List<Path> splitDirs = new ArrayList<>();
        try (Stream<Path> list = Files.list(images)) {
            list.filter(Files::isDirectory).sorted().forEach(splitDirs::add);
        }
        if (splitDirs.isEmpty()) {
            DetectionDataset all = YoloDetectionDataset.read(ImageFiles.list(images), classes);
            return new FoundDataset(root, layout, classes, Map.of(FoundDataset.ALL, all), false);
        }
        Map<String, DetectionDataset> splits = new LinkedHashMap<>();
        for (Path dir : splitDirs) {
            splits.put(dir.getFileName().toString(), YoloDetectionDataset.read(ImageFiles.list(dir), classes));
        }
        return new FoundDataset(root, layout, classes, splits, true);
    }

    /** Roboflow-style {@code train/}, {@code valid/}, {@code test/}, each a dataset of the same classes. */
    private static Optional<FoundDataset> splitFolders(Path root, List<Path> entries, List<String> classOrder)
            throws IOException {
        Map<String, FoundDataset> found = new LinkedHashMap<>();
        for (Path sub : entries) {
            String name = sub.getFileName().toString();
            if (Files.isDirectory(sub) && SPLIT_FOLDERS.contains(name.toLowerCase(Locale.ROOT))) {
                folder(sub, classOrder).ifPresent(f -> found.put(name, f));
            }
        }
        if (found.isEmpty()) {
            return Optional.empty();
        }
        TreeSet<String> union = new TreeSet<>();
        found.values().forEach(f -> union.addAll(f.classNames()));
        List<String> classes = List.copyOf(union);
        if (classOrder == null && found.values().stream().anyMatch(f -> !f.classNames().equals(classes))) {
            return splitFolders(root, entries, classes);
        }
        Map<String, DetectionDataset> splits = new LinkedHashMap<>();
        found.forEach((name, f) -> splits.put(name, f.splits().values().iterator().next()));
        FoundDataset first = found.values().iterator().next();
        return Optional.of(new FoundDataset(root, "split folders " + String.join(", ", found.keySet()) + ", each "
                + first.layout(), classes, splits, true));
    }

    private static Optional<Path> classesTxt(Path root, Path labels) {
        return Stream.of(root.resolve("classes.txt"), labels.resolve("classes.txt")).filter(Files::isRegularFile)
                .findFirst();
    }

    private static List<Path> xmlFiles(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(f -> f.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".xml"))
                    .filter(Files::isRegularFile).sorted().toList();
        }
    }
}
