package io.buddykit.crypt;

import java.util.ArrayList;
import java.util.List;

/**
 * Records every (key, IV) pair used for encryption and reports each reuse with the two writes
 * that caused it. An open-addressing table of primitive pairs: millions of encryptions cost a few
 * tens of bytes each, no object per record.
 */
public final class IvAuditor {
  /** One repeated (key, IV): the write that used it first and the write that used it again. */
  public record Reuse(int key, String iv, Write first, Write again) {
    @Override
    public String toString() {
      return "IV " + iv + " under key " + key + " used by " + first + " and again by " + again;
    }
  }

  /** A write of one line: the line, and the allocation (serial, block, order, epoch) it was in. */
  public record Write(long line, long allocation, long blockLine, int order, long epoch) {
    @Override
    public String toString() {
      return "line " + line + " in allocation #" + allocation + " (block at line " + blockLine
          + ", order " + order + ", epoch " + epoch + ")";
    }
  }

  private static final int KEEP = 100;

  private long[] keyHi = new long[1 << 16];
  private long[] ivLo = new long[1 << 16];
  private long[] line = new long[1 << 16];
  private long[] alloc = new long[1 << 16];
  private boolean[] used = new boolean[1 << 16];
  private int size;
  private long reuses;
  private final List<Reuse> examples = new ArrayList<>();
  private final Allocations allocations;

  /** What the auditor needs to know of allocations to explain a reuse. */
  interface Allocations {
    long blockLine(long allocation);

    int order(long allocation);

    long epoch(long allocation);
  }

  IvAuditor(Allocations allocations) {
    this.allocations = allocations;
  }

  /** Records an encryption; true when this (key, IV) was used before. */
  boolean record(int key, byte[] iv, long lineIndex, long allocation) {
    long hi = (long) key << 32 | (readInt(iv, 0) & 0xffffffffL);
    long lo = readLong(iv, 4);
    if (size * 2 >= used.length) {
      grow();
    }
    int mask = used.length - 1;
    int i = (int) (mix(hi, lo) & mask);
    while (used[i]) {
      if (keyHi[i] == hi && ivLo[i] == lo) {
        reuses++;
        if (examples.size() < KEEP) {
          examples.add(new Reuse(key, hex(iv), write(line[i], alloc[i]), write(lineIndex, allocation)));
        }
        line[i] = lineIndex; // the latest use explains the next reuse best
        alloc[i] = allocation;
        return true;
      }
      i = (i + 1) & mask;
    }
    used[i] = true;
    keyHi[i] = hi;
    ivLo[i] = lo;
    line[i] = lineIndex;
    alloc[i] = allocation;
    size++;
    return false;
  }

  private Write write(long lineIndex, long allocation) {
    return new Write(lineIndex, allocation, allocations.blockLine(allocation),
        allocations.order(allocation), allocations.epoch(allocation));
  }

  /** Encryptions whose (key, IV) had been used before. */
  public long reuses() {
    return reuses;
  }

  /** Distinct (key, IV) pairs seen. */
  public long distinct() {
    return size;
  }

  /** The first reuses found (at most 100), with the writes that caused them. */
  public List<Reuse> examples() {
    return List.copyOf(examples);
  }

  private void grow() {
    long[] oh = keyHi;
    long[] ol = ivLo;
    long[] oline = line;
    long[] oalloc = alloc;
    boolean[] ou = used;
    int n = ou.length * 2;
    keyHi = new long[n];
    ivLo = new long[n];
    line = new long[n];
    alloc = new long[n];
    used = new boolean[n];
    for (int j = 0; j < ou.length; j++) {
      if (ou[j]) {
        int i = (int) (mix(oh[j], ol[j]) & (n - 1));
        while (used[i]) {
          i = (i + 1) & (n - 1);
        }
        used[i] = true;
        keyHi[i] = oh[j];
        ivLo[i] = ol[j];
        line[i] = oline[j];
        alloc[i] = oalloc[j];
      }
    }
  }

  private static long mix(long a, long b) {
    long h = a * 0x9E3779B97F4A7C15L ^ b;
    h ^= h >>> 33;
    h *= 0xff51afd7ed558ccdL;
    return h ^ (h >>> 33);
  }

  static int readInt(byte[] b, int at) {
    return (b[at] & 0xff) << 24 | (b[at + 1] & 0xff) << 16 | (b[at + 2] & 0xff) << 8 | (b[at + 3] & 0xff);
  }

  static long readLong(byte[] b, int at) {
    return (readInt(b, at) & 0xffffffffL) << 32 | (readInt(b, at + 4) & 0xffffffffL);
  }

  static String hex(byte[] b) {
    StringBuilder s = new StringBuilder();
    for (byte x : b) {
      s.append(String.format("%02x", x));
    }
    return s.toString();
  }
}
