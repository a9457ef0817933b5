/** Remotes: one blob store per URL scheme, the remote factory and the sync engine (step 5 onwards). */
package dev.cairn.remotes;
