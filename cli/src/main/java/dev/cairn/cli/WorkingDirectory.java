package dev.cairn.cli;

import java.nio.file.Path;

/** The root of a command line knows which directory its command acts in: the process's, or a test's. */
public interface WorkingDirectory {
    Path workingDirectory();
}
