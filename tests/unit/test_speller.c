/*
 * test_speller.c - the shared Hunspell pool: many threads, at most the
 * bound of handles, the same answers as one thread, suggestions, a
 * dictionary that cannot be opened, a second dictionary of the language,
 * and handles of several dictionaries created and destroyed by many
 * threads at once.
 */
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "lexicon/speller.h"
#include "test.h"

#define AFF "/usr/share/hunspell/en_US.aff"
#define DIC "/usr/share/hunspell/en_US.dic"
#define NWORDS 4000
#define NTHREADS 6

static const char *stems[] = {"house", "report", "minister", "govern",
                              "xqzt", "blorf", "speak", "zzyv", "nation",
                              "quixotic"};
static const char *ends[] = {"", "s", "ed", "ing", "ment", "qx", "ly", "er"};

static char words[NWORDS][40];
static int reference[NWORDS];

typedef struct job {
    mtl_spell_pool *pool;
    int offset;
    int mismatches;
} job;

static void *
worker(void *arg)
{
    job *j = arg;
    mtl_speller *sp = mtl_speller_new(j->pool);
    for (int round = 0; round < 2; round++)
        for (int k = 0; k < NWORDS; k++) {
            int i = (k + j->offset) % NWORDS;
            if (mtl_speller_check(sp, words[i], strlen(words[i])) !=
                reference[i])
                j->mismatches++;
        }
    mtl_speller_free(sp);
    return NULL;
}

/* Pools of several dictionaries made, used and freed by threads at the
 * same time (speller.c creates handles concurrently): the answers to
 * words in capitals and title case, which Hunspell folds through its
 * process-wide UTF-8 case table, must stay those of one thread, and
 * AddressSanitizer must see no use of a freed table. */
#define NDICTS 6
#define CHURN_ROUNDS 2
static const char *dict_names[NDICTS] = {"en_US", "fr_FR", "de_DE",
                                         "es_ES", "it_IT", "pt_PT"};
static const char *case_words[] = {"HOUSE", "House", "NATION", "Nation",
                                   "ÉTÉ", "Été", "STRAßE", "Straße", "AÑO",
                                   "Año", "CITTÀ", "Città", "NAÇÃO",
                                   "Nação", "XQZT", "Blorf"};
#define NCASE (sizeof case_words / sizeof *case_words)

typedef struct churn {
    char aff[128], dic[128];
    int expect[NCASE];
    int mismatches;
} churn;

static void
churn_answers(const churn *c, int *out)
{
    mtl_spell_pool *p = mtl_spell_pool_new(c->aff, c->dic, 1);
    mtl_speller *sp = mtl_speller_new(p);
    for (size_t w = 0; w < NCASE; w++)
        out[w] = mtl_speller_check(sp, case_words[w], strlen(case_words[w]));
    mtl_speller_free(sp);
    mtl_spell_pool_free(p);
}

static void *
churn_worker(void *arg)
{
    churn *c = arg;
    for (int r = 0; r < CHURN_ROUNDS; r++) {
        int got[NCASE];
        churn_answers(c, got);
        for (size_t w = 0; w < NCASE; w++)
            if (got[w] != c->expect[w])
                c->mismatches++;
    }
    return NULL;
}

static void
test_concurrent_dictionaries(void)
{
    churn ch[NDICTS];
    size_t n = 0;
    for (int d = 0; d < NDICTS; d++) {
        churn *c = &ch[n];
        snprintf(c->aff, sizeof c->aff, "/usr/share/hunspell/%s.aff",
                 dict_names[d]);
        snprintf(c->dic, sizeof c->dic, "/usr/share/hunspell/%s.dic",
                 dict_names[d]);
        if (access(c->aff, R_OK) != 0 || access(c->dic, R_OK) != 0)
            continue;
        churn_answers(c, c->expect); /* one thread: the reference */
        c->mismatches = 0;
        n++;
    }
    CHECK(n >= 1);
    CHECK_EQ(ch[0].expect[0], 1); /* en_US: HOUSE */
    CHECK_EQ(ch[0].expect[1], 1); /* House */
    /* two threads per dictionary, each making and freeing its own pool
     * twice, so that creations overlap creations and destructions */
    pthread_t th[2 * NDICTS];
    for (size_t t = 0; t < 2 * n; t++)
        CHECK(pthread_create(&th[t], NULL, churn_worker, &ch[t % n]) == 0);
    for (size_t t = 0; t < 2 * n; t++)
        pthread_join(th[t], NULL);
    for (size_t i = 0; i < n; i++)
        CHECK_EQ(ch[i].mismatches, 0);
    /* every pool is gone: a new one still folds case */
    int again[NCASE];
    churn_answers(&ch[0], again);
    CHECK_EQ(again[0], 1);
    CHECK_EQ(again[1], 1);
}

int
main(void)
{
    if (access(AFF, R_OK) != 0 || access(DIC, R_OK) != 0) {
        printf("SKIP: no en_US Hunspell dictionary (apt-get install "
               "hunspell-en-us)\n");
        return TEST_SKIP;
    }
    size_t ns = sizeof stems / sizeof *stems, ne = sizeof ends / sizeof *ends;
    /* every stem and ending once, then numbered variants so that the
     * cache cannot answer everything */
    for (int i = 0; i < NWORDS; i++) {
        if (i < (int)(ns * ne))
            snprintf(words[i], sizeof words[i], "%s%s", stems[i % ns],
                     ends[(i / ns) % ne]);
        else
            snprintf(words[i], sizeof words[i], "%s%s%d", stems[i % ns],
                     ends[(i / ns) % ne], i);
    }

    /* the reference, one thread, one handle */
    mtl_spell_pool *one = mtl_spell_pool_new(AFF, DIC, 1);
    mtl_speller *sp = mtl_speller_new(one);
    int known = 0;
    for (int i = 0; i < NWORDS; i++) {
        reference[i] = mtl_speller_check(sp, words[i], strlen(words[i]));
        known += reference[i] == 1;
    }
    CHECK_EQ(reference[0], 1);                   /* house */
    CHECK_EQ(reference[4], 0);                   /* xqzt */
    CHECK(known > 10 && known < NWORDS);
    char sugg[4 * 64];
    int n = mtl_speller_suggest(sp, "hosue", 5, sugg, 64, 4);
    int has_house = 0;
    for (int i = 0; i < n; i++)
        has_house |= strcmp(sugg + i * 64, "house") == 0;
    CHECK(has_house);
    CHECK_EQ(mtl_spell_pool_handles(one), 1);

    /* The cache: words whose hashes share the slot index (they differ in
     * high bits only) are both kept, and each is asked of Hunspell once;
     * a third evicts at most one of them; every answer stays right.  The
     * hashes are made up: the cache takes the one it is given. */
    const uint64_t h0 = 0x5eedULL, far = (uint64_t)1 << 40;
    unsigned long asked = mtl_spell_pool_asked(one);
    CHECK_EQ(mtl_speller_check_hashed(sp, "house", 5, h0), 1);
    CHECK_EQ(mtl_speller_check_hashed(sp, "xqzt", 4, h0 + far), 0);
    CHECK_EQ(mtl_spell_pool_asked(one), asked + 2);
    for (int round = 0; round < 3; round++) {
        CHECK_EQ(mtl_speller_check_hashed(sp, "house", 5, h0), 1);
        CHECK_EQ(mtl_speller_check_hashed(sp, "xqzt", 4, h0 + far), 0);
    }
    CHECK_EQ(mtl_spell_pool_asked(one), asked + 2);
    CHECK_EQ(mtl_speller_check_hashed(sp, "nation", 6, h0 + 2 * far), 1);
    CHECK_EQ(mtl_spell_pool_asked(one), asked + 3);
    CHECK_EQ(mtl_speller_check_hashed(sp, "house", 5, h0), 1);
    CHECK_EQ(mtl_speller_check_hashed(sp, "xqzt", 4, h0 + far), 0);
    CHECK_EQ(mtl_speller_check_hashed(sp, "nation", 6, h0 + 2 * far), 1);
    CHECK(mtl_spell_pool_asked(one) <= asked + 5);

    mtl_speller_free(sp);
    mtl_spell_pool_free(one);

    /* six threads, two handles */
    mtl_spell_pool *pool = mtl_spell_pool_new(AFF, DIC, 2);
    pthread_t th[NTHREADS];
    job jobs[NTHREADS];
    for (int t = 0; t < NTHREADS; t++) {
        jobs[t] = (job){.pool = pool, .offset = t * (NWORDS / NTHREADS)};
        CHECK(pthread_create(&th[t], NULL, worker, &jobs[t]) == 0);
    }
    for (int t = 0; t < NTHREADS; t++) {
        pthread_join(th[t], NULL);
        CHECK_EQ(jobs[t].mismatches, 0);
    }
    CHECK(mtl_spell_pool_handles(pool) >= 1);
    CHECK(mtl_spell_pool_handles(pool) <= 2);
    mtl_spell_pool_free(pool);

    /* a dictionary that cannot be opened answers -1, every time */
    mtl_spell_pool *bad = mtl_spell_pool_new("/nonexistent/x.aff",
                                             "/nonexistent/x.dic", 2);
    mtl_speller *bs = mtl_speller_new(bad);
    CHECK_EQ(mtl_speller_check(bs, "house", 5), -1);
    CHECK_EQ(mtl_speller_check(bs, "house", 5), -1);
    CHECK_EQ(mtl_speller_suggest(bs, "hosue", 5, sugg, 64, 4), 0);
    CHECK_EQ(mtl_spell_pool_handles(bad), 0);
    mtl_speller_free(bs);
    mtl_spell_pool_free(bad);

    /* a second dictionary: a word either one knows is known, and a
     * second dictionary that cannot be opened changes nothing */
    if (access("/usr/share/hunspell/en_GB.dic", R_OK) == 0) {
        mtl_spell_pool *us = mtl_spell_pool_new(AFF, DIC, 1);
        mtl_speller *uss = mtl_speller_new(us);
        CHECK_EQ(mtl_speller_check(uss, "councillors", 11), 0);
        mtl_speller_free(uss);
        mtl_spell_pool_free(us);
        mtl_spell_pool *both = mtl_spell_pool_new(AFF, DIC, 1);
        mtl_spell_pool_set_alt(
            both, mtl_spell_pool_new("/usr/share/hunspell/en_GB.aff",
                                     "/usr/share/hunspell/en_GB.dic", 1));
        mtl_speller *bs2 = mtl_speller_new(both);
        CHECK_EQ(mtl_speller_check(bs2, "councillors", 11), 1);
        CHECK_EQ(mtl_speller_check(bs2, "councilors", 10), 1);
        CHECK_EQ(mtl_speller_check(bs2, "councillors", 11), 1); /* cached */
        CHECK_EQ(mtl_speller_check(bs2, "xqztblorf", 9), 0);
        mtl_speller_free(bs2);
        mtl_spell_pool_free(both);
    } else {
        fprintf(stderr, "note: en_GB not installed, second dictionary "
                        "not tested\n");
    }
    mtl_spell_pool *lone = mtl_spell_pool_new(AFF, DIC, 1);
    mtl_spell_pool_set_alt(lone, mtl_spell_pool_new("/nonexistent/x.aff",
                                                    "/nonexistent/x.dic", 1));
    mtl_speller *ls = mtl_speller_new(lone);
    CHECK_EQ(mtl_speller_check(ls, "house", 5), 1);
    CHECK_EQ(mtl_speller_check(ls, "xqzt", 4), 0);
    mtl_speller_free(ls);
    mtl_spell_pool_free(lone);

    test_concurrent_dictionaries();

    TEST_DONE();
}
