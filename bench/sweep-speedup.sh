#!/usr/bin/env bash
# The embedded sweep runner's speed-up, side by side in one run: docs/sweeps/bandwidth-40.yaml (40 short
# bandwidth runs) with --threads 1 and --threads 2, alternated PAIRS times (default 3), each into a fresh
# directory. For each command: wall seconds (the command's own "in N s", spec read and runs only), the
# process's CPU seconds (user + sys, from /usr/bin/time), the cores it obtained (CPU / whole wall) and
# the load average when it started. Whether 2 threads do the work of 1 at the same CPU cost (no lock,
# no shared state, no extra GC) shows in CPU per run; whether the machine gave them 2 cores shows in
# "cores". Usage: bench/sweep-speedup.sh [PAIRS] [SPEC]   (SPEC: a spec of 40 runs; default docs/sweeps/bandwidth-40.yaml)
set -euo pipefail
home="$(cd "$(dirname "$0")/.." && pwd)"
pairs="${1:-3}"
spec="$(realpath "${2:-$home/docs/sweeps/bandwidth-40.yaml}")"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
"$home/buddykit" sweep --help >/dev/null   # builds the jar first if it is stale
printf '%-6s %-8s %9s %9s %9s %8s %6s\n' pair threads "runs s" "CPU s" "CPU/run" cores load
declare -A sum
for ((p = 1; p <= pairs; p++)); do
  for t in 1 2; do
    load="$(cut -d' ' -f1 /proc/loadavg)"
    out="$tmp/p$p-t$t"
    /usr/bin/time -o "$tmp/time" -f '%e %U %S' "$home/buddykit" sweep "$spec" --out "$out" --threads "$t" -q \
      >"$tmp/stdout" 2>/dev/null
    read -r wall user sys <"$tmp/time"
    runs_s="$(sed -n 's/.* in \([0-9.]*\) s$/\1/p' "$tmp/stdout" | head -1)"
    cpu="$(echo "$user + $sys" | bc -l)"
    printf '%-6s %-8s %9.1f %9.1f %9.3f %8.2f %6s\n' "$p" "$t" "$runs_s" "$cpu" "$(echo "$cpu / 40" | bc -l)" \
      "$(echo "$cpu / $wall" | bc -l)" "$load"
    sum[$t]="$(echo "${sum[$t]:-0} + $runs_s" | bc -l)"
  done
done
printf 'throughput ratio (sum of --threads 1 times / sum of --threads 2 times): %.2fx\n' \
  "$(echo "${sum[1]} / ${sum[2]}" | bc -l)"
# The rows of the two thread counts must be the same after sorting, with millis cut off.
for t in 1 2; do
  sed 's/,"millis":[0-9]*}$/}/' "$tmp/p1-t$t/results.jsonl" | sort >"$tmp/rows$t"
done
cmp -s "$tmp/rows1" "$tmp/rows2" && echo "rows: identical for --threads 1 and 2" || echo "rows: DIFFER"
