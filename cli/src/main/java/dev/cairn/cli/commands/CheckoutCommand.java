package dev.cairn.cli.commands;

import dev.cairn.cli.CliSession;
import dev.cairn.sql.ops.CheckoutOp;
import dev.cairn.sql.procs.args.CheckoutArgs;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code cairn checkout}: switches branch (remembered for later commands) or discards tables'
 * working changes, through the operation {@code dolt_checkout} runs. Its message goes to
 * stderr, where git prints "Switched to branch".
 */
@Command(name = "checkout", description = "Switch branches or discard tables' working changes.")
public final class CheckoutCommand extends CairnCommand {
    @Mixin
    CheckoutArgs args = new CheckoutArgs();

    @Override
    protected void run() throws Exception {
        try (CliSession s = repoSession()) {
            String message = CheckoutOp.run(s, args);
            if (!message.isEmpty()) {
                err().println(message);
            }
        }
    }
}
