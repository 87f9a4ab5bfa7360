package dev.attnvision.core.model;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Block;
import com.fasterxml.jackson.databind.JsonNode;
import dev.attnvision.core.detect.DetectorConfig;
import dev.attnvision.core.detect.DetectorModelConfig;
import dev.attnvision.core.detect.SingleStageDetector;
import dev.attnvision.core.model.ModelManifest.Provenance;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The user's models folder: one sub-folder per model, named after it, holding {@code model.json} and
 * {@code model.params} (see {@link StoredModel}). The folder is given by the caller (the command line uses
 * {@code $ATTNVISION_HOME/models}); it is created on the first save.
 */
public final class ModelStore {
    /**
     * What to save besides the network's parameters (the manifest without the checksum, which the store computes).
     *
     * @param name the new model's name (see {@link ModelManifest#checkName})
     * @param architecture the network family
     * @param scale the upscaling factor (1 if none)
     * @param config the architecture's configuration as JSON
     * @param provenance where the weights came from
     * @param metrics evaluation results, may be empty
     */
    public record NewModel(String name, ModelArchitecture architecture, int scale, JsonNode config,
            Provenance provenance, Map<String, Double> metrics) {
        public NewModel {
            ModelManifest.checkName(name);
        }
    }

    private final Path root;

    public ModelStore(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    /** The models folder. */
    public Path root() {
        return root;
    }

    /** The stored models, by name; a missing folder holds none. */
    public List<StoredModel> list() throws IOException {
        List<StoredModel> models = new ArrayList<>();
        if (!Files.isDirectory(root)) {
            return models;
        }
        try (DirectoryStream<Path> folders = Files.newDirectoryStream(root,
                p -> Files.isRegularFile(p.resolve(ModelManifest.FILE)))) {
            for (Path folder : folders) {
                models.add(StoredModel.inFolder(folder));
            }
        }
        models.sort(Comparator.comparing(m -> m.manifest().name()));
        return models;
    }

    /** The model called {@code name}, if stored. */
    public Optional<StoredModel> find(String name) throws IOException {
        Path folder = root.resolve(ModelManifest.checkName(name));
        return Files.isRegularFile(folder.resolve(ModelManifest.FILE))
                ? Optional.of(StoredModel.inFolder(folder)) : Optional.empty();
    }

    /**
     * Saves an initialized block's parameters and its manifest as a new model. The files are written into a
     * temporary folder that is then renamed, so a failed save leaves no half model behind.
     *
     * @throws FileAlreadyExistsException if a model of that name is stored already
     */
    public StoredModel save(NewModel model, Block block) throws IOException {
        return save(model, block, null);
    }

    /**
     * {@link #save(NewModel, Block)}, with the parameters of the model {@code block} was fine-tuned from written
     * beside its own ({@link ModelManifest#BASE_PARAMETERS_FILE}; see {@link StoredModel#carriedBase}).
     *
     * @param baseParameters the starting model's parameter file, or null to carry none
     * @throws IllegalArgumentException if they are not those of a model of the lineage {@code model}'s provenance
     *     records (its starting point, or one that started from)
     */
    public StoredModel save(NewModel model, Block block, byte[] baseParameters) throws IOException {
        ModelManifest.BaseModel base = model.provenance().initFrom();
        if (baseParameters != null && (base == null || !base.contains(StoredModel.sha256(baseParameters)))) {
            throw new IllegalArgumentException("model " + model.name() + ": the base parameters to carry are not"
                    + " those of a model of the lineage it records");
        }
        Path target = requireFree(model.name());
        ByteArrayOutputStream parameters = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(parameters)) {
            block.saveParameters(out);
        }
        byte[] bytes = parameters.toByteArray();
        ModelManifest manifest = new ModelManifest(model.name(), model.architecture().id(), model.scale(),
                model.config(), StoredModel.sha256(bytes), model.provenance(), model.metrics());
        Files.createDirectories(root);
        Path temporary = Files.createTempDirectory(root, "." + model.name() + ".partial-");
        try {
            Files.write(temporary.resolve(ModelManifest.PARAMETERS_FILE), bytes);
            if (baseParameters != null) {
                Files.write(temporary.resolve(ModelManifest.BASE_PARAMETERS_FILE), baseParameters);
            }
            ModelManifest.json().writeValue(temporary.resolve(ModelManifest.FILE).toFile(), manifest);
            Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            deleteRecursively(temporary);
        }
        return StoredModel.inFolder(target);
    }

    /**
     * Saves a trained detector as a new model: its {@link DetectorConfig} (classes included) and the canvas side
     * it was trained at go into the manifest, so {@link StoredModel#loadDetector} rebuilds it by name or path.
     *
     * @param name the new model's name (see {@link ModelManifest#checkName})
     * @param detector the initialized detector
     * @param imageSize the square letterbox canvas side it was trained at
     * @param provenance the command that trained it, when, on what data
     * @param metrics validation results (e.g. {@code "mAP@[.5:.95]"}), may be empty
     * @throws FileAlreadyExistsException if a model of that name is stored already
     */
    public StoredModel saveDetector(String name, SingleStageDetector detector, int imageSize, Provenance provenance,
            Map<String, Double> metrics) throws IOException {
        JsonNode config = ModelManifest.json().valueToTree(new DetectorModelConfig(detector.config(), imageSize));
        return save(new NewModel(name, ModelArchitecture.DETECTOR, 1, config, provenance, metrics), detector);
    }

    /**
     * Imports the weights of a checkpoint (PyTorch or safetensors, see {@link CheckpointReader}) as a new model of
     * the released configuration of {@code architecture} at {@code scale}, mapped strictly (see
     * {@link CheckpointImporter}).
     *
     * @param now the creation time written into the provenance
     */
    public StoredModel importCheckpoint(Path checkpoint, ModelArchitecture architecture, int scale, String name,
            Instant now) throws IOException {
        requireFree(ModelManifest.checkName(name));
        JsonNode config = architecture.defaultConfig(scale);
        Map<String, CheckpointTensor> tensors = CheckpointReader.read(checkpoint);
        try (NDManager manager = NDManager.newBaseManager()) {
            Block block = architecture.build(config);
            block.initialize(manager, DataType.FLOAT32, architecture.sampleInput());
            CheckpointImporter.load(block, tensors, checkpoint.toString());
            Provenance provenance = new Provenance(checkpoint.getFileName().toString(),
                    StoredModel.sha256(Files.readAllBytes(checkpoint)), now.toString(),
                    "weights imported from a checkpoint into " + architecture.id() + " x" + scale);
            return save(new NewModel(name, architecture, scale, config, provenance, Map.of()), block);
        }
    }

    /** The folder for a new model called {@code name}, which must not exist yet. */
    private Path requireFree(String name) throws FileAlreadyExistsException {
        Path folder = root.resolve(name);
        if (Files.exists(folder)) {
            throw new FileAlreadyExistsException(folder.toString(), null,
                    "a model called '" + name + "' exists already; choose another name or delete that folder");
        }
        return folder;
    }

    private static void deleteRecursively(Path path) throws IOException {
        if (!Files.exists(path)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(path)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
