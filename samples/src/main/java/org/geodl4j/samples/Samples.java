package org.geodl4j.samples;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * Entry point of the geodl4j samples CLI: {@code java -jar samples/target/geodl4j-samples.jar <command>}.
 * Every command has {@code --help}; {@code tour} runs a short part of every sample.
 */
@Command(name = "geodl4j-samples", mixinStandardHelpOptions = true, version = "geodl4j samples 0.1.0-SNAPSHOT",
        description = "Runnable tour of geodl4j: geometric, Riemannian and ternary deep learning for DL4J.",
        subcommands = {Tour.class, OptimizersCommand.class, PoincareWordnet.class, WordnetSubtrees.class,
                BitnetDigits.class, HyperbolicDigits.class, KoopmanPendulum.class, CommandLine.HelpCommand.class})
public final class Samples implements Runnable {

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    public static void main(String[] args) {
        int exit = new CommandLine(new Samples()).execute(args);
        System.exit(exit);
    }
}
