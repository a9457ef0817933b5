package dev.cairn.remotes;

import dev.cairn.chunkstore.blob.BlobStore;
import dev.cairn.remotes.git.GitRemoteScheme;
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
 * one new {@link RemoteScheme} registered here, and decorators that every remote needs
 * (retries, limits, logging) will be composed here too.
 */
public final class RemoteFactory {
    private final Map<String, RemoteScheme> bySchemeName = new TreeMap<>();

    /** A factory over exactly these schemes. */
    public RemoteFactory(List<RemoteScheme> schemes) {
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
        return List.of(new FileRemoteScheme(), new GitRemoteScheme());
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
        return scheme(url).open(url, params);
    }

    /**
     * Opens the blob store a URL names for reading, without creating anything; null if there
     * is nothing at the URL. The caller closes it.
     *
     * @throws RemoteException for a malformed URL, an unknown scheme or a bad parameter
     */
    public BlobStore openExisting(RemoteUrl url, Map<String, String> params) throws IOException {
        return scheme(url).openExisting(url, params);
    }

    private RemoteScheme scheme(RemoteUrl url) {
        RemoteScheme s = bySchemeName.get(url.scheme());
        if (s == null) {
            throw new RemoteException("unknown URL scheme '" + url.scheme() + "' in '" + url + "'; supported: "
                    + String.join(", ", schemes()));
        }
        return s;
    }
}
