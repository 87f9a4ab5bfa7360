package dev.attnvision.cli;

import java.lang.reflect.Constructor;
import picocli.CommandLine;
import picocli.CommandLine.IFactory;

/**
 * Creates commands for picocli, passing the {@link Session} and the {@link CliEnvironment} to those whose constructor
 * takes them ({@code (Session, CliEnvironment)}, {@code (CliEnvironment)} or {@code (Session)}); everything else is
 * made by picocli's default factory.
 */
final class CommandFactory implements IFactory {
    private final Session session;
    private final CliEnvironment environment;
    private final IFactory fallback = CommandLine.defaultFactory();

    CommandFactory(Session session, CliEnvironment environment) {
        this.session = session;
        this.environment = environment;
    }

    @Override
    public <K> K create(Class<K> cls) throws Exception {
        for (Constructor<?> constructor : cls.getDeclaredConstructors()) {
            Class<?>[] types = constructor.getParameterTypes();
            if (types.length == 2 && types[0] == Session.class && types[1] == CliEnvironment.class) {
                return cls.cast(constructor.newInstance(session, environment));
            }
            if (types.length == 1 && types[0] == CliEnvironment.class) {
                return cls.cast(constructor.newInstance(environment));
            }
            if (types.length == 1 && types[0] == Session.class) {
                return cls.cast(constructor.newInstance(session));
            }
        }
        return fallback.create(cls);
    }
}
