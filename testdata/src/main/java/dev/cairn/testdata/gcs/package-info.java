/**
 * A protocol-level fake of the Google Cloud Storage JSON API
 * ({@link dev.cairn.testdata.gcs.FakeGcsServer}), for running the official client in tests
 * where no GCS emulator can be had.
 */
package dev.cairn.testdata.gcs;
