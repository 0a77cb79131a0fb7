package io.buddykit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 19's adversarial probes of the command, seeded and repeatable: commands with one option
 * given a hostile value, and the sample traces mutated (bytes flipped, lines cut, duplicated and
 * swapped, numbers blown up) and replayed. Whatever comes in, the command ends with 0 (the input
 * was fine), 2 and one {@code buddykit:} line (bad input), never a stack trace, an {@code
 * OutOfMemoryError} or another exit code. {@value #DEFAULT_RUNS} of each by default;
 * {@code -Dbuddykit.adversarial.runs=N} (the {@code long} profile sets 1,500) for the long run.
 * A failure prints the seed and the arguments, so {@code -Dbuddykit.adversarial.seed=S} repeats it.
 */
class AdversarialRunTest {
  static final int DEFAULT_RUNS = 40;
  private static final int RUNS = Integer.getInteger("buddykit.adversarial.runs", DEFAULT_RUNS);
  private static final long SEED = Long.getLong("buddykit.adversarial.seed", 19);
  private static final Path ROOT = Path.of(System.getProperty("user.dir")).getParent();

  /** Values that have broken commands: signs, overflow, non-numbers, sizes past every heap. */
  private static final String[] HOSTILE = {"-1", "0", "-0", "NaN", "Infinity", "-Infinity", "1e309",
      "9223372036854775807", "9223372036854775808", "-9223372036854775808", "4611686018427387904", "", " ",
      "abc", "%zz", "0x10", "1.5", "16T", "8E", "99999999999999999999", "2147483648", "1048577", "\u0000"};

  /** Each command with small, quick values; one option is replaced by a hostile value per run. */
  private static final String[][] COMMANDS = {
      {"sim", "--memory", "64M", "--steps", "2", "--nodes", "1", "--seed", "3", "--min-free-kbytes", "1024",
          "--watermark-scale-factor", "10", "--watermark-boost-factor", "0", "--compaction-proactiveness", "0"},
      {"flash", "--blocks", "64", "--pages-per-block", "16", "--op", "0.25", "--writes", "2000",
          "--wear-threshold", "-1", "--seed", "1"},
      {"share", "bandwidth", "--capacity", "1024", "--flows", "200", "--load", "0.5", "--seed", "1"},
      {"share", "time", "--frames", "20", "--seed", "1"},
      {"waste", "--unit", "16", "62K", "90K"},
      {"replay", "{mtrace}", "--memory", "1M", "--unit", "16"},
      {"replay", "{ftrace}", "--memory", "1G", "--mode", "policy", "--nodes", "1"},
      {"scenario", "run", "aging", "-p", "memoryMiB=64", "-p", "steps=2"},
      {"scenario", "run", "flash", "-p", "blocks=64", "-p", "pagesPerBlock=16", "-p", "op=0.25", "-p", "writes=2000"},
      {"scenario", "run", "bandwidth", "-p", "capacity=1024", "-p", "flows=100", "-p", "loads=1"},
  };

  @TempDir Path dir;

  @Test
  void hostileOptionValuesAreOneLineAndExit2OrRun() {
    SplittableRandom rnd = new SplittableRandom(SEED);
    for (int i = 0; i < RUNS; i++) {
      String[] args = COMMANDS[rnd.nextInt(COMMANDS.length)].clone();
      for (int a = 0; a < args.length; a++) {
        args[a] = args[a].replace("{mtrace}", sample("mtrace/tar.mtrace").toString())
            .replace("{ftrace}", sample("ftrace/sample.trace").toString());
      }
      List<Integer> values = new ArrayList<>();
      for (int a = 1; a < args.length; a++) {
        if (!args[a].startsWith("-") || args[a].matches("-\\d+")) {
          values.add(a);
        }
      }
      int at = values.get(rnd.nextInt(values.size()));
      String hostile = HOSTILE[rnd.nextInt(HOSTILE.length)];
      args[at] = args[at].contains("=") ? args[at].substring(0, args[at].indexOf('=') + 1) + hostile : hostile;
      check(args, i);
    }
  }

  @Test
  void mutatedTracesAreReadOrRefusedAtALine() throws IOException {
    String[][] samples = {{"ftrace/sample.trace", "ftrace"}, {"ftrace/trace-cmd-report.txt", "ftrace"},
        {"mtrace/tar.mtrace", "mtrace"}, {"jsonl/sample.jsonl", "jsonl"},
        {"io/buddykit/trace/block/msr-sample.csv", "msr"}, {"io/buddykit/trace/block/disksim-sample.trace", "disksim"}};
    SplittableRandom rnd = new SplittableRandom(SEED + 1);
    for (int i = 0; i < RUNS; i++) {
      String[] s = samples[rnd.nextInt(samples.length)];
      byte[] mutated = mutate(Files.readAllBytes(sample(s[0])), rnd);
      Path f = Files.write(dir.resolve("m" + i), mutated);
      boolean block = s[1].equals("msr") || s[1].equals("disksim");
      boolean skip = rnd.nextBoolean();
      List<String> args = new ArrayList<>(block
          ? List.of("flash", "--blocks", "64", "--pages-per-block", "16", "--op", "0.25", "--trace", f.toString(),
              "--format", s[1])
          : List.of("replay", f.toString(), "--memory", s[1].equals("mtrace") ? "4M" : "1G"));
      if (rnd.nextBoolean() && !block) {
        args.addAll(List.of("--format", s[1]));
      }
      if (skip && !block) {
        args.add("--skip-bad");
      }
      check(args.toArray(String[]::new), i);
    }
  }

  private static Path sample(String name) {
    return ROOT.resolve("trace/src/test/resources").resolve(name);
  }

  private static void check(String[] args, int run) {
    String what = "run " + run + " (seed " + SEED + "): buddykit " + String.join(" ", args);
    Run r = Run.of(args);
    assertThat(r.exit()).as(what + "\n" + r.err()).isIn(0, 2);
    if (r.exit() == 2) {
      assertThat(r.err()).as(what).startsWith("buddykit: ").hasLineCount(1);
    }
    assertThat(r.err()).as(what).doesNotContain("Exception", "\tat ", "OutOfMemoryError");
  }

  /** One to four mutations: flip bytes, cut at a point, duplicate or drop a line, blow up a number. */
  static byte[] mutate(byte[] in, SplittableRandom rnd) {
    byte[] b = in;
    int n = 1 + rnd.nextInt(4);
    for (int k = 0; k < n && b.length > 0; k++) {
      switch (rnd.nextInt(5)) {
        case 0 -> {
          b = b.clone();
          for (int j = 0; j < 1 + rnd.nextInt(8); j++) {
            b[rnd.nextInt(b.length)] = (byte) rnd.nextInt(256);
          }
        }
        case 1 -> b = Arrays.copyOf(b, rnd.nextInt(b.length));
        case 2, 3 -> b = lines(b, rnd, k);
        default -> {
          String text = new String(b, StandardCharsets.ISO_8859_1);
          String big = rnd.nextBoolean() ? "9223372036854775807" : "99999999999999999999999";
          int at = rnd.nextInt(text.length());
          int digit = text.indexOf(Character.forDigit(rnd.nextInt(10), 10), at);
          if (digit >= 0) {
            text = text.substring(0, digit) + big + text.substring(digit + 1);
          }
          b = text.getBytes(StandardCharsets.ISO_8859_1);
        }
      }
    }
    return b;
  }

  /** Duplicates a random line many times, or drops one. */
  private static byte[] lines(byte[] b, SplittableRandom rnd, int k) {
    List<String> lines = new ArrayList<>(List.of(new String(b, StandardCharsets.ISO_8859_1).split("\n", -1)));
    int i = rnd.nextInt(lines.size());
    if (k % 2 == 0) {
      for (int j = 0; j < 1 + rnd.nextInt(50); j++) {
        lines.add(i, lines.get(i));
      }
    } else {
      lines.remove(i);
    }
    return String.join("\n", lines).getBytes(StandardCharsets.ISO_8859_1);
  }
}
