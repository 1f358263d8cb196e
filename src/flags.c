/*
 * flags.c - the rule tables generated from flags.def and the flag sink
 * detectors add to.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "engine.h"
#include "util/util.h"

const char *const mtl_rule_ids[] = {
#define MTL_FLAG(sym, detector, id, description) id,
#include "detectors/flags.def"
#undef MTL_FLAG
};

const char *const mtl_rule_detectors[] = {
#define MTL_FLAG(sym, detector, id, description) #detector,
#include "detectors/flags.def"
#undef MTL_FLAG
};

const char *const mtl_rule_descriptions[] = {
#define MTL_FLAG(sym, detector, id, description) description,
#include "detectors/flags.def"
#undef MTL_FLAG
};

int
mtl_detector_index(const char *name)
{
    for (size_t i = 0; i < mtl_detectors_count; i++)
        if (strcmp(mtl_detectors[i]->name, name) == 0)
            return (int)i;
    return -1;
}

const char *
mtl_rule_category_of(unsigned rule)
{
    if (rule >= MTL_RULE__COUNT)
        return "other";
    int d = mtl_detector_index(mtl_rule_detectors[rule]);
    return d >= 0 ? mtl_detectors[d]->category : "other";
}

void
mtl_flags_init(mtl_flags *f, const char *text, size_t len)
{
    memset(f, 0, sizeof *f);
    f->text = text;
    f->doc_len = len;
}

void
mtl_flags_free(mtl_flags *f)
{
    for (size_t i = 0; i < f->n; i++) {
        free(f->v[i].message);
        free(f->v[i].suggestion);
    }
    free(f->v);
    memset(f, 0, sizeof *f);
}

void
mtl_flags_add(mtl_flags *f, mtl_rule rule, size_t start, size_t end,
              const char *message, const char *suggestion)
{
    if ((unsigned)rule >= MTL_RULE__COUNT)
        return;
    if (end > f->doc_len)
        end = f->doc_len;
    if (start >= end)
        return;
    /* spans end on character boundaries */
    while (start > 0 && ((unsigned char)f->text[start] & 0xC0) == 0x80)
        start--;
    while (end < f->doc_len && ((unsigned char)f->text[end] & 0xC0) == 0x80)
        end++;
    for (size_t i = f->n; i > 0 && i + 8 > f->n; i--) {
        const mtl_flag_int *o = &f->v[i - 1];
        if (o->rule == rule && o->start == start && o->end == end)
            return;
    }
    mtl_grow((void **)&f->v, &f->cap, f->n + 1, sizeof *f->v);
    mtl_flag_int *fl = &f->v[f->n++];
    fl->start = (uint32_t)start;
    fl->end = (uint32_t)end;
    fl->rule = (uint16_t)rule;
    fl->message = message ? mtl_xstrdup(message) : NULL;
    fl->suggestion = suggestion ? mtl_xstrdup(suggestion) : NULL;
}

void
mtl_flags_addf(mtl_flags *f, mtl_rule rule, size_t start, size_t end,
               const char *suggestion, const char *fmt, ...)
{
    char buf[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    mtl_flags_add(f, rule, start, end, buf, suggestion);
}

bool
mtl_flags_overlap(const mtl_flags *f, const char *category, size_t start,
                  size_t end)
{
    for (size_t i = 0; i < f->n; i++) {
        const mtl_flag_int *o = &f->v[i];
        if (o->start < end && start < o->end &&
            (!category ||
             strcmp(mtl_rule_category_of(o->rule), category) == 0))
            return true;
    }
    return false;
}

static int
mtl_flag_cmp(const void *a, const void *b)
{
    const mtl_flag_int *x = a, *y = b;
    if (x->start != y->start)
        return x->start < y->start ? -1 : 1;
    if (x->end != y->end)
        return x->end < y->end ? -1 : 1;
    return (int)x->rule - (int)y->rule;
}

void
mtl_flags_sort(mtl_flags *f)
{
    if (f->n > 1)
        qsort(f->v, f->n, sizeof *f->v, mtl_flag_cmp);
}
