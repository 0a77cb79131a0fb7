#!/usr/bin/env python3
"""Rewrites the "params" object of golden --json outputs to the parameters' declared kinds.

Issue 13, typed parameters: a result's params went from text ("1024", "3,10,25") to JSON values
(1024, [3, 10, 25]). This script makes that change, and only that change, to the golden files:

    ./buddykit scenario list --json > /tmp/kinds.json
    python3 cli/src/test/scripts/typed_golden_params.py /tmp/kinds.json cli/src/test/resources/golden/*.json

For each golden whose top level has "scenario" and "params", each param still held as text is
converted by its kind (integer -> whole number, number -> number, integers/numbers -> list,
flag -> boolean; size, choice and text stay text). Values already converted are left alone, so
running it again changes nothing. The params block is re-rendered in place in Jackson's indented
style; every other byte of the file is kept.
"""
import json
import re
import sys


def java_double(x):
    """A double as Java's Double.toString writes those of params (16.0, 0.07); the test compares parsed JSON."""
    return repr(float(x))


def render(value):
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return java_double(value)
    if isinstance(value, list):
        return "[ " + ", ".join(render(v) for v in value) + " ]" if value else "[ ]"
    return json.dumps(value, ensure_ascii=False)


def typed(kind, text):
    if not isinstance(text, str):
        return text
    if kind == "integer":
        return int(text.strip())
    if kind == "number":
        return float(text.strip())
    if kind == "integers":
        return [int(x.strip()) for x in text.split(",")]
    if kind == "numbers":
        return [float(x.strip()) for x in text.split(",")]
    if kind == "flag":
        return text.strip().lower() == "true"
    return text


def rewrite(path, kinds):
    original = open(path, encoding="utf-8").read()
    doc = json.loads(original)
    if not isinstance(doc, dict) or "params" not in doc or doc.get("scenario") not in kinds:
        return False
    declared = kinds[doc["scenario"]]
    params = {name: typed(declared[name], value) for name, value in doc["params"].items()}
    block = re.search(r'\n  "params" : \{[^{}]*\}', original)
    if not params:
        new_block = '\n  "params" : { }'
    else:
        lines = ['    %s : %s' % (json.dumps(k), render(v)) for k, v in params.items()]
        new_block = '\n  "params" : {\n' + ",\n".join(lines) + "\n  }"
    updated = original[:block.start()] + new_block + original[block.end():]
    if json.loads(updated)["params"] != params:
        raise SystemExit("%s: the rewritten params do not read back" % path)
    if updated != original:
        open(path, "w", encoding="utf-8").write(updated)
        return True
    return False


def main():
    listing = json.load(open(sys.argv[1], encoding="utf-8"))
    kinds = {s["name"]: {p["name"]: p["kind"] for p in s["params"]} for s in listing}
    for path in sys.argv[2:]:
        if rewrite(path, kinds):
            print("rewrote params of", path)


if __name__ == "__main__":
    main()
