package dev.attnvision.cli;

import dev.attnvision.cli.mixin.TrainingRunOptions;
import dev.attnvision.core.data.degradation.Degradations;
import dev.attnvision.core.model.StoredModel;
import dev.attnvision.core.sr.A2nConfig;
import dev.attnvision.core.sr.SrTrainingConfig;
import dev.attnvision.core.sr.SrTrainingRun;
import dev.attnvision.core.train.ProgressReporter;
import java.io.PrintStream;
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

/** {@code attnvision train sr}: trains A2N super-resolution on a folder of high-resolution images. */
@Command(name = "sr", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Train an A2N super-resolution model on random patches of high-resolution images.",
            "Low-resolution inputs are made with MATLAB-compatible bicubic downscaling (--degradation bicubic, for",
            "benchmarks and clean sources), with Real-ESRGAN's random blur, resize, noise and JPEG (real, real-mild:",
            "models for real photos; start them from a clean model with --init-from) or with one stage of them (photo).",
            "The moving average of the weights is validated and exported (--no-ema: the last weights; train.csv",
            "logs their PSNR beside it as psnr_last).",
            "The run folder gets checkpoints/, train.csv, train.png and the models last/ and (with --val) best/."},
        footerHeading = "%nExamples:%n",
        footer = {"  attnvision train sr --data train291/ --scale 2 --val Set5/HR --iters 100000 -o runs/x2",
            "  attnvision train sr --data train291/ --scale 2 --iters 100000 -o runs/x2 --resume",
            "  attnvision train sr --data train291/ --scale 3 --init-from runs/x2/best -o runs/x3",
            "  attnvision train sr --data train291/ --scale 4 --degradation real --init-from a2n-x4 -o runs/x4-real"},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:training finished", "1:training diverged (loss not finite); resume with a lower --lr",
            "2:usage error (bad option, unreadable data, nothing to resume)"})
public final class TrainSrCommand implements Callable<Integer> {
    private final Session session;
    private final CliEnvironment environment;
    @Spec CommandSpec spec;

    @Option(names = "--data", required = true, paramLabel = "DIR", description = "Folder of high-resolution training images.")
    Path data;

    @Option(names = {"-s", "--scale"}, required = true, paramLabel = "N", description = "Upscaling factor: 2, 3 or 4.")
    int scale;

    @Option(names = "--degradation", defaultValue = "bicubic", paramLabel = "NAME",
            description = "How inputs are made from the training images: bicubic, real (Real-ESRGAN's ranges),"
                + " real-mild (milder blur, noise and JPEG), both in two stages, or photo (one stage: Gaussian blur,"
                + " downscale, noise, JPEG) (default: ${DEFAULT-VALUE}).")
    String degradation;

    @Mixin TrainingRunOptions run;

    @Option(names = "--features", defaultValue = "40", paramLabel = "N",
            description = "Feature channels of the network (default: ${DEFAULT-VALUE}, the paper's A2N).")
    int features;

    @Option(names = "--blocks", defaultValue = "16", paramLabel = "N",
            description = "Attention-in-attention blocks (default: ${DEFAULT-VALUE}, the paper's A2N). More blocks"
                + " than the --init-from model's start as the identity: the deeper network starts as that model.")
    int blocks;

    @Option(names = "--patch", defaultValue = "96", paramLabel = "PX",
            description = "High-resolution patch side, a multiple of the scale (default: ${DEFAULT-VALUE}).")
    int patch;

    @Option(names = "--batch", defaultValue = "16", paramLabel = "N", description = "Patches per iteration (default: ${DEFAULT-VALUE}).")
    int batch;

    @Option(names = "--iters", defaultValue = "1000000", paramLabel = "N",
            description = "Iterations of the whole run (default: ${DEFAULT-VALUE}, A2N's recipe).")
    long iterations;

    @Option(names = "--lr", defaultValue = "5e-4", paramLabel = "RATE", description = "Initial learning rate (default: ${DEFAULT-VALUE}).")
    double learningRate;

    @Option(names = "--schedule", defaultValue = "cosine", paramLabel = "KIND",
            description = "cosine (with warm-up) or step (halved 4 times) (default: ${DEFAULT-VALUE}).")
    String schedule;

    @Option(names = "--loss", defaultValue = "l1", paramLabel = "KIND",
            description = "Pixel loss: l1 (trains best from the start) or mse (the squared error PSNR measures: a last"
                + " fine-tune for PSNR, e.g. on --resume with more --iters) (default: ${DEFAULT-VALUE}).")
    String loss;

    @Option(names = "--val", paramLabel = "DIR", description = "Folder of high-resolution validation images, e.g. Set5/HR.")
    Path validation;

    @Option(names = "--val-every", defaultValue = "5000", paramLabel = "N",
            description = "Iterations between validations and checkpoints (default: ${DEFAULT-VALUE}).")
    long validateEvery;

    public TrainSrCommand(Session session, CliEnvironment environment) {
        this.session = session;
        this.environment = environment;
    }

    @Override
    public Integer call() throws Exception {
        Optional<String> initFrom = run.initFrom();
        SrTrainingConfig.Schedule kind = switch (schedule.toLowerCase(Locale.ROOT)) {
            case "cosine" -> SrTrainingConfig.Schedule.COSINE;
            case "step" -> SrTrainingConfig.Schedule.STEP;
            default -> throw new ParameterException(spec.commandLine(),
                    "Invalid value for option '--schedule': '" + schedule + "' (expected cosine or step)");
        };
        SrTrainingConfig.PixelLoss pixelLoss = switch (loss.toLowerCase(Locale.ROOT)) {
            case "l1" -> SrTrainingConfig.PixelLoss.L1;
            case "mse" -> SrTrainingConfig.PixelLoss.MSE;
            default -> throw new ParameterException(spec.commandLine(),
                    "Invalid value for option '--loss': '" + loss + "' (expected l1 or mse)");
        };
        SrTrainingConfig config;
        try {
            config = new SrTrainingConfig(scale, Degradations.named(degradation), patch, batch, iterations, learningRate, kind, validateEvery,
                    validateEvery, Math.min(100, validateEvery), run.seed(), run.workers(), run.averageWeights(), pixelLoss);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        A2nConfig network;
        try {
            A2nConfig paper = A2nConfig.forScale(scale);
            network = new A2nConfig(scale, features, paper.upsamplingFeatures(), blocks);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        run.applyThreads();
        StoredModel base = initFrom.isEmpty() ? null : ModelArgument.resolve(initFrom.get(), session, environment);
        SrTrainingRun.Request request = new SrTrainingRun.Request(session.workingDir().resolve(data),
                validation == null ? null : session.workingDir().resolve(validation), run.runDir(session.workingDir()),
                config, network, run.resume(), run.commandText(), base);
        PrintStream err = session.err();
        ProgressReporter.Factory progress = run.progress("train x" + scale, session.errIsTerminal(), err,
                environment.clock());
        SrTrainingRun.Result result = SrTrainingRun.run(request, progress, environment.clock(), err);
        TrainingSummary.print(session, result.state(), request.runDir(), "PSNR-Y %.3f dB");
        return ExitCodes.OK;
    }
}
