"""mtlint: find machine-translation and scraping artifacts and grade text.

A ctypes binding over libmtlint (the C library's public header mtlint.h).
The C calls release the GIL (ctypes does for every foreign call), so
threads sharing one Engine check documents in parallel.

    >>> import mtlint
    >>> with mtlint.Engine(langs="en") as engine:
    ...     verdict = engine.check("Merrick GarlandHe alluded to it.")
    ...     verdict["grade"], [f["rule"] for f in verdict["flags"]]

Results are dicts with the fields of the CLI's JSON records (DESIGN.md).
"""

import ctypes
import ctypes.util
import json
import os
import threading

__all__ = ["Engine", "MtlintError", "language_tag_valid", "version"]


class MtlintError(RuntimeError):
    """An error reported by the library (status code and message)."""

    def __init__(self, status, message):
        super().__init__(message)
        self.status = status


class _Error(ctypes.Structure):
    _fields_ = [("status", ctypes.c_int), ("message", ctypes.c_char * 512)]


_LOG_FN = ctypes.CFUNCTYPE(None, ctypes.c_void_p, ctypes.c_int,
                           ctypes.c_char_p)


class _Options(ctypes.Structure):
    _fields_ = [
        ("languages", ctypes.c_char_p),
        ("lexicon_path", ctypes.c_char_p),
        ("detectors", ctypes.c_char_p),
        ("reference_date", ctypes.c_char_p),
        ("fallback_language", ctypes.c_char_p),
        ("scorer_config", ctypes.c_char_p),
        ("calibration", ctypes.c_char_p),
        ("max_doc_bytes", ctypes.c_size_t),
        ("filters", ctypes.c_char_p),
        ("log_fn", ctypes.c_void_p),
        ("log_user", ctypes.c_void_p),
        ("flags", ctypes.c_uint),
    ]


class _Meta(ctypes.Structure):
    _fields_ = [("id", ctypes.c_char_p), ("source", ctypes.c_char_p),
                ("lang", ctypes.c_char_p), ("date", ctypes.c_char_p)]


def _load_library():
    """libmtlint: $MTLINT_LIBRARY, next to this package's install prefix,
    then the system's library path."""
    candidates = []
    env = os.environ.get("MTLINT_LIBRARY")
    if env:
        candidates.append(env)
    here = os.path.dirname(os.path.abspath(__file__))
    # <prefix>/lib/python3/dist-packages/mtlint -> <prefix>/lib/<triplet>
    prefix = os.path.normpath(os.path.join(here, "..", "..", "..", ".."))
    for sub in ("lib", "lib64", "lib/x86_64-linux-gnu",
                "lib/aarch64-linux-gnu"):
        candidates.append(os.path.join(prefix, sub, "libmtlint.so.0"))
    found = ctypes.util.find_library("mtlint")
    if found:
        candidates.append(found)
    candidates.append("libmtlint.so.0")
    errors = []
    for c in candidates:
        try:
            return ctypes.CDLL(c)
        except OSError as e:
            errors.append(f"{c}: {e}")
    raise ImportError("cannot load libmtlint (set MTLINT_LIBRARY to its "
                      "path):\n  " + "\n  ".join(errors))


_lib = _load_library()


def _fn(name, restype, *argtypes):
    f = getattr(_lib, name)
    f.restype = restype
    f.argtypes = list(argtypes)
    return f


_c = ctypes
_options_default = _fn("mtl_options_default", _Options)
_engine_new = _fn("mtl_engine_new", _c.c_void_p, _c.POINTER(_Options),
                  _c.POINTER(_Error))
_engine_free = _fn("mtl_engine_free", None, _c.c_void_p)
_engine_check = _fn("mtl_engine_check", _c.c_void_p, _c.c_void_p, _c.c_char_p,
                    _c.c_size_t, _c.POINTER(_Meta), _c.c_void_p,
                    _c.POINTER(_Error))
_report_free = _fn("mtl_report_free", None, _c.c_void_p)
_report_json = _fn("mtl_report_json", _c.c_void_p, _c.c_void_p, _c.c_uint)
_free = _fn("mtl_free", None, _c.c_void_p)
_tag_valid = _fn("mtl_language_tag_valid", _c.c_bool, _c.c_char_p)
_version = _fn("mtl_version", _c.c_char_p)
_record_parse = _fn("mtl_record_parse", _c.c_void_p, _c.c_char_p, _c.c_size_t,
                    _c.c_void_p, _c.POINTER(_c.c_void_p), _c.POINTER(_Error))
_record_free = _fn("mtl_record_free", None, _c.c_void_p)
_record_text = _fn("mtl_record_text", _c.c_void_p, _c.c_void_p,
                   _c.POINTER(_c.c_size_t))
_record_id = _fn("mtl_record_id", _c.c_char_p, _c.c_void_p)
_record_lang = _fn("mtl_record_lang", _c.c_char_p, _c.c_void_p)
_record_date = _fn("mtl_record_date", _c.c_char_p, _c.c_void_p)
_record_splice = _fn("mtl_record_splice", _c.c_void_p, _c.c_char_p,
                     _c.c_size_t, _c.c_char_p, _c.c_char_p, _c.c_char_p,
                     _c.c_size_t)
_error_record = _fn("mtl_error_record", _c.c_void_p, _c.c_char_p,
                    _c.c_char_p, _c.c_char_p)


def version():
    """The library's version string."""
    return _version().decode()


def language_tag_valid(tag):
    """True if tag is a well-formed BCP 47 language tag."""
    return isinstance(tag, str) and bool(_tag_valid(tag.encode()))


def _enc(s, what):
    if s is None:
        return None
    if not isinstance(s, str):
        raise TypeError(f"{what} must be a str or None, not "
                        f"{type(s).__name__}")
    return s.encode("utf-8")


def _take_string(ptr):
    """A library-allocated C string as bytes, freed."""
    if not ptr:
        raise MemoryError("mtlint: out of memory")
    try:
        return ctypes.string_at(ptr)
    finally:
        _free(ptr)


class Engine:
    """An mtlint engine: built once, shared by threads, closed when done.

    langs: comma-separated BCP 47 codes to preload ("en,fr"), or None to
        load languages as documents need them.
    reference_date: "YYYY-MM-DD" for weekday checks, or None.
    detectors: "all" (None), "none", "names,dates" or "-dates".
    lexicon_path: colon-separated lexicon folders searched first.
    filters: quality-filter presets, e.g. "gopher,c4,fineweb".
    """

    def __init__(self, langs=None, reference_date=None, detectors=None,
                 lexicon_path=None, filters=None, fallback_language=None,
                 max_doc_bytes=0):
        if langs is not None:
            if not isinstance(langs, str):
                langs = ",".join(langs)
            for tag in langs.split(","):
                if tag and not language_tag_valid(tag):
                    raise ValueError(f"'{tag}' is not a BCP 47 language tag "
                                     "(examples: en, pt-BR)")
        opts = _options_default()
        # keep the encoded strings alive for the call
        self._keep = [_enc(langs, "langs"), _enc(lexicon_path, "lexicon_path"),
                      _enc(detectors, "detectors"),
                      _enc(reference_date, "reference_date"),
                      _enc(fallback_language, "fallback_language"),
                      _enc(filters, "filters")]
        (opts.languages, opts.lexicon_path, opts.detectors,
         opts.reference_date, opts.fallback_language,
         opts.filters) = self._keep
        opts.max_doc_bytes = int(max_doc_bytes)
        err = _Error()
        self._lock = threading.Lock()
        self._users = 0
        self._h = _engine_new(ctypes.byref(opts), ctypes.byref(err))
        if not self._h:
            status = err.status
            msg = err.message.decode("utf-8", "replace")
            if status == -2:  # MTL_EINVAL
                raise ValueError(msg)
            raise MtlintError(status, msg)

    def _acquire(self):
        with self._lock:
            if not self._h:
                raise RuntimeError("mtlint: this Engine is closed")
            self._users += 1
            return self._h

    def _release(self):
        with self._lock:
            self._users -= 1

    def close(self):
        """Frees the engine; later calls raise RuntimeError."""
        with self._lock:
            if self._users:
                raise RuntimeError("mtlint: Engine.close() while checks "
                                   "are running")
            h, self._h = self._h, None
        if h:
            _engine_free(h)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def __del__(self):
        try:
            self.close()
        except Exception:
            pass

    def check(self, text, id=None, lang=None, date=None, source=None):
        """Checks one document (str, or bytes that need not be valid
        UTF-8) and returns its verdict as a dict: the fields of the CLI's
        JSON record.  Raises ValueError for a malformed language code,
        TypeError for a text that is neither str nor bytes."""
        if isinstance(text, str):
            data = text.encode("utf-8", "surrogatepass")
        elif isinstance(text, (bytes, bytearray, memoryview)):
            data = bytes(text)
        else:
            raise TypeError("text must be str or bytes, not "
                            f"{type(text).__name__}")
        if lang is not None and not language_tag_valid(lang):
            raise ValueError(f"'{lang}' is not a BCP 47 language tag "
                             "(examples: en, pt-BR)")
        if id is not None and not isinstance(id, str):
            id = str(id)
        meta = _Meta(_enc(id, "id"), _enc(source, "source"),
                     _enc(lang, "lang"), _enc(date, "date"))
        err = _Error()
        h = self._acquire()
        try:
            rep = _engine_check(h, data, len(data), ctypes.byref(meta), None,
                                ctypes.byref(err))
            if not rep:
                msg = err.message.decode("utf-8", "replace")
                if err.status == -2:
                    raise ValueError(msg)
                raise MtlintError(err.status, msg)
            try:
                js = _take_string(_report_json(rep, 0))
            finally:
                _report_free(rep)
        finally:
            self._release()
        return json.loads(js)

    def check_line(self, line, text_field="text", id_field="id",
                   lang_field="lang", date_field=None, source=None,
                   line_no=None):
        """Checks one JSONL input line (str or bytes) exactly as
        `mtlint --jsonl --format jsonl` does: returns the output line (str,
        no newline): the input bytes with the verdict spliced in under
        "mtlint", or an error record (whose message starts "line N: "
        when line_no is given, as the CLI's does)."""
        if isinstance(line, str):
            raw = line.encode("utf-8", "surrogatepass")
        elif isinstance(line, (bytes, bytearray)):
            raw = bytes(line)
        else:
            raise TypeError("line must be str or bytes, not "
                            f"{type(line).__name__}")
        raw = raw.rstrip(b"\r\n")
        fields = _Fields(_enc(text_field, "text_field"),
                         _enc(id_field, "id_field"),
                         _enc(lang_field, "lang_field"),
                         _enc(date_field, "date_field"))
        err = _Error()
        idj = ctypes.c_void_p()
        rec = _record_parse(raw, len(raw), ctypes.addressof(fields),
                            ctypes.byref(idj), ctypes.byref(err))
        src = _enc(source, "source")
        try:
            if not rec:
                msg = err.message.decode("utf-8", "replace")
                if line_no is not None:
                    msg = f"line {line_no}: {msg}"
                idjson = ctypes.string_at(idj.value) if idj.value else None
                out = _take_string(_error_record(idjson, msg.encode(), src))
                return out.decode("utf-8")
            n = ctypes.c_size_t()
            tp = _record_text(rec, ctypes.byref(n))
            text = ctypes.string_at(tp, n.value)
            rid = _record_id(rec)
            rlang = _record_lang(rec)
            if rlang is not None and not _tag_valid(rlang):
                rlang = None
            meta = _Meta(rid, src, rlang, _record_date(rec))
            h = self._acquire()
            try:
                rep = _engine_check(h, text, len(text), ctypes.byref(meta),
                                    None, ctypes.byref(err))
                if not rep:
                    msg = err.message.decode("utf-8", "replace")
                    if line_no is not None:
                        msg = f"line {line_no}: {msg}"
                    idjson = (ctypes.string_at(idj.value) if idj.value
                              else None)
                    return _take_string(_error_record(idjson, msg.encode(),
                                                      src)).decode("utf-8")
                try:
                    verdict = _take_string(_report_json(rep, 0))
                finally:
                    _report_free(rep)
            finally:
                self._release()
            out = _take_string(_record_splice(raw, len(raw), verdict, None,
                                              None, 0))
            return out.decode("utf-8", "surrogateescape")
        finally:
            if rec:
                _record_free(rec)
            if idj.value:
                _free(idj.value)

    def check_records(self, records, text_field="text", id_field="id",
                      lang_field="lang", date_field=None):
        """Checks an iterable of dicts; yields each dict (a copy) with the
        verdict under "mtlint".  A record without a string text field
        yields {"id": ..., "mtlint": {"error": ..., "source": null}}."""
        for i, rec in enumerate(records, 1):
            if not isinstance(rec, dict):
                yield {"mtlint": {"error": f"record {i}: not a dict "
                                           f"({type(rec).__name__})",
                                  "source": None}}
                continue
            text = rec.get(text_field)
            rid = rec.get(id_field)
            if not isinstance(text, (str, bytes)):
                what = ("no \"%s\" field" % text_field if text is None
                        else "field \"%s\" is not a string" % text_field)
                out = {"mtlint": {"error": f"record {i}: {what}",
                                  "source": None}}
                if isinstance(rid, (str, int, float)):
                    out = {"id": rid, **out}
                yield out
                continue
            lang = rec.get(lang_field) if lang_field else None
            if not (isinstance(lang, str) and language_tag_valid(lang)):
                lang = None
            date = rec.get(date_field) if date_field else None
            if not isinstance(date, str):
                date = None
            verdict = self.check(text, id=None if rid is None else str(rid),
                                 lang=lang, date=date and date[:10])
            out = dict(rec)
            out["mtlint"] = verdict
            yield out


class _Fields(ctypes.Structure):
    _fields_ = [("text_field", ctypes.c_char_p), ("id_field", ctypes.c_char_p),
                ("lang_field", ctypes.c_char_p),
                ("date_field", ctypes.c_char_p)]
