package io.buddykit.offheap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.foreign.MemorySegment;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The arena in JFR: a recording with the three events enabled, read back from its file, holds
 * the periodic statistics, one purge and one full arena, with the values the test made.
 */
class ArenaEventsTest {
  private static final long MIB = 1 << 20;

  @Test
  void aRecordingShowsStatisticsPurgesAndAFullArena(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("arena.jfr");
    long base;
    try (Recording recording = new Recording()) {
      recording.enable("io.buddykit.offheap.ArenaStatistics").withPeriod(Duration.ofMillis(50));
      recording.enable("io.buddykit.offheap.Purge");
      recording.enable("io.buddykit.offheap.ArenaFull");
      recording.start();
      try (BuddyArena arena = BuddyArena.builder(16 * MIB).purgeDecay(Duration.ofSeconds(-1)).build()) {
        base = arena.baseAddress();
        List<MemorySegment> blocks = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
          MemorySegment s = arena.allocate(4 * MIB);
          s.fill((byte) 1);
          blocks.add(s);
        }
        MemorySegment half = arena.allocate(2 * MIB);
        // 14 MiB in use; 2 MiB free, but no 4 MiB block.
        assertThatThrownBy(() -> arena.allocate(4 * MIB)).isInstanceOf(ArenaFullException.class);
        arena.free(blocks.get(0));
        arena.free(blocks.get(1));
        assertThat(arena.purge()).isEqualTo(8 * MIB);
        arena.free(half);
        Thread.sleep(300); // a few periods of statistics
      }
      recording.stop();
      recording.dump(file);
    }
    List<RecordedEvent> events = RecordingFile.readAllEvents(file).stream()
        .filter(e -> e.hasField("baseAddress") && e.getLong("baseAddress") == base).toList();

    List<RecordedEvent> full = named(events, "io.buddykit.offheap.ArenaFull");
    assertThat(full).hasSize(1);
    assertThat(full.get(0).getLong("requestedBytes")).isEqualTo(4 * MIB);
    assertThat(full.get(0).getLong("freeBytes")).isEqualTo(2 * MIB);
    assertThat(full.get(0).getLong("capacityBytes")).isEqualTo(16 * MIB);
    assertThat(full.get(0).getStackTrace()).isNotNull();

    List<RecordedEvent> purges = named(events, "io.buddykit.offheap.Purge");
    assertThat(purges).hasSize(1);
    assertThat(purges.get(0).getLong("bytes")).isEqualTo(8 * MIB);
    assertThat(purges.get(0).getLong("blocks")).isEqualTo(2); // two free 4 MiB blocks
    assertThat(purges.get(0).getString("advice")).isEqualTo("DONTNEED");
    assertThat(purges.get(0).getBoolean("explicit")).isTrue();
    assertThat(purges.get(0).getDuration()).isPositive();

    List<RecordedEvent> stats = named(events, "io.buddykit.offheap.ArenaStatistics");
    assertThat(stats).hasSizeGreaterThanOrEqualTo(2);
    assertThat(stats).allSatisfy(e -> assertThat(e.getLong("mappedBytes")).isEqualTo(16 * MIB));
    // The last picture: 4 MiB of the third block in use and resident, 8 MiB purged.
    RecordedEvent last = stats.get(stats.size() - 1);
    assertThat(last.getLong("usedBytes")).isEqualTo(4 * MIB);
    assertThat(last.getLong("residentBytes")).isEqualTo(4 * MIB);
    assertThat(last.getLong("purgedBytes")).isEqualTo(8 * MIB);
    assertThat(last.getLong("freeBytes")).isEqualTo(12 * MIB);
    assertThat(last.getLong("cachedBytes")).isZero();
  }

  @Test
  void closingTheArenaRemovesItsPeriodicEvent(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("closed.jfr");
    long base;
    java.time.Instant closedAt;
    try (Recording recording = new Recording()) {
      recording.enable("io.buddykit.offheap.ArenaStatistics").withPeriod(Duration.ofMillis(20));
      recording.start();
      try (BuddyArena arena = BuddyArena.create(4 * MIB)) {
        base = arena.baseAddress();
        Thread.sleep(100);
      }
      closedAt = java.time.Instant.now();
      Thread.sleep(200);
      recording.stop();
      recording.dump(file);
    }
    List<RecordedEvent> mine = RecordingFile.readAllEvents(file).stream()
        .filter(e -> e.hasField("baseAddress") && e.getLong("baseAddress") == base).toList();
    assertThat(mine).isNotEmpty(); // while it was open
    assertThat(mine).allSatisfy(e -> assertThat(e.getStartTime()).isBefore(closedAt));
  }

  private static List<RecordedEvent> named(List<RecordedEvent> events, String name) {
    return events.stream().filter(e -> e.getEventType().getName().equals(name)).toList();
  }
}
