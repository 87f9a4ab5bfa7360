package dev.attnvision.cli;

import dev.attnvision.cli.mixin.ValFractionOption;
import dev.attnvision.core.data.DatasetCheck;
import dev.attnvision.core.data.DatasetFolder;
import dev.attnvision.core.data.DetectionDataset;
import dev.attnvision.core.data.FoundDataset;
import dev.attnvision.core.data.HoldOutSplit;
import dev.attnvision.core.detect.anchor.AnchorConfig;
import dev.attnvision.core.detect.anchor.MaxIouAssigner;
import dev.attnvision.core.image.ImageCodec;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code attnvision data check DATA}: the layout found, the images and boxes, and every issue, by file. */
@Command(name = "check", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Find the detection dataset in DATA as train detect does (VOC XML beside the images, in",
            "Annotations/ or in any folder beside images/; images/ with labels/ and classes.txt; a YOLO data.yaml;",
            "COCO JSON; split folders) and report it: images and boxes per split and class, box sizes against the",
            "detector's anchors, and every unreadable, missing or unlabelled file and every degenerate, duplicate or",
            "out-of-image box, named with its file. train detect runs the same check and leaves those out."},
        footerHeading = "%nExamples:%n",
        footer = {"  attnvision data check data/kangaroo", "  attnvision data check data/bccd --img-size 512"},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:no errors (warnings such as unlabelled images may be listed)",
            "1:the dataset has errors (each listed with its file)", "2:usage error (no dataset found at DATA)"})
public final class DataCheckCommand implements Callable<Integer> {
    private final Session session;
    @Spec CommandSpec spec;

    @Parameters(index = "0", paramLabel = "DATA", description = "A dataset folder, a YOLO data.yaml or a COCO .json.")
    Path data;

    @Option(names = "--img-size", defaultValue = "" + TrainDetectCommand.DEFAULT_IMAGE_SIZE, paramLabel = "PX",
            description = "The training side box sizes are given at (default: ${DEFAULT-VALUE}).")
    int imageSize;

    @Option(names = "--anchor-base", defaultValue = "4", paramLabel = "STRIDES",
            description = "The anchors' base size in strides, as for train detect (default: ${DEFAULT-VALUE}).")
    float anchorBase;

    @Mixin ValFractionOption valFraction;

    @Option(names = "--images", paramLabel = "DIR",
            description = "For COCO JSON: the folder file_name is relative to (default: the JSON's folder).")
    Path images;

    public DataCheckCommand(Session session) {
        this.session = session;
    }

    @Override
    public Integer call() throws Exception {
        double fraction = valFraction.fraction();
        if (imageSize < 32) {
            throw new ParameterException(spec.commandLine(), "Invalid value for option '--img-size': " + imageSize
                    + " (a side of at least 32 px, e.g. 512)");
        }
        AnchorConfig anchors;
        try {
            anchors = AnchorConfig.retinaNet(AnchorConfig.retinaNet().strides(), anchorBase);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "Invalid value for option '--anchor-base': " + anchorBase
                    + " (a positive number of strides, e.g. 4 or 2)");
        }
        FoundDataset found = DatasetFolder.find(session.workingDir().resolve(data),
                images == null ? null : session.workingDir().resolve(images));
        DatasetCheck check = DatasetCheck.run(found, new ImageCodec(ImageCodec.DEFAULT_MAX_PIXELS),
                Runtime.getRuntime().availableProcessors());
        FoundDataset usable = check.usable();
        HoldOutSplit split = found.listed() ? null : usable.holdOut(fraction);
        Map<String, DetectionDataset> splits = new LinkedHashMap<>(found.splits());
        if (split != null) {
            splits.clear();
            splits.put("train", split.train());
            if (fraction > 0) {
                splits.put("val", split.validation());
            }
        }
        check.print(session.out(), splits, imageSize, anchors.fit(MaxIouAssigner.RETINANET_POSITIVE_IOU),
                Integer.MAX_VALUE);
        if (split != null) {
            session.out().println(split.describe());
        }
        return check.hasErrors() ? ExitCodes.SOME_FAILED : ExitCodes.OK;
    }
}
