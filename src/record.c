/*
 * record.c - JSONL input records: parsing one line (a fast scanner for
 * the common line, jansson for the rest), and splicing the verdict into
 * the input bytes so that a pipeline loses nothing ("n": 1.50 stays 1.50).
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include "engine.h"
#include "record.h"
#include "util/strbuf.h"
#include "util/util.h"

struct mtl_record {
    json_t *root; /* jansson path */
    char *buf;    /* fast path: the decoded text, NUL-terminated */
    const char *text;
    size_t text_len;
    char *id;
    char *id_json;
    char *lang;
    char *date;
};

static char *
mtl_json_scalar_string(json_t *v)
{
    if (json_is_string(v))
        return mtl_xstrndup(json_string_value(v), json_string_length(v));
    if (json_is_integer(v)) {
        char buf[32];
        snprintf(buf, sizeof buf, "%lld", (long long)json_integer_value(v));
        return mtl_xstrdup(buf);
    }
    if (json_is_real(v)) {
        char *s = json_dumps(v, JSON_ENCODE_ANY);
        return s;
    }
    return NULL;
}

/* ------------------------------------------------------------ fast path */

/*
 * A strict scanner for the common line: it validates the whole line and
 * notes where the wanted top-level members are, without a jansson tree.
 * It accepts a subset of what json_loadb(JSON_ALLOW_NUL | JSON_DECODE_ANY)
 * accepts and gives the same values; on anything else (errors included)
 * it gives up and the jansson path decides.
 */

#define FAST_MAX_DEPTH 64       /* jansson allows 2048 */
#define FAST_MAX_NUMBER 300     /* bytes of one number */
#define FAST_MAX_INT_DIGITS 18  /* fits a long long, no overflow */
#define FAST_MAX_ESC_KEY 256    /* longer escaped keys: jansson path */

enum { FAST_NONE, FAST_STRING, FAST_INT, FAST_REAL, FAST_OTHER };
enum { ROLE_TEXT, ROLE_ID, ROLE_LANG, ROLE_DATE, ROLE_COUNT };

/* A member's value: strings by their raw bytes between the quotes,
 * numbers by their text. */
typedef struct fast_val {
    int kind;
    const char *s;
    size_t n;
    bool esc; /* string with escapes */
} fast_val;

typedef struct fast_scan {
    const char *name[ROLE_COUNT]; /* wanted keys (NULL: none) */
    size_t name_len[ROLE_COUNT];
    fast_val val[ROLE_COUNT];     /* last member of each key */
} fast_scan;

static inline const char *
fast_ws(const char *p, const char *end)
{
    while (p < end && (*p == ' ' || *p == '\n' || *p == '\r' || *p == '\t'))
        p++;
    return p;
}

static inline int
fast_hexdigit(unsigned c)
{
    if (c - '0' < 10)
        return (int)(c - '0');
    c |= 0x20;
    if (c - 'a' < 6)
        return (int)(c - 'a' + 10);
    return -1;
}

/* The value of the 4 hex digits at s, or -1. */
static inline int32_t
fast_hex4(const unsigned char *s)
{
    int a = fast_hexdigit(s[0]), b = fast_hexdigit(s[1]);
    int c = fast_hexdigit(s[2]), d = fast_hexdigit(s[3]);
    if ((a | b | c | d) < 0)
        return -1;
    return (int32_t)((a << 12) | (b << 8) | (c << 4) | d);
}

/*
 * Skips plain bytes at s (printable ASCII other than '"' and '\\'), 16 or
 * 8 at a time: text is mostly such runs.  Returns the first byte that is
 * not plain, or a plain one before it (fewer than 8 bytes left, or a
 * big-endian machine): the caller's byte loop goes on from there.
 */
static inline const unsigned char *
fast_plain_run(const unsigned char *s, const unsigned char *e)
{
#ifdef __SSE2__
    const __m128i quote = _mm_set1_epi8('"');
    const __m128i bslash = _mm_set1_epi8('\\');
    const __m128i space = _mm_set1_epi8(0x20);
    while (e - s >= 16) {
        __m128i v = _mm_loadu_si128((const __m128i *)(const void *)s);
        /* a signed compare: bytes from 0x80 are below 0x20 too */
        __m128i bad = _mm_or_si128(_mm_cmplt_epi8(v, space),
                                   _mm_or_si128(_mm_cmpeq_epi8(v, quote),
                                                _mm_cmpeq_epi8(v, bslash)));
        unsigned m = (unsigned)_mm_movemask_epi8(bad); /* bit i: s[i] */
        if (m)
            return s + __builtin_ctz(m);
        s += 16;
    }
#endif
    while (e - s >= 8) {
        uint64_t m = mtl_json_special8(mtl_load8(s));
        if (m) {
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
            /* the lowest flag is the first such byte in memory */
            s += __builtin_ctzll(m) >> 3;
#endif
            break;
        }
        s += 8;
    }
    return s;
}

/*
 * Validates a string body starting after its opening quote; returns its
 * closing quote, or NULL.  *esc is set when it has escapes, *nul when one
 * of them is \u0000.  UTF-8 is checked as jansson does (no overlongs, no
 * surrogates, nothing above U+10FFFF); \u surrogates must form a pair.
 */
static const char *
fast_string(const char *p, const char *end, bool *esc, bool *nul)
{
    const unsigned char *s = (const unsigned char *)p;
    const unsigned char *e = (const unsigned char *)end;
    for (;;) {
        s = fast_plain_run(s, e);
        while (s < e && *s >= 0x20 && *s < 0x80 && *s != '"' && *s != '\\')
            s++;
        if (s >= e)
            return NULL;
        unsigned c = *s;
        if (c == '"')
            return (const char *)s;
        if (c == '\\') {
            if (e - s < 2)
                return NULL;
            c = s[1];
            *esc = true;
            if (c == 'u') {
                if (e - s < 6)
                    return NULL;
                int32_t v = fast_hex4(s + 2);
                if (v < 0)
                    return NULL;
                s += 6;
                if (v >= 0xD800 && v <= 0xDFFF) {
                    if (v >= 0xDC00 || e - s < 6 || s[0] != '\\' || s[1] != 'u')
                        return NULL;
                    int32_t v2 = fast_hex4(s + 2);
                    if (v2 < 0xDC00 || v2 > 0xDFFF)
                        return NULL;
                    s += 6;
                } else if (v == 0) {
                    *nul = true;
                }
            } else if (c == '"' || c == '\\' || c == '/' || c == 'b' ||
                       c == 'f' || c == 'n' || c == 'r' || c == 't') {
                s += 2;
            } else {
                return NULL;
            }
            continue;
        }
        if (c < 0x80) /* a control character */
            return NULL;
        /* UTF-8 as jansson checks it: no overlong forms, no surrogates,
         * nothing above U+10FFFF.  The commonest forms inline: two bytes,
         * and three bytes led by neither E0 (overlong ones) nor ED
         * (surrogates). */
        if (c >= 0xC2 && c <= 0xDF && e - s >= 2 && (s[1] & 0xC0) == 0x80) {
            s += 2;
            continue;
        }
        if (c >= 0xE1 && c <= 0xEF && c != 0xED && e - s >= 3 &&
            (s[1] & 0xC0) == 0x80 && (s[2] & 0xC0) == 0x80) {
            s += 3;
            continue;
        }
        size_t i = 0;
        if (mtl_utf8_next_multi((const char *)s, (size_t)(e - s), &i) < 0)
            return NULL;
        s += i;
    }
}

/* Decodes a string body that fast_string() accepted into out (room for
 * n + 1 bytes), NUL-terminated; returns the length. */
static size_t
fast_decode(const char *s, size_t n, char *out)
{
    const char *e = s + n;
    char *o = out;
    while (s < e) {
        const char *bs = memchr(s, '\\', (size_t)(e - s));
        size_t run = (size_t)((bs ? bs : e) - s);
        memcpy(o, s, run);
        o += run;
        s += run;
        if (!bs)
            break;
        char c = s[1];
        if (c == 'u') {
            uint32_t v = (uint32_t)fast_hex4((const unsigned char *)s + 2);
            s += 6;
            if (v >= 0xD800 && v <= 0xDBFF) {
                uint32_t v2 = (uint32_t)fast_hex4((const unsigned char *)s + 2);
                v = ((v - 0xD800) << 10) + (v2 - 0xDC00) + 0x10000;
                s += 6;
            }
            o += mtl_utf8_encode(v, o);
            continue;
        }
        switch (c) {
        case 'b': *o++ = '\b'; break;
        case 'f': *o++ = '\f'; break;
        case 'n': *o++ = '\n'; break;
        case 'r': *o++ = '\r'; break;
        case 't': *o++ = '\t'; break;
        default: *o++ = c; break; /* " \ / */
        }
        s += 2;
    }
    *o = '\0';
    return (size_t)(o - out);
}

/* Validates a number; sets *kind (FAST_INT or FAST_REAL).  Exponents, long
 * integer parts and long numbers are left to jansson (overflow rules). */
static const char *
fast_number(const char *p, const char *end, int *kind)
{
    const char *start = p;
    if (p < end && *p == '-')
        p++;
    if (p >= end)
        return NULL;
    if (*p == '0') {
        p++;
    } else if (*p >= '1' && *p <= '9') {
        const char *d = p;
        while (p < end && *p >= '0' && *p <= '9')
            p++;
        if (p - d > FAST_MAX_INT_DIGITS)
            return NULL;
    } else {
        return NULL;
    }
    *kind = FAST_INT;
    if (p < end && *p == '.') {
        const char *d = ++p;
        while (p < end && *p >= '0' && *p <= '9')
            p++;
        if (p == d)
            return NULL;
        *kind = FAST_REAL;
    }
    if (p < end && (*p == 'e' || *p == 'E'))
        return NULL;
    if (p - start > FAST_MAX_NUMBER)
        return NULL;
    return p;
}

static const char *fast_value(const char *p, const char *end, int depth,
                              fast_val *v);

/* The roles (bit set) of a top-level key, or -1 to give up. */
static int
fast_roles(const fast_scan *fs, const char *k, size_t n, bool esc)
{
    char buf[FAST_MAX_ESC_KEY + 1];
    if (esc) {
        if (n > FAST_MAX_ESC_KEY)
            return -1;
        n = fast_decode(k, n, buf);
        k = buf;
    }
    int roles = 0;
    for (int i = 0; i < ROLE_COUNT; i++)
        if (fs->name[i] && fs->name_len[i] == n &&
            memcmp(fs->name[i], k, n) == 0)
            roles |= 1 << i;
    return roles;
}

/* An object after its '{'; @p fs (top level only) collects the members
 * wanted. */
static const char *
fast_object(const char *p, const char *end, int depth, fast_scan *fs)
{
    p = fast_ws(p, end);
    if (p < end && *p == '}')
        return p + 1;
    for (;;) {
        if (p >= end || *p != '"')
            return NULL;
        bool esc = false, nul = false;
        const char *k = p + 1;
        const char *q = fast_string(k, end, &esc, &nul);
        if (!q || nul) /* jansson refuses NUL in keys */
            return NULL;
        int roles = fs ? fast_roles(fs, k, (size_t)(q - k), esc) : 0;
        if (roles < 0)
            return NULL;
        p = fast_ws(q + 1, end);
        if (p >= end || *p != ':')
            return NULL;
        p = fast_ws(p + 1, end);
        fast_val v;
        p = fast_value(p, end, depth + 1, roles ? &v : NULL);
        if (!p)
            return NULL;
        for (int i = 0; roles && i < ROLE_COUNT; i++)
            if (roles & (1 << i))
                fs->val[i] = v; /* the last one wins, as in jansson */
        p = fast_ws(p, end);
        if (p >= end)
            return NULL;
        if (*p == '}')
            return p + 1;
        if (*p != ',')
            return NULL;
        p = fast_ws(p + 1, end);
    }
}

/* An array after its '['. */
static const char *
fast_array(const char *p, const char *end, int depth)
{
    p = fast_ws(p, end);
    if (p < end && *p == ']')
        return p + 1;
    for (;;) {
        p = fast_value(p, end, depth + 1, NULL);
        if (!p)
            return NULL;
        p = fast_ws(p, end);
        if (p >= end)
            return NULL;
        if (*p == ']')
            return p + 1;
        if (*p != ',')
            return NULL;
        p = fast_ws(p + 1, end);
    }
}

/* One value at p (no leading white space) at nesting @p depth (the top
 * level is 1); returns the byte after it, or NULL.  @p v (may be NULL)
 * receives what it is. */
static const char *
fast_value(const char *p, const char *end, int depth, fast_val *v)
{
    fast_val tmp;
    if (!v)
        v = &tmp;
    v->kind = FAST_OTHER;
    v->s = p;
    v->n = 0;
    v->esc = false;
    if (p >= end)
        return NULL;
    switch (*p) {
    case '"': {
        bool nul = false;
        const char *q = fast_string(p + 1, end, &v->esc, &nul);
        if (!q)
            return NULL;
        v->kind = FAST_STRING;
        v->s = p + 1;
        v->n = (size_t)(q - (p + 1));
        return q + 1;
    }
    case '{':
        if (depth > FAST_MAX_DEPTH)
            return NULL;
        return fast_object(p + 1, end, depth, NULL);
    case '[':
        if (depth > FAST_MAX_DEPTH)
            return NULL;
        return fast_array(p + 1, end, depth);
    case 't':
        return end - p >= 4 && memcmp(p, "true", 4) == 0 ? p + 4 : NULL;
    case 'f':
        return end - p >= 5 && memcmp(p, "false", 5) == 0 ? p + 5 : NULL;
    case 'n':
        return end - p >= 4 && memcmp(p, "null", 4) == 0 ? p + 4 : NULL;
    default: {
        const char *q = fast_number(p, end, &v->kind);
        if (q)
            v->n = (size_t)(q - p);
        return q;
    }
    }
}

/* The decoded value of string @p v in a new buffer; *len its length. */
static char *
fast_string_value(const fast_val *v, size_t *len)
{
    char *s = mtl_xmalloc(v->n + 1);
    if (v->esc) {
        *len = fast_decode(v->s, v->n, s);
    } else {
        memcpy(s, v->s, v->n);
        s[v->n] = '\0';
        *len = v->n;
    }
    return s;
}

/* The record of a line the fast scanner takes, or NULL (jansson path). */
static mtl_record *
fast_parse(const char *line, size_t len, const char *const names[ROLE_COUNT],
           char **id_out)
{
    fast_scan fs;
    for (int i = 0; i < ROLE_COUNT; i++) {
        fs.name[i] = names[i];
        fs.name_len[i] = names[i] ? strlen(names[i]) : 0;
        fs.val[i].kind = FAST_NONE;
    }
    const char *end = line + len;
    const char *p = fast_ws(line, end);
    if (p >= end || *p != '{')
        return NULL;
    p = fast_object(p + 1, end, 1, &fs);
    if (!p || fast_ws(p, end) != end)
        return NULL;
    const fast_val *tv = &fs.val[ROLE_TEXT], *idv = &fs.val[ROLE_ID];
    /* no text, text not a string, or a real id: jansson's words */
    if (tv->kind != FAST_STRING || idv->kind == FAST_REAL)
        return NULL;

    mtl_record *r = mtl_xcalloc(1, sizeof *r);
    r->buf = fast_string_value(tv, &r->text_len);
    r->text = r->buf;
    if (idv->kind == FAST_STRING) {
        size_t n;
        r->id = fast_string_value(idv, &n);
        if (!idv->esc) {
            /* json_dumps() copies such a string as it is */
            char *j = mtl_xmalloc(idv->n + 3);
            j[0] = '"';
            memcpy(j + 1, idv->s, idv->n);
            j[idv->n + 1] = '"';
            j[idv->n + 2] = '\0';
            r->id_json = j;
        } else {
            json_t *js = json_stringn(r->id, n);
            r->id_json = json_dumps(js, JSON_ENCODE_ANY);
            json_decref(js);
        }
    } else if (idv->kind == FAST_INT) {
        const char *s = idv->s, *e = idv->s + idv->n;
        bool neg = *s == '-';
        unsigned long long u = 0;
        for (s += neg; s < e; s++)
            u = u * 10 + (unsigned)(*s - '0');
        char buf[32];
        snprintf(buf, sizeof buf, "%lld", neg ? -(long long)u : (long long)u);
        r->id = mtl_xstrdup(buf);
        r->id_json = mtl_xstrdup(buf);
    }
    if (id_out && r->id_json)
        *id_out = mtl_xstrdup(r->id_json);
    const fast_val *lv = &fs.val[ROLE_LANG];
    if (lv->kind == FAST_STRING && lv->n > 0) {
        /* a C string, as jansson's path takes it */
        size_t n;
        char *s = fast_string_value(lv, &n);
        r->lang = mtl_xstrdup(s);
        free(s);
    }
    const fast_val *dv = &fs.val[ROLE_DATE];
    if (dv->kind == FAST_STRING && dv->n >= 10) {
        size_t n;
        char *s = fast_string_value(dv, &n);
        if (n >= 10)
            r->date = mtl_xstrndup(s, 10);
        free(s);
    }
    return r;
}

mtl_record *
mtl_record_parse_jansson(const char *line, size_t len,
                         const mtl_record_fields *fields, char **id_out,
                         mtl_error *err)
{
    const char *text_field = fields && fields->text_field ? fields->text_field
                                                          : "text";
    const char *id_field = fields && fields->id_field ? fields->id_field : "id";
    const char *lang_field = fields && fields->lang_field ? fields->lang_field
                                                          : "lang";
    const char *date_field = fields ? fields->date_field : NULL;
    if (id_out)
        *id_out = NULL;
    json_error_t je;
    json_t *root = json_loadb(line, len, JSON_ALLOW_NUL | JSON_DECODE_ANY,
                              &je);
    if (!root) {
        mtl_set_error(err, MTL_EJSON, "not valid JSON: %s (column %d)",
                      je.text, je.column);
        return NULL;
    }
    if (!json_is_object(root)) {
        mtl_set_error(err, MTL_EJSON, "not a JSON object");
        json_decref(root);
        return NULL;
    }
    json_t *idv = json_object_get(root, id_field);
    if (id_out && idv && (json_is_string(idv) || json_is_number(idv)))
        *id_out = json_dumps(idv, JSON_ENCODE_ANY);
    json_t *tv = json_object_get(root, text_field);
    if (!tv) {
        mtl_set_error(err, MTL_EJSON, "no \"%s\" field (choose the field with "
                      "--text-field)", text_field);
        json_decref(root);
        return NULL;
    }
    if (!json_is_string(tv)) {
        mtl_set_error(err, MTL_EJSON, "field \"%s\" is not a string",
                      text_field);
        json_decref(root);
        return NULL;
    }
    mtl_record *r = mtl_xcalloc(1, sizeof *r);
    r->root = root;
    r->text = json_string_value(tv);
    r->text_len = json_string_length(tv);
    if (idv) {
        r->id = mtl_json_scalar_string(idv);
        if (json_is_string(idv) || json_is_number(idv))
            r->id_json = json_dumps(idv, JSON_ENCODE_ANY);
    }
    json_t *lv = json_object_get(root, lang_field);
    if (json_is_string(lv) && json_string_length(lv) > 0)
        r->lang = mtl_xstrdup(json_string_value(lv));
    if (date_field) {
        json_t *dv = json_object_get(root, date_field);
        if (json_is_string(dv) && json_string_length(dv) >= 10)
            r->date = mtl_xstrndup(json_string_value(dv), 10);
    }
    return r;
}

mtl_record *
mtl_record_parse(const char *line, size_t len, const mtl_record_fields *fields,
                 char **id_out, mtl_error *err)
{
    if (id_out)
        *id_out = NULL;
    if (line) {
        const char *names[ROLE_COUNT] = {
            fields && fields->text_field ? fields->text_field : "text",
            fields && fields->id_field ? fields->id_field : "id",
            fields && fields->lang_field ? fields->lang_field : "lang",
            fields ? fields->date_field : NULL,
        };
        mtl_record *r = fast_parse(line, len, names, id_out);
        if (r)
            return r;
    }
    return mtl_record_parse_jansson(line, len, fields, id_out, err);
}

bool
mtl_record_is_fast(const mtl_record *r)
{
    return r && r->buf;
}

void
mtl_record_free(mtl_record *r)
{
    if (!r)
        return;
    json_decref(r->root);
    free(r->buf);
    free(r->id);
    free(r->id_json);
    free(r->lang);
    free(r->date);
    free(r);
}

const char *
mtl_record_text(const mtl_record *r, size_t *len)
{
    if (len)
        *len = r ? r->text_len : 0;
    return r ? r->text : NULL;
}

const char *
mtl_record_id(const mtl_record *r)
{
    return r ? r->id : NULL;
}

const char *
mtl_record_id_json(const mtl_record *r)
{
    return r ? r->id_json : NULL;
}

const char *
mtl_record_lang(const mtl_record *r)
{
    return r ? r->lang : NULL;
}

const char *
mtl_record_date(const mtl_record *r)
{
    return r ? r->date : NULL;
}

char *
mtl_record_splice(const char *line, size_t len, const char *verdict,
                  const char *extra_key, const char *extra_value,
                  size_t extra_len)
{
    size_t end = len;
    while (end > 0 && mtl_is_ascii_space((unsigned char)line[end - 1]))
        end--;
    if (end == 0 || line[end - 1] != '}')
        return NULL;
    size_t close = end - 1;
    /* empty object? */
    size_t p = 0;
    while (p < close && mtl_is_ascii_space((unsigned char)line[p]))
        p++;
    bool empty = true;
    for (size_t q = p + 1; q < close; q++)
        if (!mtl_is_ascii_space((unsigned char)line[q])) {
            empty = false;
            break;
        }
    if (!verdict)
        verdict = "null";
    size_t verdict_len = strlen(verdict);
    mtl_strbuf sb;
    mtl_strbuf_init(&sb);
    /* the record and the verdict at once (the extra member may grow) */
    mtl_strbuf_reserve(&sb, close + verdict_len + 16 +
                                (extra_key && extra_value ? extra_len : 0));
    mtl_strbuf_put(&sb, line, close);
    bool need_comma = !empty;
    if (extra_key && extra_value) {
        if (need_comma)
            mtl_strbuf_put(&sb, ", ", 2);
        mtl_strbuf_json_string(&sb, extra_key, strlen(extra_key));
        mtl_strbuf_put(&sb, ": ", 2);
        mtl_strbuf_json_string(&sb, extra_value, extra_len);
        need_comma = true;
    }
    if (need_comma)
        mtl_strbuf_put(&sb, ", ", 2);
    mtl_strbuf_puts(&sb, "\"mtlint\": ");
    mtl_strbuf_put(&sb, verdict, verdict_len);
    mtl_strbuf_putc(&sb, '}');
    return mtl_strbuf_detach(&sb, NULL);
}

char *
mtl_error_record(const char *id_json, const char *message, const char *source)
{
    mtl_strbuf sb;
    mtl_strbuf_init(&sb);
    mtl_strbuf_putc(&sb, '{');
    if (id_json) {
        mtl_strbuf_puts(&sb, "\"id\": ");
        mtl_strbuf_puts(&sb, id_json);
        mtl_strbuf_put(&sb, ", ", 2);
    }
    mtl_strbuf_puts(&sb, "\"mtlint\": {\"error\": ");
    mtl_strbuf_json_string(&sb, message ? message : "error",
                           message ? strlen(message) : 5);
    mtl_strbuf_puts(&sb, ", \"source\": ");
    if (source)
        mtl_strbuf_json_string(&sb, source, strlen(source));
    else
        mtl_strbuf_puts(&sb, "null");
    mtl_strbuf_puts(&sb, "}}");
    return mtl_strbuf_detach(&sb, NULL);
}
