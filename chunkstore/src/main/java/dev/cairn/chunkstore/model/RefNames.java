package dev.cairn.chunkstore.model;

/**
 * The dataset names in the store root's ref map, and the rules for the names users give to
 * branches, tags and remotes (git's check-ref-format, which Dolt follows).
 */
public final class RefNames {
    public static final String HEADS = "refs/heads/";
    public static final String TAGS = "refs/tags/";
    public static final String REMOTES = "refs/remotes/";
    public static final String WORKING_SETS = "workingSets/heads/";

    private RefNames() {
    }

    public static String branch(String name) {
        return HEADS + name;
    }

    public static String tag(String name) {
        return TAGS + name;
    }

    public static String remoteBranch(String remote, String branch) {
        return REMOTES + remote + "/" + branch;
    }

    public static String workingSet(String branch) {
        return WORKING_SETS + branch;
    }

    /** True if {@code name} is usable as a branch or tag name. */
    public static boolean isValid(String name) {
        if (name == null || name.isEmpty() || name.equals("HEAD") || name.equals("@")) {
            return false;
        }
        if (name.startsWith("/") || name.endsWith("/") || name.startsWith("-") || name.endsWith(".")
                || name.endsWith(".lock") || name.contains("..") || name.contains("//") || name.contains("@{")) {
            return false;
        }
        for (String component : name.split("/")) {
            if (component.startsWith(".")) {
                return false;
            }
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c <= ' ' || c == 0x7F || "~^:?*[\\".indexOf(c) >= 0) {
                return false;
            }
        }
        return true;
    }

    /** Throws a user-facing error unless {@code name} is a valid branch name. */
    public static void checkBranchName(String name) {
        if (!isValid(name)) {
            throw new DatabaseException("'" + name + "' is not a valid branch name");
        }
    }

    public static void checkTagName(String name) {
        if (!isValid(name)) {
            throw new DatabaseException("'" + name + "' is not a valid tag name");
        }
    }
}
