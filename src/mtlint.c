/*
 * mtlint.c - small public entry points: version, status texts, detector
 * and rule tables, report accessors.
 */
#include <stdlib.h>
#include <string.h>

#include "config.h"
#include "engine.h"
#include "util/util.h"

const char *
mtl_version(void)
{
    return MTL_VERSION_STRING;
}

const char *
mtl_strerror(int status)
{
    switch (status) {
    case MTL_OK: return "success";
    case MTL_ENOMEM: return "out of memory";
    case MTL_EINVAL: return "invalid argument";
    case MTL_EIO: return "input/output error";
    case MTL_ENOLANG: return "no resources for the language";
    case MTL_EUTF8: return "invalid UTF-8";
    case MTL_ETOOBIG: return "input too large";
    case MTL_EDATA: return "malformed data file";
    case MTL_EICU: return "ICU error";
    case MTL_EJSON: return "malformed JSON";
    default: return "unknown error";
    }
}

void
mtl_free(void *p)
{
    free(p);
}

size_t
mtl_detector_count(void)
{
    return mtl_detectors_count;
}

const char *
mtl_detector_name(size_t i)
{
    return i < mtl_detectors_count ? mtl_detectors[i]->name : NULL;
}

const char *
mtl_detector_category(size_t i)
{
    return i < mtl_detectors_count ? mtl_detectors[i]->category : NULL;
}

const char *
mtl_detector_description(size_t i)
{
    return i < mtl_detectors_count ? mtl_detectors[i]->description : NULL;
}

size_t
mtl_rule_count(void)
{
    return MTL_RULE__COUNT;
}

const char *
mtl_rule_id(size_t i)
{
    return i < MTL_RULE__COUNT ? mtl_rule_ids[i] : NULL;
}

const char *
mtl_rule_detector(size_t i)
{
    return i < MTL_RULE__COUNT ? mtl_rule_detectors[i] : NULL;
}

const char *
mtl_rule_category(size_t i)
{
    return i < MTL_RULE__COUNT ? mtl_rule_category_of((unsigned)i) : NULL;
}

const char *
mtl_rule_description(size_t i)
{
    return i < MTL_RULE__COUNT ? mtl_rule_descriptions[i] : NULL;
}

/* ------------------------------------------------------------- report */

void
mtl_report_free(mtl_report *r)
{
    if (!r)
        return;
    for (size_t i = 0; i < r->nflags; i++) {
        free((char *)r->flags[i].text);
        free((char *)r->flags[i].message);
        free((char *)r->flags[i].suggestion);
    }
    free(r->flags);
    for (size_t i = 0; i < r->nnotes; i++)
        free(r->notes[i]);
    free(r->notes);
    free(r->stats_json);
    free(r->text);
    free(r->id);
    free(r->source);
    free(r);
}

size_t
mtl_report_flag_count(const mtl_report *r)
{
    return r ? r->nflags : 0;
}

const mtl_flag *
mtl_report_flag(const mtl_report *r, size_t i)
{
    return r && i < r->nflags ? &r->flags[i] : NULL;
}

double
mtl_report_score(const mtl_report *r)
{
    return r ? r->score : 0;
}

char
mtl_report_grade(const mtl_report *r)
{
    return r ? r->grade : 'F';
}

const char *
mtl_report_lang(const mtl_report *r)
{
    return r ? r->lang : NULL;
}

double
mtl_report_lang_confidence(const mtl_report *r)
{
    return r ? r->lang_confidence : 0;
}

size_t
mtl_report_words(const mtl_report *r)
{
    return r ? r->words : 0;
}

const char *
mtl_report_id(const mtl_report *r)
{
    return r ? r->id : NULL;
}

const char *
mtl_report_source(const mtl_report *r)
{
    return r ? r->source : NULL;
}

const char *
mtl_report_text(const mtl_report *r, size_t *len)
{
    if (len)
        *len = r ? r->len : 0;
    return r ? r->text : NULL;
}

size_t
mtl_report_category_count(const mtl_report *r, const char *category)
{
    int c = mtl_category_index(category);
    return r && c >= 0 ? r->sr.count[c] : 0;
}

double
mtl_report_subscore(const mtl_report *r, const char *category)
{
    int c = mtl_category_index(category);
    return r && c >= 0 ? r->sr.sub[c] : 100.0;
}

double
mtl_report_category_rate(const mtl_report *r, const char *category)
{
    int c = mtl_category_index(category);
    return r && c >= 0 ? r->sr.rate[c] : 0.0;
}

size_t
mtl_category_count(void)
{
    return MTL_NCATEGORIES;
}

const char *
mtl_category_name(size_t i)
{
    return i < MTL_NCATEGORIES ? mtl_categories[i] : NULL;
}

const char *
mtl_report_filter(const mtl_report *r, const char *preset)
{
    for (int i = 0; r && preset && i < MTL_FILTER_COUNT; i++)
        if (strcmp(mtl_filter_names[i], preset) == 0)
            return r->filter_verdict[i];
    return NULL;
}

const char *const *
mtl_report_notes(const mtl_report *r)
{
    static const char *const none[] = {NULL};
    return r && r->notes ? (const char *const *)r->notes : none;
}
