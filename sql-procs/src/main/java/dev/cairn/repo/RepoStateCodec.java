package dev.cairn.repo;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
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
 */
final class RepoStateCodec {
    static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final String HEADS = "refs/heads/";

    private RepoStateCodec() {
    }

    static byte[] encode(RepoState state) {
        ObjectNode root = JSON.createObjectNode();
        root.put("head", HEADS + state.currentBranch());
        root.set("remotes", remotes(state.remotes()));
        root.set("backups", remotes(state.backups()));
        try {
            return JSON.writeValueAsBytes(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static ObjectNode remotes(Map<String, RemoteConfig> remotes) {
        ObjectNode out = JSON.createObjectNode();
        for (RemoteConfig r : remotes.values()) {
            ObjectNode n = out.putObject(r.name());
            n.put("name", r.name());
            n.put("url", r.url());
            ObjectNode p = n.putObject("params");
            r.params().forEach(p::put);
        }
        return out;
    }

    static RepoState decode(byte[] bytes, String file) {
        try {
            JsonNode root = JSON.readTree(bytes);
            if (root == null || !root.isObject()) {
                throw new RepoException(file + " is not a JSON object");
            }
            String head = root.path("head").asText("");
            if (!head.startsWith(HEADS) || head.length() == HEADS.length()) {
                throw new RepoException(file + " names no checked-out branch");
            }
            return new RepoState(head.substring(HEADS.length()), remotes(root.path("remotes"), file),
                    remotes(root.path("backups"), file));
        } catch (JsonProcessingException e) {
            throw new RepoException(file + " is not valid JSON: " + e.getOriginalMessage(), e);
        } catch (java.io.IOException e) {
            throw new RepoException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }


    private static Map<String, RemoteConfig> remotes(JsonNode node, String file) {
        Map<String, RemoteConfig> out = new TreeMap<>();
        if (node.isMissingNode() || node.isNull()) {
            return out;
        }
        Iterator<Map.Entry<String, JsonNode>> it = node.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode r = e.getValue();
            String url = r.path("url").asText(null);
            if (url == null) {
                throw new RepoException(file + ": '" + e.getKey() + "' has no url");
            }
            Map<String, String> params = new LinkedHashMap<>();
            r.path("params").fields().forEachRemaining(p -> params.put(p.getKey(), p.getValue().asText()));
            out.put(e.getKey(), new RemoteConfig(e.getKey(), url, params));
        }
        return out;
    }
}
