/*
 * score.h - flags -> per-category sub-scores -> score 0..100 -> grade.
 *
 * The weights, the per-category normalisation and the grade thresholds
 * come from one data file, lexicons/all/scorer.conf; the formula is
 * documented there and in the README.
 */
#ifndef MTL_SCORE_H
#define MTL_SCORE_H

#include <stddef.h>

#include "../mtlint.h"

#define MTL_NCATEGORIES 10

extern const char *const mtl_categories[MTL_NCATEGORIES];
/* Index of a category name, or -1. */
int mtl_category_index(const char *name);

typedef struct mtl_scorer mtl_scorer;

typedef struct mtl_score_result {
    double sub[MTL_NCATEGORIES];   /* 0..100, 100 = clean */
    unsigned count[MTL_NCATEGORIES];
    double penalty[MTL_NCATEGORIES];
    double rate[MTL_NCATEGORIES];    /* before calibration */
    double score;
    char grade;
} mtl_score_result;

mtl_scorer *mtl_scorer_load(const char *path, mtl_error *err);
mtl_scorer *mtl_scorer_parse(const char *data, size_t len, const char *name,
                             mtl_error *err);
void mtl_scorer_free(mtl_scorer *sc);

/* Loads per-language adjustments (JSON from `mtlint calibrate`). */
int mtl_scorer_load_calibration(mtl_scorer *sc, const char *path,
                                mtl_error *err);

/* Weight of a rule (by rule index). */
double mtl_scorer_weight(const mtl_scorer *sc, unsigned rule);

/* Scores flags (sorted by start) of a document of @p words words. */
void mtl_scorer_score(const mtl_scorer *sc, const mtl_flag *flags, size_t n,
                      size_t words, const char *lang, mtl_score_result *out);

char mtl_scorer_grade(const mtl_scorer *sc, double score);

#endif
