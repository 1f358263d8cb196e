#!/usr/bin/env python3
"""Corpus golden files: for each corpus/**/*.txt the reviewed JSONL output
tests/corpus/golden/<path>.jsonl must match mtlint's output exactly (one
document at a time, batch rules off).  --update rewrites the golden files
after a reviewed change.

usage: test_golden.py MTLINT SOURCE_ROOT [--update]
"""
import glob
import os
import subprocess
import sys

mtlint, root = sys.argv[1:3]
mtlint = os.path.abspath(mtlint)
update = "--update" in sys.argv[3:]
golden_dir = os.path.join(root, "tests", "corpus", "golden")
docs = sorted(glob.glob(os.path.join(root, "corpus", "**", "*.txt"),
                        recursive=True))
if not docs:
    print("no corpus documents")
    sys.exit(1)
fails = passes = 0
for d in docs:
    rel = os.path.relpath(d, root)
    out = subprocess.run([mtlint, "--format", "jsonl", "--batch-rules", "off",
                          rel], capture_output=True, text=True, cwd=root)
    if out.returncode != 0:
        print(f"FAIL {rel}: mtlint exited {out.returncode}: {out.stderr}")
        fails += 1
        continue
    gpath = os.path.join(golden_dir, rel + ".jsonl")
    if update:
        os.makedirs(os.path.dirname(gpath), exist_ok=True)
        with open(gpath, "w", encoding="utf-8") as f:
            f.write(out.stdout)
        print(f"updated {gpath}")
        passes += 1
        continue
    if not os.path.exists(gpath):
        print(f"FAIL {rel}: no golden file {gpath} (run with --update after review)")
        fails += 1
        continue
    with open(gpath, encoding="utf-8") as f:
        want = f.read()
    if want != out.stdout:
        fails += 1
        print(f"FAIL {rel}: output differs from {gpath}")
        import difflib, json
        w = json.loads(want) if want.strip() else {}
        g = json.loads(out.stdout) if out.stdout.strip() else {}
        wf = [(x["rule"], x["text"]) for x in w.get("flags", [])]
        gf = [(x["rule"], x["text"]) for x in g.get("flags", [])]
        for line in difflib.unified_diff([str(x) for x in wf],
                                         [str(x) for x in gf], lineterm=""):
            print("   ", line)
        if w.get("score") != g.get("score"):
            print(f"    score {w.get('score')} -> {g.get('score')}")
    else:
        passes += 1
print(f"{passes} passed, {fails} failed")
sys.exit(1 if fails else 0)
