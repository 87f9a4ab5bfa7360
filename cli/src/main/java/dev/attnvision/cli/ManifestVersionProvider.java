package dev.attnvision.cli;

import dev.attnvision.core.model.ModelManifest;
import dev.attnvision.core.model.StoredModel;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import picocli.CommandLine.IVersionProvider;

/**
 * {@code --version}: the tool's version from the jar manifest written by the build (so it is stated in one place,
 * the pom), the Java runtime, and every model a name can reach with its task, the first 12 hex digits of its
 * parameters' SHA-256 (the model's version: it changes whenever the weights do), its creation date and location.
 */
public final class ManifestVersionProvider implements IVersionProvider {
    private final CliEnvironment environment;

    public ManifestVersionProvider(CliEnvironment environment) {
        this.environment = environment;
    }

    @Override
    public String[] getVersion() {
        String version = Main.class.getPackage().getImplementationVersion();
        List<String> lines = new ArrayList<>();
        lines.add("attnvision " + (version == null ? "(development build)" : version));
        lines.add("Java " + System.getProperty("java.version") + ", " + System.getProperty("os.name") + " "
                + System.getProperty("os.arch"));
        try {
            List<StoredModel> models = environment.models().all();
            ModelUses uses = ModelUses.of(environment.models());
            lines.add("models (" + models.size() + "):");
            for (StoredModel model : models) {
                ModelManifest m = model.manifest();
                String created = Objects.requireNonNullElse(m.provenance().created(), "");
                lines.add(String.format(Locale.ROOT, "  %-20s %-22s %.12s  %-10.10s  %s%s", m.name(),
                        ModelsListCommand.task(model), m.parametersSha256(), created, model.location(),
                        uses.of(model).isEmpty() ? "" : "  (" + uses.of(model) + ")"));
            }
        } catch (IOException e) {
            lines.add("models: cannot be listed (" + e.getMessage() + ")");
        }
        return lines.toArray(String[]::new);
    }
}
