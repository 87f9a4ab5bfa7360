package dev.attnvision.core.data;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A detection dataset as {@link DatasetFolder} found it: its layout, its classes and its splits. A dataset that
 * lists no splits has the one split {@value #ALL}; {@link #split} then makes {@code train} and {@code val} with a
 * {@link HoldOutSplit}.
 *
 * @param path the folder or file given
 * @param layout what was found, for logs: {@code "Pascal VOC XML in annots/ for the images in images/"}
 * @param classNames class names, indexed by class id, the same in every split
 * @param splits the splits by name, in a stable order
 * @param listed whether the dataset lists its splits (split files, a data.yaml, split folders)
 */
public record FoundDataset(Path path, String layout, List<String> classNames, Map<String, DetectionDataset> splits,
        boolean listed) {
    /** The one split of a dataset that lists none. */
    public static final String ALL = "all";

    public FoundDataset {
        classNames = List.copyOf(classNames);
        splits = new LinkedHashMap<>(splits);
        for (Map.Entry<String, DetectionDataset> split : splits.entrySet()) {
            if (!split.getValue().classNames().equals(classNames)) {
                throw new IllegalArgumentException("the split '" + split.getKey() + "' of " + path + " has the classes "
                        + split.getValue().classNames() + ", the dataset " + classNames);
            }
        }
        splits = Collections.unmodifiableMap(splits);
    }

    /**
     * The images of split {@code name}. A dataset that lists its splits has the ones it lists ({@code val} also
     * finds Roboflow's {@code valid}); one that lists none has {@code train} and {@code val} by
     * {@code valFraction} ({@link HoldOutSplit}) and {@value #ALL}.
     *
     * @throws IllegalArgumentException naming the splits there are, if there is no such split
     */
    public DetectionDataset split(String name, double valFraction) {
        if (listed) {
            return splits.get(listedName(name));
        }
        DetectionDataset all = splits.get(ALL);
        return switch (name) {
            case ALL -> all;
            case "train" -> holdOut(valFraction).train();
            case "val" -> holdOut(valFraction).validation();
            default -> throw new IllegalArgumentException(path + " lists no splits, so it has none named '" + name
                    + "': its images are split into train and val by --val-fraction, or taken whole as '" + ALL + "'");
        };
    }

    /**
     * The listed split {@code name} stands for ({@code val} also finds Roboflow's {@code valid}).
     *
     * @throws IllegalArgumentException naming the splits there are, if there is no such split
     */
    public String listedName(String name) {
        if (splits.containsKey(name)) {
            return name;
        }
        if (name.equals("val") && splits.containsKey("valid")) {
            return "valid";
        }
        throw new IllegalArgumentException(path + " has no split '" + name + "'; its splits: "
                + String.join(", ", splits.keySet()));
    }

    /** The held-out split of a dataset that lists no splits. */
    public HoldOutSplit holdOut(double valFraction) {
        if (listed) {
            throw new IllegalStateException(path + " lists its splits");
        }
        return HoldOutSplit.of(splits.get(ALL), path, valFraction);
    }

    /** The issues of every split, each once (splits of one folder can share annotation files). */
    public List<DataIssue> issues() {
        Set<DataIssue> all = new LinkedHashSet<>();
        splits.values().forEach(s -> all.addAll(s.issues()));
        return List.copyOf(all);
    }
}
