package dev.cairn.cli.commands;

import dev.cairn.repo.RemoteConfig;
import java.io.PrintWriter;
import java.util.Collection;
import java.util.Map;

/** How {@code remote} and {@code backup} list their entries: names, or {@code name url params} with {@code -v}. */
final class RemoteListing {
    private RemoteListing() {
    }

    static void print(PrintWriter out, Collection<RemoteConfig> entries, boolean verbose) {
        for (RemoteConfig r : entries) {
            out.println(verbose ? r.name() + " " + r.url() + " " + params(r.params()) : r.name());
        }
    }

    /** The parameters as a JSON object, so a script can parse them. */
    static String params(Map<String, String> params) {
        StringBuilder sb = new StringBuilder("{");
        for (Map.Entry<String, String> e : params.entrySet()) {
            if (sb.length() > 1) {
                sb.append(',');
            }
            sb.append(quote(e.getKey())).append(':').append(quote(e.getValue()));
        }
        return sb.append('}').toString();
    }

    private static String quote(String s) {
        StringBuilder sb = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            if (c == '"' || c == '\\') {
                sb.append('\\').append(c);
            } else if (c < 0x20) {
                sb.append(String.format("\\u%04x", (int) c));
            } else {
                sb.append(c);
            }
        }
        return sb.append('"').toString();
    }
}
