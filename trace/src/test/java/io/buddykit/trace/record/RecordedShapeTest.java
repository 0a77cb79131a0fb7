package io.buddykit.trace.record;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RecordedShapeTest {
  @Test
  void aShapeReadsBackAsItWasWritten(@TempDir Path dir) throws Exception {
    ProcSnapshot before = new ProcSnapshot(ProcSnapshotTest.BUDDYINFO, "Page block order: 9\n",
        ProcSnapshotTest.ZONEINFO);
    RecordedShape s = new RecordedShape("6.18.44", "x86_64", 2, 67584, 10, 15000, 0, "madvise", "madvise",
        "2026-12-03T14:00:00Z", List.of("make", "-j2"), before, null)
        .withAfter(new ProcSnapshot("Node 0, zone DMA 1\n", "", ""));
    Path trace = dir.resolve("kmem.trace.gz");
    Path file = RecordedShape.besides(trace);
    assertThat(file.getFileName().toString()).isEqualTo("kmem.trace.gz.shape.json");
    s.write(file);
    assertThat(RecordedShape.read(file)).isEqualTo(s);
    assertThat(RecordedShape.read(file).before().zone(0, "DMA").managed()).isEqualTo(3840);
  }

  @Test
  void aFileThatIsNotAShapeIsAnErrorNamingIt(@TempDir Path dir) throws Exception {
    Path f = dir.resolve("x.json");
    Files.writeString(f, "{\"format\":\"other\"}");
    assertThatThrownBy(() -> RecordedShape.read(f)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("x.json: not a shape file");
    Files.writeString(f, "{not json");
    assertThatThrownBy(() -> RecordedShape.read(f)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("x.json: not a shape file");
    Files.writeString(f, "{\"format\":\"buddykit-shape\",\"kernel\":\"6.1\"}");
    assertThatThrownBy(() -> RecordedShape.read(f)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("x.json: missing \"sysctl\"");
  }
}
