/**
 * A sweep as an Apache Spark job: {@link io.buddykit.spark.SparkSweep} runs a {@link
 * io.buddykit.sweep.SweepSpec} with each (point, seed) or trace as a task, each task the same
 * {@link io.buddykit.sweep.RunRow} the embedded runner writes, and reduces the rows to the same
 * {@link io.buddykit.sweep.Estimate}s in Spark. Both a {@code spark-submit} main class (Spark
 * provided by the cluster) and the {@link io.buddykit.sweep.SweepEngine} behind {@code buddykit
 * sweep --engine spark}. Nothing here touches Jackson: the command loads this module beside its
 * own classes, Spark's Jackson on this side and buddykit's on the other.
 */
package io.buddykit.spark;
