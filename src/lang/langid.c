/*
 * langid.c - document language identification on a bounded sample, so that
 * it never dominates the run time (CLD2 runs at about 36 MB/s, a fraction
 * of the tokenizer's speed).
 */
#include "langid.h"

#include <string.h>

#include "../util/util.h"

/* True if CLD2 takes code point @p cp as interchange-valid: no C0
 * control but tab, newline, form feed and carriage return, no DEL or C1
 * control, no noncharacter (U+FDD0..U+FDEF, U+xxFFFE, U+xxFFFF).  A text
 * holding any other is "unknown" to ExtDetectLanguageSummaryCheckUTF8
 * (it stops at CLD2's SpanInterchangeValid); this is that test, the same
 * answer on every code point (compared with SpanInterchangeValid on all
 * of U+0000..U+10FFFF), so that mtl_cld2_detect need not scan the sample
 * again.  Surrogates and NUL never get here (mtl_sanitise). */
static inline bool
mtl_cld2_valid_cp(int32_t cp)
{
    if (cp < 0x20)
        return cp == '\t' || cp == '\n' || cp == '\f' || cp == '\r';
    if (cp < 0x7F)
        return true;
    if (cp <= 0x9F)
        return false;
    return !(cp >= 0xFDD0 && cp <= 0xFDEF) && (cp & 0xFFFE) != 0xFFFE;
}

/* Eight bytes that are all printable ASCII (0x20..0x7E): copied as they
 * are by mtl_sanitise, and valid for CLD2.  The tests of "has a byte
 * below 0x20" and "has a byte above 0x7E" are exact for presence
 * (Hacker's Delight, "Find first 0-byte"). */
static inline bool
mtl_printable8(uint64_t w)
{
    const uint64_t ones = 0x0101010101010101ULL, highs = ones * 0x80;
    uint64_t below = (w - ones * 0x20) & ~w & highs;
    uint64_t above = ((w + ones * (0x7F - 0x7E)) | w) & highs;
    return (below | above) == 0;
}

/* Copies s[0..n) to out, replacing invalid UTF-8 and NUL with spaces;
 * returns bytes written (at most n), or (size_t)-1 as soon as the copy
 * would hold a character CLD2 does not take (mtl_cld2_valid_cp): the
 * answer is then "und" whatever the rest (mtl_cld2_unknown).  Printable
 * ASCII, most of any sample, goes eight bytes at a time, and a two-byte
 * character without a call. */
static size_t
mtl_sanitise(const char *s, size_t n, char *out)
{
    size_t i = 0, o = 0;
    while (i < n) {
        while (n - i >= 8) {
            uint64_t w;
            memcpy(&w, s + i, 8);
            if (!mtl_printable8(w))
                break;
            memcpy(out + o, &w, 8);
            i += 8;
            o += 8;
        }
        if (i >= n)
            break;
        unsigned char c = (unsigned char)s[i];
        if (c < 0x80) {
            if (c == 0) {
                out[o++] = ' ';
            } else {
                if (!mtl_cld2_valid_cp(c))
                    return (size_t)-1;
                out[o++] = (char)c;
            }
            i++;
            continue;
        }
        if (c >= 0xC2 && c <= 0xDF && n - i >= 2 &&
            ((unsigned char)s[i + 1] & 0xC0) == 0x80) {
            /* U+0080..U+07FF, inline: all CLD2 takes but the C1
             * controls U+0080..U+009F */
            if (c == 0xC2 && (unsigned char)s[i + 1] < 0xA0)
                return (size_t)-1;
            out[o++] = (char)c;
            out[o++] = s[i + 1];
            i += 2;
            continue;
        }
        size_t st = i;
        int32_t cp = mtl_utf8_next(s, n, &i);
        if (cp < 0) {
            out[o++] = ' ';
            continue;
        }
        if (!mtl_cld2_valid_cp(cp))
            return (size_t)-1;
        memcpy(out + o, s + st, i - st);
        o += i - st;
    }
    return o;
}

/* What mtl_cld2_detect answers for a text CLD2 does not take as
 * interchange-valid: "und", confidence 0, no letters, not reliable. */
static int
mtl_cld2_unknown(char *code, size_t cap, double *confidence, int *text_bytes)
{
    static const char und[] = "und";
    size_t n = sizeof und - 1;
    if (n >= cap)
        n = cap - 1;
    memcpy(code, und, n);
    code[n] = '\0';
    if (confidence)
        *confidence = 0.0;
    if (text_bytes)
        *text_bytes = 0;
    return 0;
}

/* Moves @p off forward to a character boundary: over at most three
 * continuation bytes, the most a character has.  A longer run is invalid
 * UTF-8 (mtl_sanitise makes it spaces), and a cut inside it is as good as
 * any; going on to its end would let a window outgrow its share of the
 * caller's buffer (a run of 100 continuation bytes at each of the three
 * window ends overflowed the 4 KB sample). */
static size_t
mtl_char_boundary(const char *s, size_t n, size_t off)
{
    for (int k = 0; k < 3 && off < n && ((unsigned char)s[off] & 0xC0) == 0x80;
         k++)
        off++;
    return off;
}

/* Identifies the language of a sample of at most @p sample bytes of
 * @p text: all of it when it fits, else three windows (start, middle,
 * end) cut at character boundaries.  Returns CLD2's "reliable". */
static int
mtl_langid_sample(const char *text, size_t len, size_t sample, char *buf,
                  char *code, size_t cap, double *confidence)
{
    size_t used = 0;
    int bytes = 0;
    if (len <= sample) {
        used = mtl_sanitise(text, len, buf);
        if (used == (size_t)-1)
            return mtl_cld2_unknown(code, cap, confidence, &bytes);
    } else {
        size_t w = sample / 3;
        size_t starts[3] = {0, len / 2 - w / 2, len - w};
        for (int k = 0; k < 3; k++) {
            size_t a = mtl_char_boundary(text, len, starts[k]);
            size_t b = mtl_char_boundary(text, len, a + w > len ? len : a + w);
            size_t got = mtl_sanitise(text + a, b - a, buf + used);
            if (got == (size_t)-1)
                return mtl_cld2_unknown(code, cap, confidence, &bytes);
            used += got;
            buf[used++] = '\n';
        }
    }
    /* CLD2 reads one character past a text that ends in a letter of a
     * script with its own scoring: zeros, not stale bytes */
    memset(buf + used, 0, 4);
    return mtl_cld2_detect(buf, (int)used, code, cap, confidence, &bytes);
}

void
mtl_langid(const char *text, size_t len, char *code, size_t cap,
           double *confidence)
{
    /* a sample's three windows may each end three bytes past their
     * third (mtl_char_boundary) and get a newline: 3 * 4 bytes more, and
     * 4 zero bytes after it (mtl_langid_sample) */
    char buf[MTL_LANGID_SAMPLE_MAX + 16];
    int reliable = mtl_langid_sample(text, len, MTL_LANGID_SAMPLE, buf, code,
                                     cap, confidence);
    /* an unsure answer on a longer document (several languages, or little
     * text of any): look again at a larger sample */
    if (len > MTL_LANGID_SAMPLE &&
        (!reliable || *confidence < MTL_LANGID_SURE))
        mtl_langid_sample(text, len, MTL_LANGID_SAMPLE_MAX, buf, code, cap,
                          confidence);
}

void
mtl_langid_span(const char *text, size_t len, char *code, size_t cap,
                double *confidence, int *text_bytes)
{
    char buf[4096 + 4];
    if (len > 4096)
        len = 4096;
    size_t used = mtl_sanitise(text, len, buf);
    if (used == (size_t)-1) {
        mtl_cld2_unknown(code, cap, confidence, text_bytes);
    } else {
        memset(buf + used, 0, 4); /* see mtl_langid_sample */
        mtl_cld2_detect(buf, (int)used, code, cap, confidence, text_bytes);
    }
}
