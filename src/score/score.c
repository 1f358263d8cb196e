/*
 * score.c - the scorer: flags -> per-category penalties -> sub-scores ->
 * score -> grade, driven by lexicons/all/scorer.conf.
 *
 * For each category c:
 *   penalty_c = sum of rule weights of its flags, overlapping flags of one
 *               category counted once (the heaviest);
 *   rate_c    = penalty_c * 100 / max(words, min_words)   (= words)
 *             = penalty_c * A / max(words, A)      (= none, A = article_words)
 * so a "none" category (one teaser is already damning) counts absolutely
 * in a document of news-article length, and per A words beyond it, which
 * keeps the score of two articles concatenated between theirs.
 *   sub_c     = 100 * exp(-k_c * rate_c / scale_c(lang))
 * score = 100 * (s1/100) * (s2/100) with s1, s2 the two lowest sub-scores
 * (the worst categories dominate, as in HPLT's web-docs scorer), so one
 * damaged category costs its own points and a second one multiplies.
 * scale_c(lang) is 1 unless a calibration file gives a per-language value.
 */
#include "score.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "../engine.h"
#include "../util/util.h"

const char *const mtl_categories[MTL_NCATEGORIES] = {
    "encoding", "duplicate", "name", "boilerplate", "date",
    "quote", "acronym", "casing", "spacing", "language",
};

int
mtl_category_index(const char *name)
{
    if (!name)
        return -1;
    for (int i = 0; i < MTL_NCATEGORIES; i++)
        if (strcmp(mtl_categories[i], name) == 0)
            return i;
    return -1;
}

#define MTL_MAX_CALIB 64

typedef struct mtl_calib {
    char lang[24];
    double scale[MTL_NCATEGORIES];
} mtl_calib;

struct mtl_scorer {
    double grade_min[5]; /* A B C D E */
    bool per_words[MTL_NCATEGORIES];
    double k[MTL_NCATEGORIES];
    double weight[MTL_RULE__COUNT];
    double min_words;     /* floor for per-100-words categories */
    double article_words; /* "none" categories: absolute up to this */
    mtl_calib calib[MTL_MAX_CALIB];
    size_t ncalib;
};

static char *
mtl_trim(char *s)
{
    while (*s == ' ' || *s == '\t' || *s == '\r')
        s++;
    char *e = s + strlen(s);
    while (e > s && (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '\r'))
        *--e = '\0';
    return s;
}

static int
mtl_rule_by_name(const char *cat_rule)
{
    /* "category/rule" or "rule" */
    const char *slash = strchr(cat_rule, '/');
    const char *rule = slash ? slash + 1 : cat_rule;
    for (unsigned i = 0; i < MTL_RULE__COUNT; i++) {
        if (strcmp(mtl_rule_ids[i], rule) != 0)
            continue;
        if (slash) {
            size_t cl = (size_t)(slash - cat_rule);
            const char *cat = mtl_rule_category_of(i);
            if (strlen(cat) != cl || strncmp(cat, cat_rule, cl) != 0)
                continue;
        }
        return (int)i;
    }
    return -1;
}

mtl_scorer *
mtl_scorer_parse(const char *data, size_t len, const char *name,
                 mtl_error *err)
{
    mtl_scorer *sc = mtl_xcalloc(1, sizeof *sc);
    static const double grades[5] = {90, 75, 60, 45, 30};
    memcpy(sc->grade_min, grades, sizeof grades);
    for (int c = 0; c < MTL_NCATEGORIES; c++)
        sc->k[c] = 0.1;
    for (unsigned r = 0; r < MTL_RULE__COUNT; r++)
        sc->weight[r] = 1.0;
    sc->min_words = 250;
    sc->article_words = 600;
    char section[64] = "";
    unsigned lineno = 0;
    size_t pos = 0;
    char line[1024];
    while (pos < len) {
        const char *nl = memchr(data + pos, '\n', len - pos);
        size_t end = nl ? (size_t)(nl - data) : len;
        size_t n = end - pos;
        lineno++;
        if (n >= sizeof line) {
            mtl_set_error(err, MTL_EDATA, "%s:%u: line too long", name,
                          lineno);
            goto fail;
        }
        memcpy(line, data + pos, n);
        line[n] = '\0';
        pos = end + 1;
        char *hash = strchr(line, '#');
        if (hash)
            *hash = '\0';
        char *s = mtl_trim(line);
        if (!*s)
            continue;
        if (*s == '[') {
            char *close = strchr(s, ']');
            if (!close || close[1] || close - s - 1 >= (long)sizeof section) {
                mtl_set_error(err, MTL_EDATA,
                              "%s:%u: malformed section header", name, lineno);
                goto fail;
            }
            *close = '\0';
            snprintf(section, sizeof section, "%s", s + 1);
            continue;
        }
        char *eq = strchr(s, '=');
        if (!eq) {
            mtl_set_error(err, MTL_EDATA, "%s:%u: expected 'key = value'",
                          name, lineno);
            goto fail;
        }
        *eq = '\0';
        char *key = mtl_trim(s), *val = mtl_trim(eq + 1);
        char *endp;
        if (strcmp(section, "grades") == 0) {
            static const char letters[] = "ABCDE";
            const char *p = strchr(letters, key[0]);
            double v = strtod(val, &endp);
            if (!p || key[1] || *endp || v < 0 || v > 100) {
                mtl_set_error(err, MTL_EDATA,
                              "%s:%u: grades take A..E = number 0..100", name,
                              lineno);
                goto fail;
            }
            sc->grade_min[p - letters] = v;
        } else if (strcmp(section, "categories") == 0) {
            int c = mtl_category_index(key);
            char mode[16];
            double k;
            if (c < 0 || sscanf(val, "%15s %lf", mode, &k) != 2 ||
                (strcmp(mode, "words") && strcmp(mode, "none")) || k < 0) {
                mtl_set_error(err, MTL_EDATA,
                              "%s:%u: expected 'CATEGORY = words|none K' with "
                              "a known category", name, lineno);
                goto fail;
            }
            sc->per_words[c] = strcmp(mode, "words") == 0;
            sc->k[c] = k;
        } else if (strcmp(section, "options") == 0) {
            if (strcmp(key, "min_words") == 0) {
                sc->min_words = strtod(val, &endp);
                if (*endp || sc->min_words < 1) {
                    mtl_set_error(err, MTL_EDATA,
                                  "%s:%u: min_words must be a number >= 1",
                                  name, lineno);
                    goto fail;
                }
            } else if (strcmp(key, "article_words") == 0) {
                sc->article_words = strtod(val, &endp);
                if (*endp || sc->article_words < 1) {
                    mtl_set_error(err, MTL_EDATA,
                                  "%s:%u: article_words must be a number "
                                  ">= 1", name, lineno);
                    goto fail;
                }
            } else {
                mtl_set_error(err, MTL_EDATA, "%s:%u: unknown option '%s'",
                              name, lineno, key);
                goto fail;
            }
        } else if (strcmp(section, "weights") == 0) {
            int r = mtl_rule_by_name(key);
            double w = strtod(val, &endp);
            if (r < 0 || *endp || w < 0) {
                mtl_set_error(err, MTL_EDATA,
                              "%s:%u: unknown rule '%s' or bad weight (see "
                              "mtlint --list-detectors)", name, lineno, key);
                goto fail;
            }
            sc->weight[r] = w;
        } else {
            mtl_set_error(err, MTL_EDATA, "%s:%u: unknown section [%s]",
                          name, lineno, section);
            goto fail;
        }
    }
    return sc;
fail:
    free(sc);
    return NULL;
}

mtl_scorer *
mtl_scorer_load(const char *path, mtl_error *err)
{
    char *data;
    size_t n;
    int e = mtl_read_file(path, &data, &n);
    if (e) {
        mtl_set_error(err, MTL_EIO, "cannot read scorer configuration '%s': %s",
                      path, strerror(e));
        return NULL;
    }
    mtl_scorer *sc = mtl_scorer_parse(data, n, path, err);
    free(data);
    return sc;
}

void
mtl_scorer_free(mtl_scorer *sc)
{
    free(sc);
}

int
mtl_scorer_load_calibration(mtl_scorer *sc, const char *path, mtl_error *err)
{
    json_error_t je;
    json_t *root = json_load_file(path, 0, &je);
    if (!root) {
        mtl_set_error(err, MTL_EDATA, "%s:%d: %s", path, je.line, je.text);
        return MTL_EDATA;
    }
    json_t *langs = json_object_get(root, "languages");
    if (!json_is_object(langs)) {
        json_decref(root);
        mtl_set_error(err, MTL_EDATA,
                      "%s: expected an object with a \"languages\" member "
                      "(the output of mtlint calibrate)", path);
        return MTL_EDATA;
    }
    const char *lang;
    json_t *cats;
    json_object_foreach(langs, lang, cats) {
        if (sc->ncalib >= MTL_MAX_CALIB || !json_is_object(cats))
            continue;
        mtl_calib *cb = &sc->calib[sc->ncalib++];
        snprintf(cb->lang, sizeof cb->lang, "%s", lang);
        for (int c = 0; c < MTL_NCATEGORIES; c++) {
            json_t *v = json_object_get(cats, mtl_categories[c]);
            double s = json_is_number(v) ? json_number_value(v) : 1.0;
            cb->scale[c] = s > 0.05 ? s : 1.0;
        }
    }
    json_decref(root);
    return MTL_OK;
}

double
mtl_scorer_weight(const mtl_scorer *sc, unsigned rule)
{
    return rule < MTL_RULE__COUNT ? sc->weight[rule] : 1.0;
}

char
mtl_scorer_grade(const mtl_scorer *sc, double score)
{
    static const char letters[] = "ABCDE";
    for (int i = 0; i < 5; i++)
        if (score >= sc->grade_min[i])
            return letters[i];
    return 'F';
}

void
mtl_scorer_score(const mtl_scorer *sc, const mtl_flag *flags, size_t n,
                 size_t words, const char *lang, mtl_score_result *out)
{
    memset(out, 0, sizeof *out);
    /* per category: merge overlapping flags, keep the heaviest weight */
    size_t cur_end[MTL_NCATEGORIES] = {0};
    double cur_w[MTL_NCATEGORIES] = {0};
    bool open[MTL_NCATEGORIES] = {false};
    for (size_t i = 0; i < n; i++) {
        int c = mtl_category_index(flags[i].category);
        if (c < 0)
            continue;
        out->count[c]++;
        if (open[c] && flags[i].start < cur_end[c]) {
            if (flags[i].weight > cur_w[c])
                cur_w[c] = flags[i].weight;
            if (flags[i].end > cur_end[c])
                cur_end[c] = flags[i].end;
            continue;
        }
        if (open[c])
            out->penalty[c] += cur_w[c];
        open[c] = true;
        cur_end[c] = flags[i].end;
        cur_w[c] = flags[i].weight;
    }
    const mtl_calib *cb = NULL;
    for (size_t i = 0; lang && i < sc->ncalib; i++)
        if (strcmp(sc->calib[i].lang, lang) == 0)
            cb = &sc->calib[i];
    double lo1 = 100, lo2 = 100;
    double denom = (double)words > sc->min_words ? (double)words
                                                 : sc->min_words;
    for (int c = 0; c < MTL_NCATEGORIES; c++) {
        if (open[c])
            out->penalty[c] += cur_w[c];
        double rate = out->penalty[c];
        if (sc->per_words[c])
            rate = rate * 100.0 / denom;
        else if ((double)words > sc->article_words)
            rate = rate * sc->article_words / (double)words;
        out->rate[c] = rate;
        if (cb)
            rate /= cb->scale[c];
        double sub = 100.0 * exp(-sc->k[c] * rate);
        sub = round(sub * 10) / 10;
        out->sub[c] = sub;
        if (sub < lo1) {
            lo2 = lo1;
            lo1 = sub;
        } else if (sub < lo2) {
            lo2 = sub;
        }
    }
    out->score = round(lo1 * lo2) / 100.0;
    out->grade = mtl_scorer_grade(sc, out->score);
}
