/**
 * Git remotes: a {@link dev.cairn.chunkstore.blob.BlobStore} whose blobs and manifest are
 * files in the tree of one ref of a Git repository, so a backup can live on any Git host.
 *
 * <p>{@link dev.cairn.remotes.git.GitRemoteScheme} is the only public entry and loads no JGit
 * class; {@code GitStoreOpener} opens a {@link dev.cairn.remotes.git.GitBlobStore} over a
 * {@code GitRefAccess}: {@code LocalRefAccess} for a bare repository on this machine, or
 * {@code RemoteRefAccess}, which fetches into and pushes from a local bare cache. The tree
 * layout is drawn in {@code GitTreeLayout}; how puts, deletes and the manifest swap share the
 * one atomic step Git has (moving a ref) is explained on {@code GitBlobStore}.
 */
package dev.cairn.remotes.git;
