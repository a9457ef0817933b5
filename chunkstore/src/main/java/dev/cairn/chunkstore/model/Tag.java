package dev.cairn.chunkstore.model;

import dev.cairn.chunkstore.Hash;

/**
 * An annotated tag.
 *
 * @param name the tag's name (not stored in the chunk: the ref map holds it)
 * @param address this tag's chunk address
 * @param commit the tagged commit
 * @param meta the tagger, time and message
 */
public record Tag(String name, Hash address, Hash commit, CommitMeta meta) {
}
