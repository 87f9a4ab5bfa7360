package dev.attnvision.core.train;

import ai.djl.MalformedModelException;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.attnvision.core.model.InvalidModelException;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Saves and restores training checkpoints in a folder: one sub-folder {@code iter-NNNNNNNN} per checkpoint holding
 * the network's parameters ({@code parameters.bin}, DJL's block format), Adam's moments ({@code optimizer.bin}) and
 * the {@link TrainingState} ({@code state.json}). Together they restore a run exactly.
 *
 * <p>Writes are atomic: a checkpoint is written into {@code iter-NNNNNNNN.partial} and renamed when complete, so an
 * interrupted save never leaves a checkpoint that looks whole. Only the newest {@code keep} checkpoints are kept.
 */
public final class Checkpointer {
    private static final Pattern NAME = Pattern.compile("iter-(\\d{8,})");
    private static final ObjectMapper JSON =
            JsonMapper.builder().enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS).build();
    private final Path folder;
    private final int keep;
    private final Map<String, Block> companions;

    /** Checkpoints in {@code folder} (created when needed), keeping the newest {@code keep}. */
    public Checkpointer(Path folder, int keep) {
        this(folder, keep, Map.of());
    }

    /**
     * Checkpoints that also hold the parameters of {@code companions} (e.g. a {@link WeightAverage}'s network), each
     * in {@code NAME.bin}.
     */
    public Checkpointer(Path folder, int keep, Map<String, Block> companions) {
        if (keep < 1) {
            throw new IllegalArgumentException("must keep at least 1 checkpoint, got " + keep);
        }
        this.folder = folder;
        this.keep = keep;
        this.companions = Map.copyOf(companions);
    }

    /** Writes a checkpoint for {@code state.iteration()} and prunes old ones; returns its folder. */
    public Path save(Block block, ResumableAdam optimizer, TrainingState state) throws IOException {
        Files.createDirectories(folder);
        Path target = folder.resolve(String.format("iter-%08d", state.iteration()));
        Path partial = folder.resolve(target.getFileName() + ".partial");
        FileTrees.delete(partial);
        Files.createDirectories(partial);
        try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(
                Files.newOutputStream(partial.resolve("parameters.bin"))))) {
            block.saveParameters(out);
        }
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(partial.resolve("optimizer.bin")))) {
            optimizer.save(block, out);
        }
        for (Map.Entry<String, Block> companion : companions.entrySet()) {
            try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(
                    Files.newOutputStream(partial.resolve(companion.getKey() + ".bin"))))) {
                companion.getValue().saveParameters(out);
            }
        }
        JSON.writerWithDefaultPrettyPrinter().writeValue(partial.resolve("state.json").toFile(), state);
        FileTrees.delete(target);
        Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
        List<Long> all = iterations();
        for (int i = 0; i < all.size() - keep; i++) {
            FileTrees.delete(folder.resolve(String.format("iter-%08d", all.get(i))));
        }
        return target;
    }

    /** The state of the newest complete checkpoint, if any. */
    public Optional<TrainingState> latest() throws IOException {
        List<Long> all = iterations();
        if (all.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(readState(folder.resolve(String.format("iter-%08d", all.get(all.size() - 1)))));
    }

    /**
     * Loads the newest checkpoint into {@code block} (parameters) and {@code optimizer} (moments, on {@code manager},
     * which must outlive training: the model's manager) and returns its state.
     */
    public TrainingState restoreLatest(Block block, ResumableAdam optimizer, NDManager manager) throws IOException {
        List<Long> all = iterations();
        if (all.isEmpty()) {
            throw new IllegalArgumentException("no checkpoint to resume from in " + folder
                    + "; start the run without --resume, or point -o at the run's folder");
        }
        Path dir = folder.resolve(String.format("iter-%08d", all.get(all.size() - 1)));
        load(block, dir.resolve("parameters.bin"), manager);
        for (Map.Entry<String, Block> companion : companions.entrySet()) {
            Path file = dir.resolve(companion.getKey() + ".bin");
            if (!Files.isRegularFile(file)) {
                throw new IllegalArgumentException("checkpoint " + dir + " has no " + file.getFileName() + " (the run"
                        + " was started without it, or by an older attnvision); resume with the options the run started"
                        + " with (--no-ema for a run without average.bin)");
            }
            load(companion.getValue(), file, manager);
        }
        // DJL's loader gives each parameter a fresh array that does not track gradients; training needs them to
        for (Pair<String, Parameter> p : block.getParameters()) {
            if (p.getValue().requiresGradient()) {
                p.getValue().getArray().setRequiresGradient(true);
            }
        }
        try (InputStream in = new BufferedInputStream(Files.newInputStream(dir.resolve("optimizer.bin")))) {
            optimizer.load(block, manager, in);
        }
        return readState(dir);
    }

    private static void load(Block block, Path file, NDManager manager) throws IOException {
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file)))) {
            block.loadParameters(manager, in);
        } catch (MalformedModelException e) {
            throw new InvalidModelException("checkpoint " + file.getParent() + " does not fit this network (" + e.getMessage()
                    + "); resume with the same model settings the run started with", e);
        }
    }

    /** Iteration counts of the complete checkpoints, ascending. */
    List<Long> iterations() throws IOException {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> entries = Files.list(folder)) {
            return entries.map(p -> NAME.matcher(p.getFileName().toString()))
                    .filter(Matcher::matches)
                    .map(m -> Long.parseLong(m.group(1)))
                    .sorted()
                    .toList();
        }
    }

    private static TrainingState readState(Path dir) throws IOException {
        return JSON.readValue(dir.resolve("state.json").toFile(), TrainingState.class);
    }
}
