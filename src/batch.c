/*
 * batch.c - the batch context of DESIGN.md: fixed-size tables filled by a
 * first pass over the documents of a run and read by the checks of the
 * second pass.  Memory is set when the batch is made and never grows.
 */
#include "batch.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include "engine.h"
#include "util/util.h"

#define MTL_PAIR_KEY 48
#define MTL_PAIR_VAL 48

/* A slot of the count table, which threads fill without a lock: the key is
 * claimed once by compare-and-swap and never changes; the count only goes
 * up. */
typedef struct mtl_count_slot {
    _Atomic uint64_t key; /* 0 = empty */
    _Atomic unsigned docs;
} mtl_count_slot;

typedef struct mtl_pair_key {
    uint64_t hash; /* 0 = empty */
    int first;     /* first value index, -1 none */
    unsigned char ns;
    unsigned char klen;
    char key[MTL_PAIR_KEY];
} mtl_pair_key;

typedef struct mtl_pair_val {
    int next;
    unsigned docs;
    unsigned char vlen;
    char val[MTL_PAIR_VAL];
} mtl_pair_val;

struct mtl_batch {
    mtl_engine *engine;
    pthread_mutex_t lock; /* the pair tables */
    _Atomic uint64_t documents;
    unsigned min_docs;
    mtl_count_slot *counts; /* lock-free */
    size_t ncounts;
    _Atomic size_t used_counts;
    mtl_pair_key *keys;
    size_t nkeys, used_keys;
    mtl_pair_val *vals;
    size_t nvals, used_vals;
    _Atomic uint64_t dropped;

    /* language identification memo (batch.h): written under langid_lock,
     * read without it (a slot's key is stored last, with release order,
     * and a slot once written never changes) */
    pthread_mutex_t langid_lock;
    struct mtl_langid_slot *_Atomic langid; /* MTL_BATCH_LANGID_SLOTS,
                                              lazily */
    size_t langid_used;
    char langid_codes[255][16]; /* interned codes, index + 1 in slots */
    unsigned langid_ncodes;
};

typedef struct mtl_langid_slot {
    _Atomic uint64_t key; /* 0 = empty */
    double confidence;
    uint8_t code; /* index + 1 into langid_codes */
} mtl_langid_slot;

uint64_t
mtl_hash64(const void *data, size_t len, uint64_t seed)
{
    /* FNV-1a over 8-byte words, then a murmur finaliser.  The tail (or a
     * whole key shorter than 8 bytes) is read as one more word from at
     * most three loads instead of byte by byte: most keys are words of a
     * few letters.  The length is mixed in first, so that keys that differ
     * only by trailing zero bytes cannot collide through the padding. */
    const unsigned char *p = data;
    if (len < 8) {
        /* the same steps as mtl_hash64_short (batch.h), which callers
         * with the key's word use instead */
        return mtl_hash64_short(mtl_hash64_word(p, len), len, seed);
    }
    uint64_t h = mtl_hash64_start(len, seed);
    const unsigned char *end = p + len;
    if (len <= 16)
        return mtl_hash64_mid(p, len, h);
    h = mtl_hash64_step(h, mtl_load8(p));
    /* the words after the first, two at a time where there are two
     * (lines, texts), then the one left over and the tail */
    p += 8;
    size_t n = len / 8 - 1;
    for (; n >= 2; n -= 2, p += 16) {
        h = mtl_hash64_step(h, mtl_load8(p));
        h = mtl_hash64_step(h, mtl_load8(p + 8));
    }
    if (n)
        h = mtl_hash64_step(h, mtl_load8(p));
    size_t r = len % 8;
    if (r) {
        /* the last 8 bytes, of which the first 8 - r were hashed */
        h = mtl_hash64_step(h, mtl_load8(end - 8) >> (8 * (8 - r)));
    }
    return mtl_hash64_fmix(h);
}

uint64_t
mtl_hash64_wide(const void *data, size_t len, uint64_t seed)
{
    if (len < 32)
        return mtl_hash64(data, len, seed);
    /* four chains of mtl_hash64's steps, each over every fourth word (a
     * step waits on the one before it in its chain only), then the
     * words left over, the last one read from the last 8 bytes as
     * mtl_hash64 reads its tail, and the chains joined by the same
     * steps */
    const unsigned char *p = data, *end = p + len;
    uint64_t h0 = mtl_hash64_start(len, seed);
    uint64_t h1 = h0 ^ 0x9E3779B97F4A7C15ULL, h2 = h0 ^ 0xC2B2AE3D27D4EB4FULL,
             h3 = h0 ^ 0x165667B19E3779F9ULL;
    for (size_t n = len / 32; n; n--, p += 32) {
        h0 = mtl_hash64_step(h0, mtl_load8(p));
        h1 = mtl_hash64_step(h1, mtl_load8(p + 8));
        h2 = mtl_hash64_step(h2, mtl_load8(p + 16));
        h3 = mtl_hash64_step(h3, mtl_load8(p + 24));
    }
    for (; end - p >= 8; p += 8)
        h0 = mtl_hash64_step(h0, mtl_load8(p));
    size_t r = (size_t)(end - p);
    if (r)
        h1 = mtl_hash64_step(h1, mtl_load8(end - 8) >> (8 * (8 - r)));
    h0 = mtl_hash64_step(h0, h1);
    h0 = mtl_hash64_step(h0, h2);
    h0 = mtl_hash64_step(h0, h3);
    return mtl_hash64_fmix(h0);
}

mtl_batch *
mtl_batch_new(mtl_engine *engine, const mtl_batch_options *options,
              mtl_error *err)
{
    if (!engine) {
        mtl_set_error(err, MTL_EINVAL, "mtl_batch_new: no engine");
        return NULL;
    }
    mtl_batch *b = mtl_xcalloc(1, sizeof *b);
    b->engine = engine;
    pthread_mutex_init(&b->lock, NULL);
    pthread_mutex_init(&b->langid_lock, NULL);
    size_t slots = options && options->table_slots ? options->table_slots
                                                   : (size_t)1 << 19;
    size_t p2 = 1024;
    while (p2 < slots)
        p2 <<= 1;
    b->ncounts = p2;
    b->counts = mtl_xcalloc_resident(p2, sizeof *b->counts);
    b->nkeys = p2 / 8;
    b->keys = mtl_xcalloc_resident(b->nkeys, sizeof *b->keys);
    b->nvals = p2 / 8;
    b->vals = mtl_xcalloc_resident(b->nvals, sizeof *b->vals);
    b->min_docs = options && options->min_documents ? options->min_documents
                                                    : 3;
    return b;
}

void
mtl_batch_free(mtl_batch *b)
{
    if (!b)
        return;
    pthread_mutex_destroy(&b->lock);
    pthread_mutex_destroy(&b->langid_lock);
    free(b->langid);
    free(b->counts);
    free(b->keys);
    free(b->vals);
    free(b);
}

uint64_t
mtl_batch_documents(const mtl_batch *b)
{
    return b ? atomic_load_explicit(&((mtl_batch *)b)->documents,
                                    memory_order_relaxed)
             : 0;
}

unsigned
mtl_batch_min_documents(const mtl_batch *b)
{
    return b ? b->min_docs : 3;
}

static uint64_t
mtl_ns_key(unsigned ns, uint64_t key)
{
    uint64_t k = key ^ ((uint64_t)ns * 0x9E3779B97F4A7C15ULL);
    return k ? k : 1;
}

void
mtl_batch_count_add(mtl_batch *b, unsigned ns, uint64_t key)
{
    if (!b)
        return;
    uint64_t k = mtl_ns_key(ns, key);
    size_t mask = b->ncounts - 1;
    /* Lock-free: a line is counted on every line of every document of the
     * first pass, and one lock for all of them kept two workers waiting
     * on each other.  The counts do not depend on the order of the adds;
     * which keys a full table drops does, as it did under the lock. */
    for (size_t i = k & mask, probes = 0; probes < 64;
         i = (i + 1) & mask, probes++) {
        mtl_count_slot *sl = &b->counts[i];
        uint64_t have = atomic_load_explicit(&sl->key, memory_order_relaxed);
        if (have == 0) {
            /* keep a quarter of the table free so probes stay short */
            if (atomic_load_explicit(&b->used_counts, memory_order_relaxed) *
                    4 >= b->ncounts * 3) {
                atomic_fetch_add_explicit(&b->dropped, 1,
                                          memory_order_relaxed);
                return;
            }
            if (atomic_compare_exchange_strong_explicit(
                    &sl->key, &have, k, memory_order_relaxed,
                    memory_order_relaxed)) {
                atomic_fetch_add_explicit(&b->used_counts, 1,
                                          memory_order_relaxed);
                have = k;
            }
            /* else another thread took the slot: have is its key */
        }
        if (have == k) {
            atomic_fetch_add_explicit(&sl->docs, 1, memory_order_relaxed);
            return;
        }
    }
}

unsigned
mtl_batch_count_get(const mtl_batch *b, unsigned ns, uint64_t key)
{
    if (!b)
        return 0;
    uint64_t k = mtl_ns_key(ns, key);
    size_t mask = b->ncounts - 1;
    for (size_t i = k & mask, probes = 0; probes < 64;
         i = (i + 1) & mask, probes++) {
        mtl_count_slot *sl = &b->counts[i];
        uint64_t have = atomic_load_explicit(&sl->key, memory_order_relaxed);
        if (have == k)
            return atomic_load_explicit(&sl->docs, memory_order_relaxed);
        if (have == 0)
            break;
    }
    return 0;
}

static mtl_pair_key *
mtl_pair_find(const mtl_batch *b, unsigned ns, const char *key, size_t klen,
              bool create)
{
    if (klen == 0 || klen > MTL_PAIR_KEY)
        return NULL;
    uint64_t h = mtl_hash_key(mtl_hash64(key, klen, ns));
    size_t mask = b->nkeys - 1;
    for (size_t i = h & mask, probes = 0; probes < 64;
         i = (i + 1) & mask, probes++) {
        mtl_pair_key *pk = &b->keys[i];
        if (pk->hash == h && pk->ns == ns && pk->klen == klen &&
            memcmp(pk->key, key, klen) == 0)
            return pk;
        if (pk->hash == 0) {
            if (!create)
                return NULL;
            mtl_batch *mb = (mtl_batch *)b;
            if (mb->used_keys * 4 >= mb->nkeys * 3)
                return NULL;
            pk->hash = h;
            pk->ns = (unsigned char)ns;
            pk->klen = (unsigned char)klen;
            memcpy(pk->key, key, klen);
            pk->first = -1;
            mb->used_keys++;
            return pk;
        }
    }
    return NULL;
}

void
mtl_batch_pair_add(mtl_batch *b, unsigned ns, const char *key, size_t klen,
                   const char *val, size_t vlen)
{
    if (!b || vlen == 0 || vlen > MTL_PAIR_VAL)
        return;
    pthread_mutex_lock(&b->lock);
    mtl_pair_key *pk = mtl_pair_find(b, ns, key, klen, true);
    if (!pk) {
        b->dropped++;
        goto out;
    }
    for (int v = pk->first; v >= 0; v = b->vals[v].next) {
        if (b->vals[v].vlen == vlen && memcmp(b->vals[v].val, val, vlen) == 0) {
            b->vals[v].docs++;
            goto out;
        }
    }
    if (b->used_vals >= b->nvals) {
        b->dropped++;
        goto out;
    }
    mtl_pair_val *pv = &b->vals[b->used_vals];
    pv->next = pk->first;
    pv->docs = 1;
    pv->vlen = (unsigned char)vlen;
    memcpy(pv->val, val, vlen);
    pk->first = (int)b->used_vals++;
out:
    pthread_mutex_unlock(&b->lock);
}

void
mtl_batch_pair_each(const mtl_batch *b, unsigned ns, const char *key,
                    size_t klen,
                    int (*fn)(void *user, const char *val, size_t vlen,
                              unsigned docs),
                    void *user)
{
    if (!b)
        return;
    /* copy the values out under the lock, call back without it */
    mtl_pair_val found[32];
    int n = 0;
    pthread_mutex_lock(&((mtl_batch *)b)->lock);
    mtl_pair_key *pk = mtl_pair_find(b, ns, key, klen, false);
    for (int v = pk ? pk->first : -1; v >= 0 && n < 32; v = b->vals[v].next)
        found[n++] = b->vals[v];
    pthread_mutex_unlock(&((mtl_batch *)b)->lock);
    for (int i = 0; i < n; i++)
        if (fn(user, found[i].val, found[i].vlen, found[i].docs))
            return;
}

/* How mtl_normalise_line treats a byte: 0 copied as it is, 1 ASCII white
 * space, 2 the lead byte of a code point that may be white space.  The
 * code points from U+0080 that mtl_cp_is_space accepts are U+0085, U+00A0,
 * U+1680, U+2000..U+200B, U+2028, U+2029, U+202F, U+205F, U+3000 and
 * U+FEFF, led by C2, E1, E2, E3 and EF (tests/unit/test_batch.c tries
 * every code point).  A byte of class 0 is never part of white space: it
 * is ASCII, a continuation byte or the lead of another code point, and the
 * decoder takes only continuation bytes after a lead, so a code point
 * never runs on into a byte of class 1 or 2. */
static const unsigned char mtl_norm_byte[256] = {
    ['\t'] = 1, ['\n'] = 1, ['\v'] = 1, ['\f'] = 1, ['\r'] = 1, [' '] = 1,
    [0xC2] = 2, [0xE1] = 2, [0xE2] = 2, [0xE3] = 2, [0xEF] = 2,
};

/* The start of @p p (n bytes) that mtl_normalise_line copies as it is
 * (its ASCII lower-cased) into @p d: no white space but single spaces
 * (not two side by side, nor one first when @p space_before: a space is
 * pending or nothing is written yet), no ASCII control byte and no byte
 * that may start a white space code point.  Returns its length; the
 * bytes after it in @p d, up to sixteen, may have been written over. */
static inline size_t
mtl_norm_blocks(const unsigned char *p, size_t n, char *d, bool space_before)
{
    size_t k = 0;
#ifdef __SSE2__
    /* sixteen bytes at a time, and of a block that stops, the bytes
     * before the first that stops it: the byte loop of the caller starts
     * there rather than at the block */
    const __m128i space = _mm_set1_epi8(0x20);
    const __m128i xc2 = _mm_set1_epi8((char)0xC2);
    const __m128i xf0 = _mm_set1_epi8((char)0xF0);
    const __m128i xe0 = _mm_set1_epi8((char)0xE0);
    const __m128i before_a = _mm_set1_epi8('A' - 1);
    const __m128i after_z = _mm_set1_epi8('Z' + 1);
    unsigned prev = space_before; /* bit 0: a space before the block */
    for (; n - k >= 16; k += 16) {
        __m128i v = _mm_loadu_si128((const __m128i *)(const void *)(p + k));
        unsigned hi = (unsigned)_mm_movemask_epi8(v);
        /* signed: the bytes from 0x80 are below 0x20 too */
        unsigned ctl = (unsigned)_mm_movemask_epi8(_mm_cmplt_epi8(v, space));
        unsigned sp = (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(v, space));
        unsigned stop = (ctl & ~hi) | (sp & ((sp << 1) | prev));
        if (hi) {
            /* C2 and E0..EF, the leads of class 2 in mtl_norm_byte and
             * more */
            stop |= (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(v, xc2)) |
                    (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(
                        _mm_and_si128(v, xf0), xe0));
        }
        /* signed: the bytes from 0x80 are no capital letter */
        __m128i upper = _mm_and_si128(_mm_cmpgt_epi8(v, before_a),
                                      _mm_cmplt_epi8(v, after_z));
        _mm_storeu_si128((__m128i *)(void *)(d + k),
                         _mm_or_si128(v, _mm_and_si128(upper, space)));
        if (stop)
            return k + (size_t)__builtin_ctz(stop);
        prev = sp >> 15;
    }
    if (k)
        space_before = p[k - 1] == ' ';
#endif
    /* eight bytes at a time (the rest of them, without SSE2: all) */
    const uint64_t ones = MTL_ONES8, high = MTL_HIGH8;
    /* the high bit of the last byte of the block before when it was a
     * space, moved to the first byte: a space there and a space first in
     * this block are two side by side, the test of the spaces within */
    uint64_t prev8 = space_before ? 0x80 : 0;
    for (; n - k >= 8; k += 8) {
        uint64_t v, sp;
        memcpy(&v, p + k, 8);
        if (!((v | ~(v + ones * 0x60)) & high)) {
            /* printable ASCII: no byte below 0x20 nor from 0x80 (a carry
             * out of the latter only hides a byte after one caught) */
            sp = ~((v ^ ones * 0x20) + ones * 0x7F) & high;
            v = mtl_ascii_lower8(v);
        } else {
            /* or with bytes from 0x80 of which none may start white
             * space: none is C2 or E0..EF (the leads of class 2 in
             * mtl_norm_byte and more); the ASCII ones tested on their
             * low seven bits */
            uint64_t ascii = ~v & high, x = v & ~high;
            uint64_t c2 = v ^ ones * 0xC2;
            uint64_t ex = (v & ones * 0xF0) ^ ones * 0xE0;
            if ((~(x + ones * 0x60) & ascii) || ((c2 - ones) & ~c2 & high) ||
                ((ex - ones) & ~ex & high))
                break;
            sp = ~((x ^ ones * 0x20) + ones * 0x7F) & ascii;
            /* mtl_ascii_lower8 on the low seven bits, the ASCII bytes
             * only */
            v |= ((x + ones * (0x80 - 'A')) & ~(x + ones * (0x80 - 'Z' - 1)) &
                  ascii) >> 2;
        }
        if (sp & ((sp << 8) | prev8))
            break;
        memcpy(d + k, &v, 8);
        prev8 = sp >> 56;
    }
    return k;
}

/*
 * The first steps of mtl_normalise_line: white space runs of @p s (len
 * bytes) to one space, leading white space dropped, ASCII lower-cased
 * (the case fold of the last step does the same, and leaves such bytes
 * as they are: they are never part of an invalid sequence that the fold
 * replaces), into @p tmp (MTL_NORM_TMP bytes).  Returns the bytes written, or (size_t)-1 when
 * they do not fit.  With @p ncuts source offsets @p cuts (ascending, at
 * most len), at[j] gets the output offset where the code point at
 * cuts[j] begins (the bytes written for s[0 .. cuts[j])), or SIZE_MAX
 * when unknown: a cut inside a code point, or a line long enough for the
 * careful path.  Always inline: with no cuts, their tests go.
 */
__attribute__((always_inline)) static inline size_t
mtl_norm_spaces(const char *s, size_t len, char *tmp, const size_t *cuts,
                size_t ncuts, size_t *at)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t o = 0, i = 0, nc = 0;
    /* A line that may not fit: code point by code point, a code point of
     * k bytes fitting when o + k + 2 < MTL_NORM_TMP (o before the space
     * that may precede it), until the rest surely fits: past a pending
     * space, the output never grows faster than the input is read. */
    bool space = false;
    if (ncuts && len + 2 >= MTL_NORM_TMP) {
        for (; nc < ncuts; nc++)
            at[nc] = SIZE_MAX;
    }
    while (i < len && o + space + (len - i) + 2 >= MTL_NORM_TMP) {
        size_t st = i;
        int32_t cp = mtl_utf8_next(s, len, &i);
        if (mtl_cp_is_space(cp)) {
            space = o > 0;
            continue;
        }
        if (o + (i - st) + 2 >= MTL_NORM_TMP)
            return (size_t)-1;
        if (space) {
            tmp[o++] = ' ';
            space = false;
        }
        if (i - st == 1)
            tmp[o++] = (char)mtl_ascii_lower(p[st]);
        else
            while (st < i)
                tmp[o++] = s[st++];
    }
    /* From here on a run of white space is written as one space where it
     * starts, not before the code point after it: tmp ends with a space
     * exactly while one is pending (copied bytes are never white space),
     * and a space at the end goes with the trailing punctuation.  So the
     * bytes written for s[a .. b) are those of mtl_normalise_line of
     * s[a .. b) alone, but for a space first (written for white space
     * that began before a) and the trailing punctuation it drops. */
    if (space)
        tmp[o++] = ' ';
    while (i < len) {
        size_t k = mtl_norm_blocks(p + i, len - i, tmp + o,
                                   o == 0 || tmp[o - 1] == ' ');
        /* cuts within the blocks: copied as they are */
        for (; nc < ncuts && cuts[nc] < i + k; nc++)
            at[nc] = cuts[nc] >= i ? o + (cuts[nc] - i) : SIZE_MAX;
        i += k;
        o += k;
        /* otherwise the next eight bytes (or so) one by one */
        size_t stop = len - i > 8 ? i + 8 : len;
        while (i < stop) {
            for (; nc < ncuts && cuts[nc] <= i; nc++)
                at[nc] = cuts[nc] == i ? o : SIZE_MAX;
            unsigned char c = p[i];
            if (mtl_norm_byte[c] == 0) {
                tmp[o++] = (char)mtl_ascii_lower(c);
                i++;
                continue;
            }
            if (mtl_norm_byte[c] == 2) {
                size_t st = i;
                int32_t cp = mtl_utf8_next_multi(s, len, &i);
                if (!mtl_cp_is_space(cp)) {
                    while (st < i)
                        tmp[o++] = s[st++];
                    continue;
                }
            } else {
                i++;
            }
            if (o > 0 && tmp[o - 1] != ' ')
                tmp[o++] = ' ';
        }
    }
    for (; nc < ncuts; nc++)
        at[nc] = cuts[nc] == len ? o : SIZE_MAX;
    return o;
}

/* A byte that ends no normalised line: punctuation and a space. */
static inline bool
mtl_norm_trailing(unsigned char c)
{
    return c == '.' || c == ',' || c == ';' || c == ':' || c == '!' ||
           c == '?' || c == ' ';
}

size_t
mtl_norm_trim(const char *tmp, size_t to)
{
    while (to > 0 && mtl_norm_trailing((unsigned char)tmp[to - 1]))
        to--;
    return to;
}

/* The last steps of mtl_normalise_line on tmp[from .. to): a space first
 * dropped, trailing punctuation and spaces dropped, case-folded into
 * @p out. */
static inline size_t
mtl_norm_finish(const char *tmp, size_t from, size_t to, char *out,
                size_t cap)
{
    if (from < to && tmp[from] == ' ')
        from++;
    to = from + mtl_norm_trim(tmp + from, to - from);
    return mtl_utf8_fold(tmp + from, to - from, out, cap);
}

/* The first byte from 0x80 of s[i .. n), or n: the next code point of a
 * line of prose is a few words away, found sixteen bytes at a time (eight
 * without SSE2). */
static inline size_t
mtl_next_high(const char *s, size_t n, size_t i)
{
#ifdef __SSE2__
    for (; i + 16 <= n; i += 16) {
        unsigned m = (unsigned)_mm_movemask_epi8(
            _mm_loadu_si128((const __m128i *)(const void *)(s + i)));
        if (m)
            return i + (size_t)__builtin_ctz(m);
    }
#endif
    for (; i + 8 <= n; i += 8) {
        uint64_t high = mtl_load8(s + i) & MTL_HIGH8;
        if (high)
            return i + ((size_t)__builtin_ctzll(high) >> 3);
    }
    while (i < n && (unsigned char)s[i] < 0x80)
        i++;
    return i;
}

int
mtl_fold_class(const char *s, size_t n, mtl_fold_memo *memo)
{
    const unsigned char *u = (const unsigned char *)s;
    unsigned all = 3; /* keeps length << 1 | self, of all so far */
    size_t i = 0;
    for (;;) {
        i = mtl_next_high(s, n, i);
        if (i >= n)
            return all == 3 ? MTL_FOLD_SELF : MTL_FOLD_LENGTHS;
        /* a code point of two or three bytes decoded here as
         * mtl_utf8_next_multi would, any other by it */
        size_t at = i;
        int32_t cp = -1;
        if (u[i] >= 0xC2 && u[i] <= 0xDF && i + 1 < n &&
            (u[i + 1] & 0xC0) == 0x80) {
            cp = (int32_t)(((u[i] & 0x1Fu) << 6) | (u[i + 1] & 0x3Fu));
            i += 2;
        } else if (u[i] >= 0xE0 && u[i] <= 0xEF && i + 2 < n &&
                   (u[i + 1] & 0xC0) == 0x80 && (u[i + 2] & 0xC0) == 0x80) {
            cp = (int32_t)(((u[i] & 0x0Fu) << 12) | ((u[i + 1] & 0x3Fu) << 6) |
                           (u[i + 2] & 0x3Fu));
            if (cp < 0x800 || (cp >= 0xD800 && cp <= 0xDFFF))
                return MTL_FOLD_OTHER;
            i += 3;
        } else {
            cp = mtl_utf8_next_multi(s, n, &i);
        }
        if (cp < 0)
            return MTL_FOLD_OTHER;
        uint32_t *e = &memo->e[(uint32_t)cp % MTL_FOLD_MEMO];
        if ((*e >> 2) != (uint32_t)cp) {
            char out[32];
            size_t fl = mtl_utf8_fold(s + at, i - at, out, sizeof out);
            bool same = fl == i - at;
            *e = (uint32_t)cp << 2 | (unsigned)same << 1 |
                 (unsigned)(same && memcmp(out, s + at, fl) == 0);
        }
        all &= *e & 3;
        if (!(all & 2))
            return MTL_FOLD_OTHER;
    }
}

size_t
mtl_normalise_line(const char *s, size_t len, char *out, size_t cap)
{
    char tmp[MTL_NORM_TMP];
    size_t o = mtl_norm_spaces(s, len, tmp, NULL, 0, NULL);
    if (o == (size_t)-1)
        return o;
    /* tmp never starts with a space */
    return mtl_norm_finish(tmp, 0, o, out, cap);
}

size_t
mtl_norm_line(mtl_norm *nm, const char *s, size_t len, const size_t *cuts,
              size_t ncuts, size_t *at)
{
    nm->len = mtl_norm_spaces(s, len, nm->tmp, cuts, ncuts, at);
    return nm->len;
}

size_t
mtl_norm_part(const mtl_norm *nm, size_t from, size_t to, char *out,
              size_t cap)
{
    if (nm->len == (size_t)-1 || from > to || to > nm->len)
        return (size_t)-1;
    return mtl_norm_finish(nm->tmp, from, to, out, cap);
}

/* The hash of line @p s (len bytes) in the batch's line counts: that of
 * its mtl_normalise_line into @p cap bytes (at most 4096), read from the
 * collapsed line itself when the fold leaves it as it is
 * (mtl_fold_class).  False when the line has none (nothing left, or too
 * long). */
static bool
mtl_batch_line_key(const char *s, size_t len, size_t cap,
                   mtl_fold_memo *memo, uint64_t *h)
{
    char tmp[MTL_NORM_TMP], buf[4096];
    size_t o = mtl_norm_spaces(s, len, tmp, NULL, 0, NULL);
    if (o == (size_t)-1)
        return false;
    /* tmp never starts with a space */
    size_t to = mtl_norm_trim(tmp, o);
    if (to == 0)
        return false;
    if (to < cap && mtl_fold_class(tmp, to, memo) == MTL_FOLD_SELF) {
        *h = mtl_hash64(tmp, to, 0);
        return true;
    }
    size_t n = mtl_utf8_fold(tmp, to, buf, cap < sizeof buf ? cap : sizeof buf);
    if (n == (size_t)-1 || n == 0)
        return false;
    *h = mtl_hash64(buf, n, 0);
    return true;
}

/* The batch's built-in statistic: in how many documents each normalised
 * line occurs (read by the boilerplate detector and the API).  The
 * document's distinct lines are hashed first, and their slots of the
 * count table, which is read at random and mostly from memory, are
 * loaded all together before the lines are counted, in the same order. */
static void
mtl_batch_observe_lines(mtl_batch *b, mtl_checker *ck, const mtl_doc *doc)
{
    size_t slots = 64;
    while (slots < doc->nlines * 2)
        slots *= 2;
    uint64_t *seen = mtl_checker_scratch(
        ck, 1, (slots + doc->nlines) * sizeof(uint64_t));
    uint64_t *hs = seen + slots; /* the distinct lines' hashes */
    size_t nh = 0;
    memset(seen, 0, slots * sizeof(uint64_t));
    size_t mask = b->ncounts - 1;
    for (size_t i = 0; i < doc->nlines; i++) {
        const mtl_span *sp = &doc->lines[i];
        uint64_t h;
        if (sp->tok_count == 0 ||
            !mtl_batch_line_key(doc->text + sp->start, sp->end - sp->start,
                                4096, &ck->folds, &h))
            continue;
        uint64_t k = mtl_hash_key(h);
        size_t j = k & (slots - 1);
        bool dup = false;
        while (seen[j]) {
            if (seen[j] == k) {
                dup = true;
                break;
            }
            j = (j + 1) & (slots - 1);
        }
        if (dup)
            continue;
        seen[j] = k;
        hs[nh++] = h;
        __builtin_prefetch(
            &b->counts[mtl_ns_key(MTL_BATCH_NS_LINE, h) & mask], 1);
    }
    for (size_t i = 0; i < nh; i++)
        mtl_batch_count_add(b, MTL_BATCH_NS_LINE, hs[i]);
}

int
mtl_batch_observe(mtl_batch *b, const char *text, size_t len,
                  const mtl_doc_meta *meta)
{
    if (!b || (!text && len))
        return MTL_EINVAL;
    mtl_engine *e = b->engine;
    if (len > e->max_doc_bytes)
        return MTL_ETOOBIG;
    mtl_error err;
    mtl_checker *ck = mtl_checker_acquire(e, &err);
    if (!ck)
        return err.status;
    int st = mtl_engine_prepare(e, ck, text ? text : "", len, meta, b, true,
                                &err);
    if (st == MTL_OK) {
        mtl_batch_observe_lines(b, ck, &ck->doc);
        for (size_t d = 0; d < mtl_detectors_count; d++) {
            const mtl_detector *det = mtl_detectors[d];
            if (!e->enabled[d] || !det->observe)
                continue;
            const mtl_lang *lang = ck->doc.res;
            if (lang->det_status[d] != MTL_OK)
                continue;
            det->observe(lang->det_state[d], ck, &ck->doc, b);
        }
        atomic_fetch_add_explicit(&b->documents, 1, memory_order_relaxed);
    }
    mtl_checker_release(e, ck);
    return st;
}

unsigned
mtl_batch_line_documents(const mtl_batch *b, const char *line, size_t len)
{
    mtl_fold_memo memo = {{0}};
    return mtl_batch_line_count(b, line, len, 4096, &memo);
}

unsigned
mtl_batch_line_count(const mtl_batch *b, const char *line, size_t len,
                     size_t cap, mtl_fold_memo *memo)
{
    uint64_t h;
    if (!mtl_batch_line_key(line, len, cap, memo, &h))
        return 0;
    return mtl_batch_count_get(b, MTL_BATCH_NS_LINE, h);
}

/* ------------------------------------------------- language id memo */

uint64_t
mtl_batch_langid_key(const char *text, size_t len)
{
    return mtl_hash_key(mtl_hash64_wide(text, len, 0x1a9) ^
                        ((uint64_t)len * 0x9E3779B97F4A7C15ULL));
}

void
mtl_batch_langid_put(mtl_batch *b, uint64_t key, const char *code,
                     double confidence)
{
    if (!b || strlen(code) >= sizeof b->langid_codes[0])
        return;
    pthread_mutex_lock(&b->langid_lock);
    mtl_langid_slot *tab =
        atomic_load_explicit(&b->langid, memory_order_relaxed);
    if (!tab) {
        tab = mtl_calloc_resident(MTL_BATCH_LANGID_SLOTS, sizeof *tab);
        atomic_store_explicit(&b->langid, tab, memory_order_release);
    }
    if (!tab || b->langid_used >= MTL_BATCH_LANGID_SLOTS / 4 * 3)
        goto out;
    size_t j = key & (MTL_BATCH_LANGID_SLOTS - 1);
    uint64_t have;
    while ((have = atomic_load_explicit(&tab[j].key, memory_order_relaxed)) &&
           have != key)
        j = (j + 1) & (MTL_BATCH_LANGID_SLOTS - 1);
    if (have == key)
        goto out; /* the same text: the same answer */
    unsigned ci = 0;
    while (ci < b->langid_ncodes && strcmp(b->langid_codes[ci], code) != 0)
        ci++;
    if (ci == b->langid_ncodes) {
        if (ci >= 255)
            goto out;
        snprintf(b->langid_codes[ci], sizeof b->langid_codes[ci], "%s", code);
        b->langid_ncodes++;
    }
    tab[j].confidence = confidence;
    tab[j].code = (uint8_t)(ci + 1);
    /* last, so that a reader that sees the key sees the rest */
    atomic_store_explicit(&tab[j].key, key, memory_order_release);
    b->langid_used++;
out:
    pthread_mutex_unlock(&b->langid_lock);
}

int
mtl_batch_langid_get(const mtl_batch *cb, uint64_t key, char *code,
                     size_t cap, double *confidence)
{
    if (!cb)
        return 0;
    /* without the lock: see mtl_batch_langid_put */
    mtl_batch *b = (mtl_batch *)cb;
    mtl_langid_slot *tab =
        atomic_load_explicit(&b->langid, memory_order_acquire);
    if (!tab)
        return 0;
    size_t j = key & (MTL_BATCH_LANGID_SLOTS - 1);
    uint64_t have;
    while ((have = atomic_load_explicit(&tab[j].key, memory_order_acquire)) &&
           have != key)
        j = (j + 1) & (MTL_BATCH_LANGID_SLOTS - 1);
    if (have != key)
        return 0;
    /* snprintf(code, cap, "%s", ...) without the format: every document
     * of the second pass comes here */
    const char *c = b->langid_codes[tab[j].code - 1];
    size_t n = strlen(c);
    if (cap > 0) {
        if (n >= cap)
            n = cap - 1;
        memcpy(code, c, n);
        code[n] = '\0';
    }
    *confidence = tab[j].confidence;
    return 1;
}
