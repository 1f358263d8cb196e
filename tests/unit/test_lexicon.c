/*
 * test_lexicon.c - the list loader: comments, sections, synonyms, white
 * space, case-folded lookups, and errors that name file:line.
 */
#include <stdlib.h>
#include <string.h>

#include "lexicon/lexicon.h"
#include "test.h"

int
main(void)
{
    const char *data = "# source: test\n"
                       "plain\n"
                       "  spaced   entry  \n"
                       "[share]\n"
                       "Spread the love\n"
                       "Share|Partager|Compartir\n"
                       "\n"
                       "# another comment\n"
                       "[reading-time]\n"
                       "Reading time: <n> minutes\n"
                       "ÉCOLE\n";
    mtl_error err;
    mtl_lexicon *lex = mtl_lexicon_parse(data, strlen(data), "t.txt", &err);
    CHECK(lex != NULL);
    size_t n;
    const mtl_lex_entry *e = mtl_lexicon_entries(lex, &n);
    CHECK_EQ(n, 8);
    CHECK_STR(e[0].text, "plain");
    CHECK_STR(e[0].section, "");
    CHECK_STR(e[1].text, "spaced entry");
    CHECK_STR(e[2].section, "share");
    CHECK_STR(e[4].text, "Partager");
    CHECK_STR(e[4].canonical, "Share");
    CHECK_STR(e[6].section, "reading-time");
    CHECK_EQ(e[6].line, 10);
    CHECK(mtl_lexicon_has(lex, "plain", 5));
    CHECK(!mtl_lexicon_has(lex, "Plain", 5));
    CHECK(mtl_lexicon_has_fold(lex, "PLAIN", 5));
    CHECK(mtl_lexicon_has_fold(lex, "spread THE love", 15));
    CHECK(mtl_lexicon_has_fold(lex, "école", strlen("école")));
    CHECK(!mtl_lexicon_has_fold(lex, "ecole", 5));
    const mtl_lex_entry *c = mtl_lexicon_get_fold(lex, "compartir", 9);
    CHECK(c && strcmp(c->canonical, "Share") == 0);
    mtl_lexicon_free(lex);

    /* an entry longer than the lookup's stack buffer is still found,
     * exactly and case-folded (found by fuzzing) */
    {
        size_t big = 3000;
        char *text = malloc(big + 2), *upper = malloc(big + 1);
        for (size_t i = 0; i < big; i++) {
            text[i] = (char)('a' + i % 26);
            upper[i] = (char)('A' + i % 26);
        }
        text[big] = '\n';
        text[big + 1] = '\0';
        upper[big] = '\0';
        mtl_lexicon *lg = mtl_lexicon_parse(text, big + 1, "long.txt", &err);
        CHECK(lg != NULL);
        CHECK(lg && mtl_lexicon_has(lg, text, big));
        CHECK(lg && mtl_lexicon_get_fold(lg, text, big) != NULL);
        CHECK(lg && mtl_lexicon_get_fold(lg, upper, big) != NULL);
        mtl_lexicon_free(lg);
        free(text);
        free(upper);
    }

    /* errors name the file and line */
    const char *bad = "ok\n[unclosed\n";
    CHECK(mtl_lexicon_parse(bad, strlen(bad), "bad.txt", &err) == NULL);
    CHECK(strstr(err.message, "bad.txt:2") != NULL);
    const char *badutf = "ok\nfo\xff\n";
    CHECK(mtl_lexicon_parse(badutf, strlen(badutf), "u.txt", &err) == NULL);
    CHECK(strstr(err.message, "u.txt:2") != NULL);
    CHECK(mtl_lexicon_load("/nonexistent/x.txt", &err) == NULL);
    CHECK(err.status == MTL_EIO);

    /* folding helper */
    char out[64];
    CHECK_EQ(mtl_utf8_fold("Straße", strlen("Straße"), out, sizeof out),
             strlen("strasse"));
    CHECK_STR(out, "strasse");
    CHECK(mtl_utf8_fold("abcdef", 6, out, 4) == (size_t)-1);
    mtl_lexicon_free(NULL);
    TEST_DONE();
}
