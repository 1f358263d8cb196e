/*
 * fuzz_jsonl.c - libFuzzer target for the JSONL record reader.
 *
 * Differential: every input is parsed by mtl_record_parse() (fast scanner,
 * jansson fallback) and by the jansson-only mtl_record_parse_jansson(),
 * with several field-name sets (those of tests/unit/test_record.c, the
 * defaults with a date field, and NULL); any difference in what the two
 * give (record or not, text bytes, length and terminating NUL, id, id
 * JSON, language, date, the id handed back, error status and message)
 * aborts without printing, and libFuzzer keeps the input.  Then, as
 * before, the verdict is spliced into a line that parsed, or the error
 * record built for one that did not.
 */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "mtlint.h"
#include "record.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const mtl_record_fields field_sets[] = {
    {NULL, NULL, NULL, "date"}, /* first: also spliced / error record */
    {NULL, NULL, NULL, NULL},
    {"text", "id", "lang", "date"},
    {"body", "doc_id", "language", "published"},
    {"text", "text", "text", "text"}, /* one key, every role */
    {"id", "text", "date", "lang"},   /* roles swapped */
    {"", "id", "", "date"},
};
#define NSETS (sizeof field_sets / sizeof field_sets[0])

static bool
same_str(const char *a, const char *b)
{
    if (!a || !b)
        return a == b;
    return strcmp(a, b) == 0;
}

/* Aborts unless @p a and @p b are the same record (or both none). */
static void
same_record(const mtl_record *a, const mtl_record *b)
{
    if (!a != !b)
        abort();
    if (!a)
        return;
    size_t al = (size_t)-1, bl = (size_t)-2;
    const char *at = mtl_record_text(a, &al);
    const char *bt = mtl_record_text(b, &bl);
    if (!at || !bt || al != bl || memcmp(at, bt, al) != 0 ||
        at[al] != '\0' || bt[bl] != '\0')
        abort();
    if (!same_str(mtl_record_id(a), mtl_record_id(b)) ||
        !same_str(mtl_record_id_json(a), mtl_record_id_json(b)) ||
        !same_str(mtl_record_lang(a), mtl_record_lang(b)) ||
        !same_str(mtl_record_date(a), mtl_record_date(b)))
        abort();
    /* the id JSON only for a string or number id, which has a string */
    if (mtl_record_id_json(a) && !mtl_record_id(a))
        abort();
}

/* Parses the line both ways with @p fs; aborts on any difference.
 * Returns the record of mtl_record_parse() (NULL with *err and *id_out
 * filled when the line is refused). */
static mtl_record *
differential(const char *line, size_t len, const mtl_record_fields *fs,
             char **id_out, mtl_error *err)
{
    mtl_error ref_err, got_err;
    memset(&ref_err, 0, sizeof ref_err);
    memset(&got_err, 0, sizeof got_err);
    char *ref_id = (char *)1, *got_id = (char *)1; /* must be overwritten */
    mtl_record *ref = mtl_record_parse_jansson(line, len, fs, &ref_id,
                                               &ref_err);
    mtl_record *got = mtl_record_parse(line, len, fs, &got_id, &got_err);
    if (ref_id == (char *)1 || got_id == (char *)1)
        abort();
    same_record(ref, got);
    if (!same_str(ref_id, got_id))
        abort();
    if (!ref && (ref_err.status != got_err.status || got_err.status == 0 ||
                 strcmp(ref_err.message, got_err.message) != 0))
        abort();
    if (ref && mtl_record_is_fast(ref))
        abort();
    /* the id handed back is the record's id JSON */
    if (got && !same_str(got_id, mtl_record_id_json(got)))
        abort();
    /* and the same without asking for it */
    mtl_error e2;
    memset(&e2, 0, sizeof e2);
    mtl_record *again = mtl_record_parse(line, len, fs, NULL, &e2);
    same_record(got, again);
    if (!again && (e2.status != got_err.status ||
                   strcmp(e2.message, got_err.message) != 0))
        abort();
    mtl_record_free(again);

    mtl_record_free(ref);
    mtl_free(ref_id);
    *id_out = got_id;
    *err = got_err;
    return got;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *line = (const char *)data;
    mtl_error err;
    memset(&err, 0, sizeof err);
    char *id = NULL;
    mtl_record *r = NULL;
    for (size_t i = 0; i < NSETS; i++) {
        mtl_error e;
        char *iid = NULL;
        mtl_record *ri = differential(line, size, &field_sets[i], &iid, &e);
        if (i == 0) {
            r = ri;
            id = iid;
            err = e;
        } else {
            mtl_record_free(ri);
            mtl_free(iid);
        }
    }
    /* NULL fields: the defaults, no date */
    {
        mtl_error e;
        char *iid = NULL;
        mtl_record *ri = differential(line, size, NULL, &iid, &e);
        mtl_record_free(ri);
        mtl_free(iid);
    }

    if (r) {
        size_t n;
        const char *t = mtl_record_text(r, &n);
        if (!t && n)
            abort();
        char *out = mtl_record_splice(line, size, "{\"grade\": \"A\"}",
                                      "fixed", t, n);
        mtl_free(out);
        mtl_record_free(r);
    } else {
        char *out = mtl_error_record(id, err.message, "fuzz:1");
        if (!out)
            abort();
        mtl_free(out);
    }
    mtl_free(id);
    return 0;
}
