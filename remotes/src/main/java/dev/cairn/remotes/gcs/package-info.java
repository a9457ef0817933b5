/**
 * {@code gs://} remotes: {@link dev.cairn.remotes.gcs.GcsRemoteScheme} turns a URL into a
 * {@link dev.cairn.remotes.gcs.GcsBlobStore} on Google Cloud Storage, through the official
 * client's HTTP/JSON transport. Only {@code GcsRemoteScheme} and {@code GcsLocation} may be
 * loaded before a {@code gs://} URL is opened; everything that touches the SDK sits behind
 * {@code GcsConnector}.
 */
package dev.cairn.remotes.gcs;
