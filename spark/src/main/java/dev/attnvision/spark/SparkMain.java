package dev.attnvision.spark;

import dev.attnvision.cli.Main;
import dev.attnvision.cli.Session;

/**
 * Entry point of {@code attnvision spark} and of {@code spark-submit --class dev.attnvision.spark.SparkMain}; the only
 * place that calls {@link System#exit}.
 */
public final class SparkMain {
    private SparkMain() {}

    public static void main(String[] args) {
        Session session = Session.system();
        int code = Main.commandLine(SparkCommand.class, session, Main.systemEnvironment()).execute(args);
        session.out().flush();
        System.exit(code);
    }
}
