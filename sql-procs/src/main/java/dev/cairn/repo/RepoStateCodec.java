package dev.cairn.repo;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The JSON form of {@code repo_state.json}:
 *
 * <pre>
 * {
 *   "head": "refs/heads/main",
 *   "remotes": { "origin": { "name": "origin", "url": "file:///srv/db", "params": {} } },
 *   "backups": { "nightly": { "name": "nightly", "url": "s3://b/db", "params": { "aws-region": "eu-west-1" } } }
 * }
 * </pre>
 *
 * <p>Read and written with Jackson's streaming parser and generator, not its object mapper:
 * every command that opens a database reads this file, and setting up the mapper was a
 * sizeable part of a short command's start-up.
 */
final class RepoStateCodec {
    static final JsonFactory JSON = new JsonFactory();
    private static final String HEADS = "refs/heads/";

    private RepoStateCodec() {
    }

    static byte[] encode(RepoState state) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonGenerator g = JSON.createGenerator(out).useDefaultPrettyPrinter()) {
            g.writeStartObject();
            g.writeStringField("head", HEADS + state.currentBranch());
            writeRemotes(g, "remotes", state.remotes());
            writeRemotes(g, "backups", state.backups());
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static void writeRemotes(JsonGenerator g, String field, Map<String, RemoteConfig> remotes)
            throws IOException {
        g.writeObjectFieldStart(field);
        for (RemoteConfig r : remotes.values()) {
            g.writeObjectFieldStart(r.name());
            g.writeStringField("name", r.name());
            g.writeStringField("url", r.url());
            g.writeObjectFieldStart("params");
            for (Map.Entry<String, String> p : r.params().entrySet()) {
                g.writeStringField(p.getKey(), p.getValue());
            }
            g.writeEndObject();
            g.writeEndObject();
        }
        g.writeEndObject();
    }

    static RepoState decode(byte[] bytes, String file) {
        try (JsonParser p = JSON.createParser(bytes)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new RepoException(file + " is not a JSON object");
            }
            String head = "";
            Map<String, RemoteConfig> remotes = new TreeMap<>();
            Map<String, RemoteConfig> backups = new TreeMap<>();
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.getCurrentName();
                JsonToken value = p.nextToken();
                switch (field) {
                    case "head" -> head = text(p, value, "");
                    case "remotes" -> remotes = readRemotes(p, file);
                    case "backups" -> backups = readRemotes(p, file);
                    default -> p.skipChildren();
                }
            }
            if (!head.startsWith(HEADS) || head.length() == HEADS.length()) {
                throw new RepoException(file + " names no checked-out branch");
            }
            return new RepoState(head.substring(HEADS.length()), remotes, backups);
        } catch (JsonProcessingException e) {
            throw new RepoException(file + " is not valid JSON: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new RepoException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /** name -> {name, url, params}; the parser is on the value's first token. */
    private static Map<String, RemoteConfig> readRemotes(JsonParser p, String file) throws IOException {
        Map<String, RemoteConfig> out = new TreeMap<>();
        if (p.currentToken() != JsonToken.START_OBJECT) {
            p.skipChildren();
            return out;
        }
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.getCurrentName();
            String url = null;
            Map<String, String> params = new LinkedHashMap<>();
            if (p.nextToken() == JsonToken.START_OBJECT) {
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String field = p.getCurrentName();
                    JsonToken value = p.nextToken();
                    if (field.equals("url")) {
                        url = text(p, value, null);
                    } else if (field.equals("params") && value == JsonToken.START_OBJECT) {
                        while (p.nextToken() == JsonToken.FIELD_NAME) {
                            String key = p.getCurrentName();
                            params.put(key, text(p, p.nextToken(), ""));
                        }
                    } else {
                        p.skipChildren();
                    }
                }
            } else {
                p.skipChildren();
            }
            if (url == null) {
                throw new RepoException(file + ": '" + name + "' has no url");
            }
            out.put(name, new RemoteConfig(name, url, params));
        }
        return out;
    }

    /** A scalar's text; {@code otherwise} for null, an object or an array (which is skipped). */
    static String text(JsonParser p, JsonToken value, String otherwise) throws IOException {
        if (value == JsonToken.VALUE_NULL || !value.isScalarValue()) {
            p.skipChildren();
            return otherwise;
        }
        return p.getText();
    }
}
