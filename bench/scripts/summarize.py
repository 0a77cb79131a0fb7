"""Summarises a peer-p.sh log: per configuration the median CPU ns per pair (min-max), and per
round the ratios that BENCHMARKS.md quotes (median and range over the rounds).

usage: python3 summarize.py LOG
"""
import re
import statistics
import sys
from collections import defaultdict


def key(fields):
    """One configuration: the allocator, and the space and live blocks when the line has them."""
    k = fields["alloc"]
    if "log2Units" in fields:
        k += " 2^%s units" % fields["log2Units"]
    if "live" in fields and fields["live"] != "10000":
        k += " live=%s" % fields["live"]
    return k


def main(path):
    runs = defaultdict(dict)  # round -> config -> ns
    loads = []
    for line in open(path):
        fields = dict(re.findall(r"(\w+)=(\S+)", line))
        if "cpu_ns_per_pair" not in fields or "round" not in fields:
            continue
        runs[fields["round"]][key(fields)] = float(fields["cpu_ns_per_pair"])
        loads.append(float(fields["load"]))
    if not runs:
        sys.exit("summarize: %s: no runs" % path)
    configs = sorted({c for r in runs.values() for c in r})
    print("%d rounds, load average %.1f-%.1f during the runs" % (len(runs), min(loads), max(loads)))
    print()
    print("| configuration | CPU ns per pair, median (min-max) |")
    print("|---|---|")
    for c in configs:
        xs = [r[c] for r in runs.values() if c in r]
        print("| %s | %.1f (%.1f-%.1f) |" % (c, statistics.median(xs), min(xs), max(xs)))
    ratios = [
        ("buddykit-LINUX", "buddy-alloc"),
        ("buddykit-LINUX", "glibc"),
        ("buddykit-LINUX", "linux-c"),
        ("buddykit-LOWEST_ADDRESS", "buddy-alloc"),
        ("buddykit-LOWEST_ADDRESS", "glibc"),
        ("buddykit-LINUX", "buddykit-LOWEST_ADDRESS"),
    ]
    rows = []
    for a, b in ratios:
        ka = [c for c in configs if c.startswith(a + " ") or c == a]
        kb = [c for c in configs if c.startswith(b + " ") or c == b]
        if len(ka) != 1 or len(kb) != 1:
            continue
        xs = [r[ka[0]] / r[kb[0]] for r in runs.values() if ka[0] in r and kb[0] in r]
        if xs:
            rows.append("| %s / %s | %.2f (%.2f-%.2f) |" % (a, b, statistics.median(xs), min(xs), max(xs)))
    if rows:
        print()
        print("| ratio, per round | median (min-max) |")
        print("|---|---|")
        print("\n".join(rows))


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: python3 summarize.py LOG")
    main(sys.argv[1])
