package dev.cairn.cli.commands;

import dev.cairn.chunkstore.model.Tag;
import dev.cairn.cli.CliSession;
import dev.cairn.sql.ops.TagOp;
import dev.cairn.sql.procs.args.TagArgs;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code cairn tag}: lists tags one per line with no operands ({@code -v}: with the tagged
 * commit and message), otherwise creates or deletes through the operation {@code dolt_tag} runs.
 */
@Command(name = "tag", description = "List, create or delete tags.")
public final class TagCommand extends CairnCommand {
    @Mixin
    TagArgs args = new TagArgs();

    @Override
    protected void run() throws Exception {
        try (CliSession s = repoSession()) {
            if (args.operands.isEmpty() && !args.delete) {
                for (Tag t : s.requireRepo().db().tags()) {
                    out().println(args.verbose ? t.name() + "\t" + t.commit() + "\t"
                            + LogCommand.firstLine(t.meta().message()) : t.name());
                }
                return;
            }
            TagOp.run(s, args);
        }
    }
}
