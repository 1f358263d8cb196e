#!/usr/bin/env python3
"""`mtlint eval` on corpus/: run from another folder, documents found beside
each gold file; its last line equals ../shared/tools/mtlint-eval's on the
CLI's output for the same documents (compared when ../shared is present).

usage: test_eval.py MTLINT SOURCE_ROOT SHARED_DIR
"""
import glob
import os
import subprocess
import sys
import tempfile

mtlint, root, shared = sys.argv[1:4]
mtlint = os.path.abspath(mtlint)
root = os.path.abspath(root)
evaltool = os.path.join(shared, "tools", "mtlint-eval")
fails = passes = 0
for gold in sorted(glob.glob(os.path.join(root, "corpus", "*", "gold.jsonl"))):
    folder = os.path.dirname(gold)
    with tempfile.TemporaryDirectory() as tmp:
        r = subprocess.run([mtlint, "eval", "--gold", gold], cwd=tmp,
                           capture_output=True, text=True)
    lines = r.stdout.strip().splitlines()
    last = lines[-1] if lines else ""
    print(f"== {os.path.relpath(gold, root)}\n{r.stdout.rstrip()}")
    if r.returncode not in (0, 1) or not last.startswith("recall "):
        print(f"FAIL: mtlint eval exited {r.returncode}: {r.stderr}")
        fails += 1
        continue
    docs = sorted(glob.glob(os.path.join(folder, "*.txt")))
    n = len(docs)
    if not last.endswith(f"documents {n}/{n}"):
        print(f"FAIL: expected all {n} documents found")
        fails += 1
        continue
    if os.path.exists(evaltool):
        out = subprocess.run([mtlint, "--format", "jsonl"] + docs,
                             capture_output=True, text=True)
        with tempfile.NamedTemporaryFile("w", suffix=".jsonl",
                                         delete=False) as f:
            f.write(out.stdout)
            pred = f.name
        ref = subprocess.run([sys.executable, evaltool, "--gold", gold,
                              "--pred", pred], capture_output=True, text=True)
        os.unlink(pred)
        ref_last = ref.stdout.strip().splitlines()[-1]
        if ref_last != last:
            print(f"FAIL: last lines differ:\n  mtlint eval:  {last}\n"
                  f"  mtlint-eval:  {ref_last}")
            fails += 1
            continue
        print("same last line as ../shared/tools/mtlint-eval")
    passes += 1
print(f"{passes} passed, {fails} failed")
sys.exit(1 if fails else 0)
