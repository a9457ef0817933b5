/**
 * Remotes: {@link dev.cairn.remotes.RemoteUrl} parsing, one {@link dev.cairn.remotes.RemoteScheme} per
 * URL scheme, and the {@link dev.cairn.remotes.RemoteFactory} that turns a URL into a blob store. The
 * sync engine is in {@code dev.cairn.remotes.sync}.
 */
package dev.cairn.remotes;
