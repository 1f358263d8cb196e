/*
 * test_stats.c - each document statistic on small constructed documents
 * with hand-computed values (English, French, German, Spanish, Chinese),
 * and each filter preset on documents built to pass and to fail exactly
 * one named rule.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "batch.h"
#include "engine.h"
#include "lexicon/lexicon.h"
#include "stats/stats.h"
#include "util/strbuf.h"
#include "util/util.h"
#include "test.h"

static mtl_engine *engine;

static void
stats_of(const char *text, const char *lang, mtl_stats *st)
{
    mtl_error err;
    mtl_checker *ck = mtl_checker_acquire(engine, &err);
    mtl_doc_meta meta = {.lang = lang};
    if (mtl_engine_prepare(engine, ck, text, strlen(text), &meta, NULL, false,
                           &err) !=
        MTL_OK) {
        fprintf(stderr, "prepare: %s\n", err.message);
        exit(1);
    }
    mtl_stats_compute(ck, &ck->doc, st);
    mtl_checker_release(engine, ck);
}

#define NEAR(a, b) (fabs((a) - (b)) < 1e-6)

/* Twelve lines of ordinary prose: passes every preset. */
static const char *good_prose =
    "The harbour board met on Tuesday to discuss the new berths.\n"
    "Engineers had warned that the old quay walls were sinking slowly.\n"
    "A survey last spring found cracks along most of the eastern pier.\n"
    "Repairs will cost more than the city had set aside for this year.\n"
    "The mayor said she would ask the regional government for help.\n"
    "Fishermen fear that the works will close their moorings for months.\n"
    "Their association has asked for a temporary pontoon near the market.\n"
    "Ferry operators expect few delays because their terminal is newer.\n"
    "Tourism officials hope the project ends before the summer season.\n"
    "Residents will be able to comment on the plans until late March.\n"
    "A public meeting is planned in the town hall next month.\n"
    "Construction could begin in the autumn if funding is approved.\n";

/* The statistics' numbers: the direct formatting must write exactly what
 * printf's %.*f (zeros trimmed) writes, ties and large values included. */
static int number_diffs;

static void
number_same(double v, int decimals)
{
    mtl_strbuf a, b;
    mtl_strbuf_init(&a);
    mtl_strbuf_init(&b);
    mtl_strbuf_number(&a, v, decimals);
    mtl_strbuf_number_ref(&b, v, decimals);
    mtl_strbuf_putc(&a, '\0');
    mtl_strbuf_putc(&b, '\0');
    if (strcmp(a.data, b.data) != 0 && number_diffs++ < 10)
        fprintf(stderr, "number %.17g (%d decimals): '%s', printf '%s'\n", v,
                decimals, a.data, b.data);
    mtl_strbuf_free(&a);
    mtl_strbuf_free(&b);
}

/* mtl_strbuf_json_string before its eight-byte scan, byte by byte: the
 * reference the fast path is compared with. */
static void
json_string_ref(mtl_strbuf *sb, const char *s, size_t n)
{
    static const char hex[] = "0123456789abcdef";
    mtl_strbuf_putc(sb, '"');
    size_t i = 0;
    while (i < n) {
        unsigned char c = (unsigned char)s[i];
        if (c >= 0x20 && c < 0x80 && c != '"' && c != '\\') {
            mtl_strbuf_putc(sb, (char)c);
            i++;
            continue;
        }
        if (c < 0x80) {
            i++;
            switch (c) {
            case '"': mtl_strbuf_put(sb, "\\\"", 2); break;
            case '\\': mtl_strbuf_put(sb, "\\\\", 2); break;
            case '\n': mtl_strbuf_put(sb, "\\n", 2); break;
            case '\r': mtl_strbuf_put(sb, "\\r", 2); break;
            case '\t': mtl_strbuf_put(sb, "\\t", 2); break;
            case '\b': mtl_strbuf_put(sb, "\\b", 2); break;
            case '\f': mtl_strbuf_put(sb, "\\f", 2); break;
            default: {
                char u[6] = {'\\', 'u', '0', '0', hex[c >> 4], hex[c & 15]};
                mtl_strbuf_put(sb, u, 6);
            }
            }
            continue;
        }
        size_t start = i;
        int32_t cp = mtl_utf8_next(s, n, &i);
        if (cp < 0)
            mtl_strbuf_put(sb, "\xEF\xBF\xBD", 3);
        else if (cp == 0x2028 || cp == 0x2029)
            mtl_strbuf_puts(sb, cp == 0x2028 ? "\\u2028" : "\\u2029");
        else
            mtl_strbuf_put(sb, s + start, i - start);
    }
    mtl_strbuf_putc(sb, '"');
}

/* JSON string escaping against the byte-by-byte reference on random
 * strings of pieces that each take a different path (plain ASCII runs of
 * every length across the eight-byte blocks, quotes, backslashes,
 * controls, DEL, UTF-8 of 2 to 4 bytes, U+2028, invalid bytes). */
/* The eight-byte test of JSON-plain bytes against its definition, byte by
 * byte: every byte value in every lane, and random words. */
static void
test_json_special8(void)
{
    uint64_t rng = 0x7e57ab1eu;
    long bad = 0;
    for (int k = 0; k < 200000; k++) {
        unsigned char b[8];
        uint64_t r = ((uint64_t)test_rand(&rng) << 32) | test_rand(&rng);
        memcpy(b, &r, 8);
        if (k < 256 * 8)
            b[k / 256] = (unsigned char)(k % 256);
        uint64_t v;
        memcpy(&v, b, 8);
        uint64_t m = mtl_json_special8(v);
        for (int i = 0; i < 8; i++) {
            bool special = b[i] < 0x20 || b[i] >= 0x80 || b[i] == '"' ||
                           b[i] == '\\';
            /* the flag of byte i: its high bit in memory order */
            unsigned char f[8];
            memcpy(f, &m, 8);
            if (special != ((f[i] & 0x80) != 0) || (f[i] & 0x7F))
                bad++;
        }
        if (mtl_json_plain8(v) != (m == 0))
            bad++;
    }
    CHECK_EQ(bad, 0);
}

static void
test_json_strings(void)
{
    static const char *const pieces[] = {
        "a", "bc", "defghij", "klmnopqr", "The quick brown fox ", " ",
        "\"", "\\", "\n", "\t", "\x01", "\x1f", "\x7f", "/", "~",
        "\xC3\xA9", "\xE2\x80\x99", "\xE2\x80\xA8", "\xF0\x9F\x98\x80",
        "\x80", "\xC3", "\xFF", "\xED\xA0\x80"};
    uint64_t x = 0x9E3779B97F4A7C15ULL;
    char buf[256];
    for (int k = 0; k < 200000 && !test_failures; k++) {
        size_t n = 0;
        int parts = (int)(test_rand(&x) % 12);
        for (int p = 0; p < parts; p++) {
            const char *pc =
                pieces[test_rand(&x) % (sizeof pieces / sizeof *pieces)];
            size_t l = strlen(pc);
            if (n + l > sizeof buf)
                break;
            memcpy(buf + n, pc, l);
            n += l;
        }
        mtl_strbuf a, b;
        mtl_strbuf_init(&a);
        mtl_strbuf_init(&b);
        mtl_strbuf_json_string(&a, buf, n);
        json_string_ref(&b, buf, n);
        CHECK(a.len == b.len && memcmp(a.data, b.data, a.len) == 0);
        mtl_strbuf_free(&a);
        mtl_strbuf_free(&b);
    }
}

static void
test_numbers(void)
{
    static const double fixed[] = {
        0, -0.0, 1, -1, 0.5, -0.5, 0.03125, 0.00005, 0.99995, 0.99996,
        1.00005, 2.5, 0.1, 0.2, 0.3, 1.0 / 3, 2.0 / 3, 29.0 / 7, 1e-9,
        -1e-9, 12345.6789, 107374.18235, 107374.18245, 1e15, 9e15, 1e16,
        1e300, -1e300, 123456789.123, 4294967296.5, 0.125, 0.0625,
        0.00015, 0.00025, 99.99, 1e-4, 5e-5, 4.9999e-5};
    for (size_t i = 0; i < sizeof fixed / sizeof *fixed; i++)
        for (int d = 0; d <= 7; d++)
            number_same(fixed[i], d);
    /* ratios of small integers (what the statistics are), and random
     * values over many magnitudes */
    for (int n = 0; n <= 400; n++)
        for (int m = 1; m <= 400; m++)
            for (int d = 1; d <= 4; d += 3)
                number_same((double)n / m, d);
    uint64_t x = 0x9E3779B97F4A7C15ULL;
    for (int i = 0; i < 400000; i++) {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        double u = (double)(x >> 11) / 9007199254740992.0;
        double v = u * pow(10.0, (double)(int)(x % 19) - 9);
        if (x & 1)
            v = -v;
        number_same(v, (int)(x >> 60) % 7);
        /* values on a grid of ties: k / 2^j */
        number_same((double)(x % 100000) / (double)(1u << (x >> 59)), 4);
    }
    CHECK_EQ(number_diffs, 0);
}

/* mtl_hash64 as it was written before its short keys went through
 * mtl_hash64_short (batch.h), which the statistics call themselves. */
static uint64_t
hash64_ref(const void *data, size_t len, uint64_t seed)
{
    const unsigned char *p = data;
    uint64_t h = (0xcbf29ce484222325ULL ^ (seed * 0x9E3779B97F4A7C15ULL)) +
                 (uint64_t)len * 0xff51afd7ed558ccdULL;
    uint64_t w;
    if (len >= 8) {
        const unsigned char *end = p + len;
        for (size_t n = len / 8; n; n--, p += 8) {
            memcpy(&w, p, 8);
            h ^= w;
            h *= 0x100000001b3ULL;
            h ^= h >> 29;
        }
        size_t r = len % 8;
        if (r) {
            memcpy(&w, end - 8, 8);
            h ^= w >> (8 * (8 - r));
            h *= 0x100000001b3ULL;
            h ^= h >> 29;
        }
    } else if (len >= 4) {
        uint32_t a, b;
        memcpy(&a, p, 4);
        memcpy(&b, p + len - 4, 4);
        h ^= (uint64_t)a | (uint64_t)b << 32;
        h *= 0x100000001b3ULL;
        h ^= h >> 29;
    } else if (len) {
        h ^= (uint64_t)p[0] | (uint64_t)p[len / 2] << 8 |
             (uint64_t)p[len - 1] << 16;
        h *= 0x100000001b3ULL;
        h ^= h >> 29;
    }
    h ^= h >> 33;
    h *= 0xff51afd7ed558ccdULL;
    h ^= h >> 33;
    h *= 0xc4ceb9fe1a85ec53ULL;
    h ^= h >> 33;
    return h;
}

/* mtl_hash64 and its short-key form against the reference, for every
 * length to 24 bytes and a few seeds; and two keys of at most 8 bytes
 * and the same length have the same word only when they are equal. */
static void
test_hash_short(void)
{
    uint64_t rs = 0xC0FFEE1234ULL;
    static const uint64_t seeds[] = {0, 7, MTL_LEXICON_SEED, 0xFFFFFFFFu};
    size_t bad = 0, bad_word = 0;
    for (int round = 0; round < 2000; round++) {
        unsigned char b[24], c[24];
        for (size_t i = 0; i < sizeof b; i++)
            b[i] = round < 1000 ? (unsigned char)test_rand(&rs)
                                : (unsigned char)"ab"[test_rand(&rs) & 1];
        for (size_t n = 0; n <= sizeof b; n++)
            for (size_t si = 0; si < sizeof seeds / sizeof *seeds; si++) {
                uint64_t h = hash64_ref(b, n, seeds[si]);
                bad += mtl_hash64(b, n, seeds[si]) != h;
                if (n <= 8)
                    bad += mtl_hash64_short(mtl_hash64_word(b, n), n,
                                            seeds[si]) != h;
            }
        /* one byte changed, the word changes */
        for (size_t n = 1; n <= 8; n++) {
            memcpy(c, b, n);
            c[test_rand(&rs) % n] ^= (unsigned char)(1 + test_rand(&rs) % 255);
            bad_word += mtl_hash64_word(b, n) == mtl_hash64_word(c, n);
        }
    }
    CHECK_EQ(bad, 0);
    CHECK_EQ(bad_word, 0);
}

/* The document's code points (counted in runs of ASCII and sequences
 * checked inline) against mtl_utf8_count, on random bytes around the
 * edges of UTF-8: leads of each length, continuation bytes, overlong and
 * surrogate forms, sequences cut by the end, ASCII runs of every length
 * around 8 and 32. */
static void
test_chars(void)
{
    static const unsigned char bytes[] = {
        'a', 'b', ' ', '\n', '.', 0x80, 0x8F, 0x90, 0x9F, 0xA0, 0xBF, 0xC0,
        0xC1, 0xC2, 0xDF, 0xE0, 0xE1, 0xEC, 0xED, 0xEE, 0xEF, 0xF0, 0xF3,
        0xF4, 0xF5, 0xFF};
    uint64_t rs = 0xC4A25ULL;
    size_t bad = 0;
    for (int round = 0; round < 3000; round++) {
        char text[160];
        size_t n = test_rand(&rs) % (sizeof text - 1);
        for (size_t i = 0; i < n; i++) {
            /* ASCII letters in runs (the first rounds), edge bytes */
            unsigned r = test_rand(&rs) % 8;
            text[i] = (char)(r < (round < 1000 ? 5u : 2u)
                                 ? 'a' + r
                                 : bytes[test_rand(&rs) % sizeof bytes]);
        }
        text[n] = '\0';
        mtl_stats st;
        stats_of(text, "en", &st);
        bad += st.chars != mtl_utf8_count(text, n);
    }
    CHECK_EQ(bad, 0);
}

/*
 * The word table of mtl_stats_compute (ck->words) and the stop words,
 * against the straightforward computation: a word's first occurrence is
 * the first word token with the same bytes, its hash mtl_hash64 of its
 * bytes, and a stop word one that mtl_lexicon_has_fold finds.  The words
 * are drawn from a vocabulary of near misses for the short-word keys
 * (the same length, the same first and last bytes), every length from 1
 * to 12 bytes, in every case, ASCII or not.
 */
static void
test_word_table(const char *lang, bool random_words)
{
    static const char *const vocab[] = {
        "a", "A", "b", "I", "i", "ab", "ba", "aa", "aaa", "Ab", "AB", "of", "Of",
        "OF", "to", "To", "abc", "acc", "abb", "The", "the", "THE", "tHe",
        "and", "And", "AND", "abcd", "abdd", "abce", "Abcd", "abcde",
        "abxde", "abcdf", "fbcde", "which", "Which", "WHICH", "abcdef",
        "abcxef", "abxdef", "abcdefg", "abcxefg", "abcdefgh", "abcdxfgh",
        "abcdefgi", "abcdefghi", "abcdxfghi", "abcdefghij", "abcdexghij",
        "abcdefghijkl", "abcdefxhijkl", "through", "Through", "between",
        "BETWEEN", "\xC3\xA0", "\xC3\x80", "\xC3\xA9t\xC3\xA9",
        "\xC3\x89T\xC3\x89", "\xC3\xA9t\xC3\xA8", "d\xC3\xA9j\xC3\xA0",
        "stra\xC3\x9F" "e", "STRASSE", "strasse", "2024", "3.5", "10,000", "42",
        "\xE6\x97\xA5\xE6\x9C\xAC", "Les", "les", "LES", "der", "Der",
        "die", "DIE", "el", "El", "la", "La", "und", "Und", "que", "Que",
        /* stop words with accents, in every case, and near misses: the
         * short ones are folded a code point at a time (stats.c,
         * mtl_fold_short_key), the rest by the lexicon */
        "f\xC3\xBCr", "F\xC3\xBCr", "F\xC3\x9CR", "f\xC3\xBCx",
        "\xC3\xBC" "ber", "\xC3\x9C" "ber", "\xC3\x9C" "BER",
        "w\xC3\xA4hrend", "W\xC3\xA4hrend", "W\xC3\x84HREND",
        "au\xC3\x9F" "er", "AUSSER", "ausser", "Au\xC3\x9F" "er",
        "o\xC3\xB9", "O\xC3\xB9", "d\xC3\xA9j\xC3\xA0",
        "D\xC3\x89J\xC3\x80", "tr\xC3\xA8s", "Tr\xC3\xA8s",
        "m\xC3\xA1s", "M\xC3\x81S", "tambi\xC3\xA9n", "TAMBI\xC3\x89N",
        "est\xC3\xA1", "Est\xC3\xA1", "voc\xC3\xAA", "VOC\xC3\x8A",
        "n\xC3\xA3o", "N\xC3\x83O", "perch\xC3\xA9", "PERCH\xC3\x89",
        "pi\xC3\xB9", "PI\xC3\x99", "per\xC3\xB2", "Per\xC3\xB2",
        /* U+017F (long s) folds to 's', U+00B5 to U+03BC, U+0130 to
         * three bytes, U+1E9E to "ss"; Greek and Cyrillic */
        "\xC5\xBFo", "\xC5\xBFome", "\xC2\xB5", "\xC4\xB0n",
        "au\xE1\xBA\x9E" "er", "\xCE\xA3\xCE\xBF", "\xCF\x83\xCE\xBF",
        "\xD0\x9F\xD0\xA0\xD0\x98", "\xD0\xBF\xD1\x80\xD0\xB8",
        "d\xE2\x80\x99", "don\xE2\x80\x99t", "Don\xE2\x80\x99t",
        "don't", "DON'T", "themselves", "Themselves", "THEMSELVES",
        "yourselves", "something", "Something"};
    const size_t nv = sizeof vocab / sizeof *vocab;
    static const char *const seps[] = {" ", " ", " ", ", ", ". ", "\n",
                                       "\n\n", " - ", "! "};
    uint64_t rs = 0x51ED2701F00DULL;
    mtl_strbuf sb;
    mtl_strbuf_init(&sb);
    for (int w = 0; w < 3000; w++) {
        if (random_words) {
            /* two letters, 1 to 12 of them: many words have the same key
             * as a word of another length ("ab" and "abb", "abab" and
             * "abababab"), and many share their slots */
            char rw[13];
            size_t n = 1 + test_rand(&rs) % 12;
            for (size_t j = 0; j < n; j++)
                rw[j] = "ab"[test_rand(&rs) % 2];
            mtl_strbuf_put(&sb, rw, n);
        } else {
            mtl_strbuf_puts(&sb, vocab[test_rand(&rs) % nv]);
        }
        mtl_strbuf_puts(&sb, seps[test_rand(&rs) % (sizeof seps /
                                                     sizeof *seps)]);
    }
    mtl_error err;
    mtl_checker *ck = mtl_checker_acquire(engine, &err);
    mtl_doc_meta meta = {.lang = lang};
    CHECK(mtl_engine_prepare(engine, ck, sb.data, sb.len, &meta, NULL, false,
                             &err) == MTL_OK);
    mtl_stats st;
    mtl_stats_compute(ck, &ck->doc, &st);
    const mtl_doc *doc = &ck->doc;
    const mtl_lexicon *stop = mtl_lang_lexicon(doc->res, "stopwords");
    size_t words = 0, stops = 0, bad_first = 0, bad_hash = 0;
    for (size_t i = 0; i < doc->ntoks; i++) {
        const mtl_token *t = &doc->toks[i];
        if (!mtl_tok_is_word(t))
            continue;
        words++;
        const char *b = doc->text + t->start;
        size_t first = i;
        for (size_t j = 0; j < i; j++) {
            const mtl_token *u = &doc->toks[j];
            if (mtl_tok_is_word(u) && u->len == t->len &&
                memcmp(doc->text + u->start, b, t->len) == 0) {
                first = j;
                break;
            }
        }
        bad_first += ck->words[i].first != first;
        bad_hash += ck->words[i].hash !=
                    mtl_hash64(b, t->len, MTL_LEXICON_SEED);
        if (stop && mtl_lexicon_has_fold(stop, b, t->len))
            stops++;
    }
    CHECK(words >= 3000);
    CHECK_EQ(st.words, words);
    CHECK_EQ(bad_first, 0);
    CHECK_EQ(bad_hash, 0);
    CHECK_EQ(st.has_stop_list, stop != NULL);
    if (stop) {
        CHECK(stops > 0 || random_words);
        CHECK_EQ(st.stop_words, stops);
    }
    mtl_checker_release(engine, ck);
    mtl_strbuf_free(&sb);
}

/* The number of the non-blank spans sp[0..n) equal to an earlier one */
static size_t
dup_spans_of(const mtl_doc *doc, const mtl_span *sp, size_t n)
{
    size_t dups = 0;
    for (size_t i = 0; i < n; i++) {
        size_t len = sp[i].end - sp[i].start;
        if (!len)
            continue;
        for (size_t j = 0; j < i; j++)
            if (sp[j].end - sp[j].start == len &&
                memcmp(doc->text + sp[j].start, doc->text + sp[i].start,
                       len) == 0) {
                dups++;
                break;
            }
    }
    return dups;
}

/* Duplicate lines and paragraphs against the straightforward computation,
 * on documents of lines of a few lengths, some of a length of their own
 * (not hashed, see mtl_span_hashes), some of the same length and other
 * bytes, in paragraphs of one line or more. */
static void
test_dup_spans(void)
{
    static const char *const vocab[] = {
        "One line alone.", "Another line, also alone here.", "abc", "abd",
        "xbc", "The same length A.", "The same length B.", "A", "B",
        "A much longer line than all the others in this document."};
    const size_t nv = sizeof vocab / sizeof *vocab;
    uint64_t rs = 0x5BA11DEULL;
    for (int round = 0; round < 200; round++) {
        mtl_strbuf sb;
        mtl_strbuf_init(&sb);
        size_t n = 1 + test_rand(&rs) % 12;
        for (size_t w = 0; w < n; w++) {
            mtl_strbuf_puts(&sb, vocab[test_rand(&rs) % nv]);
            mtl_strbuf_puts(&sb, test_rand(&rs) % 3 ? "\n\n" : "\n");
        }
        mtl_error err;
        mtl_checker *ck = mtl_checker_acquire(engine, &err);
        mtl_doc_meta meta = {.lang = "en"};
        CHECK(mtl_engine_prepare(engine, ck, sb.data, sb.len, &meta, NULL,
                                 false, &err) == MTL_OK);
        mtl_stats st;
        mtl_stats_compute(ck, &ck->doc, &st);
        const mtl_doc *doc = &ck->doc;
        size_t dl = dup_spans_of(doc, doc->lines, doc->nlines);
        size_t dp = dup_spans_of(doc, doc->paras, doc->nparas);
        size_t np = 0;
        for (size_t i = 0; i < doc->nparas; i++)
            np += doc->paras[i].end > doc->paras[i].start;
        CHECK(st.dup_line_frac == (double)dl / (double)st.lines);
        CHECK(np && st.dup_para_frac == (double)dp / (double)np);
        mtl_checker_release(engine, ck);
        mtl_strbuf_free(&sb);
    }
}

/*
 * The dictionary's sample against the straightforward computation: every
 * step-th word with a letter (step = letters / 2000, at least 1) from the
 * first, each spelled with mtl_spell.  Documents of @p nwords words of a
 * vocabulary of known and unknown words, numbers among them: up to 2000
 * words with a letter, the pass over the words asks about them all;
 * beyond, the sample is taken from the tokens again.
 */
static void
test_dict_sample(size_t nwords)
{
    static const char *const vocab[] = {
        "house", "House", "qzxvbnw", "Qzxvbnw", "river", "rivr", "the",
        "walked", "wlakde", "2024", "3.5", "apple", "applez", "It's",
        "don't", "colour", "color", "xylophone", "xylofone", "mountain"};
    const size_t nv = sizeof vocab / sizeof *vocab;
    uint64_t rs = 0xD1C75A3B1E5ULL + nwords;
    mtl_strbuf sb;
    mtl_strbuf_init(&sb);
    for (size_t w = 0; w < nwords; w++) {
        mtl_strbuf_puts(&sb, vocab[test_rand(&rs) % nv]);
        mtl_strbuf_puts(&sb, w % 9 == 8 ? ".\n" : " ");
    }
    mtl_error err;
    mtl_checker *ck = mtl_checker_acquire(engine, &err);
    mtl_doc_meta meta = {.lang = "en"};
    CHECK(mtl_engine_prepare(engine, ck, sb.data, sb.len, &meta, NULL, false,
                             &err) == MTL_OK);
    mtl_stats st;
    mtl_stats_compute(ck, &ck->doc, &st);
    const mtl_doc *doc = &ck->doc;
    if (!mtl_lang_has_dictionary(doc->res)) {
        CHECK(st.dict_words_frac < 0);
    } else {
        size_t letters = 0;
        for (size_t i = 0; i < doc->ntoks; i++)
            letters += mtl_tok_is_word(&doc->toks[i]) &&
                       (doc->toks[i].flags & MTL_TF_LETTER);
        size_t step = letters > 2000 ? letters / 2000 : 1;
        size_t j = 0, checked = 0, known = 0;
        for (size_t i = 0; i < doc->ntoks; i++) {
            const mtl_token *t = &doc->toks[i];
            if (!mtl_tok_is_word(t) || !(t->flags & MTL_TF_LETTER))
                continue;
            if (j++ % step)
                continue;
            checked++;
            known += mtl_spell(ck, doc->res, doc->text + t->start, t->len) ==
                     1;
        }
        CHECK_EQ(st.dict_words_checked, checked);
        CHECK(checked > 0 && st.dict_words_frac ==
                                 (double)known / (double)checked);
        CHECK(checked <= 2000 || nwords > 2000);
    }
    mtl_checker_release(engine, ck);
    mtl_strbuf_free(&sb);
}

int
main(void)
{
    mtl_options o = mtl_options_default();
    o.filters = "gopher,c4,fineweb";
    mtl_error err;
    engine = mtl_engine_new(&o, &err);
    if (!engine) {
        fprintf(stderr, "engine: %s\n", err.message);
        return 1;
    }
    mtl_stats st;

    test_numbers();
    test_json_strings();
    test_json_special8();
    test_hash_short();
    test_chars();
    test_word_table("en", false);
    test_word_table("fr", false);
    test_word_table("de", false);
    test_word_table("es", false);
    test_word_table("pt", false);
    test_word_table("it", false);
    test_word_table("en", true);
    test_dup_spans();
    test_dict_sample(300);
    test_dict_sample(2000);
    test_dict_sample(2300);
    test_dict_sample(2600);
    test_dict_sample(9000);

    /* English: words, mean length, symbols, lines, bullets, ellipses */
    stats_of("Cats sleep.\n# Dogs bark loudly...\n- one two\n", "en", &st);
    /* words: Cats sleep Dogs bark loudly one two = 7 */
    CHECK_EQ(st.words, 7);
    /* lengths 4+5+4+4+6+3+3 = 29 */
    CHECK(NEAR(st.mean_word_length, 29.0 / 7));
    CHECK_EQ(st.lines, 3);
    CHECK(NEAR(st.hash_word_ratio, 1.0 / 7));
    CHECK(NEAR(st.ellipsis_word_ratio, 1.0 / 7));
    CHECK(NEAR(st.symbol_word_ratio, 2.0 / 7));
    CHECK(NEAR(st.bullet_lines_frac, 1.0 / 3));
    CHECK(NEAR(st.ellipsis_lines_frac, 1.0 / 3));
    /* "Cats sleep." and "# Dogs bark loudly..." end in '.' */
    CHECK(NEAR(st.terminal_punct_lines_frac, 2.0 / 3));
    CHECK(NEAR(st.short_lines_frac, 1.0)); /* all <= 30 code points */
    /* 3 newlines, 7 words */
    CHECK(NEAR(st.newline_word_ratio, 3.0 / 7));
    CHECK(NEAR(st.alpha_words_frac, 1.0));

    /* French: duplicate lines and paragraphs, by count and characters */
    const char *fr = "Le train part.\n\nIl pleut à Lyon.\nLe train part.\n\n"
                     "Il pleut à Lyon.\nLe train part.\n";
    stats_of(fr, "fr", &st);
    /* lines: "Le train part." x3, "Il pleut à Lyon." x2 -> 3 of 5 dup */
    CHECK_EQ(st.lines, 5);
    CHECK(NEAR(st.dup_line_frac, 3.0 / 5));
    /* duplicated chars: 2*14 + 16 = 44 of 81 code points */
    CHECK_EQ(st.chars, 81);
    CHECK(NEAR(st.dup_line_char_frac, 44.0 / 81));
    /* paragraphs: P1 "Le train part.", P2 and P3 equal (2 lines each) */
    CHECK_EQ(st.paragraphs, 3);
    CHECK(NEAR(st.dup_para_frac, 1.0 / 3));
    CHECK(NEAR(st.dup_para_char_frac, 31.0 / 81));
    /* paragraphs of one line (they take the line's hash) */
    stats_of("Le train part.\n\nIl pleut.\n\nLe train part.\n", "fr", &st);
    CHECK_EQ(st.paragraphs, 3);
    CHECK(NEAR(st.dup_para_frac, 1.0 / 3));
    CHECK_EQ(st.chars, 42);
    CHECK(NEAR(st.dup_para_char_frac, 14.0 / 42));
    CHECK(NEAR(st.dup_line_frac, 1.0 / 3));

    /* German: numbers are words without letters */
    stats_of("Am 3. Mai 2024 kamen 500 Gäste.", "de", &st);
    /* words: Am 3 Mai 2024 kamen 500 Gäste = 7, 4 with letters */
    CHECK_EQ(st.words, 7);
    CHECK(NEAR(st.alpha_words_frac, 4.0 / 7));

    /* Spanish: n-gram repetition */
    stats_of("uno dos uno dos uno dos", "es", &st);
    /* 23 code points; top 2-gram "uno dos" x3 = 7*3 = 21 */
    CHECK_EQ(st.chars, 23);
    CHECK(NEAR(st.top_ngram_frac[2], 21.0 / 23));
    /* top 3-gram: "uno dos uno" x2 (11 chars) vs "dos uno dos" x2 -> 22 */
    CHECK(NEAR(st.top_ngram_frac[3], 22.0 / 23));
    /* words that occur once start no counted n-gram, but the 2-grams of
     * words that occur again around them still count, up to the last */
    stats_of("x uno dos y uno dos z uno dos w", "es", &st);
    CHECK_EQ(st.chars, 31);
    CHECK(NEAR(st.top_ngram_frac[2], 21.0 / 31));
    CHECK(NEAR(st.top_ngram_frac[3], 0));
    stats_of("a uno dos b uno dos", "es", &st);
    CHECK(NEAR(st.top_ngram_frac[2], 14.0 / 19));
    stats_of("uno b dos c uno d dos", "es", &st);
    CHECK(NEAR(st.top_ngram_frac[2], 0));
    const char *rep = "a b c d e a b c d e a b c d e";
    stats_of(rep, "es", &st);
    /* 5-grams: greedy walk finds "abcde" again at 5 and 10: 2*5 chars */
    CHECK_EQ(st.chars, 29);
    CHECK(NEAR(st.dup_ngram_frac[5], 10.0 / 29));

    /* Chinese: words come from ICU's dictionary, not spaces */
    stats_of("我们今天去北京。", "zh", &st);
    CHECK(st.words >= 3);
    CHECK(st.mean_word_length < 3);
    CHECK(NEAR(st.terminal_punct_lines_frac, 1.0));

    /* C4 inputs */
    stats_of("This has lorem ipsum dolor.\nAnd { braces }.\n", "en", &st);
    CHECK(st.has_lorem_ipsum);
    CHECK(st.has_curly_bracket);
    /* either case, anywhere (here at the very end) */
    stats_of("Lazy lines. Long. LoREM IPSUM", "en", &st);
    CHECK(st.has_lorem_ipsum);
    stats_of("lorem  ipsum, lorem-ipsum, L lorem ipsu", "en", &st);
    CHECK(!st.has_lorem_ipsum);
    CHECK(!st.has_curly_bracket);

    /* C4 line phrases, case-insensitive, at either end of the line: only
     * the two lines without one are kept (one sentence each) */
    stats_of("JavaScript is needed to see this page.\n"
             "This line is fine and has words.\n"
             "The site uses COOKIES for all it does.\n"
             "A privacy polic y example is fine here.\n"
             "Please read the privacy policy.\n"
             "By reading you accept our terms of use!\n"
             "Consent to the use of cookies.\n",
             "en", &st);
    CHECK_EQ(st.c4_sentences, 2);

    /* a title of the abbreviations lexicon that ICU's own list lacks
     * ("Dr.") ends no sentence before a capitalised word on its line; a
     * full stop after it that ends the text's sentence still does */
    stats_of("It was said by Dr. Smith of a group. Mr. Jones agreed.", "en",
             &st);
    CHECK_EQ(st.sentences, 2);
    stats_of("He met Dr. Smith. Then he left.", "en", &st);
    CHECK_EQ(st.sentences, 2);
    stats_of("He went to see the Dr.\nSmith came later.", "en", &st);
    CHECK_EQ(st.sentences, 2);

    /* stop words and dictionary words count every occurrence (the answer
     * is looked up once per distinct word) */
    stats_of("the cat and the dog and the bird", "en", &st);
    if (st.has_stop_list)
        CHECK_EQ(st.stop_words, 5);
    /* the same in any case, ASCII or not (a lower-case ASCII word is
     * looked up as it is, any other folded first) */
    stats_of("The cat AND the dog And the bird", "en", &st);
    if (st.has_stop_list)
        CHECK_EQ(st.stop_words, 5);
    stats_of("\xC3\xA0 Lyon, \xC3\x80 Paris, "
             "\xC3\xA9t\xC3\xA9 \xC3\x89T\xC3\x89", "fr", &st);
    if (st.has_stop_list)
        CHECK_EQ(st.stop_words, 4);
    stats_of("house house house qzxvbnw", "en", &st);
    if (st.dict_words_frac >= 0) {
        CHECK_EQ(st.dict_words_checked, 4);
        CHECK(NEAR(st.dict_words_frac, 3.0 / 4));
    }

    /* code points: ASCII runs of eight and more around other text */
    stats_of("abcdefghij\xC3\xA9klmnopqrstuvwxyz \xE4\xB8\xAD\xF0\x9F\x98\x80!",
             "en", &st);
    CHECK_EQ(st.chars, 10 + 1 + 16 + 1 + 1 + 1 + 1);

    /* ----------------------------------------------------- presets */
    const mtl_filters *f = engine->filters;
    char *good = strdup(good_prose);
    stats_of(good, "en", &st);
    CHECK_STR(mtl_filters_verdict(f, MTL_FILTER_GOPHER, "en", &st), "pass");
    CHECK_STR(mtl_filters_verdict(f, MTL_FILTER_C4, "en", &st), "pass");
    CHECK_STR(mtl_filters_verdict(f, MTL_FILTER_FINEWEB, "en", &st), "pass");

    /* gopher: too short */
    stats_of("The ships came in at dawn and the crew went home.", "en", &st);
    CHECK_STR(mtl_filters_verdict(f, MTL_FILTER_GOPHER, "en", &st),
              "gopher_short_doc");
    /* c4: too few sentences (the same short document) */
    CHECK_STR(mtl_filters_verdict(f, MTL_FILTER_C4, "en", &st),
              "too_few_sentences");
    /* c4: curly bracket in otherwise good prose */
    char *curly = malloc(strlen(good) + 32);
    sprintf(curly, "%sThe code was {x}.\n", good);
    stats_of(curly, "en", &st);
    CHECK_STR(mtl_filters_verdict(f, MTL_FILTER_C4, "en", &st),
              "curly_bracket");
    free(curly);
    /* gopher: repeated lines */
    char *dup = malloc(strlen(good) * 2 + 8);
    sprintf(dup, "%s%s", good, good);
    stats_of(dup, "en", &st);
    CHECK_STR(mtl_filters_verdict(f, MTL_FILTER_GOPHER, "en", &st),
              "dup_line_frac");
    /* fineweb: duplicated line characters */
    CHECK_STR(mtl_filters_verdict(f, MTL_FILTER_FINEWEB, "en", &st),
              "char_dup_ratio");
    free(dup);
    /* fineweb: lines without terminal punctuation */
    char *nopunct = strdup(good);
    for (char *p = nopunct; *p; p++)
        if (*p == '.')
            *p = ' ';
    stats_of(nopunct, "en", &st);
    CHECK_STR(mtl_filters_verdict(f, MTL_FILTER_FINEWEB, "en", &st),
              "line_punct_ratio");
    free(nopunct);
    /* fineweb: a list (many newlines per word) */
    char list[2048] = "";
    for (int i = 0; i < 40; i++)
        strcat(list, "Item done.\n");
    stats_of(list, "en", &st);
    /* short lines first: all 40 lines are short */
    CHECK_STR(mtl_filters_verdict(f, MTL_FILTER_FINEWEB, "en", &st),
              "short_line_ratio");
    /* gopher: per-language override keeps Chinese words short but fine */
    stats_of("我们今天去北京。我们明天回上海。", "zh", &st);
    CHECK(strcmp(mtl_filters_verdict(f, MTL_FILTER_GOPHER, "zh", &st),
                 "gopher_below_avg_threshold") != 0);
    free(good);

    /* the filters file: errors name the line */
    const char *bad = "[gopher]\nmin_doc_words = many\n";
    CHECK(mtl_filters_parse(bad, strlen(bad), "f.conf", &err) == NULL);
    CHECK(strstr(err.message, "f.conf:2") != NULL);
    const char *bad2 = "[nosuch]\n";
    CHECK(mtl_filters_parse(bad2, strlen(bad2), "g.conf", &err) == NULL);

    mtl_engine_free(engine);
    TEST_DONE();
}
