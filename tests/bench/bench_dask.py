#!/usr/bin/env python3
"""Records per second for the CLI and for a Dask cluster on the same JSONL
input (issue: beyond one machine).  Prints the figures; asserts nothing.

usage: PYTHONPATH=src/bindings/python MTLINT_LIBRARY=build/src/libmtlint.so.0 \
       MTLINT_LEXICON_PATH=lexicons /usr/bin/python3 tests/bench/bench_dask.py \
       build/src/mtlint [RECORDS] [WORKERS]
"""
import glob
import json
import os
import random
import subprocess
import sys
import tempfile
import time

mtlint_bin = os.path.abspath(sys.argv[1])
n = int(sys.argv[2]) if len(sys.argv) > 2 else 20000
workers = int(sys.argv[3]) if len(sys.argv) > 3 else os.cpu_count()
root = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))

import dask.bag as db  # noqa: E402
from distributed import Client, LocalCluster  # noqa: E402

import mtlint.dask  # noqa: E402


def main():
    texts = [open(f, encoding="utf-8").read() for f in
             sorted(glob.glob(os.path.join(root, "corpus", "*", "*.txt")))]
    paras = [p for t in texts for p in t.split("\n\n") if p.strip()]
    rnd = random.Random(1)
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "bench.jsonl")
        with open(path, "w", encoding="utf-8") as f:
            for i in range(n):
                f.write(json.dumps({"id": i, "text": "\n\n".join(
                    rnd.sample(paras, 4))}, ensure_ascii=False) + "\n")
        mb = os.path.getsize(path) / 1e6
        t = time.time()
        subprocess.run([mtlint_bin, "--jsonl", "--format", "jsonl",
                        "--batch-rules", "off", path], stdout=subprocess.DEVNULL,
                       check=True)
        cli_s = time.time() - t
        print(f"input: {n} records, {mb:.1f} MB; machine: {os.cpu_count()} cores")
        print(f"CLI:  {n / cli_s:8.0f} records/s  {mb / cli_s:6.1f} MB/s")
        cluster = LocalCluster(n_workers=workers, threads_per_worker=1,
                               processes=True, dashboard_address=None)
        client = Client(cluster)
        bag = db.read_text(path, blocksize=4 * 2 ** 20)
        # warm up: each worker builds its engine once, before the clock starts
        warm = [json.dumps({"id": i, "text": paras[i]}) for i in range(workers * 4)]
        mtlint.dask.score_bag(db.from_sequence(warm, npartitions=workers * 4)
                              ).compute()
        t = time.time()
        count = mtlint.dask.score_bag(bag).count().compute()
        dk_s = time.time() - t
        print(f"Dask: {count / dk_s:8.0f} records/s  {mb / dk_s:6.1f} MB/s "
              f"({workers} worker processes, engines already loaded)")
        client.close()
        cluster.close()


if __name__ == "__main__":
    main()
