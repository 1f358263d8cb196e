#!/usr/bin/env python3
"""Dask: a distributed.LocalCluster with 2 worker processes scores corpus/
plus a generated 10,000-record JSONL through mtlint.dask.score_bag; the
results equal the CLI's output with --batch-rules off, record for record
(all but each verdict's "source", and the "line N: " of error messages,
which only the CLI reading the file knows).

usage: /usr/bin/python3 test_dask.py MTLINT SOURCE_ROOT
Skips (77) without python3-dask and python3-distributed.
"""
import glob
import json
import os
import random
import re
import subprocess
import sys
import tempfile

mtlint_bin, root = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
try:
    import dask.bag as db
    from distributed import Client, LocalCluster
except ImportError as e:
    print(f"skip: {e} (apt-get install python3-dask python3-distributed)")
    sys.exit(77)
import mtlint.dask  # noqa: E402


def make_corpus(path, n):
    """n records mixing corpus/ documents, their paragraphs, and broken
    lines, in a fixed order."""
    texts = [open(f, encoding="utf-8").read() for f in
             sorted(glob.glob(os.path.join(root, "corpus", "*", "*.txt")))]
    paras = [p for t in texts for p in t.split("\n\n") if p.strip()]
    rnd = random.Random(7)
    with open(path, "w", encoding="utf-8") as f:
        for i in range(n):
            k = rnd.random()
            if k < 0.01:
                f.write('{"id": "b%d", "text": \n' % i)       # broken JSON
            elif k < 0.02:
                f.write(json.dumps({"id": i, "text": 5}) + "\n")
            elif k < 0.3:
                f.write(json.dumps({"id": i, "text": rnd.choice(texts)},
                                   ensure_ascii=False) + "\n")
            else:
                body = "\n\n".join(rnd.sample(paras, 3))
                f.write(json.dumps({"id": f"p{i}", "n": 1.50, "text": body},
                                   ensure_ascii=False) + "\n")


def strip_source(line):
    """The record without what only the CLI can know: the verdict's
    "source" (FILE:LINE) and the "line N: " that starts an error."""
    r = json.loads(line)
    v = r.get("mtlint", {})
    v.pop("source", None)
    if isinstance(v.get("error"), str):
        v["error"] = re.sub(r"^line \d+: ", "", v["error"])
    return r


def main():
    fails = passes = 0
    with tempfile.TemporaryDirectory() as tmp:
        big = os.path.join(tmp, "gen.jsonl")
        make_corpus(big, 10000)
        corpus_jsonl = os.path.join(tmp, "corpus.jsonl")
        with open(corpus_jsonl, "w", encoding="utf-8") as f:
            for p in sorted(glob.glob(os.path.join(root, "corpus", "*",
                                                   "*.txt"))):
                f.write(json.dumps({"id": os.path.relpath(p, root),
                                    "text": open(p, encoding="utf-8").read()},
                                   ensure_ascii=False) + "\n")
        cluster = LocalCluster(n_workers=2, threads_per_worker=1,
                               processes=True, dashboard_address=None)
        client = Client(cluster)
        try:
            for name, path in (("corpus", corpus_jsonl), ("generated", big)):
                cli = subprocess.run([mtlint_bin, "--jsonl", "--format",
                                      "jsonl", "--batch-rules", "off", path],
                                     capture_output=True, text=True)
                want = [l for l in cli.stdout.splitlines() if l]
                bag = db.read_text(path, blocksize=2 ** 20)
                got = mtlint.dask.score_bag(bag).compute()
                ok = len(got) == len(want) and all(
                    strip_source(g) == strip_source(w)
                    for g, w in zip(got, want))
                if ok:
                    passes += 1
                    print(f"ok   {name}: {len(got)} records equal the CLI's")
                else:
                    fails += 1
                    print(f"FAIL {name}: {len(got)} records vs {len(want)}")
                    for g, w in zip(got, want):
                        if strip_source(g) != strip_source(w):
                            print("  dask:", g[:300])
                            print("  cli: ", w[:300])
                            break
        finally:
            client.close()
            cluster.close()
    print(f"{passes} passed, {fails} failed")
    return 1 if fails else 0


if __name__ == "__main__":
    sys.exit(main())
