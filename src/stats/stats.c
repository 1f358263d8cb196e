/*
 * stats.c - the Gopher, C4 and FineWeb document statistics, from the
 * tokenizer's words (so Chinese, Japanese and Thai count correctly, where
 * the Python filters split on spaces), and the filter presets.
 *
 * The definitions follow datatrove's implementations of the three papers'
 * filters (rule names included, so a pipeline keeps their semantics); the
 * differences are documented in lexicons/all/filters.conf: words come
 * from ICU, stop words from lexicons/<lang>/stopwords.txt, and the
 * dictionary fraction samples at most 2,000 words.
 */
#include "stats.h"

#include <errno.h>
#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <unicode/uchar.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include "../batch.h"
#include "../engine.h"
#include "../lexicon/speller.h"
#include "../util/strbuf.h"
#include "../util/util.h"

#define MTL_DICT_SAMPLE 2000
#define MTL_SHORT_LINE 30
/* ASCII words up to this long are folded for the stop list here */
#define MTL_STOP_FOLD_MAX 64

static bool
mtl_is_terminal(int32_t cp)
{
    if (cp < 0)
        return false;
    switch (cp) {
    case '"': case '\'': case 0x201D: case 0x2019: case 0x00BB:
    case 0x201C: case 0x300D: case 0x300F:
        return true;
    default:
        return u_hasBinaryProperty(cp, UCHAR_TERMINAL_PUNCTUATION) != 0;
    }
}

/* Last code point of s[a..b) (or -1). */
static int32_t
mtl_last_cp(const char *s, size_t a, size_t b)
{
    if (b <= a)
        return -1;
    size_t i = b;
    int32_t cp = mtl_utf8_prev(s, &i);
    return i >= a ? cp : -1;
}

static int32_t
mtl_first_cp(const char *s, size_t a, size_t b)
{
    if (b <= a)
        return -1;
    size_t i = a;
    return mtl_utf8_next(s, b, &i);
}

static bool
mtl_ends_with(const char *s, size_t a, size_t b, const char *suffix)
{
    size_t n = strlen(suffix);
    return b - a >= n && memcmp(s + b - n, suffix, n) == 0;
}

/* C4's "lorem ipsum", and the place of its "ip" (below) */
#define MTL_LOREM "lorem ipsum"
#define MTL_LOREM_LEN (sizeof MTL_LOREM - 1)
#define MTL_LOREM_AT 6

/* Whether the phrase starts at @p q, in any case of its letters. */
static bool
mtl_lorem_at(const unsigned char *q)
{
    for (size_t k = 0; k < MTL_LOREM_LEN; k++)
        if (mtl_ascii_lower(q[k]) != (unsigned char)MTL_LOREM[k])
            return false;
    return true;
}

/*
 * Whether s[0..n) contains "lorem ipsum", in any case of its ASCII
 * letters.  Used once per document: searched for through its "ip", two
 * bytes seldom side by side in prose (840 times in 2 MB of the bench,
 * where its 'p', found by memchr in either case, was 30,000 calls),
 * sixteen places at once as the C4 anchors are (mtl_c4_has_phrase): a
 * byte with 0x20 set is 'i' only for 'i' and 'I', and the phrase is
 * compared where the pair is.
 */
static bool
mtl_has_lorem_ipsum(const char *str, size_t n)
{
    if (n < MTL_LOREM_LEN)
        return false;
    const unsigned char *u = (const unsigned char *)str;
    /* the pair's next and last places (the phrase's start + 6) */
    size_t p = MTL_LOREM_AT, last = n - MTL_LOREM_LEN + MTL_LOREM_AT;
#ifdef __SSE2__
    const __m128i lower = _mm_set1_epi8(0x20), ci = _mm_set1_epi8('i'),
                  cp = _mm_set1_epi8('p');
    for (; last + 1 - p >= 16; p += 16) {
        const unsigned char *q = u + p;
        __m128i v0 = _mm_or_si128(
            _mm_loadu_si128((const __m128i *)(const void *)q), lower);
        __m128i v1 = _mm_or_si128(
            _mm_loadu_si128((const __m128i *)(const void *)(q + 1)), lower);
        __m128i at = _mm_and_si128(_mm_cmpeq_epi8(v0, ci),
                                   _mm_cmpeq_epi8(v1, cp));
        for (unsigned bits = (unsigned)_mm_movemask_epi8(at); bits;
             bits &= bits - 1)
            if (mtl_lorem_at(q + __builtin_ctz(bits) - MTL_LOREM_AT))
                return true;
    }
#endif
    for (; p <= last; p++)
        if ((u[p] | 0x20) == 'i' && (u[p + 1] | 0x20) == 'p' &&
            mtl_lorem_at(u + p - MTL_LOREM_AT))
            return true;
    return false;
}

/* The C4 line filter's phrases: a kept line contains none of them.  at:
 * where in the phrase its anchor, four bytes of it, begins (below). */
typedef struct mtl_c4_phrase {
    const char *s;
    size_t n;
    size_t at;
} mtl_c4_phrase;

#define MTL_C4_PHRASE(lit, at) { lit, sizeof lit - 1, at }
static const mtl_c4_phrase mtl_c4_phrases[] = {
    MTL_C4_PHRASE("javascript", 0),     /* "java" */
    MTL_C4_PHRASE("terms of use", 3),   /* "ms o" */
    MTL_C4_PHRASE("privacy policy", 2), /* "ivac" */
    MTL_C4_PHRASE("cookie policy", 0),  /* "cook" */
    MTL_C4_PHRASE("uses cookies", 5),
    MTL_C4_PHRASE("use of cookies", 7),
    MTL_C4_PHRASE("use cookies", 4),
};
#undef MTL_C4_PHRASE
#define MTL_C4_NPHRASES (sizeof mtl_c4_phrases / sizeof *mtl_c4_phrases)

/*
 * Each phrase holds one of four anchors, four bytes seldom side by side in
 * prose, so the phrases are searched for through their anchors, all four
 * at each place at once, case-insensitively: a byte with 0x20 set is a
 * letter lower-cased, a space, or some other byte (which matches no
 * letter of an anchor, and a space only for a NUL: the phrase's own
 * comparison, made at each place an anchor matches, is exact).  Without
 * a chain of loads from one place to the next, sixteen places cost a
 * score of instructions that do not wait on each other.
 */
#define MTL_C4_ANCHORS 4
static const char mtl_c4_anchors[MTL_C4_ANCHORS][4] = {
    {'j', 'a', 'v', 'a'}, {'m', 's', ' ', 'o'}, {'i', 'v', 'a', 'c'},
    {'c', 'o', 'o', 'k'}};

/* Whether a phrase whose anchor is at @p p lies in s[a..b). */
static bool
mtl_c4_phrase_at(const unsigned char *u, size_t a, size_t b, size_t p)
{
    for (size_t j = 0; j < MTL_C4_NPHRASES; j++) {
        const mtl_c4_phrase *ph = &mtl_c4_phrases[j];
        if (p - a < ph->at || p - ph->at + ph->n > b)
            continue;
        const unsigned char *q = u + p - ph->at;
        size_t k = 0;
        while (k < ph->n && mtl_ascii_lower(q[k]) == (unsigned char)ph->s[k])
            k++;
        if (k == ph->n)
            return true;
    }
    return false;
}

/* Whether one of the anchors is at @p q (case-insensitive, as above). */
static inline bool
mtl_c4_anchor_at(const unsigned char *q)
{
    uint32_t w;
    memcpy(&w, q, 4);
    w |= 0x20202020u;
    for (int j = 0; j < MTL_C4_ANCHORS; j++) {
        uint32_t x;
        memcpy(&x, mtl_c4_anchors[j], 4);
        if (w == x)
            return true;
    }
    return false;
}

/* Whether s[a..b) contains one of the C4 phrases (case-insensitive
 * ASCII). */
static bool
mtl_c4_has_phrase(const char *s, size_t a, size_t b)
{
    const unsigned char *u = (const unsigned char *)s;
    size_t p = a; /* the next place an anchor may begin */
#ifdef __SSE2__
    /* The places where an anchor's first two bytes are, sixteen at
     * once; the anchor's four are then compared there.  Two bytes
     * already make a place rare in prose ("co" the most common), and
     * cost half the comparisons of four. */
    __m128i c[MTL_C4_ANCHORS][2];
    for (int j = 0; j < MTL_C4_ANCHORS; j++)
        for (int k = 0; k < 2; k++)
            c[j][k] = _mm_set1_epi8(mtl_c4_anchors[j][k]);
    const __m128i lower = _mm_set1_epi8(0x20);
    for (; b - p >= 16 + 3; p += 16) {
        const unsigned char *q = u + p;
        __m128i v0 = _mm_or_si128(
            _mm_loadu_si128((const __m128i *)(const void *)q), lower);
        __m128i v1 = _mm_or_si128(
            _mm_loadu_si128((const __m128i *)(const void *)(q + 1)), lower);
#define MTL_C4_AT(j)                                                        \
    _mm_and_si128(_mm_cmpeq_epi8(v0, c[j][0]), _mm_cmpeq_epi8(v1, c[j][1]))
        _Static_assert(MTL_C4_ANCHORS == 4, "an MTL_C4_AT per anchor");
        __m128i any = _mm_or_si128(_mm_or_si128(MTL_C4_AT(0), MTL_C4_AT(1)),
                                   _mm_or_si128(MTL_C4_AT(2), MTL_C4_AT(3)));
#undef MTL_C4_AT
        for (unsigned bits = (unsigned)_mm_movemask_epi8(any); bits;
             bits &= bits - 1) {
            size_t at = p + (size_t)__builtin_ctz(bits);
            if (mtl_c4_anchor_at(u + at) && mtl_c4_phrase_at(u, a, b, at))
                return true;
        }
    }
#endif
    for (; b - p >= 4; p++)
        if (mtl_c4_anchor_at(u + p) && mtl_c4_phrase_at(u, a, b, p))
            return true;
    return false;
}

/*
 * The code points of s[0..n), counted as mtl_utf8_count counts them (a
 * well-formed sequence is one, and so is each byte of anything else),
 * for the whole document: the bytes less the continuation bytes of the
 * well-formed sequences.  ASCII is skipped 32 bytes at a time, then up
 * to the first byte above 0x7F of the next eight, and a sequence is
 * checked inline the way mtl_utf8_next_multi checks it (the second
 * byte's range after E0, ED, F0 and F4 is its test of the code point's
 * range), without decoding the code point nor a call.
 */
static size_t
mtl_count_cps(const char *str, size_t n)
{
    const unsigned char *s = (const unsigned char *)str;
    size_t i = 0, extra = 0; /* continuation bytes counted in */
    while (i < n) {
        if (n - i >= 8) {
            if (n - i >= 32 &&
                !((mtl_load8(s + i) | mtl_load8(s + i + 8) |
                   mtl_load8(s + i + 16) | mtl_load8(s + i + 24)) &
                  MTL_HIGH8)) {
                i += 32;
                continue;
            }
            uint64_t high = mtl_load8(s + i) & MTL_HIGH8;
            if (!high) {
                i += 8;
                continue;
            }
            /* the ASCII bytes before the first high one (little-endian:
             * the lowest set bit) */
            i += (size_t)__builtin_ctzll(high) / 8;
        }
        unsigned c = s[i];
        size_t left = n - i - 1; /* bytes after the lead */
        size_t k = 0;            /* its continuation bytes */
        if (c >= 0xC2 && c <= 0xDF) {
            k = left >= 1 && (s[i + 1] & 0xC0) == 0x80;
        } else if (c >= 0xE0 && c <= 0xEF) {
            unsigned c1 = left >= 2 ? s[i + 1] : 0;
            if ((c1 & 0xC0) == 0x80 && (s[i + 2] & 0xC0) == 0x80 &&
                (c != 0xE0 || c1 >= 0xA0) && (c != 0xED || c1 < 0xA0))
                k = 2;
        } else if (c >= 0xF0 && c <= 0xF4) {
            unsigned c1 = left >= 3 ? s[i + 1] : 0;
            if ((c1 & 0xC0) == 0x80 && (s[i + 2] & 0xC0) == 0x80 &&
                (s[i + 3] & 0xC0) == 0x80 && (c != 0xF0 || c1 >= 0x90) &&
                (c != 0xF4 || c1 < 0x90))
                k = 3;
        }
        i += 1 + k;
        extra += k;
    }
    return n - extra;
}

/* Whether s[0..n) has more than @p limit code points, counted as
 * mtl_utf8_count does, but stopping as soon as the answer is known
 * (the short-line test only asks about the first MTL_SHORT_LINE + 1). */
static bool
mtl_utf8_more_than(const char *s, size_t n, size_t limit)
{
    size_t i = 0, count = 0;
    while (i < n) {
        if (count == limit)
            return true;
        /* eight ASCII bytes at once, while they cannot pass the limit:
         * each counts one, as below */
        if (limit - count >= 8 && n - i >= 8) {
            uint64_t w;
            memcpy(&w, s + i, 8);
            if (!(w & 0x8080808080808080ULL)) {
                i += 8;
                count += 8;
                continue;
            }
        }
        if ((unsigned char)s[i] < 0x80)
            i++;
        else
            mtl_utf8_next(s, n, &i);
        count++;
    }
    return false;
}

/* The hash table of the word types and of the n-grams: entries, and
 * beside them a byte per slot with the n an entry was stored for (1: a
 * word type, see mtl_word_type; any other value = empty).  The bytes
 * apart are what a document clears, a sixteenth of the entries. */
typedef struct mtl_gram {
    uint64_t key;
    uint32_t count;
    uint32_t len; /* a word type's bytes (gen 1 only), after count */
} mtl_gram;

/* One word's step of an n-gram hash: the (n+1)-gram's hash at a position
 * is the n-gram's extended by the next word. */
static inline uint64_t
mtl_gram_step(uint64_t h, uint64_t w)
{
    h = (h ^ w) * 0x100000001b3ULL;
    return h ^ (h >> 31);
}

/* The slot of n-gram hash @p h (a table key) for n = @p n: its entry, or
 * the empty slot where it goes. */
static inline size_t
mtl_gram_find(const mtl_gram *tab, const uint8_t *gen, size_t slots,
              uint64_t h, int n)
{
    size_t p = h & (slots - 1);
    while (gen[p] == n && tab[p].key != h)
        p = (p + 1) & (slots - 1);
    return p;
}

/* The number of the sorted positions pos[0..nlive) that are at most
 * @p last (the last n-gram's start). */
static inline size_t
mtl_live_upto(const uint32_t *pos, size_t nlive, size_t last)
{
    while (nlive && pos[nlive - 1] > last)
        nlive--;
    return nlive;
}

/* The slot where the probe for a short word's key (mtl_hash64_word, of
 * @p n <= 8 bytes) starts, in a table of @p mask + 1 slots: the word
 * table's (mtl_word_type) and the stop list's (mtl_stats_lang). */
static inline size_t
mtl_short_slot(uint64_t key, size_t n, size_t mask)
{
    uint64_t m = (key + n) * 0x9E3779B97F4A7C15ULL;
    return (size_t)(m ^ (m >> 32)) & mask;
}

/* Answers about a word, kept for the first of its occurrences: the stop
 * list is asked once per distinct word (the dictionary's answer is kept in
 * the checker's word table, mtl_tok_word).  AGAIN: the word occurs more
 * than once. */
enum {
    MTL_WA_STOP = 1,
    MTL_WA_AGAIN = 8
};

/*
 * The first word token with the same bytes as word token @p i (@p t, the
 * doc's k-th word), entering it into the table (gen 1, count = its token
 * index; @p mask = its slots - 1) when it is the first; and its hash
 * (mtl_hash64 with the lexicons' seed) into wh[k].  An earlier word's
 * hash is in the checker's word table @p tw.  @p key: the word's
 * mtl_hash64_word, when it has at most 8 bytes.
 *
 * Most words have at most 8 bytes: their key is the word mtl_hash64
 * reads them as (mtl_hash64_word), which with the length is the word's
 * bytes themselves, so a match needs no look at the text, and only the
 * first occurrence of such a word is hashed, from that word (the others
 * take its hash: the same bytes).  A longer word is keyed by its hash,
 * and equal hashes of different bytes are told apart by comparing the
 * bytes.  Either way the answer is exact.
 */
static inline uint32_t
mtl_word_type(mtl_gram *tab, uint8_t *gen, size_t mask, const char *s,
              const mtl_token *toks, const mtl_token *t, uint32_t i,
              const mtl_tok_word *tw, uint64_t *wh, size_t k, uint64_t key)
{
    const char *w = s + t->start;
    uint32_t n = t->len;
    size_t p;
    if (n <= 8) {
        for (p = mtl_short_slot(key, n, mask); gen[p] == 1;
             p = (p + 1) & mask)
            if (tab[p].key == key && tab[p].len == n) {
                uint32_t f = tab[p].count;
                wh[k] = tw[f].hash;
                return f;
            }
        tab[p].key = key;
        wh[k] = mtl_hash64_short(key, n, MTL_LEXICON_SEED);
    } else {
        uint64_t h = mtl_hash64_inline(w, n, MTL_LEXICON_SEED);
        for (p = h & mask; gen[p] == 1; p = (p + 1) & mask) {
            if (tab[p].key != h || tab[p].len != n)
                continue;
            if (memcmp(s + toks[tab[p].count].start, w, n) == 0) {
                wh[k] = h;
                return tab[p].count;
            }
        }
        tab[p].key = h;
        wh[k] = h;
    }
    /* count and len as one store, made here (the compiler would
     * otherwise pair them in a vector register before the lookup) */
    _Static_assert(offsetof(mtl_gram, len) ==
                       offsetof(mtl_gram, count) + sizeof(uint32_t),
                   "count and len side by side");
    uint64_t cl = (uint64_t)i | (uint64_t)n << 32;
    memcpy((char *)&tab[p] + offsetof(mtl_gram, count), &cl, sizeof cl);
    gen[p] = 1;
    return i;
}

/*
 * The stop list's words of at most 8 bytes (folded, as the lexicon keeps
 * them), keyed the way mtl_word_type keys a short word: the word
 * mtl_hash64_word reads them as, with the length, which is the bytes
 * themselves.  A short word's fold whose key is at hand (see mtl_is_stop)
 * is asked here, with one probe of a table a few times larger than the
 * list, rather than through the lexicon's hash of the folded bytes.
 * lens: a bit per folded length (0..63) of the list's words, and bit 63
 * for all the longer ones: an ASCII word's fold has its length, so a
 * longer ASCII word of a length without its bit is no stop word.
 * filter: a bit per short word of the list, from the top bits of the
 * product mtl_short_slot takes the slot from (mtl_stop_filter_bit): 512
 * bytes that stay in the cache, where the table's slot, at random in its
 * 16-byte slots (32 KiB for English), was mostly waited for; most words
 * asked about are no stop words, and their bit is mostly clear.
 * ascii: the list's short ASCII words again, each in 8 bytes, its key
 * and length together (mtl_stop_ascii_key), in a table of at least
 * twice as many slots as the list has words (8 KiB for English): an
 * ASCII word whose bit is set, mostly a stop word (they are frequent),
 * is asked about in it, which stays in the cache more often than a
 * table four times its size.
 */
#define MTL_STOP_FILTER_BITS 4096
typedef struct mtl_stop_slot {
    uint64_t key;
    uint32_t len; /* 0 = empty */
} mtl_stop_slot;

struct mtl_stats_lang {
    const mtl_lexicon *stop;
    mtl_stop_slot *slots;
    size_t mask; /* slots - 1 */
    uint64_t *ascii; /* 0 = empty */
    size_t amask;
    uint64_t lens;
    uint8_t filter[MTL_STOP_FILTER_BITS / 8];
};

/* The filter's bit for a short word's key (see mtl_short_slot) */
static inline size_t
mtl_stop_filter_bit(uint64_t key, size_t n)
{
    uint64_t m = (key + n) * 0x9E3779B97F4A7C15ULL;
    return (size_t)(m >> 52); /* MTL_STOP_FILTER_BITS */
}

/* The key of an ASCII word of @p n <= 8 bytes (mtl_hash64_word) with
 * the bits of n - 1 in the high bits of its first bytes, which ASCII
 * leaves clear, and bit 31 set (never 0): equal for the same word only. */
static inline uint64_t
mtl_stop_ascii_key(uint64_t key, size_t n)
{
    uint64_t m = n - 1;
    return key | (m & 1) << 7 | (m >> 1 & 1) << 15 | (m >> 2 & 1) << 23 |
           (uint64_t)1 << 31;
}

mtl_stats_lang *
mtl_stats_lang_new(const mtl_lexicon *stop)
{
    if (!stop)
        return NULL;
    mtl_stats_lang *sl = mtl_xcalloc(1, sizeof *sl);
    sl->stop = stop;
    size_t n;
    const mtl_lex_entry *e = mtl_lexicon_entries(stop, &n);
    size_t slots = 16;
    while (slots < n * 4)
        slots *= 2;
    sl->slots = mtl_xcalloc(slots, sizeof *sl->slots);
    sl->mask = slots - 1;
    size_t aslots = 16;
    while (aslots < n * 2)
        aslots *= 2;
    sl->ascii = mtl_xcalloc(aslots, sizeof *sl->ascii);
    sl->amask = aslots - 1;
    for (size_t i = 0; i < n; i++) {
        size_t len = e[i].folded_len;
        sl->lens |= (uint64_t)1 << (len < 63 ? len : 63);
        if (len == 0 || len > 8)
            continue;
        uint64_t key = mtl_hash64_word(e[i].folded, len);
        size_t b = mtl_stop_filter_bit(key, len);
        sl->filter[b >> 3] |= (uint8_t)(1u << (b & 7));
        size_t p = mtl_short_slot(key, len, sl->mask);
        while (sl->slots[p].len &&
               !(sl->slots[p].key == key && sl->slots[p].len == len))
            p = (p + 1) & sl->mask;
        sl->slots[p].key = key;
        sl->slots[p].len = (uint32_t)len;
        size_t j = 0;
        while (j < len && (unsigned char)e[i].folded[j] < 0x80)
            j++;
        if (j < len)
            continue;
        uint64_t ak = mtl_stop_ascii_key(key, len);
        for (p = mtl_short_slot(key, len, sl->amask);
             sl->ascii[p] && sl->ascii[p] != ak; p = (p + 1) & sl->amask)
            ;
        sl->ascii[p] = ak;
    }
    return sl;
}

void
mtl_stats_lang_free(mtl_stats_lang *sl)
{
    if (!sl)
        return;
    free(sl->slots);
    free(sl->ascii);
    free(sl);
}

/* mtl_stop_has for an ASCII word */
static inline bool
mtl_stop_has_ascii(const mtl_stats_lang *sl, uint64_t key, size_t n)
{
    size_t b = mtl_stop_filter_bit(key, n);
    if (!(sl->filter[b >> 3] >> (b & 7) & 1))
        return false;
    uint64_t ak = mtl_stop_ascii_key(key, n);
    for (size_t p = mtl_short_slot(key, n, sl->amask); sl->ascii[p];
         p = (p + 1) & sl->amask)
        if (sl->ascii[p] == ak)
            return true;
    return false;
}

static inline bool
mtl_stop_has(const mtl_stats_lang *sl, uint64_t key, size_t n)
{
    size_t b = mtl_stop_filter_bit(key, n);
    if (!(sl->filter[b >> 3] >> (b & 7) & 1))
        return false;
    for (size_t p = mtl_short_slot(key, n, sl->mask); sl->slots[p].len;
         p = (p + 1) & sl->mask)
        if (sl->slots[p].key == key && sl->slots[p].len == n)
            return true;
    return false;
}

/*
 * The fold of the two-byte code points U+0080..U+07FF (Latin, Greek,
 * Cyrillic...) that fold to a two-byte code point (most fold to
 * themselves; upper-case letters to their lower case), 0 for the others
 * (U+00DF folds to "ss", U+017F to 's', U+0130 to three bytes): a short
 * word of ASCII and such code points folds to as many bytes, a code
 * point at a time (full case folding maps each on its own), which
 * mtl_utf8_fold gives, and is built from once per process.
 */
static uint16_t mtl_fold2[0x800 - 0x80];
static pthread_once_t mtl_fold2_once = PTHREAD_ONCE_INIT;

static void
mtl_fold2_build(void)
{
    for (uint32_t cp = 0x80; cp < 0x800; cp++) {
        char in[2] = {(char)(0xC0 | cp >> 6), (char)(0x80 | (cp & 0x3F))};
        char out[8];
        if (mtl_utf8_fold(in, 2, out, sizeof out) != 2)
            continue;
        unsigned char c0 = (unsigned char)out[0], c1 = (unsigned char)out[1];
        if (c0 >= 0xC2 && c0 <= 0xDF && (c1 & 0xC0) == 0x80)
            mtl_fold2[cp - 0x80] =
                (uint16_t)((c0 & 0x1Fu) << 6 | (c1 & 0x3Fu));
    }
}

/* The key of the fold of the short word w[0..n) (n <= 8, not all ASCII)
 * into *key, when it is ASCII and code points of mtl_fold2; false for
 * anything else (the fold may then have another length). */
static bool
mtl_fold_short_key(const char *w, size_t n, uint64_t *key)
{
    pthread_once(&mtl_fold2_once, mtl_fold2_build);
    const unsigned char *u = (const unsigned char *)w;
    unsigned char b[8];
    for (size_t i = 0; i < n;) {
        unsigned c = u[i];
        if (c < 0x80) {
            b[i++] = (unsigned char)mtl_ascii_lower(c);
            continue;
        }
        if (c < 0xC2 || c > 0xDF || i + 1 == n || (u[i + 1] & 0xC0) != 0x80)
            return false;
        unsigned f = mtl_fold2[((c & 0x1Fu) << 6 | (u[i + 1] & 0x3Fu)) - 0x80];
        if (!f)
            return false;
        b[i] = (unsigned char)(0xC0 | f >> 6);
        b[i + 1] = (unsigned char)(0x80 | (f & 0x3F));
        i += 2;
    }
    *key = mtl_hash64_word(b, n);
    return true;
}

/* Whether word @p t (bytes in @p s, hash @p h with the lexicons' seed;
 * @p key its key when it has at most 8 bytes, see mtl_word_type) is on
 * the stop list of @p sl, as mtl_lexicon_has_fold answers.  A short word
 * whose fold the keys tell is asked in sl's table: ASCII, whose key
 * lower-cases as its bytes do, or ASCII and code points of mtl_fold2.
 * Longer ASCII folds to its ASCII lower case, done here rather than by
 * the general folding; when its bytes are their own fold (no upper-case
 * letter), the lookup takes the word's hash as it is. */
static bool
mtl_is_stop(const mtl_stats_lang *sl, const char *s, const mtl_token *t,
            uint64_t key, uint64_t h)
{
    const char *w = s + t->start;
    size_t n = t->len;
    if (t->flags & MTL_TF_ASCII) {
        if (n <= 8) {
            key = mtl_ascii_lower8(key);
            return mtl_stop_has_ascii(sl, key, n);
        }
        if (!(sl->lens >> (n < 63 ? n : 63) & 1))
            return false;
        if (t->casing == MTL_CASE_NONE || t->casing == MTL_CASE_LOWER)
            return mtl_lexicon_get_folded(sl->stop, w, n, h) != NULL;
        /* what mtl_lexicon_get_fold would look up, without its checks */
        char lw[MTL_STOP_FOLD_MAX];
        if (n <= sizeof lw) {
            mtl_ascii_lower_copy(lw, w, n);
            return mtl_lexicon_get_folded(sl->stop, lw, n,
                                          mtl_hash64(lw, n,
                                                     MTL_LEXICON_SEED)) !=
                   NULL;
        }
    } else if (n <= 8 && mtl_fold_short_key(w, n, &key)) {
        return mtl_stop_has(sl, key, n);
    }
    return mtl_lexicon_has_fold(sl->stop, w, n);
}

/* The hashes of the spans sp[0..n) (lines or paragraphs) into hs; a span
 * that is also one of the lines (sorted, hashes lhs), as a paragraph of
 * one line is, takes that line's hash instead of hashing its bytes
 * again.  Blank spans get none.  With @p lens (the lines: lhs NULL), a
 * span whose length no other non-blank one has equals none of them: its
 * bytes are not hashed, it takes a hash of its length, as distinct from
 * the others' as a hash of its bytes would be.  lens[len & lmask]: the
 * number of the spans of a length in that class (more than one: hashed). */
static void
mtl_span_hashes(const mtl_doc *doc, const mtl_span *sp, size_t n,
                uint64_t *hs, const uint64_t *lhs, const uint8_t *lens,
                size_t lmask)
{
    size_t j = 0; /* the first line not before span i */
    for (size_t i = 0; i < n; i++) {
        if (sp[i].start == sp[i].end)
            continue;
        if (lens) {
            size_t len = sp[i].end - sp[i].start;
            if (lens[len & lmask] == 1) {
                hs[i] = mtl_hash_key(mtl_hash64_fmix(len + 0x5ED5));
                continue;
            }
        } else if (lhs) {
            while (j < doc->nlines && doc->lines[j].start < sp[i].start)
                j++;
            if (j < doc->nlines && doc->lines[j].start == sp[i].start &&
                doc->lines[j].end == sp[i].end) {
                hs[i] = lhs[j];
                continue;
            }
        }
        hs[i] = mtl_hash_key(mtl_hash64_wide(doc->text + sp[i].start,
                                             sp[i].end - sp[i].start, 7));
    }
}

/* Duplicate-element statistics over the non-blank spans of sp[0..n)
 * (lines or paragraphs, hashes hs): number of elements, of elements equal
 * to an earlier one, and their code points. */
static void
mtl_dup_spans(mtl_checker *ck, const mtl_doc *doc, const mtl_span *sp,
              size_t n, const uint64_t *hs, size_t *elems, size_t *dups,
              size_t *dupchars)
{
    size_t slots = 64;
    while (slots < n * 2)
        slots *= 2;
    uint64_t *tab = mtl_checker_scratch(ck, 2, slots * sizeof(uint64_t));
    memset(tab, 0, slots * sizeof(uint64_t));
    *elems = *dups = *dupchars = 0;
    for (size_t i = 0; i < n; i++) {
        if (sp[i].start == sp[i].end)
            continue;
        (*elems)++;
        uint64_t h = hs[i];
        size_t j = h & (slots - 1);
        bool seen = false;
        while (tab[j]) {
            if (tab[j] == h) {
                seen = true;
                break;
            }
            j = (j + 1) & (slots - 1);
        }
        if (seen) {
            (*dups)++;
            *dupchars += mtl_count_cps(doc->text + sp[i].start,
                                       sp[i].end - sp[i].start);
        } else {
            tab[j] = h;
        }
    }
}

/* What the pass over the tokens counts (mtl_stats_words) */
typedef struct mtl_word_pass {
    size_t words, sumlen, alpha, letters, hashes, ellipses, nonsymbol;
    size_t stop_words;
    size_t known; /* of the first MTL_DICT_SAMPLE words with a letter */
    bool unknown_all; /* the checker's unknown_at holds them all */
} mtl_word_pass;

/* The dictionary's answer for word token @p i (@p t, its first
 * occurrence @p f): 1 = known.  Asked once per distinct word (see
 * mtl_spell_token: the answer depends on the bytes), and kept in the
 * first occurrence's entry of the checker's word table @p tw. */
static inline bool
mtl_stats_known(mtl_checker *ck, const mtl_doc *doc, mtl_tok_word *tw,
                const mtl_token *t, size_t i, uint32_t f)
{
    mtl_tok_word *fw = &tw[f];
    if (!fw->spell)
        fw->spell = (uint8_t)(mtl_spell_hashed(ck, doc->res,
                                               doc->text + t->start, t->len,
                                               tw[i].hash) +
                              2);
    return fw->spell == 1 + 2;
}

/*
 * The pass over the tokens of @p doc: the symbols and the words, each
 * word's first occurrence, hash, code points and type (the arrays of
 * mtl_stats_compute, which describes them), its stop-list answer and the
 * checker's word table tw.  A function of its own, so that its many
 * arrays and counters are not spilled around the rest of
 * mtl_stats_compute; a word adds to the counts that only a word changes
 * (the others come from the rarer tokens and the totals).  With @p spell,
 * the first MTL_DICT_SAMPLE words with a letter are asked of the
 * dictionary (the whole sample when there are no more of them, see
 * mtl_stats_compute).
 *
 * The sample's distinct words are asked about after the pass, their
 * slots of the speller's cache prefetched all together first: the cache
 * is read at random, mostly from memory, and lookups made one at a time
 * in the pass each waited for their line.  The pass notes each new word
 * of the sample (in ask, by word) and counts its occurrences in the
 * sample (in occ, by first token); both are scratch arrays of the
 * n-grams, which come after.  The order of the lookups changes no answer.
 */
__attribute__((noinline)) static void
mtl_stats_words(mtl_checker *ck, const mtl_doc *doc, const mtl_stats_lang *sl,
                bool spell, mtl_gram *tab, uint8_t *gen, size_t slots,
                uint64_t *wh, uint64_t *cum, uint32_t *wf, uint8_t *wans,
                uint64_t *ask, uint32_t *occ, mtl_tok_word *tw,
                mtl_word_pass *out)
{
    const char *s = doc->text;
    const mtl_token *toks = doc->toks;
    size_t ntoks = doc->ntoks;
    size_t mask = slots - 1;
    size_t k = 0, sumlen = 0, letters = 0, stop_words = 0, known = 0;
    ck->nunknown = 0;
    bool unknown_all = true;
    const bool caps = doc->res && mtl_lang_capitalises_nouns(doc->res);
    /* words with a letter still to ask the dictionary about */
    size_t to_spell = spell ? MTL_DICT_SAMPLE : 0;
    size_t nask = 0;
    /* words without a letter that count as alphabetic, tokens neither
     * words nor symbols */
    size_t ideo = 0, others = 0, hashes = 0, ellipses = 0;
    cum[0] = 0;
    for (size_t i = 0; i < ntoks; i++) {
        const mtl_token *t = &toks[i];
        if (t->kind == MTL_TOK_PUNCT) {
            if (t->len == 1 && s[t->start] == '#')
                hashes++;
            else if (t->len == 3 && memcmp(s + t->start, "\xE2\x80\xA6", 3) == 0)
                ellipses++;
            else if (t->len == 1 && s[t->start] == '.' && i + 2 < ntoks &&
                     mtl_tok_glued_prev(doc, i + 1) &&
                     mtl_tok_glued_prev(doc, i + 2) &&
                     mtl_tok_is_char(doc, &toks[i + 1], '.') &&
                     mtl_tok_is_char(doc, &toks[i + 2], '.')) {
                ellipses++;
                i += 2;
            }
            continue;
        }
        if (!mtl_tok_is_word(t)) {
            others++;
            continue;
        }
        sumlen += t->nchars;
        cum[k + 1] = sumlen;
        uint64_t key = t->len <= 8 ? mtl_hash64_word(s + t->start, t->len)
                                   : 0;
        uint32_t f = mtl_word_type(tab, gen, mask, s, toks, t, (uint32_t)i,
                                   tw, wh, k, key);
        uint64_t h = wh[k];
        tw[i].hash = h;
        tw[i].first = f;
        tw[i].spell = 0;
        wf[k] = f;
        bool is_stop;
        if (f == i) {
            is_stop = sl && mtl_is_stop(sl, s, t, key, h);
            wans[i] = is_stop ? MTL_WA_STOP : 0;
        } else {
            wans[f] |= MTL_WA_AGAIN;
            is_stop = wans[f] & MTL_WA_STOP;
        }
        if (is_stop)
            stop_words++;
        if (t->flags & MTL_TF_LETTER) {
            letters++;
            if (to_spell) {
                to_spell--;
                if (f == i) {
                    ask[nask++] = i;
                    occ[i] = 1;
                } else {
                    occ[f]++;
                }
            }
        } else if (t->kind == MTL_TOK_IDEO || t->kind == MTL_TOK_KANA)
            ideo++;
        k++;
    }
    if (nask) {
        /* as mtl_stats_known asks, the answer kept at the first token;
         * every one is new here (the pass asked none) */
        mtl_speller *sp = mtl_checker_speller(ck, doc->res);
        const void *cache = sp ? mtl_speller_cache(sp) : NULL;
        for (size_t j = 0; j < nask; j++)
            mtl_speller_prefetch(cache, tw[ask[j]].hash);
        for (size_t j = 0; j < nask; j++) {
            size_t f = (size_t)ask[j];
            const mtl_token *t = &toks[f];
            int r = sp ? mtl_speller_check_hashed(sp, s + t->start, t->len,
                                                  tw[f].hash)
                       : -1;
            tw[f].spell = (uint8_t)(r + 2);
            if (r == 1)
                known += occ[f];
            else if (r == 0 &&
                     (t->casing == MTL_CASE_LOWER ||
                      (t->casing == MTL_CASE_TITLE &&
                       (caps || (t->flags & MTL_TF_SENT_START))))) {
                /* asked in the order of the text: ask[] is */
                if (ck->nunknown < MTL_UNKNOWN_MAX)
                    ck->unknown_at[ck->nunknown++] = (uint32_t)f;
                else
                    unknown_all = false;
            }
        }
    }
    out->unknown_all = unknown_all && to_spell > 0;
    out->words = k;
    out->sumlen = sumlen;
    out->alpha = letters + ideo;
    out->letters = letters;
    out->hashes = hashes;
    out->ellipses = ellipses;
    out->nonsymbol = k + others;
    out->stop_words = stop_words;
    out->known = known;
}

/* The n-gram statistics of mtl_stats_compute over its nw >= 2 words (its
 * arrays, wans by first token), in a function of its own for the reason
 * mtl_stats_words is. */
__attribute__((noinline)) static void
mtl_stats_ngrams(mtl_stats *st, size_t nw, const uint64_t *wh, uint64_t *hr,
                 const uint64_t *cum, uint64_t *at, uint32_t *pos,
                 const uint32_t *wf, const uint8_t *wans, mtl_gram *tab,
                 uint8_t *gen, size_t slots)
{
    /* hr is read at the positions in pos only */
    size_t nlive = 0;
    bool again = wans[wf[0]] & MTL_WA_AGAIN;
    for (size_t i = 0; i + 1 < nw; i++) {
        bool again_next = wans[wf[i + 1]] & MTL_WA_AGAIN;
        if (again && again_next) {
            hr[i] = mtl_gram_step(0x9E3779B97F4A7C15ULL, wh[i]);
            pos[nlive++] = (uint32_t)i;
        }
        again = again_next;
    }
    /* The n-grams of a pass are at most the positions of the first, and
     * are looked up in the part of tab that is twice as large as those
     * (a power of two, no larger than tab, which has at least twice as
     * many slots as the words): the n-grams of prose are in it at
     * random, and a smaller part is more often in the cache.  Its
     * entries of the word types and of the n before count as empty for
     * n. */
    size_t nslots = 64;
    while (nslots < nlive * 2)
        nslots *= 2;
    if (nslots > slots)
        nslots = slots;
    /* top n-grams, n = 2..4: every position counts */
    int n = 2;
    for (; n <= 4 && (size_t)n <= nw; n++) {
        nlive = mtl_live_upto(pos, nlive, nw - (size_t)n);
        if (!nlive)
            break; /* all n-grams unique: the statistics stay 0 */
        size_t best = 0; /* chars of the top n-gram times its count */
        for (size_t j = 0; j < nlive; j++) {
            size_t idx = pos[j];
            hr[idx] = mtl_gram_step(hr[idx], wh[idx + (size_t)n - 1]);
            uint64_t h = mtl_hash_key(hr[idx]);
            size_t p = mtl_gram_find(tab, gen, nslots, h, n);
            if (gen[p] != n) {
                tab[p].key = h;
                tab[p].count = 0;
                gen[p] = (uint8_t)n;
            }
            uint32_t c = ++tab[p].count;
            at[j] = p;
            if (c > 1) {
                /* joined by spaces */
                size_t joined =
                    (size_t)(cum[idx + (size_t)n] - cum[idx]) +
                    (size_t)(n - 1);
                if (joined * c > best)
                    best = joined * c;
            }
        }
        /* keep the positions whose n-gram occurs again, and so does the
         * next position's: the (n+1)-gram there is both, and either of
         * them unique makes it unique.  The next position, when its
         * n-gram occurs again, is the next entry (pos is sorted), which
         * the loop has not overwritten yet. */
        size_t m = 0;
        bool rep = tab[at[0]].count > 1;
        for (size_t j = 0; j < nlive; j++) {
            bool rep_next = j + 1 < nlive && tab[at[j + 1]].count > 1;
            if (rep && rep_next && pos[j + 1] == pos[j] + 1)
                pos[m++] = pos[j];
            rep = rep_next;
        }
        nlive = m;
        if (st->chars)
            st->top_ngram_frac[n] = (double)best / (double)st->chars;
    }
    /* duplicated n-grams, n = 5..10: datatrove's greedy walk, which
     * steps over the n-grams of a duplicate */
    for (; n <= 10 && (size_t)n <= nw; n++) {
        nlive = mtl_live_upto(pos, nlive, nw - (size_t)n);
        if (!nlive)
            break;
        size_t repeated = 0;
        bool seen = false; /* an n-gram seen again */
        size_t next = 0; /* the walk's next position */
        for (size_t j = 0; j < nlive; j++) {
            size_t idx = pos[j];
            /* extended even where the walk jumps over it: the next n
             * needs it */
            hr[idx] = mtl_gram_step(hr[idx], wh[idx + (size_t)n - 1]);
            if (idx < next)
                continue;
            uint64_t h = mtl_hash_key(hr[idx]);
            size_t p = mtl_gram_find(tab, gen, nslots, h, n);
            if (gen[p] == n) {
                repeated += (size_t)(cum[idx + (size_t)n] - cum[idx]);
                next = idx + (size_t)n;
                seen = true;
            } else {
                tab[p].key = h;
                gen[p] = (uint8_t)n;
                next = idx + 1;
            }
        }
        /* no n-gram seen again: the walk looked every one up (it
         * jumps only over one seen again), so all are unique, and so
         * are the longer ones: their statistics stay 0 */
        if (!seen)
            break;
        if (st->chars)
            st->dup_ngram_frac[n] = (double)repeated / (double)st->chars;
    }
}

void
mtl_stats_compute(mtl_checker *ck, const mtl_doc *doc, mtl_stats *st)
{
    memset(st, 0, sizeof *st);
    const char *s = doc->text;
    st->chars = mtl_count_cps(s, doc->len);
    st->sentences = doc->nsents;
    st->paragraphs = doc->nparas;
    st->all_lines = doc->nlines;

    /* words: indexes and per-word hashes into scratch, room for mw of
     * them: the tokens, among which the words are, rather than the words
     * counted in a pass of their own (the word loop below counts them) */
    size_t mw = doc->ntoks;
    /* One block, the 8-byte arrays first so all stay aligned: wh = word
     * hashes (with the lexicons' seed: see mtl_is_stop), hr = the rolling
     * n-gram hashes by position, cum = prefix sums of the words' code
     * points (cum[i] = code points of words 0..i-1), at = the table slot
     * of each live n-gram, wf = the token index of each word's first
     * occurrence (tw[i].first by word rather than by token), pos = the
     * live n-gram positions (see the n-grams below), wans = the answers
     * for a word by the token index of its first occurrence (MTL_WA_*).
     * Word indexes fit 32 bits as token indexes do.  Before the n-grams,
     * the pass over the words keeps the new words of the dictionary's
     * sample in at and their counts by first token in pos (mw + 1 slots
     * hold an entry by token). */
    uint64_t *wh = mtl_checker_scratch(ck, 0, 4 * (mw + 1) * sizeof(uint64_t) +
                                                  2 * (mw + 1) *
                                                      sizeof(uint32_t) +
                                                  (mw + 1));
    uint64_t *hr = wh + mw + 1;
    uint64_t *cum = hr + mw + 1;
    uint64_t *at = cum + mw + 1;
    uint32_t *wf = (uint32_t *)(void *)(at + mw + 1);
    uint32_t *pos = wf + mw + 1;
    uint8_t *wans = (uint8_t *)(pos + mw + 1);
    /* The hash table of the word types here and of the n-grams below
     * (mtl_gram: gen 1 = a word type, count = its first word), its gen
     * bytes after the entries: twice as many slots as the words (the
     * tokenizer counts them, test_tokenize checks the count), fewer than
     * the tokens would make, which the cache holds better and the
     * document clears sooner */
    size_t slots = 64;
    while (slots < doc->words * 2)
        slots *= 2;
    mtl_gram *tab = mtl_checker_scratch(ck, 1, slots * (sizeof(mtl_gram) + 1));
    uint8_t *gen = (uint8_t *)(tab + slots);
    memset(gen, 0, slots);
    /* the word table the detectors reuse (engine.h): it outlives the
     * scratch, which they take over */
    mtl_grow((void **)&ck->words, &ck->words_cap, mw + 1, sizeof *ck->words);
    mtl_tok_word *tw = ck->words;
    /* the stop list's table (NULL: no list) */
    const mtl_stats_lang *sl = doc->res ? doc->res->stats : NULL;
    st->has_stop_list = sl != NULL;
    bool dict = mtl_lang_has_dictionary(doc->res);
    mtl_word_pass wp;
    mtl_stats_words(ck, doc, sl, dict, tab, gen, slots, wh, cum, wf, wans, at,
                    pos, tw, &wp);
    size_t k = wp.words, sumlen = wp.sumlen, alpha = wp.alpha;
    size_t letters = wp.letters, hashes = wp.hashes, ellipses = wp.ellipses;
    size_t nonsymbol = wp.nonsymbol, stop_words = wp.stop_words;
    size_t nw = k;
    ck->words_doc = doc == &ck->doc ? doc : NULL;
    ck->unknown_all = dict && wp.unknown_all;
    st->words = nw;
    st->nonsymbol_words = nonsymbol;
    st->stop_words = stop_words;
    if (nw) {
        st->mean_word_length = (double)sumlen / (double)nw;
        st->alpha_words_frac = (double)alpha / (double)nw;
        st->hash_word_ratio = (double)hashes / (double)nw;
        st->ellipsis_word_ratio = (double)ellipses / (double)nw;
        st->symbol_word_ratio = (double)(hashes + ellipses) / (double)nw;
    }

    /* lines */
    size_t bullets = 0, ell_lines = 0, term = 0, shortl = 0, newlines = 0;
    size_t c4_kept_sent = 0;
    for (size_t i = 0; i < doc->nlines; i++) {
        const mtl_span *l = &doc->lines[i];
        if (l->start == l->end)
            continue;
        st->lines++;
        int32_t f = mtl_first_cp(s, l->start, l->end);
        if (f == 0x2022 || f == '-' || f == '*' || f == 0x2023 ||
            f == 0x25E6 || f == 0x25AA || f == 0x00B7)
            bullets++;
        if (mtl_ends_with(s, l->start, l->end, "...") ||
            mtl_ends_with(s, l->start, l->end, "\xE2\x80\xA6"))
            ell_lines++;
        bool ends_term = mtl_is_terminal(mtl_last_cp(s, l->start, l->end));
        if (ends_term)
            term++;
        if (!mtl_utf8_more_than(s + l->start, l->end - l->start,
                                MTL_SHORT_LINE))
            shortl++;
        /* C4: keep lines ending in terminal punctuation with 3+ words,
         * without "javascript" or a cookie/policy notice. Only a line
         * ending in terminal punctuation needs its words counted, and
         * only up to 3. */
        if (!ends_term)
            continue;
        size_t words_in_line = 0;
        for (uint32_t t = l->tok_first;
             t < l->tok_first + l->tok_count && words_in_line < 3; t++)
            if (mtl_tok_is_word(&doc->toks[t]))
                words_in_line++;
        if (words_in_line >= 3 &&
            !mtl_c4_has_phrase(s, l->start, l->end)) {
            /* the sentences with tokens in the line: a sentence is a run
             * of one token or more, numbered in order, so those of the
             * line's first and last tokens and all between */
            const mtl_token *first = &doc->toks[l->tok_first];
            const mtl_token *last = first + l->tok_count - 1;
            c4_kept_sent += (size_t)(last->sent - first->sent) + 1;
        }
    }
    for (const char *q = s, *end = s + doc->len;
         (q = memchr(q, '\n', (size_t)(end - q))) != NULL; q++)
        newlines++;
    if (st->lines) {
        st->bullet_lines_frac = (double)bullets / (double)st->lines;
        st->ellipsis_lines_frac = (double)ell_lines / (double)st->lines;
        st->terminal_punct_lines_frac = (double)term / (double)st->lines;
        st->short_lines_frac = (double)shortl / (double)st->lines;
    }
    st->newline_word_ratio = nw ? (double)newlines / (double)nw : 0;
    st->c4_sentences = c4_kept_sent;
    st->has_lorem_ipsum = mtl_has_lorem_ipsum(s, doc->len);
    st->has_curly_bracket = memchr(s, '{', doc->len) != NULL;

    /* duplicate lines and paragraphs */
    uint64_t *lhs = mtl_checker_scratch(ck, 3, (doc->nlines + doc->nparas +
                                                1) * sizeof(uint64_t));
    uint64_t *phs = lhs + doc->nlines;
    /* the lines' lengths, counted (up to 2) by class of length: a line
     * alone in its class equals no other (see mtl_span_hashes) */
    size_t lslots = 64;
    while (lslots < doc->nlines * 2)
        lslots *= 2;
    uint8_t *lens = mtl_checker_scratch(ck, 2, lslots);
    memset(lens, 0, lslots);
    for (size_t i = 0; i < doc->nlines; i++) {
        const mtl_span *l = &doc->lines[i];
        if (l->start != l->end) {
            uint8_t *c = &lens[(l->end - l->start) & (lslots - 1)];
            *c += *c < 2;
        }
    }
    mtl_span_hashes(doc, doc->lines, doc->nlines, lhs, NULL, lens,
                    lslots - 1);
    mtl_span_hashes(doc, doc->paras, doc->nparas, phs, lhs, NULL, 0);
    size_t elems, dups, dupchars;
    mtl_dup_spans(ck, doc, doc->lines, doc->nlines, lhs, &elems, &dups,
                  &dupchars);
    if (elems)
        st->dup_line_frac = (double)dups / (double)elems;
    if (st->chars)
        st->dup_line_char_frac = (double)dupchars / (double)st->chars;
    if (st->chars > newlines)
        st->fineweb_char_dup_frac = (double)dupchars /
                                    (double)(st->chars - newlines);
    mtl_dup_spans(ck, doc, doc->paras, doc->nparas, phs, &elems, &dups,
                  &dupchars);
    if (elems)
        st->dup_para_frac = (double)dups / (double)elems;
    if (st->chars)
        st->dup_para_char_frac = (double)dupchars / (double)st->chars;

    /* n-grams of words, n = 2..10. Two savings over hashing every
     * n-gram from scratch at every position for every n:
     * - the hash of the n-gram at a position extends the (n-1)-gram's
     *   there by one word, in place in hr, and its code points come from
     *   the prefix sums, so a position costs O(1) per n instead of O(n);
     * - an n-gram whose (n-1)-gram prefix occurs once in the document
     *   occurs once too, and a unique n-gram changes neither statistic
     *   (the top n-gram needs a count > 1; in the greedy walk it is never
     *   "seen", so the walk just steps over it). So pos lists only the
     *   positions whose last counted n-gram (n <= 4, where every position
     *   is counted) occurs again; in prose most 3-grams are unique, so
     *   the passes for n >= 4 touch few positions.  Likewise a word that
     *   occurs once makes its n-grams unique: the 2-grams start at the
     *   positions of two words that both occur again.
     * The table is per n, so n needs no place in the key; it is cleared
     * once per document, an entry counting for the current n only when
     * its gen is n. The results equal the from-scratch ones up to hash
     * collisions. */
    if (nw >= 2)
        mtl_stats_ngrams(st, nw, wh, hr, cum, at, pos, wf, wans, tab, gen,
                         slots);

    /* dictionary words: an even sample of at most MTL_DICT_SAMPLE, every
     * step-th word with a letter from the first.  With no more words than
     * that, the sample is all of them, which the pass over the words has
     * asked about; more (a long document) are taken again from the
     * tokens, the pass's answers kept in the word table. */
    st->dict_words_frac = -1;
    if (dict) {
        size_t checked = 0, known = 0;
        if (letters <= MTL_DICT_SAMPLE) {
            checked = letters;
            known = wp.known;
        } else {
            size_t step = letters / MTL_DICT_SAMPLE;
            size_t j = 0, next = 0; /* letters so far, the next to take */
            for (size_t i = 0; i < doc->ntoks && next < letters; i++) {
                const mtl_token *t = &doc->toks[i];
                if (!mtl_tok_is_word(t) || !(t->flags & MTL_TF_LETTER) ||
                    j++ != next)
                    continue;
                next += step;
                checked++;
                known += mtl_stats_known(ck, doc, tw, t, i, tw[i].first);
            }
        }
        st->dict_words_checked = checked;
        if (checked)
            st->dict_words_frac = (double)known / (double)checked;
    }
}

char *
mtl_stats_json(const mtl_stats *st)
{
    /*
     * Written for every document: the keys with their separators are
     * literals, and the room is reserved once.  A member without a value
     * is NaN here, which mtl_strbuf_number() writes as null.
     */
#define KEY(lit) lit, sizeof(lit) - 1
    const struct {
        const char *key;
        size_t key_len;
        double v;
    } m[] = {
        {KEY("{\"words\": "), (double)st->words},
        {KEY(", \"chars\": "), (double)st->chars},
        {KEY(", \"lines\": "), (double)st->lines},
        {KEY(", \"paragraphs\": "), (double)st->paragraphs},
        {KEY(", \"sentences\": "), (double)st->sentences},
        {KEY(", \"mean_word_length\": "), st->mean_word_length},
        {KEY(", \"hash_word_ratio\": "), st->hash_word_ratio},
        {KEY(", \"ellipsis_word_ratio\": "), st->ellipsis_word_ratio},
        {KEY(", \"symbol_word_ratio\": "), st->symbol_word_ratio},
        {KEY(", \"bullet_lines_frac\": "), st->bullet_lines_frac},
        {KEY(", \"ellipsis_lines_frac\": "), st->ellipsis_lines_frac},
        {KEY(", \"alpha_words_frac\": "), st->alpha_words_frac},
        {KEY(", \"stop_words\": "),
         st->has_stop_list ? (double)st->stop_words : NAN},
        {KEY(", \"terminal_punct_lines_frac\": "),
         st->terminal_punct_lines_frac},
        {KEY(", \"short_lines_frac\": "), st->short_lines_frac},
        {KEY(", \"dup_line_frac\": "), st->dup_line_frac},
        {KEY(", \"dup_line_char_frac\": "), st->dup_line_char_frac},
        {KEY(", \"dup_para_frac\": "), st->dup_para_frac},
        {KEY(", \"dup_para_char_frac\": "), st->dup_para_char_frac},
        {KEY(", \"top_2_gram_frac\": "), st->top_ngram_frac[2]},
        {KEY(", \"top_3_gram_frac\": "), st->top_ngram_frac[3]},
        {KEY(", \"top_4_gram_frac\": "), st->top_ngram_frac[4]},
        {KEY(", \"dup_5_gram_frac\": "), st->dup_ngram_frac[5]},
        {KEY(", \"dup_6_gram_frac\": "), st->dup_ngram_frac[6]},
        {KEY(", \"dup_7_gram_frac\": "), st->dup_ngram_frac[7]},
        {KEY(", \"dup_8_gram_frac\": "), st->dup_ngram_frac[8]},
        {KEY(", \"dup_9_gram_frac\": "), st->dup_ngram_frac[9]},
        {KEY(", \"dup_10_gram_frac\": "), st->dup_ngram_frac[10]},
        {KEY(", \"dict_words_frac\": "),
         st->dict_words_frac >= 0 ? st->dict_words_frac : NAN},
        {KEY(", \"newline_word_ratio\": "), st->newline_word_ratio},
        {KEY(", \"c4_sentences\": "), (double)st->c4_sentences},
    };
#undef KEY
    mtl_strbuf sb;
    mtl_strbuf_init(&sb);
    mtl_strbuf_reserve(&sb, 1024);
    for (size_t i = 0; i < sizeof m / sizeof m[0]; i++) {
        mtl_strbuf_put(&sb, m[i].key, m[i].key_len);
        mtl_strbuf_number(&sb, m[i].v, 4);
    }
    mtl_strbuf_putc(&sb, '}');
    return mtl_strbuf_detach(&sb, NULL);
}

/* ---------------------------------------------------------------- filters */

const char *const mtl_filter_names[MTL_FILTER_COUNT] = {"gopher", "c4",
                                                        "fineweb"};

typedef struct mtl_fkv {
    char section[40];
    char key[40];
    double value;
} mtl_fkv;

struct mtl_filters {
    mtl_fkv *kv;
    size_t n;
};

static const char *const mtl_filter_keys[] = {
    /* gopher */
    "min_doc_words", "max_doc_words", "min_avg_word_length",
    "max_avg_word_length", "max_symbol_word_ratio", "max_bullet_lines_ratio",
    "max_ellipsis_lines_ratio", "min_alpha_words_ratio", "min_stop_words",
    "dup_line_frac", "dup_para_frac", "dup_line_char_frac",
    "dup_para_char_frac", "top_2_gram", "top_3_gram", "top_4_gram",
    "dup_5_gram", "dup_6_gram", "dup_7_gram", "dup_8_gram", "dup_9_gram",
    "dup_10_gram",
    /* c4 */
    "min_sentences", "lorem_ipsum", "curly_bracket",
    /* fineweb */
    "line_punct_thr", "short_line_thr", "char_dup_ratio", "new_line_ratio",
    NULL};

mtl_filters *
mtl_filters_parse(const char *data, size_t len, const char *name,
                  mtl_error *err)
{
    mtl_filters *f = mtl_xcalloc(1, sizeof *f);
    size_t cap = 0;
    char section[40] = "";
    unsigned lineno = 0;
    size_t pos = 0;
    char line[512];
    while (pos < len) {
        const char *nl = memchr(data + pos, '\n', len - pos);
        size_t end = nl ? (size_t)(nl - data) : len;
        size_t n = end - pos;
        lineno++;
        if (n >= sizeof line) {
            mtl_set_error(err, MTL_EDATA, "%s:%u: line too long", name, lineno);
            goto fail;
        }
        memcpy(line, data + pos, n);
        line[n] = '\0';
        pos = end + 1;
        char *hash = strchr(line, '#');
        if (hash)
            *hash = '\0';
        char *p = line;
        while (*p == ' ' || *p == '\t')
            p++;
        char *e = p + strlen(p);
        while (e > p && (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '\r'))
            *--e = '\0';
        if (!*p)
            continue;
        if (*p == '[') {
            char *close = strchr(p, ']');
            if (!close || close[1] || (size_t)(close - p - 1) >= sizeof section) {
                mtl_set_error(err, MTL_EDATA, "%s:%u: malformed section",
                              name, lineno);
                goto fail;
            }
            *close = '\0';
            snprintf(section, sizeof section, "%s", p + 1);
            char base[40];
            snprintf(base, sizeof base, "%s", section);
            char *colon = strchr(base, ':');
            if (colon)
                *colon = '\0';
            bool known = false;
            for (int i = 0; i < MTL_FILTER_COUNT; i++)
                known |= strcmp(base, mtl_filter_names[i]) == 0;
            if (!known) {
                mtl_set_error(err, MTL_EDATA,
                              "%s:%u: unknown preset [%s] (gopher, c4, "
                              "fineweb, optionally :LANG)", name, lineno,
                              section);
                goto fail;
            }
            continue;
        }
        char *eq = strchr(p, '=');
        if (!eq || !section[0]) {
            mtl_set_error(err, MTL_EDATA,
                          "%s:%u: expected 'key = number' inside a section",
                          name, lineno);
            goto fail;
        }
        *eq = '\0';
        char *key = p, *val = eq + 1;
        char *ke = key + strlen(key);
        while (ke > key && (ke[-1] == ' ' || ke[-1] == '\t'))
            *--ke = '\0';
        while (*val == ' ' || *val == '\t')
            val++;
        bool known = false;
        for (int i = 0; mtl_filter_keys[i]; i++)
            known |= strcmp(key, mtl_filter_keys[i]) == 0;
        char *endp;
        double v = strtod(val, &endp);
        if (!known || endp == val || *endp) {
            mtl_set_error(err, MTL_EDATA,
                          "%s:%u: unknown key '%s' or value not a number",
                          name, lineno, key);
            goto fail;
        }
        mtl_grow((void **)&f->kv, &cap, f->n + 1, sizeof *f->kv);
        mtl_fkv *kv = &f->kv[f->n++];
        snprintf(kv->section, sizeof kv->section, "%s", section);
        snprintf(kv->key, sizeof kv->key, "%s", key);
        kv->value = v;
    }
    return f;
fail:
    mtl_filters_free(f);
    return NULL;
}

mtl_filters *
mtl_filters_load(const char *path, mtl_error *err)
{
    char *data;
    size_t n;
    int e = mtl_read_file(path, &data, &n);
    if (e) {
        mtl_set_error(err, MTL_EIO, "cannot read filter thresholds '%s': %s", path,
                      strerror(e));
        return NULL;
    }
    mtl_filters *f = mtl_filters_parse(data, n, path, err);
    free(data);
    return f;
}

void
mtl_filters_free(mtl_filters *f)
{
    if (!f)
        return;
    free(f->kv);
    free(f);
}

/* Threshold @p key for preset @p preset in language @p lang: the
 * "preset:lang" section, then "preset:primary", then "preset"; -1 when
 * the key is absent (the rule is off). */
static double
mtl_fval(const mtl_filters *f, const char *preset, const char *lang,
         const char *key)
{
    char sec[3][40];
    snprintf(sec[0], sizeof sec[0], "%s:%s", preset, lang ? lang : "");
    char primary[16] = "";
    if (lang) {
        snprintf(primary, sizeof primary, "%s", lang);
        char *dash = strchr(primary, '-');
        if (dash)
            *dash = '\0';
    }
    snprintf(sec[1], sizeof sec[1], "%s:%s", preset, primary);
    snprintf(sec[2], sizeof sec[2], "%s", preset);
    for (int s = 0; s < 3; s++)
        for (size_t i = 0; i < f->n; i++)
            if (strcmp(f->kv[i].section, sec[s]) == 0 &&
                strcmp(f->kv[i].key, key) == 0)
                return f->kv[i].value;
    return -1;
}

const char *
mtl_filters_verdict(const mtl_filters *f, int which, const char *lang,
                    const mtl_stats *st)
{
    static const char *const top_names[] = {NULL, NULL, "top_2_gram",
                                            "top_3_gram", "top_4_gram"};
    static const char *const dup_names[] = {
        NULL, NULL, NULL, NULL, NULL, "duplicated_5_n_grams",
        "duplicated_6_n_grams", "duplicated_7_n_grams",
        "duplicated_8_n_grams", "duplicated_9_n_grams",
        "duplicated_10_n_grams"};
    const char *p = mtl_filter_names[which];
#define V(key) mtl_fval(f, p, lang, key)
    if (which == MTL_FILTER_GOPHER) {
        double t;
        /* repetition (datatrove's GopherRepetitionFilter order) */
        if ((t = V("dup_para_frac")) >= 0 && st->dup_para_frac > t)
            return "dup_para_frac";
        if ((t = V("dup_para_char_frac")) >= 0 && st->dup_para_char_frac > t)
            return "dup_para_char_frac";
        if ((t = V("dup_line_frac")) >= 0 && st->dup_line_frac > t)
            return "dup_line_frac";
        if ((t = V("dup_line_char_frac")) >= 0 && st->dup_line_char_frac > t)
            return "dup_line_char_frac";
        for (int n = 2; n <= 4; n++) {
            char key[16];
            snprintf(key, sizeof key, "top_%d_gram", n);
            if ((t = V(key)) >= 0 && st->top_ngram_frac[n] > t)
                return top_names[n];
        }
        for (int n = 5; n <= 10; n++) {
            char key[16];
            snprintf(key, sizeof key, "dup_%d_gram", n);
            if ((t = V(key)) >= 0 && st->dup_ngram_frac[n] > t)
                return dup_names[n];
        }
        /* quality */
        size_t nw = st->nonsymbol_words;
        if ((t = V("min_doc_words")) >= 0 && (double)nw < t)
            return "gopher_short_doc";
        if ((t = V("max_doc_words")) >= 0 && (double)nw > t)
            return "gopher_long_doc";
        if ((t = V("min_avg_word_length")) >= 0 && st->mean_word_length < t)
            return "gopher_below_avg_threshold";
        if ((t = V("max_avg_word_length")) >= 0 && st->mean_word_length > t)
            return "gopher_above_avg_threshold";
        if ((t = V("max_symbol_word_ratio")) >= 0 && st->hash_word_ratio > t)
            return "gopher_too_many_hashes";
        if (t >= 0 && st->ellipsis_word_ratio > t)
            return "gopher_too_many_ellipsis";
        if ((t = V("max_bullet_lines_ratio")) >= 0 && st->bullet_lines_frac > t)
            return "gopher_too_many_bullets";
        if ((t = V("max_ellipsis_lines_ratio")) >= 0 &&
            st->ellipsis_lines_frac > t)
            return "gopher_too_many_end_ellipsis";
        if ((t = V("min_alpha_words_ratio")) >= 0 && st->alpha_words_frac < t)
            return "gopher_below_alpha_threshold";
        if ((t = V("min_stop_words")) >= 0 && st->has_stop_list &&
            (double)st->stop_words < t)
            return "gopher_enough_stop_words";
        return "pass";
    }
    if (which == MTL_FILTER_C4) {
        double t;
        if ((t = V("lorem_ipsum")) > 0 && st->has_lorem_ipsum)
            return "lorem_ipsum";
        if ((t = V("curly_bracket")) > 0 && st->has_curly_bracket)
            return "curly_bracket";
        if ((t = V("min_sentences")) >= 0 && (double)st->c4_sentences < t)
            return "too_few_sentences";
        return "pass";
    }
    double t;
    if (st->lines == 0)
        return "empty";
    if ((t = V("line_punct_thr")) >= 0 && st->terminal_punct_lines_frac < t)
        return "line_punct_ratio";
    if ((t = V("short_line_thr")) >= 0 && st->short_lines_frac > t)
        return "short_line_ratio";
    if ((t = V("char_dup_ratio")) >= 0 && st->fineweb_char_dup_frac > t)
        return "char_dup_ratio";
    if ((t = V("new_line_ratio")) >= 0 && st->newline_word_ratio > t)
        return "list_ratio";
    return "pass";
#undef V
}
