#!/usr/bin/env python3
"""Clean texts get no flags and grade A: the team's corpus/clean documents,
the 84 texts of tests/corpus/negatives and, when ../shared is present,
the ten UDHR translations; and with
--detectors none (tokenizing only) every corpus document grades A.

usage: test_clean.py MTLINT SOURCE_ROOT SHARED_DIR
"""
import glob
import json
import os
import subprocess
import sys

mtlint, root, shared = sys.argv[1:4]
mtlint = os.path.abspath(mtlint)
docs = sorted(glob.glob(os.path.join(root, "corpus", "clean", "*.txt")))
negatives = sorted(glob.glob(os.path.join(root, "tests", "corpus",
                                          "negatives", "*.txt")))
udhr = sorted(glob.glob(os.path.join(shared, "peers", "udhr", "*.txt")))
if not docs or len(negatives) != 84:
    print(f"expected corpus/clean documents and 84 negatives, found "
          f"{len(docs)} and {len(negatives)}")
    sys.exit(1)
if not udhr:
    print(f"note: {shared}/peers/udhr absent: checking corpus/clean only")

# --detectors none only tokenizes: every document, seeds included, grades A
allcorpus = sorted(glob.glob(os.path.join(root, "corpus", "**", "*.txt"),
                             recursive=True))
fails = 0
for group, extra in ((docs, []), (negatives, []), (udhr, []),
                     (allcorpus, ["--detectors", "none"])):
    if not group:
        continue
    out = subprocess.run([mtlint, "--format", "jsonl", "--batch-rules", "off"]
                         + extra + group, capture_output=True, text=True)
    if out.returncode != 0:
        print("mtlint failed:", out.stderr)
        sys.exit(1)
    recs = [json.loads(l) for l in out.stdout.splitlines() if l.strip()]
    if len(recs) != len(group):
        print(f"expected {len(group)} records, got {len(recs)}")
        sys.exit(1)
    for r in recs:
        name = os.path.basename(r["source"])
        bad = r["flags"]
        if bad or r["grade"] != "A":
            fails += 1
            print(f"FAIL {name}: grade {r['grade']}, {len(bad)} flags")
            for f in bad[:20]:
                print(f"   {f['category']}/{f['rule']} line {f['line']}: "
                      f"{f['text'][:80]!r}")
        else:
            print(f"ok   {name}: grade A, no flags ({r['lang']}, "
                  f"{r['words']} words){' with --detectors none' if extra else ''}")
total = len(docs) + len(negatives) + len(udhr) + len(allcorpus)
print(f"{total - fails} passed, {fails} failed")
sys.exit(1 if fails else 0)
