/*
 * test_batch.c - the batch context: fixed-size tables (counts and pairs),
 * line statistics observed through the public API, bounded memory.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "batch.h"
#include "mtlint.h"
#include "test.h"

static int
collect(void *user, const char *val, size_t vlen, unsigned docs)
{
    char *buf = user;
    char tmp[64];
    snprintf(tmp, sizeof tmp, "%.*s=%u;", (int)vlen, val, docs);
    strcat(buf, tmp);
    return 0;
}

int
main(void)
{
    mtl_options o = mtl_options_default();
    mtl_error err;
    mtl_engine *e = mtl_engine_new(&o, &err);
    if (!e) {
        fprintf(stderr, "engine: %s\n", err.message);
        return 1;
    }
    mtl_batch_options bo = {.table_slots = 1024, .min_documents = 2};
    mtl_batch *b = mtl_batch_new(e, &bo, &err);
    CHECK(b != NULL);
    CHECK_EQ(mtl_batch_min_documents(b), 2);

    /* the trivial statistic: documents per normalised line */
    const char *d1 = "Share this article\n\nThe port reopened on Monday.\n";
    const char *d2 = "SHARE   this article.\n\nTrains ran late again.\n"
                     "Share this article\n";
    const char *d3 = "Nothing in common here.\n";
    CHECK_EQ(mtl_batch_observe(b, d1, strlen(d1), NULL), MTL_OK);
    CHECK_EQ(mtl_batch_observe(b, d2, strlen(d2), NULL), MTL_OK);
    CHECK_EQ(mtl_batch_observe(b, d3, strlen(d3), NULL), MTL_OK);
    CHECK_EQ(mtl_batch_documents(b), 3);
    /* counted once per document, normalised for case, spaces, final dot */
    CHECK_EQ(mtl_batch_line_documents(b, "share this ARTICLE", 18), 2);
    CHECK_EQ(mtl_batch_line_documents(b, "Trains ran late again", 21), 1);
    CHECK_EQ(mtl_batch_line_documents(b, "never seen", 10), 0);

    /* counts and pairs */
    mtl_batch_count_add(b, 7, 42);
    mtl_batch_count_add(b, 7, 42);
    CHECK_EQ(mtl_batch_count_get(b, 7, 42), 2);
    CHECK_EQ(mtl_batch_count_get(b, 8, 42), 0);
    mtl_batch_pair_add(b, 2, "Christopher", 11, "Wray", 4);
    mtl_batch_pair_add(b, 2, "Christopher", 11, "Wray", 4);
    mtl_batch_pair_add(b, 2, "Christopher", 11, "Ray", 3);
    char buf[256] = "";
    mtl_batch_pair_each(b, 2, "Christopher", 11, collect, buf);
    CHECK(strstr(buf, "Wray=2;") != NULL);
    CHECK(strstr(buf, "Ray=1;") != NULL);
    buf[0] = '\0';
    mtl_batch_pair_each(b, 3, "Christopher", 11, collect, buf);
    CHECK_STR(buf, "");

    /* bounded: filling far past the table size neither grows nor crashes */
    for (uint64_t k = 1; k < 100000; k++)
        mtl_batch_count_add(b, 9, k);
    unsigned found = 0;
    for (uint64_t k = 1; k < 100000; k++)
        found += mtl_batch_count_get(b, 9, k) ? 1 : 0;
    CHECK(found > 0 && found < 2000);
    for (int i = 0; i < 5000; i++) {
        char k[16], v[16];
        snprintf(k, sizeof k, "k%d", i);
        snprintf(v, sizeof v, "v%d", i);
        mtl_batch_pair_add(b, 2, k, strlen(k), v, strlen(v));
    }
    /* earlier pairs are still there */
    buf[0] = '\0';
    mtl_batch_pair_each(b, 2, "Christopher", 11, collect, buf);
    CHECK(strstr(buf, "Wray=2;") != NULL);

    mtl_batch_free(b);
    mtl_batch_free(NULL);
    mtl_engine_free(e);
    TEST_DONE();
}
