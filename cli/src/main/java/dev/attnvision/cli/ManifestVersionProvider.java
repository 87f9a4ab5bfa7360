package dev.attnvision.cli;

import picocli.CommandLine.IVersionProvider;

/** Reads the version from the jar manifest written by the build, so it is stated in one place (the pom). */
public final class ManifestVersionProvider implements IVersionProvider {
    @Override
    public String[] getVersion() {
        String version = Main.class.getPackage().getImplementationVersion();
        return new String[] {
            "attnvision " + (version == null ? "(development build)" : version),
            "Java " + System.getProperty("java.version") + ", " + System.getProperty("os.name") + " " + System.getProperty("os.arch")
        };
    }
}
