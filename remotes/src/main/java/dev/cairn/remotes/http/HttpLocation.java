package dev.cairn.remotes.http;

import dev.cairn.remotes.RemoteException;
import dev.cairn.remotes.RemoteUrl;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Where an {@code http[s]://host[:port][/prefix]/ORG/REPO} URL points (see PROTOCOL.md,
 * "Addressing"): the server, the path segments of the repository, and the key under which the
 * remote-tokens file may hold its token. Plain Java, so that checking a URL loads no HTTP
 * client.
 *
 * @param https whether the server is reached over TLS
 * @param host the host name or address; an IPv6 address without its brackets
 * @param port the port, the scheme's default filled in
 * @param segments the repository's path segments: any prefix, then ORG, then REPO
 * @param shown the URL as it may be printed
 */
public record HttpLocation(boolean https, String host, int port, List<String> segments, String shown) {
    /** ORG and REPO as the protocol allows them: no leading dot, so no '.', '..' or hidden names. */
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-][A-Za-z0-9._-]{0,99}");
    /** A prefix segment, kept to characters that need no escaping in a URL path. */
    private static final Pattern PREFIX_SEGMENT = Pattern.compile("[A-Za-z0-9_~-][A-Za-z0-9._~-]*");
    private static final Pattern HOST = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]+");

    /**
     * Reads an http or https URL.
     *
     * @throws RemoteException if the host, port or path is not acceptable, or the URL carries a
     *     user, a secret or query parameters
     */
    public static HttpLocation of(RemoteUrl url, Map<String, String> params) {
        String shown = url.toString();
        String scheme = url.scheme();
        if (url.userInfo() != null) {
            throw new RemoteException("invalid remote URL '" + shown + "': " + scheme + " URLs take no user or "
                    + "token; set CAIRN_REMOTE_TOKEN or put the token in the remote-tokens file");
        }
        if (!url.query().isEmpty()) {
            throw new RemoteException("invalid remote URL '" + shown + "': " + scheme + " URLs take no '?' parameters");
        }
        if (!params.isEmpty()) {
            throw new RemoteException("parameter '" + params.keySet().iterator().next() + "' does not apply to "
                    + scheme + " URLs");
        }
        boolean https = scheme.equals("https");
        String authority = url.authority();
        String host;
        String portText = null;
        if (authority.startsWith("[")) {
            int close = authority.indexOf(']');
            if (close < 0) {
                throw invalid(shown, "unclosed '[' in the host");
            }
            host = authority.substring(1, close);
            String rest = authority.substring(close + 1);
            if (!rest.isEmpty()) {
                if (!rest.startsWith(":")) {
                    throw invalid(shown, "unexpected text after the host");
                }
                portText = rest.substring(1);
            }
            if (!IPV6.matcher(host).matches()) {
                throw invalid(shown, "'" + host + "' is not an IPv6 address");
            }
        } else {
            int colon = authority.lastIndexOf(':');
            host = colon < 0 ? authority : authority.substring(0, colon);
            portText = colon < 0 ? null : authority.substring(colon + 1);
            if (host.isEmpty()) {
                throw invalid(shown, "no host, write " + scheme + "://host:port/org/repo");
            }
            if (!HOST.matcher(host).matches()) {
                throw invalid(shown, "'" + host + "' is not a host name");
            }
        }
        int port = https ? 443 : 80;
        if (portText != null) {
            try {
                port = Integer.parseInt(portText);
            } catch (NumberFormatException e) {
                port = -1;
            }
            if (port < 1 || port > 65535) {
                throw invalid(shown, "port '" + portText + "' is not a number from 1 to 65535");
            }
        }
        List<String> segments = new ArrayList<>();
        for (String s : url.path().split("/")) {
            if (!s.isEmpty()) {
                segments.add(s);
            }
        }
        if (segments.size() < 2) {
            throw invalid(shown, "the path must name a repository as /org/repo, e.g. " + scheme + "://"
                    + authority + "/myorg/mydb");
        }
        for (int i = 0; i < segments.size(); i++) {
            String s = segments.get(i);
            boolean name = i >= segments.size() - 2;
            if (!(name ? NAME : PREFIX_SEGMENT).matcher(s).matches()) {
                throw invalid(shown, "'" + s + "' is not a valid " + (name ? (i == segments.size() - 1 ? "repository"
                        : "organisation") + " name (letters, digits, '.', '_' and '-', at most 100, not starting with"
                        + " '.')" : "path segment"));
            }
        }
        return new HttpLocation(https, host, port, List.copyOf(segments), shown);
    }

    private static RemoteException invalid(String shown, String why) {
        return new RemoteException("invalid remote URL '" + shown + "': " + why);
    }

    /** The host and port as the remote-tokens file names a server, e.g. {@code 127.0.0.1:8080} or {@code [::1]:443}. */
    public String hostPort() {
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
    }

    @Override
    public String toString() {
        return shown;
    }
}
