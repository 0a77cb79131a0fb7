package io.buddykit.trace.memory;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;
import java.net.URLClassLoader;
import org.junit.jupiter.api.Test;

/**
 * PageEvents.NONE is never null, whichever of PageEvents and NoEvents the JVM initialises first.
 * It was NoEvents.INSTANCE, read while NoEvents was still being initialised when a format sniffer
 * touched NoEvents first: every zone's tracepoint sink was then null and sim and replay failed
 * with a NullPointerException, depending on what ran before them in the JVM.
 */
class NoEventsInitTest {
  @Test
  void noneIsSetWhenNoEventsIsInitialisedFirst() throws Exception {
    URL classes = PageEvents.class.getProtectionDomain().getCodeSource().getLocation();
    try (URLClassLoader fresh = new URLClassLoader(new URL[] {classes}, ClassLoader.getPlatformClassLoader())) {
      Class.forName("io.buddykit.trace.memory.NoEvents", true, fresh);
      Object none = Class.forName("io.buddykit.trace.memory.PageEvents", true, fresh).getField("NONE").get(null);
      assertThat(none).isNotNull();
    }
    try (URLClassLoader fresh = new URLClassLoader(new URL[] {classes}, ClassLoader.getPlatformClassLoader())) {
      Object none = Class.forName("io.buddykit.trace.memory.PageEvents", true, fresh).getField("NONE").get(null);
      assertThat(none).isNotNull();
      assertThat(Class.forName("io.buddykit.trace.memory.NoEvents", true, fresh).getDeclaredField("INSTANCE"))
          .isNotNull();
    }
  }
}
