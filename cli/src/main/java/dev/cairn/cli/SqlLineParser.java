package dev.cairn.cli;

import org.jline.reader.EOFError;
import org.jline.reader.ParsedLine;
import org.jline.reader.Parser;
import org.jline.reader.impl.DefaultParser;

/**
 * JLine's view of the shell's input: Enter on an unfinished statement asks for another line
 * (JLine's {@link EOFError} contract) instead of running it; words for completion come from
 * JLine's default parser.
 */
final class SqlLineParser implements Parser {
    private final DefaultParser words = new DefaultParser();

    @Override
    public ParsedLine parse(String line, int cursor, ParseContext context) {
        if (context == ParseContext.ACCEPT_LINE && !line.isBlank() && !SqlShell.isExitCommand(line)
                && !StatementEnd.isTerminated(line)) {
            throw new EOFError(-1, cursor, "statement not terminated by ;", ";");
        }
        return words.parse(line, cursor, context);
    }
}
