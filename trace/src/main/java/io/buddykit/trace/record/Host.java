package io.buddykit.trace.record;

import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The running Linux as files under {@code /proc} and {@code /sys}: who we are, what the kernel
 * offers, and the machine's shape. The root is a parameter so that a test can point it at a
 * directory that imitates one.
 */
final class Host {
  private static final Pattern SELECTED = Pattern.compile("\\[(\\S+)]");

  private final Path root;

  Host(Path root) {
    this.root = root;
  }

  /** The host this JVM runs on. */
  static Host running() {
    return new Host(Path.of("/"));
  }

  Path path(String absolute) {
    return root.resolve(absolute.substring(1));
  }

  /** The effective uid from /proc/self/status ("Uid: real effective saved fs"), -1 if unknown. */
  long effectiveUid() {
    for (String line : lines("/proc/self/status")) {
      if (line.startsWith("Uid:")) {
        String[] f = line.substring(4).strip().split("\\s+");
        return f.length > 1 ? Long.parseLong(f[1]) : -1;
      }
    }
    return -1;
  }

  /** Whether the kernel knows the tracefs file system (a "nodev tracefs" line in /proc/filesystems). */
  boolean kernelHasTracefs() {
    return lines("/proc/filesystems").stream().anyMatch(l -> l.strip().matches("(nodev\\s+)?tracefs"));
  }

  /** Whether a tracefs is mounted at {@code mountPoint}, from /proc/self/mountinfo. */
  boolean tracefsMountedAt(Path mountPoint) {
    for (String line : lines("/proc/self/mountinfo")) {
      // "36 25 0:12 / /sys/kernel/tracing rw,nosuid,... shared:12 - tracefs nodev rw"
      String[] f = line.split(" ");
      int dash = line.indexOf(" - ");
      if (f.length > 4 && dash > 0 && f[4].equals(mountPoint.toString())
          && line.substring(dash + 3).startsWith("tracefs ")) {
        return true;
      }
    }
    return false;
  }

  /** The machine's shape now, with the views of this moment as "before". */
  RecordedShape shape(Instant started, List<String> command) {
    return new RecordedShape(text("/proc/sys/kernel/osrelease").strip(), machine(), onlineCpus(),
        number("/proc/sys/vm/min_free_kbytes"), (int) number("/proc/sys/vm/watermark_scale_factor"),
        (int) number("/proc/sys/vm/watermark_boost_factor"),
        (int) number("/proc/sys/vm/percpu_pagelist_high_fraction"),
        selected("/sys/kernel/mm/transparent_hugepage/enabled"),
        selected("/sys/kernel/mm/transparent_hugepage/defrag"), started.toString(), command, views(), null);
  }

  /** /proc/buddyinfo, pagetypeinfo and zoneinfo, read one after the other. */
  ProcSnapshot views() {
    return new ProcSnapshot(text("/proc/buddyinfo"), text("/proc/pagetypeinfo"), text("/proc/zoneinfo"));
  }

  /** The architecture: the kernel's UTS machine, as {@code uname -m} prints it. */
  private String machine() {
    String arch = System.getProperty("os.arch");
    return "amd64".equals(arch) ? "x86_64" : arch;
  }

  /** Online CPUs from /sys/devices/system/cpu/online ("0-3,5"); the JVM's count if absent. */
  int onlineCpus() {
    String online = text("/sys/devices/system/cpu/online").strip();
    if (online.isEmpty()) {
      return Runtime.getRuntime().availableProcessors();
    }
    int n = 0;
    for (String range : online.split(",")) {
      String[] ends = range.split("-");
      n += ends.length == 1 ? 1 : Integer.parseInt(ends[1]) - Integer.parseInt(ends[0]) + 1;
    }
    return n;
  }

  /** The bracketed choice of a sysfs mode file ("always [madvise] never"), or "" if absent. */
  private String selected(String file) {
    Matcher m = SELECTED.matcher(text(file));
    return m.find() ? m.group(1) : "";
  }

  private long number(String file) {
    String s = text(file).strip();
    return s.isEmpty() ? -1 : Long.parseLong(s);
  }

  /**
   * The file's text, or "" when it does not exist or cannot be read. Read through a plain stream:
   * {@code Files.readString} returned only the first byte of /proc/sys/vm
   * files on JDK 25 and Linux 6.18 ("6" for 67584; procfs reports their size as 0).
   */
  String text(String file) {
    try (InputStream in = new FileInputStream(path(file).toFile())) {
      return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
    } catch (IOException e) {
      return "";
    }
  }

  private List<String> lines(String file) {
    return text(file).lines().toList();
  }
}
