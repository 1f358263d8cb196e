/*
 * jsonl.c - the JSON record of a report (DESIGN.md "Output contract"), one
 * object on one line.
 */
#include <string.h>

#include "../engine.h"
#include "../util/strbuf.h"
#include "../util/util.h"

static void
mtl_json_key(mtl_strbuf *sb, const char *key, bool *first)
{
    if (!*first)
        mtl_strbuf_put(sb, ", ", 2);
    *first = false;
    mtl_strbuf_json_string(sb, key, strlen(key));
    mtl_strbuf_put(sb, ": ", 2);
}

static void
mtl_json_str_or_null(mtl_strbuf *sb, const char *s)
{
    if (s)
        mtl_strbuf_json_string(sb, s, strlen(s));
    else
        mtl_strbuf_puts(sb, "null");
}

char *
mtl_report_json(const mtl_report *r, unsigned bits)
{
    if (!r)
        return NULL;
    mtl_strbuf sb;
    mtl_strbuf_init(&sb);
    bool first = true;
    mtl_strbuf_putc(&sb, '{');
    mtl_json_key(&sb, "id", &first);
    mtl_json_str_or_null(&sb, r->id ? r->id : r->source);
    mtl_json_key(&sb, "source", &first);
    mtl_json_str_or_null(&sb, r->source);
    mtl_json_key(&sb, "lang", &first);
    mtl_json_str_or_null(&sb, r->lang);
    mtl_json_key(&sb, "lang_confidence", &first);
    mtl_strbuf_number(&sb, r->lang_confidence, 2);
    mtl_json_key(&sb, "bytes", &first);
    mtl_strbuf_uint(&sb, r->len);
    mtl_json_key(&sb, "words", &first);
    mtl_strbuf_uint(&sb, r->words);
    mtl_json_key(&sb, "score", &first);
    mtl_strbuf_number(&sb, r->score, 1);
    mtl_json_key(&sb, "grade", &first);
    char g[2] = {r->grade, 0};
    mtl_strbuf_json_string(&sb, g, 1);

    mtl_json_key(&sb, "counts", &first);
    mtl_strbuf_putc(&sb, '{');
    bool f2 = true;
    for (int c = 0; c < MTL_NCATEGORIES; c++) {
        if (!r->sr.count[c])
            continue;
        mtl_json_key(&sb, mtl_categories[c], &f2);
        mtl_strbuf_uint(&sb, r->sr.count[c]);
    }
    mtl_strbuf_putc(&sb, '}');
    mtl_json_key(&sb, "subscores", &first);
    mtl_strbuf_putc(&sb, '{');
    f2 = true;
    for (int c = 0; c < MTL_NCATEGORIES; c++) {
        if (!r->sr.count[c])
            continue;
        mtl_json_key(&sb, mtl_categories[c], &f2);
        mtl_strbuf_number(&sb, r->sr.sub[c], 1);
    }
    mtl_strbuf_putc(&sb, '}');

    if (!(bits & MTL_WRITE_NO_STATS) && r->stats_json) {
        mtl_json_key(&sb, "stats", &first);
        mtl_strbuf_puts(&sb, r->stats_json);
    }

    bool any_filter = false;
    for (int i = 0; i < MTL_FILTER_COUNT; i++)
        any_filter |= r->filter_verdict[i] != NULL;
    if (any_filter) {
        mtl_json_key(&sb, "filters", &first);
        mtl_strbuf_putc(&sb, '{');
        bool f4 = true;
        for (int i = 0; i < MTL_FILTER_COUNT; i++) {
            if (!r->filter_verdict[i])
                continue;
            mtl_json_key(&sb, mtl_filter_names[i], &f4);
            mtl_json_str_or_null(&sb, r->filter_verdict[i]);
        }
        mtl_strbuf_putc(&sb, '}');
    }

    if (!(bits & MTL_WRITE_NO_FLAGS)) {
        mtl_json_key(&sb, "flags", &first);
        mtl_strbuf_putc(&sb, '[');
        for (size_t i = 0; i < r->nflags; i++) {
            const mtl_flag *f = &r->flags[i];
            if (i)
                mtl_strbuf_put(&sb, ", ", 2);
            bool f3 = true;
            mtl_strbuf_putc(&sb, '{');
            mtl_json_key(&sb, "category", &f3);
            mtl_json_str_or_null(&sb, f->category);
            mtl_json_key(&sb, "rule", &f3);
            mtl_json_str_or_null(&sb, f->rule);
            mtl_json_key(&sb, "start", &f3);
            mtl_strbuf_uint(&sb, f->start);
            mtl_json_key(&sb, "end", &f3);
            mtl_strbuf_uint(&sb, f->end);
            mtl_json_key(&sb, "line", &f3);
            mtl_strbuf_uint(&sb, f->line);
            mtl_json_key(&sb, "col", &f3);
            mtl_strbuf_uint(&sb, f->col);
            mtl_json_key(&sb, "text", &f3);
            mtl_json_str_or_null(&sb, f->text);
            mtl_json_key(&sb, "message", &f3);
            mtl_json_str_or_null(&sb, f->message);
            if (f->suggestion) {
                mtl_json_key(&sb, "suggestion", &f3);
                mtl_json_str_or_null(&sb, f->suggestion);
            }
            mtl_json_key(&sb, "weight", &f3);
            mtl_strbuf_number(&sb, f->weight, 2);
            mtl_strbuf_putc(&sb, '}');
        }
        mtl_strbuf_putc(&sb, ']');
    }
    if (r->nnotes) {
        mtl_json_key(&sb, "notes", &first);
        mtl_strbuf_putc(&sb, '[');
        for (size_t i = 0; i < r->nnotes; i++) {
            if (i)
                mtl_strbuf_put(&sb, ", ", 2);
            mtl_json_str_or_null(&sb, r->notes[i]);
        }
        mtl_strbuf_putc(&sb, ']');
    }
    mtl_json_key(&sb, "error", &first);
    mtl_strbuf_puts(&sb, "null");
    mtl_strbuf_putc(&sb, '}');
    return mtl_strbuf_detach(&sb, NULL);
}
