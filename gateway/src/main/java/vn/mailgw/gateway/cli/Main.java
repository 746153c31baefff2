package vn.mailgw.gateway.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code mailgw} command line. To add a subcommand, write a picocli {@code @Command} class and add it
 * to the {@code subcommands} list below: that one line is all the registration there is.
 */
@Command(name = "mailgw", mixinStandardHelpOptions = true, versionProvider = ManifestVersion.class,
        description = {"Cổng trao đổi văn bản điện tử / document-exchange mail gateway."},
        subcommands = {
                ServeCommand.class,
                CommandLine.HelpCommand.class,
        })
public final class Main implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The configured command line (tests run it without exiting the JVM). */
    public static CommandLine commandLine() {
        return new CommandLine(new Main());
    }

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
