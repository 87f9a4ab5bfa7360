package dev.attnvision.core.data;

import dev.attnvision.core.data.synth.SceneConfig;
import dev.attnvision.core.data.synth.SyntheticDetectionSource;
import dev.attnvision.core.image.ImageCodec;
import dev.attnvision.core.train.Seeds;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The training and validation images named by a {@code --data} argument:
 * <ul>
 *   <li>{@code synth:shapes} or {@code synth:shapes:N}: N (default {@value #DEFAULT_SYNTHETIC_SCENES}) synthetic
 *       scenes drawn from the run seed, validated on {@value #SYNTHETIC_VALIDATION_SCENES} scenes (at most N) of a
 *       fixed seed (the same for every run, so runs compare);</li>
 *   <li>a dataset folder or file in any layout {@link DatasetFolder} finds: split {@code train} and the validation
 *       split when it lists splits, else a {@link HoldOutSplit} by the validation fraction.</li>
 * </ul>
 *
 * @param train the training images
 * @param validation the validation images, or null for none
 * @param check the dataset as found on disk with its issues, or null for synthetic data
 * @param splitNote how train and validation were chosen, for the log (empty when the dataset lists its splits)
 * @param datasets the images of {@code train} and {@code val} as read (empty for synthetic data)
 */
public record DetectionData(DetectionSource train, DetectionSource validation, DatasetCheck check, String splitNote,
        Map<String, DetectionDataset> datasets) {
    /** Synthetic training scenes when {@code synth:shapes} gives no count. */
    public static final int DEFAULT_SYNTHETIC_SCENES = 512;
    /** Synthetic validation scenes. */
    public static final int SYNTHETIC_VALIDATION_SCENES = 64;
    /** The seed of the synthetic validation scenes, independent of the run seed. */
    public static final long SYNTHETIC_VALIDATION_SEED = 20190425L;
    private static final Pattern SYNTHETIC = Pattern.compile("synth:shapes(?::(\\d{1,7}))?");

    public DetectionData {
        if (validation != null && !validation.classNames().equals(train.classNames())) {
            throw new IllegalArgumentException("the validation classes " + validation.classNames()
                    + " differ from the training classes " + train.classNames());
        }
    }

    /**
     * Which images to train and validate on.
     *
     * @param validationSplit the split to validate on, or {@code none}
     * @param validationFile a separate dataset to validate on (then all of {@code --data} is trained on), or null
     * @param validationFraction the fraction held out when the dataset lists no splits ({@link HoldOutSplit})
     */
    public record Splits(String validationSplit, Path validationFile, double validationFraction) {}

    /**
     * Opens {@code spec} (relative paths against {@code workingDir}).
     *
     * @param side the training input size (the size of synthetic scenes)
     * @param seed the run seed (of synthetic training scenes)
     * @param workers threads decoding the images once to find unreadable ones ({@link DatasetCheck})
     */
    public static DetectionData open(String spec, Path workingDir, Splits splits, int side, long seed,
            ImageCodec codec, int workers) throws IOException {
        boolean noSplit = splits.validationSplit().equalsIgnoreCase("none");
        Matcher synthetic = SYNTHETIC.matcher(spec);
        if (synthetic.matches()) {
            int scenes = synthetic.group(1) == null ? DEFAULT_SYNTHETIC_SCENES : Integer.parseInt(synthetic.group(1));
            SceneConfig scene = SceneConfig.standard(side, side);
            return new DetectionData(new SyntheticDetectionSource(scene, scenes, Seeds.derive(seed, 0)),
                    noSplit ? null : new SyntheticDetectionSource(scene,
                            Math.min(scenes, SYNTHETIC_VALIDATION_SCENES), SYNTHETIC_VALIDATION_SEED), null, "",
                    Map.of());
        }
        if (spec.startsWith("synth:")) {
            throw new IllegalArgumentException("unknown synthetic data '" + spec + "'; use synth:shapes or"
                    + " synth:shapes:N (N scenes)");
        }
        Path path = workingDir.resolve(spec);
        if (!Files.exists(path)) {
            throw new IllegalArgumentException("--data " + spec + " does not exist; give a dataset folder, a YOLO"
                    + " data.yaml, a COCO .json file or synth:shapes");
        }
        FoundDataset all = DatasetFolder.find(path, null);
        boolean validateOnSplit = splits.validationFile() == null && !noSplit;
        double fraction = validateOnSplit ? splits.validationFraction() : 0;
        List<String> used = !all.listed() ? List.of(FoundDataset.ALL) : validateOnSplit
                ? List.of(all.listedName("train"), all.listedName(splits.validationSplit()))
                : List.of(all.listedName("train"));
        DatasetCheck check = DatasetCheck.run(all, used, codec, workers);
        FoundDataset found = check.usable();
        HoldOutSplit holdOut = found.listed() ? null : found.holdOut(fraction);
        String note = holdOut == null ? "" : holdOut.describe();
        DetectionDataset train = holdOut == null ? found.split("train", fraction) : holdOut.train();
        Map<String, DetectionDataset> datasets = new LinkedHashMap<>();
        datasets.put("train", train);
        DetectionSource trainSource = source(codec, datasets.get("train"), found.path(),
                found.listed() ? "train" : "");
        DetectionSource validation = null;
        if (splits.validationFile() != null) {
            FoundDataset other = DatasetFolder.find(workingDir.resolve(splits.validationFile()), null);
            String name = other.listed() ? other.listedName(splits.validationSplit()) : FoundDataset.ALL;
            validation = source(codec, DatasetCheck.run(other, List.of(name), codec, workers).usable().split(name, 0),
                    other.path(), other.listed() ? name : "");
        } else if (validateOnSplit && (found.listed() || fraction > 0)) {
            datasets.put("val", holdOut == null ? found.split(splits.validationSplit(), fraction)
                    : holdOut.validation());
            validation = source(codec, datasets.get("val"), found.path(),
                    found.listed() ? splits.validationSplit() : "held out");
        }
        return new DetectionData(trainSource, validation, check, note, datasets);
    }

    /**
     * Prints the data check of the training (and held-out) images and how they were split; nothing for synthetic
     * data.
     */
    public void report(PrintStream log, int side, DatasetCheck.AnchorFit anchors, int issueLimit) {
        if (check != null) {
            check.print(log, datasets, side, anchors, issueLimit);
            if (!splitNote.isEmpty()) {
                log.println(splitNote);
            }
        }
    }

    private static DetectionSource source(ImageCodec codec, DetectionDataset dataset, Path path, String split) {
        String description = String.format(Locale.ROOT, "%d images of %s%s", dataset.images().size(), path,
                split.isEmpty() ? "" : ", split " + split);
        if (dataset.images().isEmpty()) {
            List<DataIssue> errors = dataset.issues().stream().filter(i -> i.kind().error()).toList();
            throw new IllegalArgumentException(path + (split.isEmpty() ? "" : ", split " + split)
                    + " holds no usable image" + (errors.isEmpty() ? ""
                            : " (" + errors.size() + " errors, the first: " + errors.get(0) + ")")
                    + "; 'attnvision data check " + path + "' lists what is wrong");
        }
        return new FileDetectionSource(dataset, codec, description);
    }
}
