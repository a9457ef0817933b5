package dev.cairn.remotes.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cairn.remotes.RemoteException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Function;

/**
 * Finds the bearer token for a Cairn remote server: {@code CAIRN_REMOTE_TOKEN} if set, else
 * the entry for the server in {@code $CAIRN_ROOT_PATH/remote-tokens.json} (default
 * {@code ~/.cairn/remote-tokens.json}), a JSON object from {@code "host:port"} (or just
 * {@code "host"}) to a token:
 *
 * <pre>{@code {"cairn.example.com:443": "s3cr3t", "127.0.0.1:50051": "dev-token"}}</pre>
 *
 * <p>Tokens live here, never in a URL, so that a stored remote or a message cannot reveal
 * one; messages name where a token came from, never the token.
 */
public final class RemoteTokens {
    public static final String ENV = "CAIRN_REMOTE_TOKEN";
    public static final String FILE_NAME = "remote-tokens.json";

    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * A token and where it came from.
     *
     * @param value the token; never print it
     * @param source where it came from, for messages: {@code CAIRN_REMOTE_TOKEN} or the file's path
     */
    public record Token(String value, String source) {
        @Override
        public String toString() {
            return "token from " + source; // never the value
        }
    }

    private final Function<String, String> env;

    /** Tokens from this environment (and the file it points to). */
    public RemoteTokens(Function<String, String> env) {
        this.env = env;
    }

    /** The tokens file: {@code $CAIRN_ROOT_PATH/remote-tokens.json}, default {@code ~/.cairn/remote-tokens.json}. */
    public Path file() {
        String root = env.apply("CAIRN_ROOT_PATH");
        Path dir = root != null && !root.isBlank() ? Path.of(root) : Path.of(System.getProperty("user.home"), ".cairn");
        return dir.resolve(FILE_NAME);
    }

    /**
     * The token for the server at {@code where}, or null if none is configured.
     *
     * @throws RemoteException if the tokens file cannot be read or a token cannot be sent in a header
     */
    public Token forServer(HttpLocation where) {
        String fromEnv = env.apply(ENV);
        if (fromEnv != null && !fromEnv.isEmpty()) {
            return checked(new Token(fromEnv.strip(), ENV));
        }
        Path file = file();
        String text;
        try {
            text = Files.readString(file);
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException e) {
            throw new RemoteException("cannot read the remote-tokens file '" + file + "': " + e.getMessage(), e);
        }
        JsonNode tokens;
        try {
            tokens = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            // Jackson's message may quote the file's content, and with it a token: not shown.
            throw new RemoteException("the remote-tokens file '" + file + "' is not valid JSON", e);
        }
        if (tokens == null || !tokens.isObject()) {
            throw new RemoteException("the remote-tokens file '" + file + "' must hold a JSON object from "
                    + "\"host:port\" to a token");
        }
        for (String key : new String[] {where.hostPort(), where.host()}) {
            for (Map.Entry<String, JsonNode> e : tokens.properties()) {
                if (e.getKey().equalsIgnoreCase(key)) {
                    if (!e.getValue().isTextual()) {
                        throw new RemoteException("the remote-tokens file '" + file + "' maps \"" + e.getKey()
                                + "\" to something that is not a string");
                    }
                    return checked(new Token(e.getValue().asText().strip(), file.toString()));
                }
            }
        }
        return null;
    }

    /** A header carries visible ASCII only; anything else would fail later with a message less clear. */
    private static Token checked(Token t) {
        if (t.value().isEmpty()) {
            throw new RemoteException("the remote token from " + t.source() + " is empty");
        }
        for (int i = 0; i < t.value().length(); i++) {
            char c = t.value().charAt(i);
            if (c < 0x21 || c > 0x7e) {
                throw new RemoteException("the remote token from " + t.source() + " holds a character a token "
                        + "may not (only visible ASCII)");
            }
        }
        return t;
    }
}
