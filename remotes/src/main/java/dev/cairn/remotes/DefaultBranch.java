package dev.cairn.remotes;

import java.util.Collection;

/**
 * Which branch a new database made from a remote or backup checks out: the one asked for if
 * it is there, else {@code main}, else the first by name, as Dolt picks its default branch.
 */
public final class DefaultBranch {
    public static final String MAIN = "main";

    private DefaultBranch() {
    }

    /**
     * @param branches the branches there are, in name order
     * @param preferred the branch to take if present; may be null
     * @return the branch to check out, or null if there are none
     */
    public static String choose(Collection<String> branches, String preferred) {
        if (preferred != null && branches.contains(preferred)) {
            return preferred;
        }
        if (branches.contains(MAIN)) {
            return MAIN;
        }
        return branches.isEmpty() ? null : branches.iterator().next();
    }
}
