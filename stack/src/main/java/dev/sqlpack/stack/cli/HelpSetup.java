package dev.sqlpack.stack.cli;

import picocli.CommandLine;

/**
 * Help for every command: {@code ./sqlpack <command> --help} (and {@code -h}, {@code -V}) on each
 * subcommand, not only on {@code sqlpack} itself, and usage text wrapped at 100 columns. Picocli
 * wraps each description element at word boundaries; an element is a whole paragraph, so help
 * never breaks a line in the middle of a sentence (SqlPackCliTest checks both).
 */
final class HelpSetup {
    static final int WIDTH = 100;

    private HelpSetup() {}

    static void apply(CommandLine root) {
        String[] version = root.getCommandSpec().version();
        for (CommandLine sub : root.getSubcommands().values()) {
            addHelp(sub, version);
        }
        root.setUsageHelpWidth(WIDTH);
    }

    private static void addHelp(CommandLine cl, String[] version) {
        cl.getCommandSpec().mixinStandardHelpOptions(true);
        if (cl.getCommandSpec().version().length == 0) {
            cl.getCommandSpec().version(version);
        }
        for (CommandLine sub : cl.getSubcommands().values()) {
            addHelp(sub, version);
        }
    }
}
