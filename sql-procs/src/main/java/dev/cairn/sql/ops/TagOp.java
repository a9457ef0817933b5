package dev.cairn.sql.ops;

import dev.cairn.chunkstore.model.Tag;
import dev.cairn.repo.Repo;
import dev.cairn.sql.SessionContext;
import dev.cairn.sql.procs.args.TagArgs;
import java.io.IOException;

/**
 * {@code tag} / {@code dolt_tag}: {@code NAME [REF] [-m MSG]} creates an annotated tag,
 * {@code -d NAME...} deletes. Listing is the CLI's (from {@code dolt_tags}).
 */
public final class TagOp {
    static final String INVALID = "error: invalid usage";
    static final String NO_NAME = "error: tag name not provided";

    private TagOp() {
    }

    /** Creates or deletes; returns the created tag, or null after deleting. */
    public static Tag run(SessionContext session, TagArgs args) throws IOException {
        Repo repo = session.requireRepo();
        if (args.delete) {
            if (args.operands.isEmpty()) {
                throw UserErrors.error(NO_NAME);
            }
            for (String name : args.operands) {
                repo.db().deleteTag(name);
            }
            return null;
        }
        if (args.operands.isEmpty()) {
            throw UserErrors.error(NO_NAME);
        }
        if (args.operands.size() > 2) {
            throw UserErrors.error(INVALID);
        }
        String ref = args.operands.size() == 2 ? args.operands.get(1) : "HEAD";
        var meta = AuthorIdentity.meta(session, repo, args.author, args.message == null ? "" : args.message);
        return repo.db().createTag(args.operands.get(0), ref, session.currentBranch(), meta);
    }
}
