package dev.attnvision.cli;

import java.lang.reflect.Constructor;
import picocli.CommandLine;
import picocli.CommandLine.IFactory;

/**
 * Creates commands for picocli, passing the {@link CliEnvironment} to those whose constructor takes it; everything
 * else is made by picocli's default factory.
 */
final class CommandFactory implements IFactory {
    private final CliEnvironment environment;
    private final IFactory fallback = CommandLine.defaultFactory();

    CommandFactory(CliEnvironment environment) {
        this.environment = environment;
    }

    @Override
    public <K> K create(Class<K> cls) throws Exception {
        try {
            Constructor<K> constructor = cls.getDeclaredConstructor(CliEnvironment.class);
            return constructor.newInstance(environment);
        } catch (NoSuchMethodException e) {
            return fallback.create(cls);
        }
    }
}
