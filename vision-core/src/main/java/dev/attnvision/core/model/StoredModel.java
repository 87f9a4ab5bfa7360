package dev.attnvision.core.model;

import ai.djl.MalformedModelException;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Block;
import com.fasterxml.jackson.core.JacksonException;
import dev.attnvision.core.detect.DetectorModelConfig;
import dev.attnvision.core.detect.SingleStageDetector;
import dev.attnvision.core.sr.A2n;
import dev.attnvision.core.sr.A2nConfig;
import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InvalidObjectException;
import java.io.ObjectStreamException;
import java.io.Serial;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;

/**
 * A model in the project's format: {@code model.json} ({@link ModelManifest}) and {@code model.params} (DJL's
 * parameter file) side by side, in a folder or in a classpath resource folder (bundled models). A fine-tuned model
 * may also carry the parameters it started from, {@code base.params} ({@link #carriedBase}).
 *
 * <p>{@link #load} always checks the parameters' SHA-256 against the manifest before using them. A stored model is
 * serialised by value, its two files' bytes (a Spark job ships it to executors that cannot see its folder); the
 * copy is checked like the original when it is loaded.
 */
public final class StoredModel implements Serializable {
    @Serial
    private static final long serialVersionUID = 1L;
    /** Opens one of the model's two files. */
    @FunctionalInterface
    private interface FileOpener {
        InputStream open(String fileName) throws IOException;
    }

    private final String location;
    private final transient FileOpener files;
    private final transient String parametersFile;
    private final transient ModelManifest manifest;

    private StoredModel(String location, FileOpener files) throws IOException {
        this(location, files, ModelManifest.PARAMETERS_FILE);
    }

    private StoredModel(String location, FileOpener files, String parametersFile) throws IOException {
        this.location = location;
        this.files = files;
        this.parametersFile = parametersFile;
        this.manifest = readManifest();
    }

    /** The model in {@code folder}; reads and checks its manifest. */
    public static StoredModel inFolder(Path folder) throws IOException {
        return new StoredModel(folder.toString(), name -> Files.newInputStream(folder.resolve(name)));
    }

    /** The model in the classpath resource folder {@code resourceFolder} (no leading or trailing slash). */
    public static StoredModel onClasspath(ClassLoader loader, String resourceFolder) throws IOException {
        return new StoredModel("classpath:" + resourceFolder, name -> {
            InputStream in = loader.getResourceAsStream(resourceFolder + "/" + name);
            if (in == null) {
                throw new NoSuchFileException("classpath:" + resourceFolder + "/" + name);
            }
            return in;
        });
    }

    /** The model held in memory as its two files' bytes, first read from {@code location}. */
    private static StoredModel inMemory(String location, byte[] manifest, byte[] parameters) throws IOException {
        return new StoredModel(location, name -> {
            if (!name.equals(ModelManifest.FILE) && !name.equals(ModelManifest.PARAMETERS_FILE)) {
                throw new NoSuchFileException(location + "/" + name);
            }
            return new ByteArrayInputStream(name.equals(ModelManifest.FILE) ? manifest : parameters);
        });
    }

    /** What a stored model is serialised as: where it came from and its two files. */
    private record Contents(String location, byte[] manifest, byte[] parameters) implements Serializable {
        @Serial
        private Object readResolve() throws ObjectStreamException {
            try {
                return inMemory(location, manifest, parameters);
            } catch (IOException e) {
                throw new InvalidObjectException("model from " + location + ": " + e.getMessage());
            }
        }
    }

    @Serial
    private Object writeReplace() throws ObjectStreamException {
        try (InputStream manifestIn = files.open(ModelManifest.FILE);
                InputStream parametersIn = files.open(parametersFile)) {
            return new Contents(location, manifestIn.readAllBytes(), parametersIn.readAllBytes());
        } catch (IOException e) {
            throw new InvalidObjectException("cannot read model " + this + " to send it: " + e.getMessage());
        }
    }

    public ModelManifest manifest() {
        return manifest;
    }

    /** The folder (or {@code classpath:} folder) the model is read from. */
    public String location() {
        return location;
    }

    private String file(String name) {
        return location + "/" + name;
    }

    private ModelManifest readManifest() throws IOException {
        try (InputStream in = files.open(ModelManifest.FILE)) {
            return ModelManifest.json().readValue(in, ModelManifest.class);
        } catch (JacksonException e) {
            throw new InvalidModelException(file(ModelManifest.FILE) + " is not a valid model manifest ("
                    + e.getOriginalMessage() + "); restore it or import the model again", e);
        }
    }

    /**
     * The model this one was fine-tuned from, if this one carries its parameters ({@link
     * ModelManifest#BASE_PARAMETERS_FILE}, which {@code train sr --init-from} writes): named {@code <name>.base}, of
     * this model's architecture and configuration, with the checksum and lineage {@link
     * ModelManifest.Provenance#initFrom} records for it, so {@link #verifiedParameters} checks the file against them.
     * The carried model is the one of the lineage whose checksum the file has: the model this one started from, or,
     * for a fine-tune of a fine-tune, the clean model that one carried; a file that matches none is checked against
     * the nearest.
     */
    public Optional<StoredModel> carriedBase() throws IOException {
        ModelManifest.BaseModel nearest = manifest.provenance().initFrom();
        if (nearest == null) {
            return Optional.empty();
        }
        if (!hasFile(ModelManifest.BASE_PARAMETERS_FILE)) {
            return Optional.empty();
        }
        String sha;
        try (InputStream in = files.open(ModelManifest.BASE_PARAMETERS_FILE)) {
            sha = sha256(in.readAllBytes());
        }
        ModelManifest.BaseModel base = nearest.find(sha).orElse(nearest);
        ModelManifest baseManifest = new ModelManifest(manifest.name() + ".base", manifest.architecture(),
                manifest.scale(), manifest.config(), base.parametersSha256(), new ModelManifest.Provenance(
                        base.name() + ", carried by " + manifest.name(), "", manifest.provenance().created(),
                        "the parameters " + manifest.name() + " was fine-tuned from", base.initFrom()), Map.of());
        byte[] manifestBytes = ModelManifest.json().writeValueAsBytes(baseManifest);
        return Optional.of(new StoredModel(location, name -> name.equals(ModelManifest.FILE)
                ? new ByteArrayInputStream(manifestBytes) : files.open(name), ModelManifest.BASE_PARAMETERS_FILE));
    }

    private boolean hasFile(String name) throws IOException {
        try (InputStream in = files.open(name)) {
            return in != null;
        } catch (NoSuchFileException | FileNotFoundException absent) {
            return false;
        }
    }

    /**
     * Reads the parameters and checks their SHA-256 against the manifest.
     *
     * @return the verified parameter file's bytes
     * @throws InvalidModelException naming the file and both checksums if they differ
     */
    public byte[] verifiedParameters() throws IOException {
        byte[] bytes;
        try (InputStream in = files.open(parametersFile)) {
            bytes = in.readAllBytes();
        }
        String actual = sha256(bytes);
        if (!actual.equals(manifest.parametersSha256())) {
            throw new InvalidModelException(file(parametersFile) + " is corrupt or was changed: its"
                    + " SHA-256 is " + actual + " but " + ModelManifest.FILE + " expects "
                    + manifest.parametersSha256() + "; import or copy the model again");
        }
        return bytes;
    }

    /**
     * Builds the model's network with its verified parameters, ready for inference: the parameters live in
     * {@code manager} and are frozen, so a forward pass records no autograd history on any thread.
     */
    public Block load(NDManager manager) throws IOException {
        byte[] parameters = verifiedParameters();
        ModelArchitecture architecture;
        Block block;
        try {
            architecture = ModelArchitecture.of(manifest.architecture());
            block = architecture.build(manifest.config());
        } catch (JacksonException | IllegalArgumentException e) {
            throw new InvalidModelException(file(ModelManifest.FILE) + " describes a network that cannot be built: "
                    + e.getMessage(), e);
        }
        block.initialize(manager, DataType.FLOAT32, architecture.sampleInput());
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(parameters))) {
            block.loadParameters(manager, in);
        } catch (MalformedModelException | IOException | RuntimeException e) {
            throw new InvalidModelException(file(parametersFile) + " does not fit the network in "
                    + ModelManifest.FILE + " (" + e.getMessage() + ")", e);
        }
        block.freezeParameters(true);
        return block;
    }

    /**
     * The detector's configuration and training canvas size.
     *
     * @throws InvalidModelException if the model is not a detector or its config is unreadable
     */
    public DetectorModelConfig detectorConfig() throws InvalidModelException {
        return config(ModelArchitecture.DETECTOR, DetectorModelConfig.class, "an object detector; choose a detector");
    }

    /**
     * The super-resolution network's shape.
     *
     * @throws InvalidModelException if the model is not an A2N or its config is unreadable
     */
    public A2nConfig a2nConfig() throws InvalidModelException {
        return config(ModelArchitecture.A2N, A2nConfig.class, "a super-resolution model; choose one");
    }

    private <T> T config(ModelArchitecture architecture, Class<T> type, String wanted) throws InvalidModelException {
        if (!architecture.id().equals(manifest.architecture())) {
            throw new InvalidModelException("model " + manifest.name() + " is an " + manifest.architecture()
                    + " model, not " + wanted + " (see 'attnvision models list')");
        }
        try {
            return ModelManifest.json().treeToValue(manifest.config(), type);
        } catch (JacksonException | IllegalArgumentException e) {
            throw new InvalidModelException(file(ModelManifest.FILE) + " has no valid " + architecture.id()
                    + " configuration (" + e.getMessage() + "); save the model again", e);
        }
    }

    /** The detector with its verified, frozen parameters in {@code manager} (see {@link #load}). */
    public SingleStageDetector loadDetector(NDManager manager) throws IOException {
        detectorConfig();
        return (SingleStageDetector) load(manager);
    }

    /**
     * The super-resolution network with its verified, frozen parameters in {@code manager} (see {@link #load}).
     *
     * @throws InvalidModelException if the model is not an A2N
     */
    public A2n loadA2n(NDManager manager) throws IOException {
        a2nConfig();
        return (A2n) load(manager);
    }

    /** Lower-case hex SHA-256. */
    public static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    @Override
    public String toString() {
        return manifest.name() + " (" + location + ")";
    }
}
