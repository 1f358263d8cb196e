/*
 * langid.c - document language identification on a bounded sample, so that
 * it never dominates the run time (CLD2 runs at about 36 MB/s, a fraction
 * of the tokenizer's speed).
 */
#include "langid.h"

#include <string.h>

#include "../util/util.h"

/* Copies s[0..n) to out, replacing invalid UTF-8 and NUL with spaces;
 * returns bytes written (at most n). */
static size_t
mtl_sanitise(const char *s, size_t n, char *out)
{
    size_t i = 0, o = 0;
    while (i < n) {
        unsigned char c = (unsigned char)s[i];
        if (c < 0x80) {
            out[o++] = c == 0 ? ' ' : (char)c;
            i++;
            continue;
        }
        size_t st = i;
        if (mtl_utf8_next(s, n, &i) < 0) {
            out[o++] = ' ';
            continue;
        }
        memcpy(out + o, s + st, i - st);
        o += i - st;
    }
    return o;
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
    if (len <= sample) {
        used = mtl_sanitise(text, len, buf);
    } else {
        size_t w = sample / 3;
        size_t starts[3] = {0, len / 2 - w / 2, len - w};
        for (int k = 0; k < 3; k++) {
            size_t a = mtl_char_boundary(text, len, starts[k]);
            size_t b = mtl_char_boundary(text, len, a + w > len ? len : a + w);
            used += mtl_sanitise(text + a, b - a, buf + used);
            buf[used++] = '\n';
        }
    }
    int bytes = 0;
    return mtl_cld2_detect(buf, (int)used, code, cap, confidence, &bytes);
}

void
mtl_langid(const char *text, size_t len, char *code, size_t cap,
           double *confidence)
{
    /* a sample's three windows may each end three bytes past their
     * third (mtl_char_boundary) and get a newline: 3 * 4 bytes more */
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
    char buf[4096];
    if (len > sizeof buf)
        len = sizeof buf;
    size_t used = mtl_sanitise(text, len, buf);
    mtl_cld2_detect(buf, (int)used, code, cap, confidence, text_bytes);
}
