/*
 * record.c - JSONL input records: parsing one line with jansson, and
 * splicing the verdict into the input bytes so that a pipeline loses
 * nothing ("n": 1.50 stays 1.50).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "engine.h"
#include "util/strbuf.h"
#include "util/util.h"

struct mtl_record {
    json_t *root;
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

mtl_record *
mtl_record_parse(const char *line, size_t len, const mtl_record_fields *fields,
                 char **id_out, mtl_error *err)
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

void
mtl_record_free(mtl_record *r)
{
    if (!r)
        return;
    json_decref(r->root);
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
    mtl_strbuf sb;
    mtl_strbuf_init(&sb);
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
    mtl_strbuf_puts(&sb, verdict ? verdict : "null");
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
