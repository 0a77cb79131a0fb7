#!/bin/sh
# The hot instructions of workload P's loop, per instruction, where JMH's -prof perfasm cannot
# run: this VM's perf has no hardware counters (cycles are "not supported"), and the hsdis
# package for JDK 25 (Debian's libhsdis0-fcml) prints code as raw bytes. So: perf samples the
# cpu-clock software event, -XX:+PrintAssembly prints the compiled loop's bytes, objdump
# disassembles them and annotate.py puts the share of samples on each instruction.
#
#   bench/scripts/perfasm.sh [LINUX|LOWEST_ADDRESS] [top]
#
# Needs perf, objdump and python3, and bench/target/benchmarks.jar (mvn -o package -pl bench
# -am). Prints the `top` (default 2) compiled methods with the most samples; samples land on
# the instruction after a stalled load (skid), so read a hot line as "the load just above".
set -eu
order=${1:-LINUX}
top=${2:-2}
case "$order" in
  LINUX | LOWEST_ADDRESS) ;;
  *) echo "buddykit: order: expected LINUX or LOWEST_ADDRESS, got $order" >&2; exit 2 ;;
esac
cd "$(dirname "$0")/../.."
JAVA=${JAVA:-$(ls -d /usr/lib/jvm/*25*/bin/java 2>/dev/null | head -1)}
out=bench/target/perfasm
mkdir -p "$out"
hsdis=$(ls /usr/lib/x86_64-linux-gnu/libhsdis.so.0 2>/dev/null || true)
if [ -z "$hsdis" ]; then
  echo "buddykit: hsdis: not installed (apt-get install libhsdis0-fcml)" >&2
  exit 2
fi
ln -sf "$hsdis" "$out/hsdis-amd64.so"
LD_LIBRARY_PATH="$PWD/$out" perf record -q -e cpu-clock -F 4000 -o "$out/perf.data" -- \
  "$JAVA" -XX:+UnlockDiagnosticVMOptions '-XX:CompileCommand=print,io.buddykit.bench.WorkloadP::loop' \
  '-XX:CompileCommand=print,io.buddykit.core.*::*' -cp bench/target/benchmarks.jar \
  io.buddykit.bench.WorkloadP "$order" 22 10000 40000000 5000000 > "$out/$order.asm"
perf script -i "$out/perf.data" -F ip 2>/dev/null > "$out/$order.ips"
python3 bench/scripts/annotate.py "$out/$order.asm" "$out/$order.ips" "$top"
