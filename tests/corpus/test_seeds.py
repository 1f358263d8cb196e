#!/usr/bin/env python3
"""The three seed articles against their gold labels, scored by
../shared/tools/mtlint-eval: every detectable label of the categories whose
detectors have landed is found, and no clean span is flagged.

usage: test_seeds.py MTLINT SOURCE_ROOT SHARED_DIR
"""
import os
import subprocess
import sys
import tempfile

mtlint, root, shared = sys.argv[1:4]
mtlint = os.path.abspath(mtlint)
seeds = os.path.join(root, "corpus", "seeds")
gold = os.path.join(seeds, "gold.jsonl")
evaltool = os.path.join(shared, "tools", "mtlint-eval")
if not os.path.exists(evaltool):
    print(f"skip: {evaltool} absent (needs ../shared)")
    sys.exit(77)

# Categories whose detectors have landed: each must reach full recall.
REQUIRED = ["duplicate", "boilerplate", "name", "date", "quote", "acronym",
            "casing"]

docs = sorted(os.path.join(seeds, f) for f in os.listdir(seeds)
              if f.endswith(".txt"))
out = subprocess.run([mtlint, "--format", "jsonl"] + docs,
                     capture_output=True, text=True)
if out.returncode != 0:
    print("mtlint failed:", out.stderr)
    sys.exit(1)
with tempfile.NamedTemporaryFile("w", suffix=".jsonl", delete=False) as f:
    f.write(out.stdout)
    pred = f.name
fails = passes = 0
try:
    for cat in REQUIRED + [None]:
        args = [sys.executable, evaltool, "--gold", gold, "--pred", pred,
                "--show", "--max-fp", "0"]
        if cat:
            args += ["--category", cat, "--min-recall", "1.0"]
        r = subprocess.run(args, capture_output=True, text=True)
        print(f"== {cat or 'all categories (clean spans only)'}")
        print(r.stdout.rstrip())
        if r.returncode != 0:
            fails += 1
        else:
            passes += 1
finally:
    os.unlink(pred)
print(f"{passes} passed, {fails} failed")
sys.exit(1 if fails else 0)
