"""Puts perf's samples on the instructions of HotSpot's compiled methods (see perfasm.sh).

usage: python3 annotate.py PRINTASSEMBLY_OUTPUT SAMPLE_IPS [TOP]
Each C2 method printed by -XX:+PrintAssembly (as raw bytes when hsdis cannot decode them) is
disassembled with objdump; every instruction is printed with its share of all samples, the
methods with the most samples first.
"""
import collections
import re
import subprocess
import sys
import tempfile


def methods(listing):
    """(header, start address, code bytes) of each C2 method in the listing."""
    for block in listing.split("Compiled method (c2)")[1:]:
        if "[MachCode]" not in block:
            continue
        code = block.split("[MachCode]")[1].split("[/MachCode]")[0]
        start, data = None, bytearray()
        for line in code.split("\n"):
            m = re.match(r"\s*0x([0-9a-f]+): ((?:[0-9a-f]{2,8}\s*\|?\s*)+)$", line)
            if not m:
                continue
            addr = int(m.group(1), 16)
            if start is None:
                start = addr
            if addr - start == len(data):
                data += bytes.fromhex(re.sub(r"[^0-9a-f]", "", m.group(2)))
        if start is not None:
            yield block.split("\n")[0].strip(), start, bytes(data)


def main(asm_path, ips_path, top):
    samples = collections.Counter()
    for line in open(ips_path):
        try:
            samples[int(line.split()[0], 16)] += 1
        except (IndexError, ValueError):
            pass
    total = sum(samples.values()) or 1
    found = []
    for header, start, data in methods(open(asm_path, errors="replace").read()):
        n = sum(c for a, c in samples.items() if start <= a < start + len(data))
        if n:
            found.append((n, header, start, data))
    found.sort(key=lambda f: -f[0])
    for n, header, start, data in found[:top]:
        print("=== %.1f%% of all samples: %s (%d bytes)" % (100.0 * n / total, header, len(data)))
        with tempfile.NamedTemporaryFile(suffix=".bin") as f:
            f.write(data)
            f.flush()
            dump = subprocess.run(
                ["objdump", "-D", "-b", "binary", "-mi386:x86-64", "-Mintel", "--adjust-vma=%#x" % start, f.name],
                capture_output=True, text=True, check=True).stdout
        for line in dump.split("\n"):
            m = re.match(r"\s*([0-9a-f]+):\s+(?:[0-9a-f]{2} )+\s*(.*)", line)
            if m:
                a = int(m.group(1), 16)
                print("%6.2f%% %x %s" % (100.0 * samples.get(a, 0) / total, a, m.group(2)))


if __name__ == "__main__":
    if len(sys.argv) not in (3, 4):
        sys.exit("usage: python3 annotate.py PRINTASSEMBLY_OUTPUT SAMPLE_IPS [TOP]")
    main(sys.argv[1], sys.argv[2], int(sys.argv[3]) if len(sys.argv) == 4 else 2)
