/**
 * The sync engine behind backup, push, fetch, clone and restore: {@link dev.cairn.remotes.sync.SyncEngine}
 * sends a root from a {@link dev.cairn.remotes.sync.ChunkSource} to a
 * {@link dev.cairn.remotes.sync.Destination}, both table-file stores over blob stores, and never knows
 * which of them is remote. {@link dev.cairn.remotes.sync.Pruner} removes what interrupted syncs leave.
 */
package dev.cairn.remotes.sync;
