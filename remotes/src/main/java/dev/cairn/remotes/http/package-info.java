/**
 * {@code http://} and {@code https://} remotes: a repository on a Cairn remote server,
 * spoken to as {@code PROTOCOL.md} in this package describes. {@link dev.cairn.remotes.http.HttpRemoteScheme}
 * and {@link dev.cairn.remotes.http.HttpLocation} load no okhttp class; okhttp (and the Kotlin
 * runtime it needs) is loaded only when {@link dev.cairn.remotes.http.HttpBlobStore} is opened.
 */
package dev.cairn.remotes.http;
