package io.buddykit.sweep;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.ServiceLoader;

/**
 * Loads the sweep engines other than the embedded runner, which the command does not compile against:
 * the {@code spark} module's job, loaded from what that module's build leaves in {@code
 * spark/target} (its job jar, and {@code spark-classpath.txt} naming Spark's jars in the local
 * Maven repository) through {@link ServiceLoader}. Spark and its libraries load child-first, so
 * Spark runs on its own Jackson while buddykit's classes, this jar's, run on theirs; only
 * {@code io.buddykit} classes outside {@code io.buddykit.spark} are shared.
 */
public final class EngineLoader {
  /** How to build the spark module, said whenever it is missing. */
  public static final String BUILD = "build it with `mvn -B -q package -pl spark -am -DskipTests` in the checkout"
      + " (the first build fetches Apache Spark 4.2, about 270 MB, into ~/.m2)";

  private EngineLoader() {}

  /**
   * The engine called {@code name} from the checkout at {@code home} (the command's {@code
   * buddykit.home}); throws, naming {@code --engine}, if it is unknown or not built.
   */
  public static Loaded load(String name, String home) {
    if (!name.equals("spark")) {
      throw new IllegalArgumentException("--engine must be embedded or spark, not " + name);
    }
    if (home == null) {
      throw new IllegalArgumentException("--engine spark: run the command through ./buddykit, which tells it"
          + " where the checkout and its spark module are");
    }
    Path target = Path.of(home, "spark", "target");
    Path jar = target.resolve("buddykit-spark.jar");
    Path classpath = target.resolve("spark-classpath.txt");
    if (!Files.isRegularFile(jar) || !Files.isRegularFile(classpath)) {
      throw new IllegalArgumentException("--engine spark: the spark module is not built (no " + jar + "); "
          + BUILD);
    }
    List<URL> urls = new ArrayList<>();
    try {
      urls.add(jar.toUri().toURL());
      for (String entry : Files.readString(classpath).strip().split(File.pathSeparator)) {
        Path p = Path.of(entry);
        if (!Files.exists(p)) {
          throw new IllegalArgumentException("--engine spark: " + p + ", on the spark module's classpath, is"
              + " gone; " + BUILD);
        }
        urls.add(p.toUri().toURL());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    ClassLoader loader = new ChildFirst(urls.toArray(URL[]::new), EngineLoader.class.getClassLoader());
    SweepEngine engine = ServiceLoader.load(SweepEngine.class, loader).stream().map(ServiceLoader.Provider::get)
        .filter(e -> e.name().equals(name)).findFirst().orElseThrow(() -> new IllegalArgumentException(
            "--engine spark: " + jar + " holds no spark engine; " + BUILD));
    return new Loaded(engine, loader);
  }

  /** An engine and the loader its classes came from, which it runs under as the context class loader. */
  public record Loaded(SweepEngine engine, ClassLoader loader) {}

  /**
   * Child-first, except for the platform's classes and buddykit's own outside {@code
   * io.buddykit.spark}, which come from the parent so that both sides share the sweep's types.
   */
  private static final class ChildFirst extends URLClassLoader {
    ChildFirst(URL[] urls, ClassLoader parent) {
      super("sweep-engine", urls, parent);
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
      synchronized (getClassLoadingLock(name)) {
        Class<?> c = findLoadedClass(name);
        if (c == null) {
          c = platform(name);
        }
        if (c == null && name.startsWith("io.buddykit.") && !name.startsWith("io.buddykit.spark.")) {
          c = getParent().loadClass(name);
        }
        if (c == null) {
          try {
            c = findClass(name);
          } catch (ClassNotFoundException e) {
            c = getParent().loadClass(name);
          }
        }
        if (resolve) {
          resolveClass(c);
        }
        return c;
      }
    }

    private static Class<?> platform(String name) {
      try {
        return ClassLoader.getPlatformClassLoader().loadClass(name);
      } catch (ClassNotFoundException e) {
        return null;
      }
    }

    @Override
    public URL getResource(String name) {
      URL u = findResource(name);
      return u != null ? u : super.getResource(name);
    }

    @Override
    public Enumeration<URL> getResources(String name) throws IOException {
      List<URL> all = Collections.list(findResources(name));
      all.addAll(Collections.list(getParent().getResources(name)));
      return Collections.enumeration(all);
    }
  }
}
