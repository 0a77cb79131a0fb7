#!/bin/sh
# Reproduces BENCHMARKS.md's figures for the core on workload P, its scaling table and the core
# JMH benchmarks, with the peers in the same interleaved rounds, CPU time per pair. Run it from
# the repository root on a quiet machine:
#
#   bench/scripts/peer-p.sh p [rounds]      workload P: both orders, glibc, the loops alone, and the
#                                           out-of-tree peers below if given; ratios per round
#   bench/scripts/peer-p.sh scale [rounds]  ns per pair against the space (2^20, 2^24, 2^28 units,
#                                           10k live) and the live blocks (1k..1M, 2^26 units)
#   bench/scripts/peer-p.sh jmh             FullDepthSplitMerge, Order0SteadyState, MixedOrders and
#                                           PeerWorkload, both orders in one JMH run
#
# Out-of-tree peers (never vendored), timed when their binaries are given:
#   BUDDY_ALLOC_PBENCH=path  a jjyr/buddy-alloc harness taking `buddy xs pairs warmup`
#   LINUX_C=path             a C allocator with Linux's design taking `xs 22 pairs warmup`
# Both must print `cpu_ns_per_pair=N` for the same loop (see WorkloadP's doc comment).
#
# Raw lines go to bench/target/peer-p/<mode>-<time>.log, the summary to standard output. Nothing
# asserts a speed: the figures are for reading.
set -eu

mode=${1:-p}
rounds=${2:-5}
PAIRS=${PAIRS:-20000000}
WARMUP=${WARMUP:-5000000}
cd "$(dirname "$0")/../.."
JAVA=${JAVA:-$(ls -d /usr/lib/jvm/*25*/bin/java 2>/dev/null | head -1)}
if [ -z "$JAVA" ] || [ ! -x "$JAVA" ]; then
  echo "buddykit: JAVA: no JDK 25 java found; set JAVA=/path/to/java" >&2
  exit 2
fi
JAR=bench/target/benchmarks.jar
out=bench/target/peer-p
mkdir -p "$out"
log="$out/$mode-$(date -u +%Y%m%dT%H%M%S).log"

case "$mode" in
  p | scale | jmh) ;;
  *)
    echo "buddykit: mode: expected p, scale or jmh, got $mode" >&2
    exit 2
    ;;
esac
case "$rounds" in
  '' | *[!0-9]*)
    echo "buddykit: rounds: expected a count, got $rounds" >&2
    exit 2
    ;;
esac
for peer in "${BUDDY_ALLOC_PBENCH:-}" "${LINUX_C:-}"; do
  if [ -n "$peer" ] && [ ! -x "$peer" ]; then
    echo "buddykit: $peer: not an executable" >&2
    exit 2
  fi
done

if [ ! -f "$JAR" ] || [ -n "$(find core/src bench/src -newer "$JAR" -name '*.java' | head -1)" ]; then
  mvn -B -q -o package -DskipTests -pl bench -am
fi
gcc -O2 -std=gnu11 -Wall -Wextra -o "$out/peer_p" bench/src/main/c/peer_p.c

load() { cut -d' ' -f1 /proc/loadavg; }

# one line per run: round=R load=L <the program's line>
run() {
  line=$("$@")
  echo "round=$r load=$(load) $line" | tee -a "$log" >&2
}

java_p() { # order log2Units live
  run "$JAVA" -cp "$JAR" io.buddykit.bench.WorkloadP "$1" "$2" "$3" "$PAIRS" "$WARMUP"
}

case "$mode" in
  p)
    for r in $(seq "$rounds"); do
      java_p LOWEST_ADDRESS 22 10000
      java_p LINUX 22 10000
      run "$out/peer_p" glibc 10000 "$PAIRS" "$WARMUP"
      java_p none 22 10000
      run "$out/peer_p" none 10000 "$PAIRS" "$WARMUP"
      if [ -n "${BUDDY_ALLOC_PBENCH:-}" ]; then run "$BUDDY_ALLOC_PBENCH" buddy xs "$PAIRS" "$WARMUP"; fi
      if [ -n "${LINUX_C:-}" ]; then run "$LINUX_C" xs 22 "$PAIRS" "$WARMUP"; fi
    done
    ;;
  scale)
    for r in $(seq "$rounds"); do
      for order in LOWEST_ADDRESS LINUX; do
        for units in 20 24 28; do java_p "$order" "$units" 10000; done
        for live in 1000 10000 100000 1000000; do java_p "$order" 26 "$live"; done
      done
    done
    ;;
  jmh)
    r=1
    "$JAVA" -jar "$JAR" -f 1 -wi 3 -i 5 -w 2s -r 2s \
      'FullDepthSplitMerge|Order0SteadyState|MixedOrders|PeerWorkload' 2>&1 | tee -a "$log"
    echo "load average at the end: $(cat /proc/loadavg)"
    exit 0
    ;;
esac

python3 bench/scripts/summarize.py "$log"
