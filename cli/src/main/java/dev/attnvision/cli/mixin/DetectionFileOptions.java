package dev.attnvision.cli.mixin;

import dev.attnvision.core.detect.DetectionFiles;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** Which result files a detection run writes besides (or instead of) the annotated images. */
public final class DetectionFileOptions {
    @Spec(Spec.Target.MIXEE)
    CommandSpec spec;

    @Option(names = "--save-txt", description = "Write YOLO label files (class cx cy w h, normalised) under labels/;"
            + " an image without detection gets an empty file.")
    boolean saveTxt;

    @Option(names = "--save-conf", description = "End each --save-txt line with the score.")
    boolean saveConf;

    @Option(names = "--save-json", description = "Write the run's detections as one COCO JSON, " + DetectionFiles.JSON_FILE + ".")
    boolean saveJson;

    @Option(names = "--save-csv", description = "Write the run's detections as one CSV table, " + DetectionFiles.CSV_FILE + ".")
    boolean saveCsv;

    @Option(names = "--no-images", description = "Do not write annotated images (only the result files).")
    boolean noImages;

    /** The files asked for, with crops or not; a usage error for {@code --save-conf} without {@code --save-txt}. */
    public DetectionFiles.Kinds kinds(boolean crops) {
        if (saveConf && !saveTxt) {
            throw new ParameterException(spec.commandLine(), "--save-conf needs --save-txt");
        }
        return new DetectionFiles.Kinds(saveTxt, saveConf, saveJson, saveCsv, crops);
    }

    /** Whether annotated images are written. */
    public boolean images() {
        return !noImages;
    }
}
