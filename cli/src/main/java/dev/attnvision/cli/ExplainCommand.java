package dev.attnvision.cli;

import dev.attnvision.cli.mixin.InputOptions;
import dev.attnvision.cli.mixin.OutputOptions;
import dev.attnvision.cli.mixin.RuntimeOptions;
import dev.attnvision.core.explain.ChannelChoice;
import dev.attnvision.core.explain.ExplainOperation;
import dev.attnvision.core.explain.ExplainOptions;
import dev.attnvision.core.model.StoredModel;
import dev.attnvision.core.pipeline.EngineThreads;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code attnvision explain}: pictures of what a model attends to, several per input image. */
@Command(name = "explain", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Draw what a model attends to in each image, from one forward pass.",
            "A2N models: IMAGE-branches.png, each attention-in-attention block's weights of its attention and",
            "non-attention branches (stacked bars), and IMAGE-masks.png, each block's attention mask over the image",
            "(heatmap grid; one colour scale, dark to light, from the image's lowest to highest mask value).",
            "Detectors: IMAGE-levels.png, the HAR-Net spatial attention of each pyramid level over the image, and",
            "IMAGE-se-stageN.png for each --stages N, the backbone stage's squeeze-excitation channel weights.",
            "Figures are PNG unless --format is given; a bad input is reported and skipped, the run goes on."},
        footerHeading = "%nExamples:%n",
        footer = {"  attnvision explain photo.png -o why/ --model a2n-x2",
            "  attnvision explain -r shots/ -o why/ --model a2n-x2 --channel 7",
            "  attnvision explain cells/ -o why/ --model my-detector --stages 3,4",
            "  attnvision explain shots/ -o why/ --model ./my-model --json > figures.jsonl"},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:every input was explained (or skipped)", "1:some inputs failed (each one was reported)",
            "2:usage error (bad option, unknown model, missing input, unwritable output); nothing was processed"})
public final class ExplainCommand implements Callable<Integer> {
    private final CliEnvironment environment;

    @ParentCommand AttnVisionCommand root;
    @Spec CommandSpec spec;

    @Option(names = {"-m", "--model"}, paramLabel = "MODEL", required = true,
            description = "The model to explain: a name from 'attnvision models list' or a model folder.")
    String model;

    @Option(names = "--channel", paramLabel = "mean|N", defaultValue = "mean",
            description = "A2N: draw each attention mask's mean over its channels, or channel N only (from 0; default: ${DEFAULT-VALUE}).")
    String channel;

    @Option(names = "--stages", paramLabel = "N", split = ",",
            description = "Detectors: chart the squeeze-excitation weights of these backbone stages (1 to 4), e.g. 3,4.")
    List<Integer> stages = List.of();

    @Option(names = "--max-side", paramLabel = "PX", defaultValue = "512",
            description = "Reduce larger images to this many pixels on their long side first: the forward pass grows"
                    + " with the pixel count (default: ${DEFAULT-VALUE}).")
    int maxSide;

    @Mixin InputOptions inputs;
    @Mixin OutputOptions outputs;
    @Mixin RuntimeOptions runtime;

    public ExplainCommand(CliEnvironment environment) {
        this.environment = environment;
    }

    @Override
    public Integer call() throws Exception {
        ChannelChoice choice;
        try {
            choice = ChannelChoice.parse(channel);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "Invalid value for option '--channel': " + e.getMessage());
        }
        ExplainOptions options;
        try {
            options = new ExplainOptions(choice, stages, maxSide);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "Invalid value for option '--max-side': " + e.getMessage());
        }
        Session session = root.session();
        StoredModel stored = ModelArgument.resolve(model, session, environment);
        int workers = runtime.workers(1);
        EngineThreads.configure(runtime.threads(EngineThreads.defaultIntraOp(session.cores(), workers)), 1);
        return new BatchInvocation(session, inputs, outputs, runtime).runWithParts(
                () -> ExplainOperation.open(stored, options), workers, ExplainOperation.parts(stored, options));
    }
}
