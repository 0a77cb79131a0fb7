package io.buddykit.spark;

import io.buddykit.sweep.Estimate;
import io.buddykit.sweep.RunRow;
import io.buddykit.sweep.SweepEngine;
import io.buddykit.sweep.SweepSpec;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.IntStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;
import scala.Tuple2;

/**
 * A sweep spec as a Spark job. The driver cuts the spec's runs into tasks (one run a task, up to
 * {@link #MAX_TASKS}); each task parses the spec from its JSON text (once per executor JVM) and
 * runs {@link RunRow#run}, the embedded runner's own call, so a row is the same line whichever
 * engine ran it. Under {@code --out PATH} (any Hadoop-compatible path: a local directory, {@code
 * hdfs://}, {@code s3a://} with its connector) it writes:
 * <ul>
 *   <li>{@code results.jsonl/}: the rows as JSON lines, {@code results.jsonl} of the embedded runner cut
 *       into part files;
 *   <li>{@code results.parquet/}: scenario, params (JSON text), seed, millis, metrics (each named
 *       number, a map of doubles) and results (JSON text);
 *   <li>{@code summary.jsonl/}: per point and metric, n, mean, sd and the 95% interval, computed in
 *       Spark by {@link Estimate#of}, the one owner of the formula, on each group's values.
 * </ul>
 * A trace sweep's files are read by the executors at the paths the spec names: on a cluster they
 * must be on a file system every node mounts at that path.
 */
public final class SparkSweep implements SweepEngine {
  /** The most tasks a job is cut into; past it, runs share tasks. */
  public static final int MAX_TASKS = 10_000;

  private static final StructType ROWS = new StructType()
      .add("scenario", DataTypes.StringType, false)
      .add("params", DataTypes.StringType, false)
      .add("seed", DataTypes.LongType, false)
      .add("millis", DataTypes.LongType, false)
      .add("metrics", DataTypes.createMapType(DataTypes.StringType, DataTypes.DoubleType, false), false)
      .add("results", DataTypes.StringType, false)
      .add("line", DataTypes.StringType, false);

  private static final StructType SUMMARY = new StructType()
      .add("params", DataTypes.StringType, false)
      .add("metric", DataTypes.StringType, false)
      .add("n", DataTypes.IntegerType, false)
      .add("mean", DataTypes.DoubleType, true)
      .add("sd", DataTypes.DoubleType, true)
      .add("ci95_low", DataTypes.DoubleType, true)
      .add("ci95_high", DataTypes.DoubleType, true);

  /** Each executor JVM's specs, parsed once from their JSON text, with their runs. */
  private static final Map<String, Tuple2<SweepSpec, List<SweepSpec.Run>>> SPECS = new ConcurrentHashMap<>();

  /** For {@link java.util.ServiceLoader}. */
  public SparkSweep() {}

  @Override
  public String name() {
    return "spark";
  }

  /** Runs {@code spec} on a session of {@code master} (created here, stopped after) and collects the rows. */
  @Override
  public List<String> run(SweepSpec spec, String out, String master) {
    SparkSession spark = SparkSession.builder().master(master).appName("buddykit sweep " + spec.scenario())
        .config("spark.ui.enabled", "false").getOrCreate();
    // In a command's process Spark's INFO lines would bury its output: warnings and worse only, once
    // the context is up (Spark sets up its logging as it starts, over anything set before).
    spark.sparkContext().setLogLevel("WARN");
    try {
      return lines(job(spark, spec, out));
    } finally {
      spark.stop();
    }
  }

  /** The rows' lines, collected to the driver. */
  public static List<String> lines(Dataset<Row> rows) {
    return rows.select("line").as(Encoders.STRING()).collectAsList();
  }

  /**
   * Runs every run of {@code spec} on {@code spark} and writes the three outputs under {@code out},
   * which must not exist yet; returns the rows (persisted), whose {@code line} column is the results'
   * lines.
   */
  public static Dataset<Row> job(SparkSession spark, SweepSpec spec, String out) {
    requireNew(spark, out);
    String json = spec.json();
    int runs = spec.runs().size();
    List<Integer> indices = IntStream.range(0, runs).boxed().toList();
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    JavaRDD<Row> rdd = jsc.parallelize(indices, Math.min(runs, MAX_TASKS)).map(i -> row(json, i));
    Dataset<Row> rows = spark.createDataFrame(rdd, ROWS).persist(StorageLevel.MEMORY_AND_DISK());
    // The kept names against the first run's numbers before anything is written, as the embedded runner does.
    spec.checkKeep(rows.first().getJavaMap(4));
    rows.select("line").write().text(out + "/results.jsonl");
    rows.drop("line").write().parquet(out + "/results.parquet");
    summary(spark, spec, rows).coalesce(1).write().option("ignoreNullFields", "false").json(out + "/summary.jsonl");
    return rows;
  }

  private static void requireNew(SparkSession spark, String out) {
    org.apache.hadoop.fs.Path p = new org.apache.hadoop.fs.Path(out);
    try {
      FileSystem fs = p.getFileSystem(spark.sparkContext().hadoopConfiguration());
      if (fs.exists(p)) {
        throw new IllegalArgumentException("--out " + out + ": already exists; give a new path");
      }
    } catch (IOException e) {
      throw new IllegalArgumentException("--out " + out + ": " + e.getMessage(), e);
    }
  }

  /** Task {@code index} of the spec written as {@code specJson}: its run, as a row of {@link #ROWS}. */
  static Row row(String specJson, int index) {
    Tuple2<SweepSpec, List<SweepSpec.Run>> spec = SPECS.computeIfAbsent(specJson, j -> {
      SweepSpec s = SweepSpec.ofJson("spec", j);
      return new Tuple2<>(s, s.runs());
    });
    RunRow r = RunRow.run(spec._1(), spec._2().get(index));
    Map<String, Double> metrics = new LinkedHashMap<>();
    r.results().forEach((k, v) -> {
      // Only finite numbers, as the row's JSON line holds them: the mapper writes an infinite one
      // (a flash run's projected lifetime with no erase yet) as null, which Summary does not count.
      if (v instanceof Number n && Double.isFinite(n.doubleValue())) {
        metrics.put(k, n.doubleValue());
      }
    });
    return RowFactory.create(r.scenario(), r.paramsText(), r.seed(), r.millis(),
        scala.jdk.javaapi.CollectionConverters.asScala(metrics), r.resultsText(), r.line());
  }

  /**
   * Per point and metric (the spec's {@code keep}, or every named number), the {@link Estimate} of
   * its values over the seeds: grouped and estimated on the executors, as {@link #SUMMARY} rows
   * ordered by params and metric.
   */
  public static Dataset<Row> summary(SparkSession spark, SweepSpec spec, Dataset<Row> rows) {
    List<String> keep = List.copyOf(spec.keep());
    JavaRDD<Row> estimates = rows.select("params", "metrics").javaRDD()
        .flatMapToPair(r -> {
          Map<String, Double> m = r.getJavaMap(1);
          List<Tuple2<Tuple2<String, String>, Double>> out = new ArrayList<>();
          m.forEach((metric, v) -> {
            if (keep.isEmpty() || keep.contains(metric)) {
              out.add(new Tuple2<>(new Tuple2<>(r.getString(0), metric), v));
            }
          });
          return out.iterator();
        })
        .groupByKey()
        .map(g -> {
          List<Double> values = new ArrayList<>();
          g._2().forEach(values::add);
          Estimate e = Estimate.of(values.stream().mapToDouble(Double::doubleValue).toArray());
          return RowFactory.create(g._1()._1(), g._1()._2(), e.n(), finite(e.mean()), finite(e.sd()),
              finite(e.ciLow()), finite(e.ciHigh()));
        });
    return spark.createDataFrame(estimates, SUMMARY).orderBy("params", "metric");
  }

  private static Double finite(double v) {
    return Double.isFinite(v) ? v : null;
  }

  /**
   * {@code spark-submit --class io.buddykit.spark.SparkSweep buddykit-spark.jar SPEC --out PATH}:
   * the spec (read on the driver) as a job on the session spark-submit configures. A bad spec or
   * argument is one {@code buddykit:} line on standard error and exit status 2, before the session
   * starts.
   */
  public static void main(String[] args) {
    if (args.length != 3 || !args[1].equals("--out")) {
      fail("usage: spark-submit --class " + SparkSweep.class.getName() + " buddykit-spark.jar SPEC --out PATH");
    }
    SweepSpec spec = null;
    try {
      spec = SweepSpec.read(Path.of(args[0]));
    } catch (IllegalArgumentException e) {
      fail(e.getMessage());
    }
    SparkSession spark = SparkSession.builder().appName("buddykit sweep " + spec.scenario()).getOrCreate();
    try {
      long start = System.nanoTime();
      Dataset<Row> rows = job(spark, spec, args[2]);
      System.out.printf(Locale.ROOT, "sweep %s: %d runs on Spark %s in %.1f s; results.jsonl, results.parquet"
          + " and summary.jsonl in %s%n", spec.scenario(), rows.count(), spark.version(),
          (System.nanoTime() - start) / 1e9, args[2]);
    } catch (IllegalArgumentException e) {
      spark.stop();
      fail(e.getMessage());
    } finally {
      spark.stop();
    }
  }

  private static void fail(String message) {
    System.err.println("buddykit: " + message);
    System.exit(2);
  }
}
