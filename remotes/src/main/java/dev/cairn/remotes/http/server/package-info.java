/**
 * The Cairn HTTP remote server ({@code cairn remotesrv}): {@link dev.cairn.remotes.http.server.RemoteServer}
 * serves every repository under a directory by the protocol in {@code ../PROTOCOL.md}, each one
 * laid out exactly as a {@code file://} remote, on Jetty 12's core handlers (no servlets).
 */
package dev.cairn.remotes.http.server;
