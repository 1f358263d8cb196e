#!/usr/bin/env python3
"""Pathological inputs complete in time linear in their size: each one's
time per MB is compared with that of normal text in the same run, with a
wide margin (the one timed test the project allows; it catches quadratic
blow-ups without depending on the machine's speed).

usage: test_pathological.py MTLINT SOURCE_ROOT
MTLINT_PATHO_SCALE (default 1.0) scales every input's size.
"""
import glob
import os
import subprocess
import sys
import tempfile
import time

mtlint = os.path.abspath(sys.argv[1])
root = os.path.abspath(sys.argv[2])
scale = float(os.environ.get("MTLINT_PATHO_SCALE", "1.0"))
MARGIN = 10.0      # times slower per MB than normal text, at most
SLACK = 2.0        # seconds: start-up and small inputs never fail

normal_words = []
for f in sorted(glob.glob(os.path.join(root, "corpus", "clean", "*.txt"))):
    normal_words += open(f, encoding="utf-8").read().split()


def words(n_bytes, sep=" "):
    out, size, i = [], 0, 0
    while size < n_bytes:
        w = normal_words[i % len(normal_words)]
        out.append(w)
        size += len(w.encode()) + 1
        i += 1
    return sep.join(out)


def mb(n):
    return int(n * scale * 1_000_000)


def normal_text(n_bytes):
    paras = []
    size = 0
    files = sorted(glob.glob(os.path.join(root, "corpus", "clean", "*.txt")))
    i = 0
    while size < n_bytes:
        t = open(files[i % len(files)], encoding="utf-8").read()
        paras.append(t)
        size += len(t.encode())
        i += 1
    return "\n\n".join(paras)


cases = {
    "one 50 MB line": lambda: words(mb(50)),
    "10^6 quote marks": lambda: "\u201c" * int(1_000_000 * scale),
    "10^6 mixed quotes and words": lambda: " ".join(
        ["\u201cword\u201d For"] * int(300_000 * scale)),
    "10^5 nested brackets": lambda: "(" * int(100_000 * scale) + "x" +
    ")" * int(100_000 * scale),
    "only digits": lambda: "7" * mb(5),
    "only punctuation": lambda: ".,;:!?-" * (mb(5) // 7),
    "combining marks": lambda: ("a" + "\u0301" * 1000) * (mb(2) // 2001),
    "bidi controls and ZWJ": lambda: ("abc\u202e\u200d\u2066x\u200d\u2069 ")
    * (mb(3) // 18),
    "10^5 one-word lines": lambda: words(mb(1), "\n"),
    "one name repeated": lambda: "Merrick Garland. " * (mb(5) // 17),
    "glued names repeated": lambda: "Weng Ming37 years; " * (mb(3) // 19),
    "a name's lower-case copy repeated": lambda: "Adaeze Okonkwo spoke. " +
    "Then okonkwo added that it failed. " * (mb(5) // 35),
    "accents lost, repeated": lambda: "Stanislav Dvo\u0159\u00e1k won. " +
    "Dvorak said so, and Haddad48, the mayor, spoke. " * (mb(3) // 48),
    "10^5 short sentences": lambda: "Yes. No. " * int(100_000 * scale),
}


def run(text, tmp, name):
    path = os.path.join(tmp, name)
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)
    size = os.path.getsize(path)
    t = time.monotonic()
    r = subprocess.run([mtlint, "--format", "jsonl", "--max-doc-bytes",
                        "200M", path], stdout=subprocess.DEVNULL,
                       stderr=subprocess.PIPE, text=True)
    dt = time.monotonic() - t
    return r.returncode, dt, size, r.stderr


fails = passes = 0
with tempfile.TemporaryDirectory() as tmp:
    code, dt, size, err = run(normal_text(mb(5)), tmp, "normal.txt")
    if code != 0:
        print(f"FAIL normal text: exit {code}: {err}")
        sys.exit(1)
    per_mb = dt / (size / 1e6)
    print(f"normal text: {size / 1e6:.1f} MB in {dt:.2f} s "
          f"({per_mb:.3f} s/MB)")
    for name, gen in cases.items():
        code, dt, size, err = run(gen(), tmp, "case.txt")
        limit = MARGIN * per_mb * size / 1e6 + SLACK
        ok = code == 0 and dt <= limit
        print(f"{'ok  ' if ok else 'FAIL'} {name}: {size / 1e6:.1f} MB in "
              f"{dt:.2f} s (limit {limit:.1f} s){'' if code == 0 else f', exit {code}: {err.strip()}'}")
        if ok:
            passes += 1
        else:
            fails += 1
print(f"{passes} passed, {fails} failed")
sys.exit(1 if fails else 0)
