package dev.cairn.chunkstore.model;

import java.util.Objects;

/**
 * Who made a commit or tag, when, and why.
 *
 * @param name the author's name
 * @param email the author's email
 * @param timestampMillis milliseconds since the epoch, UTC
 * @param message the message, never null (may be empty)
 */
public record CommitMeta(String name, String email, long timestampMillis, String message) {
    public CommitMeta {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(email, "email");
        Objects.requireNonNull(message, "message");
    }

    /** The same author and time with another message. */
    public CommitMeta withMessage(String newMessage) {
        return new CommitMeta(name, email, timestampMillis, newMessage);
    }
}
