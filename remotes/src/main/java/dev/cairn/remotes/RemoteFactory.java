package dev.cairn.remotes;

import dev.cairn.chunkstore.blob.BlobStore;
import dev.cairn.remotes.decorators.RemoteDecorators;
import dev.cairn.remotes.gcs.GcsRemoteScheme;
import dev.cairn.remotes.git.GitRemoteScheme;
import dev.cairn.remotes.http.HttpRemoteScheme;
import dev.cairn.remotes.s3.S3RemoteScheme;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Turns remote URLs into blob stores: the one place that knows which schemes exist. Callers
 * (backup, push, clone) ask it for a store and never name a scheme, so adding S3 or Git is
 * one new {@link RemoteScheme} registered here. Stores of network schemes come wrapped in
 * the decorators every remote needs (retries, a request bound, a bandwidth limit), composed
 * in {@link RemoteDecorators}; the requests a scheme sends while opening are retried there too.
 */
public final class RemoteFactory {
    private final Map<String, RemoteScheme> bySchemeName = new TreeMap<>();
    private final RemoteDecorators decorators;

    /** A factory over exactly these schemes, with the decorators the environment sets. */
    public RemoteFactory(List<RemoteScheme> schemes) {
        this(schemes, RemoteDecorators.fromEnvironment(System::getenv));
    }

    /** A factory over exactly these schemes, wrapping network stores in {@code decorators}. */
    public RemoteFactory(List<RemoteScheme> schemes, RemoteDecorators decorators) {
        this.decorators = decorators;
        for (RemoteScheme s : schemes) {
            for (String name : s.schemes()) {
                RemoteScheme previous = bySchemeName.putIfAbsent(name, s);
                if (previous != null && previous.getClass() != s.getClass()) {
                    throw new IllegalStateException("URL scheme '" + name + "' is registered by both "
                            + previous.getClass().getName() + " and " + s.getClass().getName());
                }
            }
        }
    }

    /** The built-in schemes plus any registered with {@link ServiceLoader} (META-INF/services). */
    public static RemoteFactory standard() {
        List<RemoteScheme> schemes = new ArrayList<>(builtIn());
        for (RemoteScheme s : ServiceLoader.load(RemoteScheme.class)) {
            if (schemes.stream().noneMatch(b -> b.getClass() == s.getClass())) {
                schemes.add(s);
            }
        }
        return new RemoteFactory(schemes);
    }

    /** The schemes this module implements itself. */
    public static List<RemoteScheme> builtIn() {
        return List.of(new FileRemoteScheme(), new GcsRemoteScheme(), new S3RemoteScheme(), new GitRemoteScheme(),
                new HttpRemoteScheme());
    }

    /** The supported scheme names, sorted. */
    public TreeSet<String> schemes() {
        return new TreeSet<>(bySchemeName.keySet());
    }

    /**
     * Parses and checks a URL, without opening anything.
     *
     * @throws RemoteException for a malformed URL, an unknown scheme or a bad parameter
     */
    public RemoteUrl parse(String text, Path workingDirectory, Map<String, String> params) {
        RemoteUrl url = RemoteUrl.parse(text, workingDirectory);
        scheme(url).check(url, params);
        return url;
    }

    /**
     * Opens the blob store a URL names. The caller closes it.
     *
     * @throws RemoteException for a malformed URL, an unknown scheme or a bad parameter
     */
    public BlobStore open(String text, Path workingDirectory, Map<String, String> params) throws IOException {
        return open(RemoteUrl.parse(text, workingDirectory), params);
    }

    public BlobStore open(RemoteUrl url, Map<String, String> params) throws IOException {
        RemoteScheme s = scheme(url);
        return s.overNetwork() ? decorators.open(() -> s.open(url, params)) : s.open(url, params);
    }

    /**
     * Opens the blob store a URL names for reading, without creating anything; null if there
     * is nothing at the URL. The caller closes it.
     *
     * @throws RemoteException for a malformed URL, an unknown scheme or a bad parameter
     */
    public BlobStore openExisting(RemoteUrl url, Map<String, String> params) throws IOException {
        RemoteScheme s = scheme(url);
        return s.overNetwork() ? decorators.open(() -> s.openExisting(url, params))
                : s.openExisting(url, params);
    }

    private RemoteScheme scheme(RemoteUrl url) {
        RemoteScheme s = bySchemeName.get(url.scheme());
        if (s == null && url.scheme().equals("aws") && !bySchemeName.containsKey("aws")) {
            // Dolt's form keeps the manifest in a DynamoDB table; the only way to test that here
            // would be DynamoDB Local, whose licence rules it out, so the form is refused.
            throw new RemoteException("aws:// remotes keep their manifest in DynamoDB, which Cairn does not support: '"
                    + url + "'; use s3://bucket/path instead, which keeps it in S3 with conditional writes");
        }
        if (s == null) {
            throw new RemoteException("unknown URL scheme '" + url.scheme() + "' in '" + url + "'; supported: "
                    + String.join(", ", schemes()));
        }
        return s;
    }
}
