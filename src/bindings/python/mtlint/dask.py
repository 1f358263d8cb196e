"""Scoring with Dask: one Engine per worker process, created once and reused
for every partition that process scores.

    import dask.bag as db
    from distributed import Client, LocalCluster
    import mtlint.dask

    client = Client(LocalCluster(n_workers=4, threads_per_worker=1))
    lines = db.read_text("shards/*.jsonl")            # raw JSONL lines
    scored = mtlint.dask.score_bag(lines, text_field="text")
    scored.to_textfiles("scored/*.jsonl")             # one line per record

A bag of str lines gives str lines exactly as `mtlint --jsonl --format jsonl
--batch-rules off` writes them (input bytes kept, verdict under "mtlint"),
apart from the verdict's "source", which names no file here, and error
messages, which do not start with the line number here.  A bag of
dicts gives dicts with the verdict under "mtlint" (Engine.check_records).
Blank lines yield nothing, as in the CLI.
"""

import os
import threading

from . import Engine

_engines = {}
_engines_lock = threading.Lock()


def _engine(options):
    """The process's engine for these options (created on first use)."""
    key = (os.getpid(), tuple(sorted(options.items())))
    with _engines_lock:
        e = _engines.get(key)
        if e is None:
            e = Engine(**options)
            _engines[key] = e
        return e


def score_partition(items, text_field="text", id_field="id",
                    lang_field="lang", date_field=None, **engine_options):
    """Scores one partition (an iterable of JSONL lines or dicts) with the
    worker's engine; returns a list in the same order."""
    engine = _engine(engine_options)
    out = []
    dicts = []
    for item in items:
        if isinstance(item, dict):
            dicts.append(item)
            continue
        if dicts:
            out.extend(engine.check_records(dicts, text_field, id_field,
                                            lang_field, date_field))
            dicts = []
        line = item.decode("utf-8", "surrogateescape") \
            if isinstance(item, bytes) else item
        if not line.strip():
            continue
        out.append(engine.check_line(line, text_field, id_field, lang_field,
                                     date_field))
    if dicts:
        out.extend(engine.check_records(dicts, text_field, id_field,
                                        lang_field, date_field))
    return out


def score_bag(bag, text_field="text", id_field="id", lang_field="lang",
              date_field=None, **engine_options):
    """A new bag with every record scored (see the module's docstring).
    engine_options go to mtlint.Engine (langs, detectors, reference_date,
    lexicon_path, filters...)."""
    return bag.map_partitions(score_partition, text_field=text_field,
                              id_field=id_field, lang_field=lang_field,
                              date_field=date_field, **engine_options)
