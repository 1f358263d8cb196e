/*
 * test_record.c - the fast record scanner of record.c against jansson.
 *
 * mtl_record_parse() reads the common line with its own scanner and hands
 * anything else to jansson.  Whatever it accepts must give the same record
 * as the jansson-only mtl_record_parse_jansson(): text bytes and length,
 * id, id JSON, language, date, and the id handed back; lines it gives up
 * on must come out exactly as jansson's (record or error).  Compared on:
 *   1. hand-written lines: escapes, \u0000, surrogates, duplicate and
 *      escaped keys, nesting, numbers, UTF-8 edge cases, control bytes,
 *      trailing bytes, non-objects, white space, missing text...; some
 *      must be taken by the scanner, some must not;
 *   2. RECORD_ROUNDS (3000 by default) pseudo-random records (fixed seed)
 *      and mutants of each (byte changes, truncation, insertions);
 *   3. the lines of a JSONL file named by $RECORD_JSONL.
 * Each line is read with several field-name sets.
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "mtlint.h"
#include "record.h"
#include "util/util.h"
#include "test.h"

static const mtl_record_fields field_sets[] = {
    {NULL, NULL, NULL, NULL},
    {"text", "id", "lang", "date"},
    {"body", "doc_id", "language", "published"},
    {"text", "text", "text", "text"}, /* one key, every role */
    {"", "id", "", "date"},
};
#define NSETS (sizeof field_sets / sizeof field_sets[0])

static size_t n_lines, n_fast, n_jansson_ok, n_mismatch;

static void
print_line(const char *line, size_t len)
{
    fputs("  line: \"", stderr);
    for (size_t i = 0; i < len && i < 300; i++) {
        unsigned char c = (unsigned char)line[i];
        if (c < 0x20 || c >= 0x7F || c == '\\' || c == '"')
            fprintf(stderr, "\\x%02x", c);
        else
            fputc(c, stderr);
    }
    fputs(len > 300 ? "...\"\n" : "\"\n", stderr);
}

static bool
same_str(const char *a, const char *b)
{
    if (!a || !b)
        return a == b;
    return strcmp(a, b) == 0;
}

/* Parses @p line both ways with field set @p fs; returns 1 when the fast
 * scanner took it, 0 when not, -1 on a difference. */
static int
compare(const char *orig, size_t len, const mtl_record_fields *fs)
{
    /* an exact-size copy, so that valgrind sees any read past the end */
    char *line = malloc(len ? len : 1);
    if (!line)
        abort();
    memcpy(line, orig, len);
    mtl_error ref_err = {0}, got_err = {0};
    char *ref_id = NULL, *got_id = NULL;
    mtl_record *ref = mtl_record_parse_jansson(line, len, fs, &ref_id,
                                               &ref_err);
    mtl_record *got = mtl_record_parse(line, len, fs, &got_id, &got_err);
    const char *what = NULL;
    bool fast = mtl_record_is_fast(got);

    n_lines++;
    if (ref)
        n_jansson_ok++;
    if (fast)
        n_fast++;
    if (!ref != !got) {
        what = ref ? "fast path refused a record" : "fast path took a bad line";
    } else if (!ref) {
        if (ref_err.status != got_err.status ||
            strcmp(ref_err.message, got_err.message) != 0)
            what = "error";
    } else {
        size_t rl = 0, gl = 0;
        const char *rt = mtl_record_text(ref, &rl);
        const char *gt = mtl_record_text(got, &gl);
        if (rl != gl || memcmp(rt, gt, rl) != 0)
            what = "text";
        else if (gt[gl] != '\0')
            what = "text not NUL-terminated";
        else if (!same_str(mtl_record_id(ref), mtl_record_id(got)))
            what = "id";
        else if (!same_str(mtl_record_id_json(ref), mtl_record_id_json(got)))
            what = "id_json";
        else if (!same_str(mtl_record_lang(ref), mtl_record_lang(got)))
            what = "lang";
        else if (!same_str(mtl_record_date(ref), mtl_record_date(got)))
            what = "date";
    }
    if (!what && !same_str(ref_id, got_id))
        what = "id_out";
    test_checks++;
    if (what) {
        test_failures++;
        if (n_mismatch++ < 20) {
            fprintf(stderr, "difference (%s), fields %s/%s/%s/%s, fast %d\n",
                    what, fs->text_field ? fs->text_field : "-",
                    fs->id_field ? fs->id_field : "-",
                    fs->lang_field ? fs->lang_field : "-",
                    fs->date_field ? fs->date_field : "-", fast);
            print_line(line, len);
            if (ref && got)
                fprintf(stderr, "  jansson id %s id_json %s lang %s date %s\n"
                        "  fast    id %s id_json %s lang %s date %s\n",
                        mtl_record_id(ref), mtl_record_id_json(ref),
                        mtl_record_lang(ref), mtl_record_date(ref),
                        mtl_record_id(got), mtl_record_id_json(got),
                        mtl_record_lang(got), mtl_record_date(got));
        }
    }
    mtl_record_free(ref);
    mtl_record_free(got);
    mtl_free(ref_id);
    mtl_free(got_id);
    free(line);
    return what ? -1 : fast ? 1 : 0;
}

/* Every field set; returns whether the default set took the fast path. */
static bool
compare_all(const char *line, size_t len)
{
    bool fast = false;
    for (size_t i = 0; i < NSETS; i++) {
        int r = compare(line, len, &field_sets[i]);
        if (i == 0)
            fast = r == 1;
    }
    return fast;
}

/* A hand-written case; @p expect_fast: 1 must take the fast path, 0 must
 * not, -1 either. */
static void
check_case(const char *line, size_t len, int expect_fast, int src_line)
{
    bool fast = compare_all(line, len);
    if (expect_fast >= 0 && fast != (expect_fast == 1)) {
        test_failures++;
        fprintf(stderr, "%s:%d: fast path %s\n", __FILE__, src_line,
                fast ? "took this line" : "did not take this line");
        print_line(line, len);
    }
    test_checks++;
}

#define FAST(s) check_case(s, sizeof(s) - 1, 1, __LINE__)
#define SLOW(s) check_case(s, sizeof(s) - 1, 0, __LINE__)
#define ANY(s) check_case(s, sizeof(s) - 1, -1, __LINE__)

/* Growable byte buffer. */
typedef struct buf {
    char *d;
    size_t n, cap;
} buf;

static void
buf_put(buf *b, const void *p, size_t n)
{
    if (b->n + n + 1 > b->cap) {
        b->cap = (b->n + n + 1) * 2;
        b->d = realloc(b->d, b->cap);
        if (!b->d)
            abort();
    }
    memcpy(b->d + b->n, p, n);
    b->n += n;
    b->d[b->n] = '\0';
}

static void
buf_puts(buf *b, const char *s)
{
    buf_put(b, s, strlen(s));
}

/* Wraps @p inner in @p depth arrays (or objects) inside a record. */
static void
check_nesting(int depth, bool objects, int expect_fast)
{
    buf b = {0};
    buf_puts(&b, "{\"text\": \"nested\", \"x\": ");
    for (int i = 0; i < depth; i++)
        buf_puts(&b, objects ? "{\"k\":" : "[");
    buf_puts(&b, "1");
    for (int i = 0; i < depth; i++)
        buf_puts(&b, objects ? "}" : "]");
    buf_puts(&b, "}");
    check_case(b.d, b.n, expect_fast, __LINE__);
    free(b.d);
}

static void
hand_cases(void)
{
    /* plain */
    FAST("{\"id\": \"a1\", \"text\": \"Hello world\", \"lang\": \"en\"}");
    FAST("{\"text\":\"x\"}");
    FAST("{\"text\": \"\"}");
    FAST("{\"id\": 7, \"n\": 1.50, \"text\": \"Hello world\"}");
    FAST("{\"id\":\"d\",\"text\":\"t\",\"lang\":\"pt-BR\",\"date\":\"2024-03-05\","
         "\"published\":\"2023-12-31T10:00:00Z\",\"body\":\"b\",\"doc_id\":5,"
         "\"language\":\"de\"}");
    FAST("{\"text\": \"caf\xc3\xa9 \xe2\x80\x9cquoted\xe2\x80\x9d \xf0\x9f\x98\x80"
         " \xe4\xb8\xad\xe6\x96\x87 \xd0\xbf\xd1\x80\xd0\xb8\"}");
    /* white space */
    FAST(" \t\r\n{ \"text\" : \"a\" , \"id\" :\n1 } \r\n\t ");
    FAST("{\"text\":\"a\"}\n");
    FAST("{\"text\":\"a\"}\r\n");
    SLOW("{\"text\":\"a\"}\f");
    SLOW("\v{\"text\":\"a\"}");
    SLOW("{\"text\":\"a\"}\xc2\xa0");
    /* escapes */
    FAST("{\"text\": \"q\\\" b\\\\ s\\/ \\b\\f\\n\\r\\t end\"}");
    FAST("{\"text\": \"\\u0041\\u00e9\\u00E9\\u20ac\\uFFFF\\uffFd\\u0001\\u001f"
         "\\u007f\\u0080\\u07ff\\u0800\\ud7ff\\ue000\"}");
    FAST("{\"text\": \"a\\u0000b\", \"id\": \"x\\u0000y\", "
         "\"lang\": \"\\u0000en\", \"date\": \"2024\\u0000-01-01\"}");
    FAST("{\"text\": \"\\u0000\", \"lang\": \"\\u0000\"}");
    FAST("{\"text\": \"\\ud83d\\ude00 \\uD83D\\uDE00 \\udbff\\udfff "
         "\\ud800\\udc00\"}");
    SLOW("{\"text\": \"\\ud83d\"}");
    SLOW("{\"text\": \"\\ud83d \\ude00\"}");
    SLOW("{\"text\": \"\\ude00\"}");
    SLOW("{\"text\": \"\\ude00\\ude00\"}");
    SLOW("{\"text\": \"\\udfff\\udc00\"}");
    SLOW("{\"text\": \"\\udbff\\ue000\"}");
    SLOW("{\"text\": \"\\ud800\\udbff\"}");
    SLOW("{\"text\": \"\\ud83d\\u0041\"}");
    SLOW("{\"text\": \"\\ud83d\\ud83d\"}");
    SLOW("{\"text\": \"\\ud83d\\n\"}");
    SLOW("{\"text\": \"\\ud83d\\uzzzz\"}");
    SLOW("{\"text\": \"\\ud83d\\");
    SLOW("{\"text\": \"x\", \"other\": \"\\udc00\"}");
    SLOW("{\"text\": \"\\u00\"}");
    SLOW("{\"text\": \"\\u00g0\"}");
    SLOW("{\"text\": \"\\x41\"}");
    SLOW("{\"text\": \"\\a\"}");
    SLOW("{\"text\": \"\\U0041\"}");
    SLOW("{\"text\": \"\\\"}");
    SLOW("{\"text\": \"abc\\");
    /* raw control bytes and NUL */
    SLOW("{\"text\": \"a\tb\"}");
    SLOW("{\"text\": \"a\nb\"}");
    SLOW("{\"text\": \"a\x1f b\"}");
    FAST("{\"text\": \"a\x7f b\"}");
    SLOW("{\"text\": \"a\0b\"}");
    SLOW("{\"text\": \"ab\"}\0");
    SLOW("\0{\"text\": \"ab\"}");
    SLOW("{\"text\": \"ab\",\0\"id\":1}");
    /* UTF-8 edges */
    FAST("{\"text\": \"\xc2\x80 \xdf\xbf \xe0\xa0\x80 \xed\x9f\xbf \xee\x80\x80 "
         "\xef\xbf\xbf \xf0\x90\x80\x80 \xf4\x8f\xbf\xbf \xf3\xbf\xbf\xbf\"}");
    SLOW("{\"text\": \"\xc0\x80\"}");
    SLOW("{\"text\": \"\xc1\xbf\"}");
    SLOW("{\"text\": \"\xe0\x9f\xbf\"}");
    SLOW("{\"text\": \"\xed\xa0\x80\"}");
    SLOW("{\"text\": \"\xed\xbf\xbf\"}");
    SLOW("{\"text\": \"\xf0\x8f\xbf\xbf\"}");
    SLOW("{\"text\": \"\xf4\x90\x80\x80\"}");
    SLOW("{\"text\": \"\xf5\x80\x80\x80\"}");
    SLOW("{\"text\": \"\xff\"}");
    SLOW("{\"text\": \"\x80\"}");
    SLOW("{\"text\": \"\xc3\"}");
    SLOW("{\"text\": \"\xe2\x80\"}");
    SLOW("{\"text\": \"\xf0\x9f\x98\"}");
    SLOW("{\"text\": \"\xc3(\"}");
    SLOW("{\"text\": \"\xe2\x28\xa1\"}");
    SLOW("{\"text\": \"x\"}\xc3");
    SLOW("{\"text\": \"\xc3");
    SLOW("{\"text\": \"x\", \"k\xc3\xa9\": 1, \"v\": \"\xe2\x82\"}");
    SLOW("{\"text\": \"x\", \xc3\xa9: 1}");
    /* keys */
    FAST("{\"te\\u0078t\": \"escaped key\", \"\\u0069\\u0064\": \"i\"}");
    FAST("{\"\\u006cang\": \"fr\", \"text\": \"a\"}");
    FAST("{\"tex\\u0074\": \"a\", \"\\/\": 1, \"\\\"\": 2, \"\": 3}");
    SLOW("{\"te\\u0000xt\": \"nul in key\", \"text\": \"a\"}");
    SLOW("{\"\\u0000\": 1, \"text\": \"a\"}");
    FAST("{\"\xc3\xa9t\xc3\xa9\": \"\xc3\xa9\", \"text\": \"a\"}");
    FAST("{\"text \": \"not it\", \" text\": \"no\", \"Text\": 1, "
         "\"text\": \"yes\"}");
    /* duplicate keys: the last one wins */
    FAST("{\"text\": \"first\", \"text\": \"second\"}");
    FAST("{\"text\": 5, \"text\": \"string after number\"}");
    SLOW("{\"text\": \"string\", \"text\": 5}");
    FAST("{\"id\": \"a\", \"text\": \"t\", \"id\": 2, \"lang\": \"en\", "
         "\"lang\": \"de\"}");
    FAST("{\"id\": 1.5, \"text\": \"t\", \"id\": \"s\"}");
    SLOW("{\"id\": \"s\", \"text\": \"t\", \"id\": 1.5}");
    FAST("{\"lang\": \"en\", \"text\": \"t\", \"lang\": \"\"}");
    FAST("{\"lang\": \"en\", \"text\": \"t\", \"lang\": 3}");
    FAST("{\"te\\u0078t\": \"one\", \"text\": \"two\", \"tex\\u0074\": \"three\"}");
    /* text missing or not a string: jansson's messages */
    SLOW("{}");
    SLOW("{ }");
    SLOW("{\"id\": \"a\"}");
    SLOW("{\"id\": \"a\", \"text\": 5}");
    SLOW("{\"id\": 3, \"text\": null}");
    SLOW("{\"text\": [\"a\"]}");
    SLOW("{\"text\": {\"text\": \"a\"}}");
    SLOW("{\"Text\": \"a\"}");
    /* nesting */
    FAST("{\"a\": [], \"b\": {}, \"c\": [1, \"x\", true, false, null, [], {}, "
         "{\"text\": \"inner\"}], \"text\": \"outer\", \"d\": {\"e\": {\"f\": "
         "[[[]]]}}}");
    FAST("{\"meta\": {\"id\": \"inner\", \"lang\": \"xx\"}, \"text\": \"t\"}");
    SLOW("{\"a\": [1,], \"text\": \"t\"}");
    SLOW("{\"a\": [,1], \"text\": \"t\"}");
    SLOW("{\"a\": {\"b\":1,}, \"text\": \"t\"}");
    SLOW("{\"a\": {\"b\"}, \"text\": \"t\"}");
    SLOW("{\"a\": {1: 2}, \"text\": \"t\"}");
    SLOW("{\"a\": [1 2], \"text\": \"t\"}");
    SLOW("{\"a\": [1, \"x\xff\"], \"text\": \"t\"}");
    SLOW("{\"a\": [\"\\ud800\"], \"text\": \"t\"}");
    SLOW("{\"a\": {\"\\u0000\": 1}, \"text\": \"t\"}");
    SLOW("{\"a\": [");
    check_nesting(1, false, 1);
    check_nesting(62, false, 1);
    check_nesting(63, false, 1);
    check_nesting(64, false, 0);
    check_nesting(63, true, 1);
    check_nesting(64, true, 0);
    check_nesting(100, true, 0);
    check_nesting(2046, false, 0);
    check_nesting(2047, false, 0);
    check_nesting(2048, false, 0);
    check_nesting(5000, true, 0);
    /* literals */
    FAST("{\"a\": true, \"b\": false, \"c\": null, \"text\": \"t\"}");
    SLOW("{\"a\": tru, \"text\": \"t\"}");
    SLOW("{\"a\": truex, \"text\": \"t\"}");
    SLOW("{\"a\": True, \"text\": \"t\"}");
    SLOW("{\"a\": nul, \"text\": \"t\"}");
    SLOW("{\"a\": nulll, \"text\": \"t\"}");
    SLOW("{\"a\": NaN, \"text\": \"t\"}");
    SLOW("{\"a\": undefined, \"text\": \"t\"}");
    SLOW("{\"text\": \"t\", \"a\": true");
    SLOW("{\"text\": \"t\", \"a\": tr");
    /* ids of every type */
    FAST("{\"id\": true, \"text\": \"t\"}");
    FAST("{\"id\": false, \"text\": \"t\"}");
    FAST("{\"id\": null, \"text\": \"t\"}");
    FAST("{\"id\": [1, 2], \"text\": \"t\"}");
    FAST("{\"id\": {\"a\": 1}, \"text\": \"t\"}");
    FAST("{\"id\": \"\", \"text\": \"t\"}");
    FAST("{\"id\": \"a\\\"b\\\\c\\/d\\n\\u0001\\u001f\\u007f\\u00e9\", "
         "\"text\": \"t\"}");
    FAST("{\"id\": \"\\u0000\", \"text\": \"t\"}");
    FAST("{\"id\": \"\\ud83d\\ude00/\xc3\xa9\", \"text\": \"t\"}");
    FAST("{\"id\": \"a/b \xe2\x82\xac\x7f\", \"text\": \"t\"}");
    FAST("{\"id\": 0, \"text\": \"t\"}");
    FAST("{\"id\": -0, \"text\": \"t\"}");
    FAST("{\"id\": -1, \"text\": \"t\"}");
    FAST("{\"id\": 123456789012345678, \"text\": \"t\"}");
    FAST("{\"id\": -123456789012345678, \"text\": \"t\"}");
    FAST("{\"id\": 999999999999999999, \"text\": \"t\"}");
    SLOW("{\"id\": 1234567890123456789, \"text\": \"t\"}");
    SLOW("{\"id\": 9223372036854775807, \"text\": \"t\"}");
    SLOW("{\"id\": -9223372036854775808, \"text\": \"t\"}");
    SLOW("{\"id\": 9223372036854775808, \"text\": \"t\"}");
    SLOW("{\"id\": -9223372036854775809, \"text\": \"t\"}");
    SLOW("{\"id\": 1.5, \"text\": \"t\"}");
    SLOW("{\"id\": -0.0, \"text\": \"t\"}");
    SLOW("{\"id\": 1e3, \"text\": \"t\"}");
    SLOW("{\"id\": 1E-3, \"text\": \"t\"}");
    SLOW("{\"id\": 0.1, \"text\": \"t\"}");
    SLOW("{\"id\": 100000000000000000000, \"text\": \"t\"}");
    SLOW("{\"id\": \"a\", \"text\": \"t\"} x");
    SLOW("{\"id\": \"a\", \"text\": 1}");
    /* numbers elsewhere */
    FAST("{\"n\": [0, -0, 1, -1, 10, 0.5, -0.5, 1.25, 123.456, "
         "0.000000000000000000000000000001, 123456789012345678.5], "
         "\"text\": \"t\"}");
    SLOW("{\"n\": 01, \"text\": \"t\"}");
    SLOW("{\"n\": -01, \"text\": \"t\"}");
    SLOW("{\"n\": 00, \"text\": \"t\"}");
    SLOW("{\"n\": 1., \"text\": \"t\"}");
    SLOW("{\"n\": .5, \"text\": \"t\"}");
    SLOW("{\"n\": +1, \"text\": \"t\"}");
    SLOW("{\"n\": -, \"text\": \"t\"}");
    SLOW("{\"n\": --1, \"text\": \"t\"}");
    SLOW("{\"n\": 1e, \"text\": \"t\"}");
    SLOW("{\"n\": 1e+, \"text\": \"t\"}");
    SLOW("{\"n\": 1e5, \"text\": \"t\"}");
    SLOW("{\"n\": 1E+5, \"text\": \"t\"}");
    SLOW("{\"n\": 1.5e-5, \"text\": \"t\"}");
    SLOW("{\"n\": 1e400, \"text\": \"t\"}");
    SLOW("{\"n\": -1e400, \"text\": \"t\"}");
    SLOW("{\"n\": 1e-400, \"text\": \"t\"}");
    SLOW("{\"n\": 0x10, \"text\": \"t\"}");
    SLOW("{\"n\": 1.2.3, \"text\": \"t\"}");
    SLOW("{\"n\": 12a, \"text\": \"t\"}");
    SLOW("{\"n\": Infinity, \"text\": \"t\"}");
    SLOW("{\"n\": 99999999999999999999999999999999999999.5, \"text\": \"t\"}");
    {
        buf b = {0};
        buf_puts(&b, "{\"text\": \"t\", \"n\": 0.");
        for (int i = 0; i < 296; i++)
            buf_puts(&b, "1");
        buf_puts(&b, "}");
        check_case(b.d, b.n, 1, __LINE__); /* 298 bytes */
        b.n -= 1;
        buf_puts(&b, "11}");
        check_case(b.d, b.n, 1, __LINE__); /* 300 */
        b.n -= 1;
        buf_puts(&b, "1}");
        check_case(b.d, b.n, 0, __LINE__); /* 301 */
        b.n = 0;
        buf_puts(&b, "{\"text\": \"t\", \"n\": 1");
        for (int i = 0; i < 400; i++)
            buf_puts(&b, "0");
        buf_puts(&b, "}");
        check_case(b.d, b.n, 0, __LINE__);
        free(b.d);
    }
    /* structure */
    SLOW("");
    SLOW(" ");
    SLOW("\n");
    SLOW("{");
    SLOW("}");
    SLOW("{\"text\": \"t\"");
    SLOW("{\"text\": \"t\",}");
    SLOW("{\"text\": \"t\",,\"a\":1}");
    SLOW("{,\"text\": \"t\"}");
    SLOW("{\"text\" \"t\"}");
    SLOW("{\"text\":: \"t\"}");
    SLOW("{\"text\": \"t\" \"id\": 1}");
    SLOW("{\"text\": \"t\";}");
    SLOW("{text: \"t\"}");
    SLOW("{'text': 't'}");
    SLOW("{\"text\": \"t\"}}");
    SLOW("{\"text\": \"t\"}{}");
    SLOW("{\"text\": \"t\"} {\"text\": \"u\"}");
    SLOW("{\"text\": \"t\"},");
    SLOW("{\"text\": \"t\"}]");
    SLOW("{\"text\": \"t\"} // comment");
    SLOW("{\"text\": \"t\"} 1");
    SLOW("{\"text\": \"t\"}\x1b");
    SLOW("\xef\xbb\xbf{\"text\": \"t\"}");
    SLOW("{\"text\": \"t\"]");
    SLOW("[{\"text\": \"t\"}]");
    SLOW("\"text\"");
    SLOW("1");
    SLOW("-1.5e3");
    SLOW("true");
    SLOW("null");
    SLOW("[]");
    SLOW("[1, 2");
    SLOW("{\"text\": \"unterminated}");
    SLOW("{\"text\": \"t\", \"a\": }");
    SLOW("{\"text\": \"t\", \"a\" }");
    SLOW("{\"text\": \"t\", \"a\"");
    SLOW("{\"text\": \"t\", \"a");
    /* long plain runs around the 8-byte steps */
    for (int n = 0; n < 40; n++) {
        /* a middle piece and whether the line stays valid */
        static const char *mid[] = {"", "\"", "\\n", "\x01", "\xc3\xa9",
                                    "\xc3", "\\u0000", "\x80"};
        static const int ok[] = {1, 0, 1, 0, 1, 0, 1, 0};
        for (size_t m = 0; m < sizeof mid / sizeof mid[0]; m++) {
            buf b = {0};
            buf_puts(&b, "{\"text\": \"");
            for (int i = 0; i < n; i++)
                buf_put(&b, "abcdefgh" + (i % 8), 1);
            buf_puts(&b, mid[m]);
            for (int i = 0; i < 17 - n % 9; i++)
                buf_put(&b, "z~ !#[]{" + (i % 8), 1);
            buf_puts(&b, "\"}");
            check_case(b.d, b.n, ok[m], __LINE__);
            free(b.d);
        }
    }
}

/* ------------------------------------------------------ random records */

static uint64_t rng_state = 0x9E3779B97F4A7C15ULL;

static uint64_t
rng(void)
{
    /* splitmix64 */
    uint64_t z = (rng_state += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
}

static unsigned
rnd(unsigned n)
{
    return n ? (unsigned)(rng() % n) : 0;
}

static void
gen_ws(buf *b)
{
    static const char *ws[] = {"", "", "", " ", " ", "\t", "\n", "\r\n",
                               "  "};
    buf_puts(b, ws[rnd(sizeof ws / sizeof ws[0])]);
}

static void
gen_utf8(buf *b, uint32_t cp)
{
    char tmp[4];
    buf_put(b, tmp, mtl_utf8_encode(cp, tmp));
}

static void
gen_u_escape(buf *b, unsigned v)
{
    char tmp[8];
    snprintf(tmp, sizeof tmp, rnd(2) ? "\\u%04x" : "\\u%04X", v);
    buf_puts(b, tmp);
}

/* A JSON string (with its quotes). */
static void
gen_string(buf *b, unsigned maxlen)
{
    unsigned pieces = rnd(maxlen + 1);
    buf_puts(b, "\"");
    for (unsigned i = 0; i < pieces; i++) {
        switch (rnd(12)) {
        case 0: case 1: case 2: case 3: {
            unsigned n = 1 + rnd(rnd(4) ? 12 : 80);
            for (unsigned k = 0; k < n; k++) {
                char c = (char)(0x20 + rnd(0x5F));
                if (c == '"' || c == '\\')
                    c = ' ';
                buf_put(b, &c, 1);
            }
            break;
        }
        case 4: gen_utf8(b, 0x80 + rnd(0x780)); break;
        case 5: {
            uint32_t cp = 0x800 + rnd(0xF800);
            if (cp >= 0xD800 && cp <= 0xDFFF)
                cp -= 0x800;
            gen_utf8(b, cp);
            break;
        }
        case 6: gen_utf8(b, 0x10000 + rnd(0x100000)); break;
        case 7: {
            static const char *esc[] = {"\\\"", "\\\\", "\\/", "\\b", "\\f",
                                        "\\n", "\\r", "\\t"};
            buf_puts(b, esc[rnd(8)]);
            break;
        }
        case 8: {
            unsigned v = rnd(3) ? rnd(0x800) : rnd(0x10000);
            if (v >= 0xD800 && v <= 0xDFFF)
                v = 0;
            gen_u_escape(b, v);
            break;
        }
        case 9: {
            unsigned cp = rnd(0x100000); /* + 0x10000 */
            gen_u_escape(b, 0xD800 + (cp >> 10));
            gen_u_escape(b, 0xDC00 + (cp & 0x3FF));
            break;
        }
        case 10: buf_puts(b, "\\u0000"); break;
        default: buf_puts(b, rnd(2) ? "\xe2\x80\x9c" : "\xc3\xa9"); break;
        }
    }
    buf_puts(b, "\"");
}

static void
gen_number(buf *b)
{
    char tmp[64];
    switch (rnd(6)) {
    case 0: snprintf(tmp, sizeof tmp, "%u", rnd(100)); break;
    case 1: snprintf(tmp, sizeof tmp, "-%u", rnd(100000)); break;
    case 2:
        snprintf(tmp, sizeof tmp, "%llu", (unsigned long long)(rng() >>
                                                                rnd(64)));
        break;
    case 3: snprintf(tmp, sizeof tmp, "%u.%u", rnd(1000), rnd(100000)); break;
    case 4: snprintf(tmp, sizeof tmp, "-%u.0%ue%s%u", rnd(10), rnd(100),
                     rnd(2) ? "-" : "", rnd(400)); break;
    default: snprintf(tmp, sizeof tmp, "%s0", rnd(2) ? "-" : ""); break;
    }
    buf_puts(b, tmp);
}

static void gen_value(buf *b, int depth);

static void
gen_key(buf *b)
{
    static const char *keys[] = {
        "\"text\"", "\"text\"", "\"id\"", "\"id\"", "\"lang\"", "\"date\"",
        "\"url\"", "\"body\"", "\"doc_id\"", "\"language\"", "\"published\"",
        "\"te\\u0078t\"", "\"\\u0069d\"", "\"lan\\u0067\"", "\"\"",
        "\"dat\\u0065\"", "\"t\\u00e9xt\"", "\"meta\""};
    if (rnd(8) == 0)
        gen_string(b, 3);
    else
        buf_puts(b, keys[rnd(sizeof keys / sizeof keys[0])]);
}

static void
gen_object(buf *b, int depth, bool top)
{
    unsigned n = rnd(top ? 8 : 4);
    buf_puts(b, "{");
    gen_ws(b);
    if (top && rnd(4)) {
        buf_puts(b, "\"text\"");
        gen_ws(b);
        buf_puts(b, ":");
        gen_ws(b);
        gen_string(b, 30);
        if (n) {
            gen_ws(b);
            buf_puts(b, ",");
            gen_ws(b);
        }
    }
    for (unsigned i = 0; i < n; i++) {
        if (i) {
            buf_puts(b, ",");
            gen_ws(b);
        }
        gen_key(b);
        gen_ws(b);
        buf_puts(b, ":");
        gen_ws(b);
        gen_value(b, depth + 1);
        gen_ws(b);
    }
    buf_puts(b, "}");
}

static void
gen_value(buf *b, int depth)
{
    unsigned k = rnd(depth > 4 ? 6 : 9);
    switch (k) {
    case 0: case 1: case 2: gen_string(b, 10); break;
    case 3: gen_number(b); break;
    case 4: buf_puts(b, "true"); break;
    case 5: buf_puts(b, rnd(2) ? "false" : "null"); break;
    case 6: case 7: {
        unsigned n = rnd(4);
        buf_puts(b, "[");
        gen_ws(b);
        for (unsigned i = 0; i < n; i++) {
            if (i) {
                buf_puts(b, ",");
                gen_ws(b);
            }
            gen_value(b, depth + 1);
            gen_ws(b);
        }
        buf_puts(b, "]");
        break;
    }
    default: gen_object(b, depth, false); break;
    }
}

static void
mutate(buf *m, const buf *b)
{
    static const char special[] = "\"\\{}[],:0-.eEu \t\n\x01\x1f\x7f";
    static const unsigned char hi[] = {0x80, 0xBF, 0xC0, 0xC2, 0xDF, 0xE0,
                                       0xED, 0xEF, 0xF0, 0xF4, 0xF5, 0xFF};
    m->n = 0;
    buf_put(m, b->d, b->n);
    unsigned edits = 1 + rnd(3);
    for (unsigned e = 0; e < edits && m->n; e++) {
        size_t pos = rnd((unsigned)m->n);
        switch (rnd(6)) {
        case 0: m->d[pos] = (char)rnd(256); break;
        case 1: m->d[pos] = special[rnd(sizeof special - 1)]; break;
        case 2: m->d[pos] = (char)hi[rnd(sizeof hi)]; break;
        case 3: m->n = pos; break; /* truncation */
        case 4: {
            unsigned n = 1 + rnd(4);
            char ins[4];
            for (unsigned i = 0; i < n; i++)
                ins[i] = rnd(2) ? special[rnd(sizeof special - 1)]
                                : (char)rnd(256);
            buf tail = {0};
            buf_put(&tail, m->d + pos, m->n - pos);
            m->n = pos;
            buf_put(m, ins, n);
            buf_put(m, tail.d, tail.n);
            free(tail.d);
            break;
        }
        default: {
            size_t n = 1 + rnd(8);
            if (pos + n > m->n)
                n = m->n - pos;
            memmove(m->d + pos, m->d + pos + n, m->n - pos - n);
            m->n -= n;
            break;
        }
        }
    }
}

static void
random_cases(unsigned rounds)
{
    buf b = {0}, m = {0};
    size_t fast_gen = 0, fast_mut = 0, mutants = 0;
    for (unsigned r = 0; r < rounds; r++) {
        b.n = 0;
        gen_ws(&b);
        gen_object(&b, 1, true);
        gen_ws(&b);
        if (compare_all(b.d, b.n))
            fast_gen++;
        for (int k = 0; k < 6; k++) {
            mutate(&m, &b);
            mutants++;
            if (compare_all(m.d, m.n))
                fast_mut++;
        }
    }
    fprintf(stderr, "random: %u records (%zu fast), %zu mutants (%zu fast)\n",
            rounds, fast_gen, mutants, fast_mut);
    /* the generator must reach the fast path, and the mutants both ways */
    CHECK(fast_gen > rounds / 4);
    CHECK(fast_mut > mutants / 50 && fast_mut < mutants);
    free(b.d);
    free(m.d);
}

/* ---------------------------------------------------------- JSONL file */

static double
now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static int
file_cases(const char *path)
{
    char *data;
    size_t len;
    int rc = mtl_read_file(path, &data, &len);
    if (rc) {
        fprintf(stderr, "%s: %s\n", path, strerror(rc));
        return -1;
    }
    size_t lines = 0, fast = 0;
    for (size_t p = 0; p < len;) {
        const char *nl = memchr(data + p, '\n', len - p);
        size_t e = nl ? (size_t)(nl - data) : len;
        for (size_t i = 0; i < 2; i++)
            if (compare(data + p, e - p, &field_sets[i]) == 1 && i == 0)
                fast++;
        lines++;
        p = e + 1;
    }
    /* speed of both ways, default fields */
    double t[2];
    for (int way = 0; way < 2; way++) {
        double t0 = now();
        for (size_t p = 0; p < len;) {
            const char *nl = memchr(data + p, '\n', len - p);
            size_t e = nl ? (size_t)(nl - data) : len;
            mtl_error err;
            mtl_record *r = way ? mtl_record_parse(data + p, e - p, NULL,
                                                   NULL, &err)
                                : mtl_record_parse_jansson(data + p, e - p,
                                                           NULL, NULL, &err);
            mtl_record_free(r);
            p = e + 1;
        }
        t[way] = now() - t0;
    }
    fprintf(stderr, "%s: %zu lines, %zu by the fast path; jansson %.1f ms, "
            "mtl_record_parse %.1f ms\n", path, lines, fast, t[0] * 1e3,
            t[1] * 1e3);
    free(data);
    return 0;
}

int
main(void)
{
    hand_cases();
    size_t hand_lines = n_lines, hand_fast = n_fast;
    fprintf(stderr, "hand-written: %zu parses, %zu fast\n", hand_lines,
            hand_fast);

    const char *rounds_env = getenv("RECORD_ROUNDS");
    unsigned rounds = rounds_env ? (unsigned)strtoul(rounds_env, NULL, 10)
                                 : 3000;
    random_cases(rounds);

    const char *path = getenv("RECORD_JSONL");
    if (path && *path)
        CHECK(file_cases(path) == 0);

    fprintf(stderr, "total: %zu parses compared, %zu by the fast path, "
            "%zu records, %zu differences\n", n_lines, n_fast, n_jansson_ok,
            n_mismatch);
    TEST_DONE();
}
