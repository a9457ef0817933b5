package dev.cairn.remotes.decorators;

import dev.cairn.chunkstore.blob.BlobStore;
import dev.cairn.chunkstore.blob.ForwardingBlobStore;

/** Passes every call on; tests override the calls they want to misbehave. */
class ForwardingStore extends ForwardingBlobStore {
    ForwardingStore(BlobStore inner) {
        super(inner);
    }
}
