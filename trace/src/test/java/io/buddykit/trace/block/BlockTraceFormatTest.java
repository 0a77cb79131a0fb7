package io.buddykit.trace.block;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.buddykit.trace.TraceParseException;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BlockTraceFormatTest {

  @Test
  void formatsAreFoundByName() {
    assertThat(BlockTraceFormat.parse("msr")).isEqualTo(BlockTraceFormat.MSR);
    assertThat(BlockTraceFormat.parse("disksim")).isEqualTo(BlockTraceFormat.DISKSIM);
    assertThat(BlockTraceFormat.parse("DiskSim")).isEqualTo(BlockTraceFormat.DISKSIM);
    assertThat(BlockTraceFormat.MSR.cliName()).isEqualTo("msr");
    assertThat(BlockTraceFormat.DISKSIM.cliName()).isEqualTo("disksim");
    assertThat(BlockTraceFormat.MSR).hasToString("msr");
  }

  @Test
  void theFormatIsDetectedFromTheFirstRequest() {
    assertThat(BlockTraceFormat.detect(List.of("Timestamp,Hostname,DiskNumber,Type,Offset,Size,ResponseTime",
        "128166372003061629,wdev,0,Write,3716632576,4096,2767"))).contains(BlockTraceFormat.MSR);
    assertThat(BlockTraceFormat.detect(List.of("# time devno lba sectors flags", "", "1.5\t0 2048 16 0")))
        .contains(BlockTraceFormat.DISKSIM);
    // No request yet (a header, a comment), a line neither reads, or nothing: not told.
    assertThat(BlockTraceFormat.detect(List.of("Timestamp,Hostname,DiskNumber,Type,Offset,Size,ResponseTime")))
        .isEmpty();
    assertThat(BlockTraceFormat.detect(List.of("# a comment"))).isEmpty();
    assertThat(BlockTraceFormat.detect(List.of("@ ./a.out:[0x1] + 0x1000 0x20"))).isEmpty();
    assertThat(BlockTraceFormat.detect(List.of())).isEmpty();
  }

  @Test
  void theSamplesAreDetected() {
    Path block = Path.of("src/test/resources/io/buddykit/trace/block");
    assertThat(BlockTraceFormat.detect(block.resolve("msr-sample.csv"))).contains(BlockTraceFormat.MSR);
    assertThat(BlockTraceFormat.detect(block.resolve("disksim-sample.trace"))).contains(BlockTraceFormat.DISKSIM);
    assertThat(BlockTraceFormat.detect(Path.of("src/test/resources/ftrace/sample.trace"))).isEmpty();
  }

  @Test
  void anUnknownNameIsRejected() {
    assertThatThrownBy(() -> BlockTraceFormat.parse("spc"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("unknown trace format \"spc\" (known: msr, disksim)");
    assertThatThrownBy(() -> BlockTraceFormat.parse(""))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aFileIsReadAsUtf8AndErrorsNameIt(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("t.csv");
    Files.writeString(file, "1,h\u00f6st,0,Read,0,512,0\n2,h,0,Read,0,512\n", StandardCharsets.UTF_8);
    List<IoRequest> out = new ArrayList<>();
    assertThatThrownBy(() -> BlockTraceFormat.MSR.read(file, out::add, false))
        .isInstanceOfSatisfying(
            TraceParseException.class,
            e -> {
              assertThat(e.file()).isEqualTo(file.toString());
              assertThat(e.line()).isEqualTo(2);
              assertThat(e).hasMessageStartingWith(file + ":2: expected 7");
            });
    assertThat(out).containsExactly(new IoRequest(0.0, 0, 512, IoOp.READ));
  }

  @Test
  void aMissingFileIsAnUncheckedIoExceptionNamingIt(@TempDir Path dir) {
    Path missing = dir.resolve("missing.trace");
    assertThatThrownBy(() -> BlockTraceFormat.DISKSIM.read(missing, r -> {}, false))
        .isInstanceOf(UncheckedIOException.class)
        .hasMessageStartingWith(missing + ": cannot read");
  }

  @Test
  void bytesThatAreNotUtf8AreAnUncheckedIoExceptionNamingTheFile(@TempDir Path dir)
      throws Exception {
    Path file = dir.resolve("latin1.trace");
    Files.write(file, new byte[] {'0', ' ', '0', ' ', '0', ' ', '1', ' ', '0', '\n', '#', (byte) 0xff});
    assertThatThrownBy(() -> BlockTraceFormat.DISKSIM.read(file, r -> {}, false))
        .isInstanceOf(UncheckedIOException.class)
        .hasMessageStartingWith(file + ": cannot read")
        .hasCauseInstanceOf(CharacterCodingException.class);
  }

  @Test
  void theParseExceptionCarriesFileLineAndReason() {
    TraceParseException e = new TraceParseException("a.csv", 12, "size is 0");
    assertThat(e).hasMessage("a.csv:12: size is 0");
    assertThat(e.file()).isEqualTo("a.csv");
    assertThat(e.line()).isEqualTo(12);
    assertThat(e.reason()).isEqualTo("size is 0");
  }

  @Test
  void requestsAreChecked() {
    assertThat(new IoRequest(1.0, 4096, 512, IoOp.TRIM).endBytes()).isEqualTo(4608);
    assertThatThrownBy(() -> new IoRequest(0, -1, 512, IoOp.READ))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new IoRequest(0, 0, 0, IoOp.READ))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new IoRequest(Double.NaN, 0, 1, IoOp.READ))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new IoRequest(0, Long.MAX_VALUE, 1, IoOp.READ))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new IoRequest(0, 0, 1, null)).isInstanceOf(NullPointerException.class);
  }
}
