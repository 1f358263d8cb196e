/*
 * jsonl.c - the JSON record of a report (DESIGN.md "Output contract"), one
 * object on one line.
 */
#include <string.h>

#include "../engine.h"
#include "../util/strbuf.h"
#include "../util/util.h"

/*
 * A record is mostly keys, short strings and small integers: appended
 * one strbuf call (and capacity check) each, the calls cost more than the
 * bytes.  The helpers below write into room reserved once per record and
 * give the same bytes as mtl_strbuf_json_string() and mtl_strbuf_uint().
 */

/* Appends n bytes, growing the buffer only when needed. */
static inline void
mtl_json_put(mtl_strbuf *sb, const char *s, size_t n)
{
    if (sb->cap - sb->len <= n)
        mtl_strbuf_reserve(sb, n);
    memcpy(sb->data + sb->len, s, n);
    sb->len += n;
    sb->data[sb->len] = '\0';
}

#define mtl_json_lit(sb, lit) mtl_json_put((sb), (lit), sizeof(lit) - 1)

/* True if mtl_strbuf_json_string() copies s[0..n) unchanged: printable
 * ASCII other than '"' and '\\', and valid UTF-8 other than U+2028 and
 * U+2029 (which it escapes). */
static bool
mtl_json_verbatim(const char *s, size_t n)
{
    size_t i = 0;
    while (i < n) {
        if (n - i >= 8 && mtl_json_plain8(mtl_load8(s + i))) {
            i += 8;
            continue;
        }
        unsigned char c = (unsigned char)s[i];
        if (c < 0x80) {
            if (c < 0x20 || c == '"' || c == '\\')
                return false;
            i++;
            continue;
        }
        int32_t cp = mtl_utf8_next_multi(s, n, &i);
        if (cp < 0 || cp == 0x2028 || cp == 0x2029)
            return false;
    }
    return true;
}

/* Appends s[0..n) as a JSON string literal (quotes included). */
static void
mtl_json_str(mtl_strbuf *sb, const char *s, size_t n)
{
    if (!mtl_json_verbatim(s, n)) {
        mtl_strbuf_json_string(sb, s, n);
        return;
    }
    if (sb->cap - sb->len <= n + 2)
        mtl_strbuf_reserve(sb, n + 2);
    char *o = sb->data + sb->len;
    o[0] = '"';
    memcpy(o + 1, s, n);
    o[n + 1] = '"';
    o[n + 2] = '\0';
    sb->len += n + 2;
}

/* A key of the record's own (a name that needs no escaping). */
static void
mtl_json_key(mtl_strbuf *sb, const char *key, bool *first)
{
    if (!*first)
        mtl_json_lit(sb, ", ");
    *first = false;
    mtl_json_str(sb, key, strlen(key));
    mtl_json_lit(sb, ": ");
}

static void
mtl_json_str_or_null(mtl_strbuf *sb, const char *s)
{
    if (s)
        mtl_json_str(sb, s, strlen(s));
    else
        mtl_json_lit(sb, "null");
}

/* Appends v in decimal. */
static void
mtl_json_uint(mtl_strbuf *sb, uint64_t v)
{
    char buf[24];
    char *p = buf + sizeof buf;
    do {
        *--p = (char)('0' + v % 10);
        v /= 10;
    } while (v);
    mtl_json_put(sb, p, (size_t)(buf + sizeof buf - p));
}

char *
mtl_report_json(const mtl_report *r, unsigned bits)
{
    if (!r)
        return NULL;
    mtl_strbuf sb;
    mtl_strbuf_init(&sb);
    /* room for a typical record at once: a flag takes some 250 bytes */
    mtl_strbuf_reserve(&sb, 1024 + 256 * r->nflags +
                                (r->stats_json ? strlen(r->stats_json) : 0));
    /* keys of the record's own are written as literals */
    mtl_json_lit(&sb, "{\"id\": ");
    mtl_json_str_or_null(&sb, r->id ? r->id : r->source);
    mtl_json_lit(&sb, ", \"source\": ");
    mtl_json_str_or_null(&sb, r->source);
    mtl_json_lit(&sb, ", \"lang\": ");
    mtl_json_str_or_null(&sb, r->lang);
    mtl_json_lit(&sb, ", \"lang_confidence\": ");
    mtl_strbuf_number(&sb, r->lang_confidence, 2);
    mtl_json_lit(&sb, ", \"bytes\": ");
    mtl_json_uint(&sb, r->len);
    mtl_json_lit(&sb, ", \"words\": ");
    mtl_json_uint(&sb, r->words);
    mtl_json_lit(&sb, ", \"score\": ");
    mtl_strbuf_number(&sb, r->score, 1);
    mtl_json_lit(&sb, ", \"grade\": ");
    char g[2] = {r->grade, 0};
    mtl_json_str(&sb, g, 1);

    mtl_json_lit(&sb, ", \"counts\": {");
    bool f2 = true;
    for (int c = 0; c < MTL_NCATEGORIES; c++) {
        if (!r->sr.count[c])
            continue;
        mtl_json_key(&sb, mtl_categories[c], &f2);
        mtl_json_uint(&sb, r->sr.count[c]);
    }
    mtl_json_lit(&sb, "}, \"subscores\": {");
    f2 = true;
    for (int c = 0; c < MTL_NCATEGORIES; c++) {
        if (!r->sr.count[c])
            continue;
        mtl_json_key(&sb, mtl_categories[c], &f2);
        mtl_strbuf_number(&sb, r->sr.sub[c], 1);
    }
    mtl_json_lit(&sb, "}");

    if (!(bits & MTL_WRITE_NO_STATS) && r->stats_json) {
        mtl_json_lit(&sb, ", \"stats\": ");
        mtl_json_put(&sb, r->stats_json, strlen(r->stats_json));
    }

    bool any_filter = false;
    for (int i = 0; i < MTL_FILTER_COUNT; i++)
        any_filter |= r->filter_verdict[i] != NULL;
    if (any_filter) {
        mtl_json_lit(&sb, ", \"filters\": {");
        bool f4 = true;
        for (int i = 0; i < MTL_FILTER_COUNT; i++) {
            if (!r->filter_verdict[i])
                continue;
            mtl_json_key(&sb, mtl_filter_names[i], &f4);
            mtl_json_str_or_null(&sb, r->filter_verdict[i]);
        }
        mtl_json_lit(&sb, "}");
    }

    if (!(bits & MTL_WRITE_NO_FLAGS)) {
        mtl_json_lit(&sb, ", \"flags\": [");
        for (size_t i = 0; i < r->nflags; i++) {
            const mtl_flag *f = &r->flags[i];
            if (i)
                mtl_json_lit(&sb, ", ");
            mtl_json_lit(&sb, "{\"category\": ");
            mtl_json_str_or_null(&sb, f->category);
            mtl_json_lit(&sb, ", \"rule\": ");
            mtl_json_str_or_null(&sb, f->rule);
            mtl_json_lit(&sb, ", \"start\": ");
            mtl_json_uint(&sb, f->start);
            mtl_json_lit(&sb, ", \"end\": ");
            mtl_json_uint(&sb, f->end);
            mtl_json_lit(&sb, ", \"line\": ");
            mtl_json_uint(&sb, f->line);
            mtl_json_lit(&sb, ", \"col\": ");
            mtl_json_uint(&sb, f->col);
            mtl_json_lit(&sb, ", \"text\": ");
            mtl_json_str_or_null(&sb, f->text);
            mtl_json_lit(&sb, ", \"message\": ");
            mtl_json_str_or_null(&sb, f->message);
            if (f->suggestion) {
                mtl_json_lit(&sb, ", \"suggestion\": ");
                mtl_json_str_or_null(&sb, f->suggestion);
            }
            mtl_json_lit(&sb, ", \"weight\": ");
            mtl_strbuf_number(&sb, f->weight, 2);
            mtl_json_lit(&sb, "}");
        }
        mtl_json_lit(&sb, "]");
    }
    if (r->nnotes) {
        mtl_json_lit(&sb, ", \"notes\": [");
        for (size_t i = 0; i < r->nnotes; i++) {
            if (i)
                mtl_json_lit(&sb, ", ");
            mtl_json_str_or_null(&sb, r->notes[i]);
        }
        mtl_json_lit(&sb, "]");
    }
    mtl_json_lit(&sb, ", \"error\": null}");
    return mtl_strbuf_detach(&sb, NULL);
}
