/*
 * test_langid.c - mtl_cld2_detect (cld2_bridge.cc's faster front end to
 * CLD2, mtl_cld2_fast, where it can) against mtl_cld2_detect_cld2 (CLD2
 * alone, ExtDetectLanguageSummary): the same code, confidence, reliability
 * and letter count on
 *   1. LANGID_ROUNDS (20000 by default) pseudo-random texts (fixed seed)
 *      of pieces in many scripts: runs of one script, single letters of
 *      another inside a word, combining marks, letters above U+FFFF,
 *      digits, punctuation, < > &, white space; 1 byte to 5 KB, so that
 *      both the fast way and the way back to CLD2 are taken; a random
 *      piece follows the text in the buffer (CLD2 looks one character
 *      past the end of a text ending in a letter of another script);
 *   2. windows of 64 bytes to 4,200 bytes of the corpus/ texts.
 * Every text is valid UTF-8 without a C0 control (but tab, newline, form
 * feed, carriage return), DEL, C1 control or noncharacter: what
 * mtl_cld2_detect is given (langid.c, mtl_sanitise).
 */
#include <dirent.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lang/langid.h"
#include "util/util.h"
#include "test.h"

static size_t n_texts, n_mismatch;

/* Compares the two on text[0..len), with @p after bytes of @p tail after
 * it in the same buffer. */
static void
compare(const char *text, size_t len, const char *tail, size_t after)
{
    static char buf[8192];
    if (len + after > sizeof buf)
        return;
    memcpy(buf, text, len);
    memcpy(buf + len, tail, after);
    char c1[24], c2[24];
    double f1 = -1, f2 = -1;
    int b1 = -1, b2 = -1;
    int r1 = mtl_cld2_detect(buf, (int)len, c1, sizeof c1, &f1, &b1);
    int r2 = mtl_cld2_detect_cld2(buf, (int)len, c2, sizeof c2, &f2, &b2);
    n_texts++;
    if (r1 != r2 || strcmp(c1, c2) != 0 || f1 != f2 || b1 != b2) {
        n_mismatch++;
        if (n_mismatch <= 10)
            fprintf(stderr,
                    "mismatch on %zu bytes \"%.60s\": fast %s %.17g %d %d, "
                    "CLD2 %s %.17g %d %d\n",
                    len, text, c1, f1, r1, b1, c2, f2, r2, b2);
    }
}

static const char *const pieces[] = {
    "the ", "and ", "of the ", "Der ", "und ", "la ", "les ", "que ",
    "não ", "été ", "über ", "Straße ", "ça ", "año ", "łódź ", "ğüşöç ",
    "привет ", "мир ", "Ελληνικά ", "γλώσσα ", "עברית ", "العربية ",
    "हिन्दी ", "ภาษาไทย ", "日本語の", "テキスト", "中文文本", "한국어 ",
    "ქართული ", "Հայերեն ", "x", "Ж", "ж", "β", "中", "a\xcc\x81",
    "\xcc\x81", "\xd9\x8b", "e\xcc\x88n ", "\xf0\x9f\x98\x80",
    "\xf0\x90\x90\x80\xf0\x90\x90\xa8 ", "\xf0\xa0\x80\x80\xf0\xa0\x80\x81",
    "1234 ", "3.14", ", ", ". ", "! ", "? ", "- ", "'", "\"", "(", ")",
    "& ", "&amp; ", "<b>", "</p>", "> ", "< ", " ", "  ", "\t", "\n",
    "\r\n", "\f", "\xc2\xa0", "\xe2\x80\x94", "\xe2\x80\x9c", "\xef\xbf\xbd",
    "@", "#", "http://example.com/a?b=c&d=e ",
    "The quick brown fox jumps over the lazy dog. ",
    "Le renard brun saute par-dessus le chien paresseux. ",
    "Der schnelle braune Fuchs springt über den faulen Hund. ",
    "El rápido zorro marrón salta sobre el perro perezoso. ",
    "Быстрая коричневая лиса прыгает через ленивую собаку. ",
    "素早い茶色の狐が怠惰な犬を飛び越える。",
    "敏捷的棕色狐狸跳过了懒狗。",
    "Η γρήγορη καφέ αλεπού πηδάει πάνω από τον τεμπέλη σκύλο. ",
};
#define NPIECES (sizeof pieces / sizeof pieces[0])

static void
random_texts(unsigned rounds)
{
    uint64_t st = 0x9E3779B97F4A7C15ULL;
    static char text[6000], tail[16];
    for (unsigned r = 0; r < rounds; r++) {
        static const unsigned maxp[] = {1, 3, 10, 40, 120, 400};
        unsigned np = 1 + test_rand(&st) % maxp[test_rand(&st) % 6];
        size_t len = 0;
        for (unsigned k = 0; k < np; k++) {
            const char *p = pieces[test_rand(&st) % NPIECES];
            size_t n = strlen(p);
            if (len + n > 5000)
                break;
            memcpy(text + len, p, n);
            len += n;
        }
        /* valid UTF-8: CLD2's GetUTF8LetterScriptNum may crash on
         * invalid bytes (0xC0 0x2F) */
        const char *p = pieces[test_rand(&st) % NPIECES];
        size_t n = strlen(p) < sizeof tail - 1 ? strlen(p) : 0;
        memcpy(tail, p, n);
        tail[n] = '\0';
        compare(text, len, tail, n + 1);
    }
}

/* Valid UTF-8 without what mtl_sanitise keeps from CLD2. */
static bool
cld2_text(const char *s, size_t n)
{
    size_t i = 0;
    while (i < n) {
        int32_t cp = mtl_utf8_next(s, n, &i);
        if (cp < 0 || (cp < 0x20 && cp != '\t' && cp != '\n' && cp != '\f' &&
                       cp != '\r') ||
            (cp >= 0x7F && cp <= 0x9F) || (cp >= 0xFDD0 && cp <= 0xFDEF) ||
            (cp & 0xFFFE) == 0xFFFE)
            return false;
    }
    return true;
}

static void
corpus_dir(const char *root, const char *sub)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/corpus/%s", root, sub);
    DIR *d = opendir(path);
    if (!d)
        return;
    struct dirent *e;
    static char data[1 << 20];
    while ((e = readdir(d))) {
        if (e->d_name[0] == '.')
            continue;
        snprintf(path, sizeof path, "%s/corpus/%s/%s", root, sub, e->d_name);
        FILE *f = fopen(path, "rb");
        if (!f)
            continue;
        size_t n = fread(data, 1, sizeof data, f);
        fclose(f);
        static const size_t widths[] = {64, 200, 512, 1024, 2048, 4096, 4200};
        for (size_t w = 0; w < sizeof widths / sizeof widths[0]; w++) {
            for (size_t a = 0; a < n; a += widths[w] / 2 + 37) {
                size_t s = a, t = a + widths[w] > n ? n : a + widths[w];
                while (s < t && ((unsigned char)data[s] & 0xC0) == 0x80)
                    s++;
                while (t < n && ((unsigned char)data[t] & 0xC0) == 0x80)
                    t--;
                if (s < t && cld2_text(data + s, t - s))
                    compare(data + s, t - s, "\n", 1);
            }
        }
    }
    closedir(d);
}

int
main(void)
{
    unsigned rounds = 20000;
    const char *env = getenv("LANGID_ROUNDS");
    if (env && *env)
        rounds = (unsigned)strtoul(env, NULL, 10);
    random_texts(rounds);
    const char *root = getenv("MTLINT_SOURCE_ROOT");
    if (root) {
        corpus_dir(root, "clean");
        corpus_dir(root, "seeds");
    }
    printf("%zu texts, %zu mismatches\n", n_texts, n_mismatch);
    CHECK_EQ(n_mismatch, 0);
    CHECK(n_texts >= rounds);
    TEST_DONE();
}
