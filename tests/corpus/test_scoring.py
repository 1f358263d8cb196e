#!/usr/bin/env python3
"""The grade users can trust: the seed articles grade D or worse (004: C or
worse); removing the flagged spans from a seed raises its score; two
documents with similar artifact rates, concatenated, score between their
two scores (within 5 points); moving a paragraph that carries artifacts
does not change the score.

usage: test_scoring.py MTLINT SOURCE_ROOT
"""
import json
import os
import subprocess
import sys
import tempfile

mtlint, root = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
seeds = os.path.join(root, "corpus", "seeds")
fails = passes = 0


def ok(name, cond, detail=""):
    global fails, passes
    print(f"{'ok  ' if cond else 'FAIL'} {name}{'' if cond else ' ' + detail}")
    if cond:
        passes += 1
    else:
        fails += 1


def score_bytes(data, tmp, name="doc.txt"):
    p = os.path.join(tmp, name)
    with open(p, "wb") as f:
        f.write(data)
    r = subprocess.run([mtlint, "--format", "jsonl", "--batch-rules", "off",
                        "--lang", "en", p], capture_output=True, text=True)
    return json.loads(r.stdout)


with tempfile.TemporaryDirectory() as tmp:
    docs = {}
    for f in sorted(os.listdir(seeds)):
        if f.endswith(".txt"):
            docs[f[:3]] = open(os.path.join(seeds, f), "rb").read()
    rec = {k: score_bytes(v, tmp) for k, v in docs.items()}
    for k, worst in (("000", "D"), ("003", "D"), ("004", "C")):
        g = rec[k]["grade"]
        ok(f"seed {k} grades {worst} or worse", g >= worst,
           f"(grade {g}, score {rec[k]['score']})")

    # removing every flagged span raises the score
    for k, data in docs.items():
        cut = bytearray(data)
        last = len(cut) + 1
        for f in sorted(rec[k]["flags"], key=lambda f: -f["start"]):
            if f["end"] > last:
                continue  # overlaps a span already cut
            del cut[f["start"]:f["end"]]
            last = f["start"]
        after = score_bytes(bytes(cut), tmp)
        ok(f"seed {k}: removing the flagged spans raises the score "
           f"({rec[k]['score']} -> {after['score']})",
           after["score"] > rec[k]["score"])

    # concatenation stays between the two scores
    for a, b in (("003", "004"), ("000", "003"), ("000", "004")):
        both = score_bytes(docs[a] + b"\n\n" + docs[b], tmp)
        lo = round(min(rec[a]["score"], rec[b]["score"]) - 5, 1)
        hi = round(max(rec[a]["score"], rec[b]["score"]) + 5, 1)
        ok(f"{a}+{b} scores {both['score']} within [{lo}, {hi}]",
           lo <= both["score"] <= hi)

    # moving a paragraph with artifacts elsewhere changes nothing
    for k in ("000", "003"):
        paras = docs[k].split(b"\n\n")
        # the paragraph with the most flags, moved to the front and the end
        starts, pos = [], 0
        for p in paras:
            starts.append(pos)
            pos += len(p) + 2
        counts = [sum(1 for f in rec[k]["flags"]
                      if s <= f["start"] < s + len(p))
                  for s, p in zip(starts, paras)]
        i = max(range(len(paras)), key=lambda j: counts[j])
        moved = paras[:i] + paras[i + 1:]
        for where, order in (("end", moved + [paras[i]]),
                             ("second", moved[:1] + [paras[i]] + moved[1:])):
            r = score_bytes(b"\n\n".join(order), tmp)
            ok(f"seed {k}: paragraph {i} ({counts[i]} flags) moved to the "
               f"{where}: score {r['score']} == {rec[k]['score']}",
               abs(r["score"] - rec[k]["score"]) < 0.05)
print(f"{passes} passed, {fails} failed")
sys.exit(1 if fails else 0)
