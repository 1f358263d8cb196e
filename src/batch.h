/*
 * batch.h - the batch context: statistics of a first pass over all
 * documents of a run, read by checks of the second pass (DESIGN.md).
 *
 * Two fixed-size tables, so memory does not grow with the input:
 *  - counts: 64-bit key -> number of documents it occurred in.  Detectors
 *    hash what they count (mtl_hash64) under a namespace byte so that
 *    different statistics never collide.  Each document must add a key at
 *    most once (the caller deduplicates within the document).
 *  - pairs: (namespace, key string) -> small set of value strings with
 *    document counts, e.g. given name -> surnames seen with it.  When full,
 *    new pairs are dropped (counted in mtl_batch->dropped).
 * All functions are thread-safe.
 */
#ifndef MTL_BATCH_H
#define MTL_BATCH_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "mtlint.h"

enum {
    MTL_BATCH_NS_LINE = 1, /* normalised line hashes (duplicates) */
    MTL_BATCH_NS_NAME = 2, /* person names (names) */
    MTL_BATCH_NS_BOILERPLATE = 3
};

uint64_t mtl_hash64(const void *data, size_t len, uint64_t seed);

/* A hash of a long key as good as mtl_hash64's, four times as fast on a
 * key of a few hundred bytes (it does not wait on each word's step before
 * the next), but of other values: for keys told apart within a run only
 * (a document's lines, the texts of the language memo), never to be
 * compared with an mtl_hash64. */
uint64_t mtl_hash64_wide(const void *data, size_t len, uint64_t seed);

/* A key of at most 8 bytes as mtl_hash64 reads it: one word from the
 * first and the last four bytes (4 to 8 bytes), or from the bytes at 0,
 * len/2 and len - 1 (1 to 3 bytes).  The loads cover every byte, so two
 * keys of the same length are equal when their words are. */
static inline uint64_t
mtl_hash64_word(const void *data, size_t len)
{
    const unsigned char *p = data;
    if (len >= 4) {
        uint32_t a, b;
        memcpy(&a, p, 4);
        memcpy(&b, p + len - 4, 4);
        return (uint64_t)a | (uint64_t)b << 32;
    }
    return len ? (uint64_t)p[0] | (uint64_t)p[len / 2] << 8 |
                     (uint64_t)p[len - 1] << 16
               : 0;
}

/* mtl_hash64's finaliser (murmur3's fmix64). */
static inline uint64_t
mtl_hash64_fmix(uint64_t h)
{
    h ^= h >> 33;
    h *= 0xff51afd7ed558ccdULL;
    h ^= h >> 33;
    h *= 0xc4ceb9fe1a85ec53ULL;
    h ^= h >> 33;
    return h;
}

/* mtl_hash64's start: the seed's and the length's part. */
static inline uint64_t
mtl_hash64_start(size_t len, uint64_t seed)
{
    return (0xcbf29ce484222325ULL ^ (seed * 0x9E3779B97F4A7C15ULL)) +
           (uint64_t)len * 0xff51afd7ed558ccdULL;
}

/* One word's step of mtl_hash64 */
static inline uint64_t
mtl_hash64_step(uint64_t h, uint64_t w)
{
    h ^= w;
    h *= 0x100000001b3ULL;
    return h ^ (h >> 29);
}

/* mtl_hash64 of a key of @p len <= 8 bytes from its word (above), for a
 * caller that has the word already: inline, and the seed's part is a
 * constant when @p seed is. */
static inline uint64_t
mtl_hash64_short(uint64_t w, size_t len, uint64_t seed)
{
    uint64_t h = mtl_hash64_start(len, seed);
    return mtl_hash64_fmix(len ? mtl_hash64_step(h, w) : h);
}

/* mtl_hash64 of a key of 8 to 16 bytes, @p h its start (the seed's and the
 * length's part): most long keys are words of 9 to 16 bytes, hashed
 * without a loop, the second word (or the tail) being the last 8 bytes
 * less those hashed (16 - len of them). */
static inline uint64_t
mtl_hash64_mid(const unsigned char *p, size_t len, uint64_t h)
{
    uint64_t w;
    memcpy(&w, p, 8);
    h = mtl_hash64_step(h, w);
    if (len > 8) {
        memcpy(&w, p + len - 8, 8);
        h = mtl_hash64_step(h, w >> (8 * (16 - len)));
    }
    return mtl_hash64_fmix(h);
}

/* mtl_hash64 with its commonest keys, words of up to 16 bytes, hashed
 * inline: for the callers that hash a word per lookup (the lexicons, the
 * statistics' word table), where the call cost a tenth of the hash. */
static inline uint64_t
mtl_hash64_inline(const void *data, size_t len, uint64_t seed)
{
    if (len < 8)
        return mtl_hash64_short(mtl_hash64_word(data, len), len, seed);
    if (len > 16)
        return mtl_hash64(data, len, seed);
    return mtl_hash64_mid(data, len, mtl_hash64_start(len, seed));
}

/* A hash as the key of an open-addressing table whose empty slots hold 0:
 * never 0, and its low bits, which pick the slot, left as they are (a key
 * made nonzero by setting bit 0 would start every probe at an odd slot). */
static inline uint64_t
mtl_hash_key(uint64_t h)
{
    return h | (uint64_t)1 << 63;
}

/* Adds one document occurrence of @p key in namespace @p ns. */
void mtl_batch_count_add(mtl_batch *batch, unsigned ns, uint64_t key);
/* Documents in which @p key occurred (0 if never, or if @p batch NULL). */
unsigned mtl_batch_count_get(const mtl_batch *batch, unsigned ns,
                             uint64_t key);

/* Adds one document occurrence of value @p val under @p key. */
void mtl_batch_pair_add(mtl_batch *batch, unsigned ns, const char *key,
                        size_t klen, const char *val, size_t vlen);

/* Calls @p fn for each value stored under @p key with its document count;
 * stops when @p fn returns non-zero. */
void mtl_batch_pair_each(const mtl_batch *batch, unsigned ns, const char *key,
                         size_t klen,
                         int (*fn)(void *user, const char *val, size_t vlen,
                                   unsigned docs),
                         void *user);

/*
 * Language identification of the first pass, remembered for the second:
 * CLD2 costs a fixed ~50-90 us per call whatever the sample's size, a large
 * share of a short document's check.  A fixed table of
 * MTL_BATCH_LANGID_SLOTS entries keyed by a hash of the whole text (and its
 * length); when three quarters full, further documents are identified
 * again in the second pass, so memory stays bounded and the result is the
 * same either way (the same call on the same text).
 */
#define MTL_BATCH_LANGID_SLOTS (1u << 18)
uint64_t mtl_batch_langid_key(const char *text, size_t len);
void mtl_batch_langid_put(mtl_batch *batch, uint64_t key, const char *code,
                          double confidence);
/* 1 and the remembered result, or 0. */
int mtl_batch_langid_get(const mtl_batch *batch, uint64_t key, char *code,
                         size_t cap, double *confidence);

/* The batch's minimum number of documents for "recurring" rules. */
unsigned mtl_batch_min_documents(const mtl_batch *batch);

/* Normalises a line for comparison: case-folded, white space runs to one
 * space, trimmed, trailing punctuation removed.  Writes into @p out (cap
 * bytes); returns the length or (size_t)-1 if it does not fit. */
size_t mtl_normalise_line(const char *s, size_t len, char *out, size_t cap);

/*
 * mtl_normalise_line() of a line and of parts of it (its sentences) with
 * one pass over the line: mtl_norm_line() collapses the line's white
 * space into @p nm and gives the offsets in it of the source offsets
 * @p cuts (ascending, at most len: at[j] for cuts[j], SIZE_MAX when
 * unknown); mtl_norm_part() then finishes (trailing punctuation, case
 * folding) the bytes from one offset to another: for cuts a <= b that
 * fall between code points, part(at[a], at[b]) is mtl_normalise_line of
 * s[a .. b), and part(0, nm->len) that of the line.  mtl_norm_line
 * returns nm->len, (size_t)-1 when the line does not fit.
 */
#define MTL_NORM_TMP 4096
typedef struct mtl_norm {
    char tmp[MTL_NORM_TMP]; /* white space collapsed, ASCII lower-cased */
    size_t len;
} mtl_norm;
size_t mtl_norm_line(mtl_norm *nm, const char *s, size_t len,
                     const size_t *cuts, size_t ncuts, size_t *at);
size_t mtl_norm_part(const mtl_norm *nm, size_t from, size_t to, char *out,
                     size_t cap);

/*
 * What the case fold does to the code points of a line collapsed by
 * mtl_norm_line (its ASCII lower-cased already): MTL_FOLD_SELF when it
 * leaves every one as it is, so that mtl_norm_part of any piece of the
 * line is the piece itself, trimmed (given the room); MTL_FOLD_LENGTHS
 * when it keeps the length of every one, so that the fold of a piece
 * between code points is the same piece of the line's fold;
 * MTL_FOLD_OTHER otherwise, and for invalid UTF-8 (folded otherwise).
 * The fold is asked once per code point and remembered in @p memo
 * (zeroed to start, then kept: a document has few distinct non-ASCII
 * code points, and the documents of a language much the same).
 */
enum { MTL_FOLD_OTHER = 0, MTL_FOLD_LENGTHS = 1, MTL_FOLD_SELF = 2 };
#define MTL_FOLD_MEMO 128
typedef struct mtl_fold_memo {
    uint32_t e[MTL_FOLD_MEMO]; /* cp << 2 | keeps length << 1 | self */
} mtl_fold_memo;
int mtl_fold_class(const char *s, size_t n, mtl_fold_memo *memo);

/* The trimmed end of tmp[0 .. to) that mtl_norm_part folds: trailing
 * punctuation and spaces dropped. */
size_t mtl_norm_trim(const char *tmp, size_t to);

/* mtl_batch_line_documents() with the line normalised into @p cap bytes
 * (at most 4096: 0 documents when its mtl_normalise_line does not fit)
 * and the folds of its code points remembered in @p memo
 * (mtl_fold_class). */
unsigned mtl_batch_line_count(const mtl_batch *batch, const char *line,
                              size_t len, size_t cap, mtl_fold_memo *memo);

#endif
