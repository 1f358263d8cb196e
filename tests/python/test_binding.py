#!/usr/bin/env python3
"""The Python binding: checks like the CLI, bad bytes flagged without an
exception, clear exceptions for bad arguments and a closed engine, threads
sharing one engine.

usage (from meson): /usr/bin/python3 test_binding.py MTLINT SOURCE_ROOT
"""
import concurrent.futures
import json
import os
import subprocess
import sys

mtlint_bin, root = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
import mtlint  # noqa: E402  (PYTHONPATH and MTLINT_LIBRARY set by meson)

passes = fails = 0


def check(name, cond, detail=""):
    global passes, fails
    if cond:
        passes += 1
        print(f"ok   {name}")
    else:
        fails += 1
        print(f"FAIL {name} {detail}")


def raises(exc, fn, *a, **kw):
    try:
        fn(*a, **kw)
    except exc as e:
        return str(e) or True
    except Exception as e:  # wrong exception type
        return False
    return False


seed = os.path.join(root, "corpus", "seeds", "004_1178a884c474d702.txt")
text = open(seed, "rb").read()
cli = subprocess.run([mtlint_bin, "--format", "jsonl", "--batch-rules", "off",
                      seed], capture_output=True, text=True)
cli_rec = json.loads(cli.stdout)

engine = mtlint.Engine()
v = engine.check(text, id=seed, source=seed)
check("same verdict as the CLI", v == cli_rec,
      f"\n  py:  {json.dumps(v)[:300]}\n  cli: {json.dumps(cli_rec)[:300]}")
check("str and bytes agree", engine.check(text.decode()) ==
      engine.check(text))

bad = b"Caf\xc3\xa9 ok \xff\xfe and a NUL \x00 here.\n"
vb = engine.check(bad)
check("invalid UTF-8 is checked, not an exception",
      isinstance(vb, dict) and vb["bytes"] == len(bad))
check("invalid bytes are flagged",
      any(f["category"] == "encoding" for f in vb["flags"]),
      json.dumps(vb["flags"]))

check("malformed language -> ValueError",
      raises(ValueError, engine.check, "text", lang="en_US!!"))
check("malformed language in Engine() -> ValueError",
      raises(ValueError, mtlint.Engine, langs="english!"))
check("unknown detector -> ValueError",
      raises(ValueError, mtlint.Engine, detectors="nosuch"))
check("text neither str nor bytes -> TypeError",
      raises(TypeError, engine.check, 42))
check("None text -> TypeError", raises(TypeError, engine.check, None))

# JSONL lines exactly as the CLI writes them (but for "source")
line = json.dumps({"id": "r1", "n": 1, "text": text.decode()})
out = json.loads(engine.check_line(line, source="x:1"))
check("check_line splices the verdict", out["mtlint"]["grade"] ==
      cli_rec["grade"] and out["n"] == 1)
err = json.loads(engine.check_line('{"id": "r2", "text": 5}', line_no=7))
check("check_line error record", err["id"] == "r2" and
      err["mtlint"]["error"].startswith("line 7: "), json.dumps(err))
recs = list(engine.check_records([{"id": 1, "text": "Hello there."},
                                  {"id": 2, "body": "no text"},
                                  "not a dict"]))
check("check_records: verdicts and errors in order",
      len(recs) == 3 and "grade" in recs[0]["mtlint"] and
      "error" in recs[1]["mtlint"] and "error" in recs[2]["mtlint"])

# threads share one engine (the GIL is released in C)
docs = [text] * 16
with concurrent.futures.ThreadPoolExecutor(4) as ex:
    res = list(ex.map(engine.check, docs))
check("threads agree", all(r == res[0] for r in res))

engine.close()
check("closed engine -> RuntimeError",
      raises(RuntimeError, engine.check, "text"))
engine.close()  # twice is fine
with mtlint.Engine(detectors="none") as e2:
    check("detectors none grades A", e2.check(text)["grade"] == "A")
check("version", mtlint.version() == subprocess.run(
    [mtlint_bin, "--version"], capture_output=True, text=True
).stdout.split()[-1])
print(f"{passes} passed, {fails} failed")
sys.exit(1 if fails else 0)
