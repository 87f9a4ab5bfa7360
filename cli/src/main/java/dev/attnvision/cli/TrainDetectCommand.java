package dev.attnvision.cli;

import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import com.sun.management.OperatingSystemMXBean;
import dev.attnvision.cli.mixin.TrainingRunOptions;
import dev.attnvision.cli.mixin.ValFractionOption;
import dev.attnvision.core.data.DetectionData;
import dev.attnvision.core.detect.DetectionTrainingConfig;
import dev.attnvision.core.detect.DetectionTrainingRun;
import dev.attnvision.core.detect.DetectorConfig;
import dev.attnvision.core.detect.anchor.AnchorConfig;
import dev.attnvision.core.train.ProgressReporter;
import dev.attnvision.core.train.TrainingState;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code attnvision train detect}: trains an attention detector on VOC, YOLO, COCO or synthetic data. */
@Command(name = "detect", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Train an object detector (RetinaNet-style, with switchable attention) on letterboxed,",
            "augmented images (mosaics of four, then single images with flip, scale jitter, crop, colour jitter) with",
            "AdamW, warm-up and cosine decay; the moving average of the weights is validated and exported.",
            "--data is a dataset folder in any layout 'attnvision data check' finds (VOC XML, YOLO labels, COCO JSON,",
            "split folders), a YOLO data.yaml, a COCO .json or synth:shapes[:N] (N generated scenes). The data is",
            "checked first; unreadable images and bad boxes are listed and left out.",
            "The run folder receives checkpoints/ (every epoch), train.csv (loss, lr, mAP per epoch), train.png and",
            "the models last/ and, with validation, best/ (usable as --model)."},
        footerHeading = "%nExamples:%n",
        footer = {"  attnvision train detect --data synth:shapes --epochs 10 --img-size 256 -o runs/shapes",
            "  attnvision train detect --data data/bccd --epochs 50 --img-size 512 --config baseline -o runs/bccd-base",
            "  attnvision train detect --data data/bccd --epochs 80 --img-size 512 -o runs/bccd-base --resume",
            "  attnvision train detect --data my.yaml --epochs 20 --img-size 416 --init-from bccd -o runs/mine",
            "  attnvision train detect --data photos/ --epochs 30 --img-size 416 --init-from bccd -o runs/photos",
            "  attnvision train detect --data coco/train.json --val coco/val.json --epochs 12 --img-size 640 -o runs/c"},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:training finished", "1:training diverged (loss not finite); resume with a lower --lr",
            "2:usage error (bad option, unreadable data, nothing to resume)"})
public final class TrainDetectCommand implements Callable<Integer> {
    private final Session session;
    private final CliEnvironment environment;
    @Spec CommandSpec spec;

    @Option(names = "--data", required = true, paramLabel = "SPEC",
            description = "Dataset folder, YOLO data.yaml, COCO .json, or synth:shapes[:N].")
    String data;

    @Option(names = "--epochs", required = true, paramLabel = "N", description = "Passes over the training images.")
    int epochs;

    /** The training side when {@code --img-size} is not given: BCCD's, and fast enough on a CPU. */
    static final int DEFAULT_IMAGE_SIZE = 512;

    @Option(names = "--img-size", defaultValue = "" + DEFAULT_IMAGE_SIZE, paramLabel = "PX",
            description = "Square input side, a multiple of 32; images are letterboxed onto it (default: "
                    + "${DEFAULT-VALUE}).")
    int imageSize;

    @Mixin TrainingRunOptions run;

    @Option(names = "--config", defaultValue = "harnet", paramLabel = "NAME",
            description = "Detector preset: baseline, se, spatial, harnet or tiny (default: ${DEFAULT-VALUE}).")
    String config;

    @Option(names = "--anchor-base", defaultValue = "4", paramLabel = "STRIDES",
            description = "Anchor side at scale 1 in strides of its level (default: ${DEFAULT-VALUE}, RetinaNet's: "
                    + "32 px anchors on P3); 2 suits many objects under 32 px.")
    float anchorBase;

    @Option(names = "--batch", defaultValue = "8", paramLabel = "N", description = "Images per iteration (default: ${DEFAULT-VALUE}).")
    int batch;

    @Option(names = "--lr", defaultValue = "1e-3", paramLabel = "RATE", description = "Peak learning rate (default: ${DEFAULT-VALUE}).")
    double learningRate;

    @Option(names = "--weight-decay", defaultValue = "0.01", paramLabel = "W",
            description = "AdamW decoupled weight decay (default: ${DEFAULT-VALUE}).")
    double weightDecay;

    @Option(names = "--val-split", defaultValue = "val", paramLabel = "NAME",
            description = "Split validated on after every epoch, or none (default: ${DEFAULT-VALUE}); a dataset"
                    + " without split lists holds out --val-fraction of its images as val.")
    String validationSplit;

    @Mixin ValFractionOption valFraction;

    @Option(names = "--val", paramLabel = "PATH", description = "A separate validation dataset (e.g. a COCO val .json).")
    Path validation;

    @Option(names = "--assigner", defaultValue = "atss", paramLabel = "NAME",
            description = "How anchors are labelled: atss (adaptive training sample selection: a threshold per object),"
                    + " task-aligned (TOOD: after a third of the epochs with atss, the anchors whose current class score"
                    + " and box IoU are highest; best with --cls-loss varifocal) or max-iou (RetinaNet's fixed 0.5/0.4"
                    + " IoU) (default: ${DEFAULT-VALUE}).")
    String assigner;

    @Option(names = "--box-loss", defaultValue = "ciou", paramLabel = "NAME",
            description = "Box regression loss: smooth-l1 (RetinaNet's, on encoded offsets), or an IoU loss of the"
                    + " decoded boxes at ATSS's weight 2: giou (generalised), diou (plus the centres' distance) or ciou"
                    + " (complete: plus the aspect ratio) (default: ${DEFAULT-VALUE}).")
    String boxLoss;

    @Option(names = "--cls-loss", defaultValue = "focal", paramLabel = "NAME",
            description = "Classification loss: focal (RetinaNet's) or varifocal (VarifocalNet's: each positive anchor"
                    + " learns the IoU of its box as its score, so the best-placed box ranks first)"
                    + " (default: ${DEFAULT-VALUE}).")
    String classLoss;

    @Option(names = "--multi-scale", defaultValue = "0", paramLabel = "R",
            description = "Train each batch at its own side, a multiple of 32 drawn from --img-size x (1 - R) to"
                    + " --img-size x (1 + R), R at most 0.5; validation and the model stay at --img-size (default:"
                    + " ${DEFAULT-VALUE}, off).")
    double multiScale;

    @Option(names = "--no-mosaic", description = "Train on single images only, without mosaics of four.")
    boolean noMosaic;

    @Option(names = "--close-mosaic", paramLabel = "N",
            description = "Final epochs trained on single images instead of mosaics (default: a third of --epochs, at"
                    + " least 1).")
    Integer closeMosaic;

    @Option(names = "--log-every", defaultValue = "10", paramLabel = "N",
            description = "Iterations per row of train.csv (default: ${DEFAULT-VALUE}).")
    long logEvery;

    public TrainDetectCommand(Session session, CliEnvironment environment) {
        this.session = session;
        this.environment = environment;
    }

    @Override
    public Integer call() throws Exception {
        if (!DetectorConfig.PRESETS.contains(config.toLowerCase(Locale.ROOT))) {
            throw new ParameterException(spec.commandLine(), "Invalid value for option '--config': '" + config
                    + "' (expected one of " + String.join(", ", DetectorConfig.PRESETS) + ")");
        }
        try {
            AnchorConfig.checkBase(anchorBase);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "Invalid value for option '--anchor-base': " + anchorBase
                    + " (a positive number of strides, e.g. 4 or 2)");
        }
        Optional<String> initFrom = run.initFrom();
        DetectionTrainingConfig training;
        try {
            training = new DetectionTrainingConfig(imageSize, batch, epochs, learningRate, weightDecay, run.seed(),
                    run.workers(), logEvery, run.averageWeights(),
                    noMosaic ? 0 : DetectionTrainingConfig.mosaicEpochs(epochs, closeMosaic), assigner, boxLoss,
                    classLoss, multiScale);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        run.applyThreads();
        DetectionTrainingRun.Request request = new DetectionTrainingRun.Request(data,
                new DetectionData.Splits(validationSplit, validation, valFraction.fraction()), session.workingDir(),
                run.runDir(session.workingDir()), config.toLowerCase(Locale.ROOT), anchorBase, training, run.resume(),
                run.commandText());
        PrintStream err = session.err();
        ProgressReporter.Factory progress = run.progress("train detect", session.errIsTerminal(), err,
                environment.clock());
        OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        TrainingState end;
        try (NDManager manager = NDManager.newBaseManager()) {
            Block source = initFrom.isEmpty() ? null
                    : ModelArgument.resolve(initFrom.get(), session, environment).loadDetector(manager);
            end = DetectionTrainingRun.run(request, source, progress, environment.clock(), os::getProcessCpuTime, err);
        }
        TrainingSummary.print(session, end, request.runDir(), "mAP@[.5:.95] %.4f");
        return ExitCodes.OK;
    }
}
