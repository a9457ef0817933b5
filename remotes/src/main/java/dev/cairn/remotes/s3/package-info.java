/**
 * {@code s3://bucket/path} remotes on the AWS SDK v2. {@link dev.cairn.remotes.s3.S3RemoteScheme} and
 * the option classes it checks URLs with load no AWS class; the SDK is loaded only when
 * {@link dev.cairn.remotes.s3.S3ClientFactory} builds a client for a store that is opened.
 */
package dev.cairn.remotes.s3;
