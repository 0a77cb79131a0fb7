package io.buddykit.examples;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Runs each example's main and checks what it printed. */
class ExamplesTest {

  private static String run(ThrowingMain main) throws Exception {
    PrintStream out = System.out;
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
    try {
      main.run(new String[0]);
    } finally {
      System.setOut(out);
    }
    String printed = buf.toString(StandardCharsets.UTF_8);
    out.print(printed);
    return printed;
  }

  @FunctionalInterface
  interface ThrowingMain {
    void run(String[] args) throws Exception;
  }

  @Test
  void core() throws Exception {
    String out = run(CoreExample::main);
    assertTrue(out.contains("Node 0, zone   Normal"), out);
  }

  @Test
  void arena() throws Exception {
    String out = run(ArenaExample::main);
    assertTrue(out.contains("64 KiB buffer aligned to 64 KiB: true"), out);
  }

  @Test
  void netty() throws Exception {
    String out = run(NettyExample::main);
    assertTrue(out.contains("echoed: hello, buddy"), out);
    assertTrue(out.contains("arena bytes in use after the channels closed: 0"), out);
  }
}
