/*
 * test_score.c - the scorer: configuration parsing and its errors, grade
 * thresholds, overlapping flags of one category counted once, the two
 * worst categories dominating, length normalisation.
 */
#include <stdlib.h>
#include <string.h>

#include "detectors/detector.h"
#include "score/score.h"
#include "test.h"

static mtl_flag
flag(const char *cat, size_t s, size_t e, double w)
{
    mtl_flag f;
    memset(&f, 0, sizeof f);
    f.category = cat;
    f.start = s;
    f.end = e;
    f.weight = w;
    return f;
}

int
main(void)
{
    const char *conf = "[grades]\nA = 90\nB = 75\nC = 60\nD = 45\nE = 30\n"
                       "[options]\nmin_words = 100\n"
                       "[categories]\nname = words 0.1\nboilerplate = none 0.1\n"
                       "date = none 0.1\n"
                       "[weights]\nname/glued-word = 3 # comment\n";
    mtl_error err;
    mtl_scorer *sc = mtl_scorer_parse(conf, strlen(conf), "s.conf", &err);
    CHECK(sc != NULL);
    CHECK_EQ(mtl_scorer_grade(sc, 100), 'A');
    CHECK_EQ(mtl_scorer_grade(sc, 90), 'A');
    CHECK_EQ(mtl_scorer_grade(sc, 89.9), 'B');
    CHECK_EQ(mtl_scorer_grade(sc, 45), 'D');
    CHECK_EQ(mtl_scorer_grade(sc, 29.9), 'F');
    CHECK(mtl_scorer_weight(sc, MTL_RULE_NAME_GLUED_WORD) == 3.0);
    CHECK(mtl_scorer_weight(sc, MTL_RULE_DATE_MONTH_TYPO) == 1.0);

    mtl_score_result r;
    mtl_scorer_score(sc, NULL, 0, 500, "en", &r);
    CHECK(r.score == 100.0);
    CHECK_EQ(r.grade, 'A');

    /* one absolute flag of weight 1: 100*exp(-0.1) = 90.5 */
    mtl_flag f1[] = {flag("boilerplate", 0, 10, 1.0)};
    mtl_scorer_score(sc, f1, 1, 500, "en", &r);
    CHECK(r.sub[mtl_category_index("boilerplate")] > 90.4 &&
          r.sub[mtl_category_index("boilerplate")] < 90.6);
    CHECK_EQ(r.count[mtl_category_index("boilerplate")], 1);

    /* overlapping flags of one category count once (the heaviest) */
    mtl_flag f2[] = {flag("boilerplate", 0, 10, 1.0),
                     flag("boilerplate", 5, 12, 2.0)};
    mtl_scorer_score(sc, f2, 2, 500, "en", &r);
    mtl_flag f2b[] = {flag("boilerplate", 0, 10, 2.0)};
    mtl_score_result r2;
    mtl_scorer_score(sc, f2b, 1, 500, "en", &r2);
    CHECK(r.score == r2.score);
    CHECK_EQ(r.count[mtl_category_index("boilerplate")], 2);

    /* two damaged categories multiply; a third changes nothing */
    mtl_flag f3[] = {flag("boilerplate", 0, 10, 5.0),
                     flag("date", 20, 30, 5.0)};
    mtl_scorer_score(sc, f3, 2, 500, "en", &r);
    double b = r.sub[mtl_category_index("boilerplate")];
    double d = r.sub[mtl_category_index("date")];
    CHECK(r.score > b * d / 100 - 0.1 && r.score < b * d / 100 + 0.1);

    /* per-word categories: the same flags cost less in a longer text, but
     * never less than min_words worth */
    mtl_flag f4[] = {flag("name", 0, 5, 3.0)};
    mtl_score_result shortr, longr, tiny;
    mtl_scorer_score(sc, f4, 1, 1000, "en", &longr);
    mtl_scorer_score(sc, f4, 1, 200, "en", &shortr);
    mtl_scorer_score(sc, f4, 1, 20, "en", &tiny);
    CHECK(longr.score > shortr.score);
    mtl_score_result hundred;
    mtl_scorer_score(sc, f4, 1, 100, "en", &hundred);
    CHECK(tiny.score == hundred.score);
    mtl_scorer_free(sc);

    /* errors name file:line */
    const char *bad1 = "[weights]\nname/no-such-rule = 2\n";
    CHECK(mtl_scorer_parse(bad1, strlen(bad1), "b.conf", &err) == NULL);
    CHECK(strstr(err.message, "b.conf:2") != NULL);
    const char *bad2 = "[categories]\nname = perhaps 2\n";
    CHECK(mtl_scorer_parse(bad2, strlen(bad2), "c.conf", &err) == NULL);
    const char *bad3 = "[nosuch]\nx = 1\n";
    CHECK(mtl_scorer_parse(bad3, strlen(bad3), "d.conf", &err) == NULL);
    CHECK(mtl_category_index("name") >= 0);
    CHECK(mtl_category_index("nonsense") == -1);
    TEST_DONE();
}
