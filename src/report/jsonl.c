/*
 * jsonl.c - the JSON record of a report (DESIGN.md "Output contract"), one
 * object on one line.
 */
#include <string.h>

#include "../engine.h"
#include "../util/strbuf.h"
#include "../util/util.h"

/* A key of the record's own (a name that needs no escaping). */
static void
mtl_json_key(mtl_strbuf *sb, const char *key, bool *first)
{
    if (!*first)
        mtl_strbuf_lit(sb, ", ");
    *first = false;
    mtl_strbuf_json_string(sb, key, strlen(key));
    mtl_strbuf_lit(sb, ": ");
}

static void
mtl_json_str_or_null(mtl_strbuf *sb, const char *s)
{
    if (s)
        mtl_strbuf_json_string(sb, s, strlen(s));
    else
        mtl_strbuf_lit(sb, "null");
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
    mtl_strbuf_lit(&sb, "{\"id\": ");
    mtl_json_str_or_null(&sb, r->id ? r->id : r->source);
    mtl_strbuf_lit(&sb, ", \"source\": ");
    mtl_json_str_or_null(&sb, r->source);
    mtl_strbuf_lit(&sb, ", \"lang\": ");
    mtl_json_str_or_null(&sb, r->lang);
    mtl_strbuf_lit(&sb, ", \"lang_confidence\": ");
    mtl_strbuf_number(&sb, r->lang_confidence, 2);
    mtl_strbuf_lit(&sb, ", \"bytes\": ");
    mtl_strbuf_uint(&sb, r->len);
    mtl_strbuf_lit(&sb, ", \"words\": ");
    mtl_strbuf_uint(&sb, r->words);
    mtl_strbuf_lit(&sb, ", \"score\": ");
    mtl_strbuf_number(&sb, r->score, 1);
    mtl_strbuf_lit(&sb, ", \"grade\": ");
    char g[2] = {r->grade, 0};
    mtl_strbuf_json_string(&sb, g, 1);

    mtl_strbuf_lit(&sb, ", \"counts\": {");
    bool f2 = true;
    for (int c = 0; c < MTL_NCATEGORIES; c++) {
        if (!r->sr.count[c])
            continue;
        mtl_json_key(&sb, mtl_categories[c], &f2);
        mtl_strbuf_uint(&sb, r->sr.count[c]);
    }
    mtl_strbuf_lit(&sb, "}, \"subscores\": {");
    f2 = true;
    for (int c = 0; c < MTL_NCATEGORIES; c++) {
        if (!r->sr.count[c])
            continue;
        mtl_json_key(&sb, mtl_categories[c], &f2);
        mtl_strbuf_number(&sb, r->sr.sub[c], 1);
    }
    mtl_strbuf_lit(&sb, "}");

    if (!(bits & MTL_WRITE_NO_STATS) && r->stats_json) {
        mtl_strbuf_lit(&sb, ", \"stats\": ");
        mtl_strbuf_puts(&sb, r->stats_json);
    }

    bool any_filter = false;
    for (int i = 0; i < MTL_FILTER_COUNT; i++)
        any_filter |= r->filter_verdict[i] != NULL;
    if (any_filter) {
        mtl_strbuf_lit(&sb, ", \"filters\": {");
        bool f4 = true;
        for (int i = 0; i < MTL_FILTER_COUNT; i++) {
            if (!r->filter_verdict[i])
                continue;
            mtl_json_key(&sb, mtl_filter_names[i], &f4);
            mtl_json_str_or_null(&sb, r->filter_verdict[i]);
        }
        mtl_strbuf_lit(&sb, "}");
    }

    if (!(bits & MTL_WRITE_NO_FLAGS)) {
        mtl_strbuf_lit(&sb, ", \"flags\": [");
        for (size_t i = 0; i < r->nflags; i++) {
            const mtl_flag *f = &r->flags[i];
            if (i)
                mtl_strbuf_lit(&sb, ", ");
            mtl_strbuf_lit(&sb, "{\"category\": ");
            mtl_json_str_or_null(&sb, f->category);
            mtl_strbuf_lit(&sb, ", \"rule\": ");
            mtl_json_str_or_null(&sb, f->rule);
            mtl_strbuf_lit(&sb, ", \"start\": ");
            mtl_strbuf_uint(&sb, f->start);
            mtl_strbuf_lit(&sb, ", \"end\": ");
            mtl_strbuf_uint(&sb, f->end);
            mtl_strbuf_lit(&sb, ", \"line\": ");
            mtl_strbuf_uint(&sb, f->line);
            mtl_strbuf_lit(&sb, ", \"col\": ");
            mtl_strbuf_uint(&sb, f->col);
            mtl_strbuf_lit(&sb, ", \"text\": ");
            mtl_json_str_or_null(&sb, f->text);
            mtl_strbuf_lit(&sb, ", \"message\": ");
            mtl_json_str_or_null(&sb, f->message);
            if (f->suggestion) {
                mtl_strbuf_lit(&sb, ", \"suggestion\": ");
                mtl_json_str_or_null(&sb, f->suggestion);
            }
            mtl_strbuf_lit(&sb, ", \"weight\": ");
            mtl_strbuf_number(&sb, f->weight, 2);
            mtl_strbuf_lit(&sb, "}");
        }
        mtl_strbuf_lit(&sb, "]");
    }
    if (r->nnotes) {
        mtl_strbuf_lit(&sb, ", \"notes\": [");
        for (size_t i = 0; i < r->nnotes; i++) {
            if (i)
                mtl_strbuf_lit(&sb, ", ");
            mtl_json_str_or_null(&sb, r->notes[i]);
        }
        mtl_strbuf_lit(&sb, "]");
    }
    mtl_strbuf_lit(&sb, ", \"error\": null}");
    return mtl_strbuf_detach(&sb, NULL);
}
