package io.buddykit.cli;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Checks the paths a command will read or write before it runs, so that a path it cannot use is
 * refused at once (exit 2, the option and the reason named) instead of after minutes of work or as
 * a Java exception. Nothing is created here, and commands do not create missing parent
 * directories: a typo in a directory name is an error, not a new directory.
 */
final class CommandPaths {
  private CommandPaths() {}

  /** A file the command reads: it exists, is a regular file (not a directory) and is readable. */
  static void checkInputFile(String what, Path file) {
    if (!Files.exists(file)) {
      throw refuse(what, file, "no such file");
    }
    if (Files.isDirectory(file)) {
      throw refuse(what, file, "is a directory, not a file");
    }
    if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
      throw refuse(what, file, "cannot be read");
    }
  }

  /** A directory the command fills: an existing writable directory, or a new one in an existing writable one. */
  static void checkDirectory(String option, Path dir) {
    if (Files.exists(dir)) {
      if (!Files.isDirectory(dir)) {
        throw refuse(option, dir, "exists and is not a directory");
      }
      if (!Files.isWritable(dir)) {
        throw refuse(option, dir, "the directory is not writable");
      }
      return;
    }
    checkParent(option, dir);
  }

  /** A file the command writes: not a directory, writable if it exists, in an existing writable directory. */
  static void checkFile(String option, Path file) {
    if (Files.isDirectory(file)) {
      throw refuse(option, file, "is a directory");
    }
    if (Files.exists(file)) {
      if (!Files.isWritable(file)) {
        throw refuse(option, file, "the file is not writable");
      }
      return;
    }
    checkParent(option, file);
  }

  private static void checkParent(String option, Path path) {
    Path parent = path.toAbsolutePath().normalize().getParent();
    if (parent == null) {
      throw refuse(option, path, "has no parent directory");
    }
    if (!Files.exists(parent)) {
      throw refuse(option, path, "directory " + parent + " does not exist");
    }
    if (!Files.isDirectory(parent)) {
      throw refuse(option, path, parent + " is not a directory");
    }
    if (!Files.isWritable(parent)) {
      throw refuse(option, path, "directory " + parent + " is not writable");
    }
  }

  private static IllegalArgumentException refuse(String option, Path path, String why) {
    return new IllegalArgumentException(option + " " + path + ": " + why);
  }
}
