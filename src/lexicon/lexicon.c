/*
 * lexicon.c - loader and lookups for the word and phrase lists in
 * lexicons/ (format in lexicon.h and lexicons/README.md).  Two uthash
 * tables index the entries: by exact text and by case-folded text.
 */
#include "lexicon.h"

#include <errno.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <unicode/uchar.h>
#include <unicode/utf16.h>
#include <unicode/ustring.h>

#include "../batch.h"
#include "../engine.h"
#include "../util/util.h"

/*
 * Lookups run for nearly every word of every document, and most of them
 * miss: uthash's default Jenkins hash is replaced by the project's 64-bit
 * word-at-a-time hash, and a Bloom filter in front of each table (2^16
 * bits, 8 KiB) answers most misses without touching a bucket.
 */
#define HASH_FUNCTION(keyptr, keylen, hashv)                                  \
    ((hashv) = (unsigned)mtl_hash64_inline((keyptr), (size_t)(keylen),       \
                                           MTL_LEXICON_SEED))
#define HASH_BLOOM 16
#include <uthash.h>

typedef struct mtl_lex_node {
    const char *key;
    size_t klen;
    size_t entry;
    UT_hash_handle hh;
} mtl_lex_node;

struct mtl_lexicon {
    mtl_lex_entry *entries;
    size_t n, cap;
    mtl_lex_node *nodes; /* one block: 2 per entry */
    mtl_lex_node *exact;
    mtl_lex_node *fold;
    char **strings; /* owned strings */
    size_t nstrings, capstrings;
};

/*
 * Case folding.  mtl_utf8_fold_icu is the reference: UTF-8 -> UTF-16 ->
 * u_strFoldCase(U_FOLD_CASE_DEFAULT) -> UTF-8, with its limits (a string
 * of at most 200 bytes folds through 256-unit stack buffers, so one whose
 * folded UTF-16 form is longer does not fit).  mtl_utf8_fold gives the
 * same result for every input without the conversions: full case folding
 * maps each code point on its own, so valid UTF-8 is folded code point by
 * code point, ASCII by words, the rest from a table filled from ICU on
 * first use (U+0000..U+1FFFF) or through ICU one code point at a time.
 * Invalid UTF-8 (which ICU replaces per maximal subpart), overlapping
 * buffers and huge lengths take the reference path.
 * tests/unit/test_lexicon.c compares the two for every code point.
 */
size_t
mtl_utf8_fold_icu(const char *s, size_t len, char *out, size_t cap)
{
    /* fast path: ASCII */
    size_t i;
    for (i = 0; i < len; i++)
        if ((unsigned char)s[i] >= 0x80)
            break;
    if (i == len) {
        if (len + 1 > cap)
            return (size_t)-1;
        for (i = 0; i < len; i++)
            out[i] = (char)mtl_ascii_lower((unsigned char)s[i]);
        out[len] = '\0';
        return len;
    }
    UChar stack1[256], stack2[256];
    UChar *u1 = stack1, *u2 = stack2;
    int32_t ulen = 0;
    UErrorCode st = U_ZERO_ERROR;
    if (len > 200) {
        u1 = mtl_xmalloc((len + 1) * sizeof(UChar));
        u2 = mtl_xmalloc((len * 3 + 4) * sizeof(UChar));
    }
    int32_t cap1 = len > 200 ? (int32_t)len + 1 : 256;
    int32_t cap2 = len > 200 ? (int32_t)len * 3 + 4 : 256;
    u_strFromUTF8WithSub(u1, cap1, &ulen, s, (int32_t)len, 0xFFFD, NULL, &st);
    size_t result = (size_t)-1;
    if (U_SUCCESS(st)) {
        int32_t flen = u_strFoldCase(u2, cap2, u1, ulen, U_FOLD_CASE_DEFAULT,
                                     &st);
        if (U_SUCCESS(st)) {
            int32_t olen = 0;
            u_strToUTF8(out, (int32_t)(cap > INT32_MAX ? INT32_MAX : cap),
                        &olen, u2, flen, &st);
            if (U_SUCCESS(st) && st != U_STRING_NOT_TERMINATED_WARNING &&
                (size_t)olen < cap)
                result = (size_t)olen;
        }
    }
    if (u1 != stack1)
        free(u1);
    if (u2 != stack2)
        free(u2);
    return result;
}

/* Folds one code point through ICU into @p buf (32 bytes); returns the
 * UTF-8 length (*units: the UTF-16 length), or -1. */
static int
mtl_fold_one_icu(uint32_t cp, char *buf, size_t *units)
{
    UChar in[2], res[8];
    int32_t n = 0, flen;
    UErrorCode st = U_ZERO_ERROR;
    U16_APPEND_UNSAFE(in, n, cp);
    flen = u_strFoldCase(res, 8, in, n, U_FOLD_CASE_DEFAULT, &st);
    if (U_FAILURE(st) || flen <= 0 || flen > 8)
        return -1;
    int32_t j = 0;
    size_t o = 0;
    while (j < flen) {
        UChar32 c;
        U16_NEXT(res, j, flen, c);
        if (U_IS_SURROGATE(c))
            return -1;
        o += mtl_utf8_encode((uint32_t)c, buf + o);
    }
    *units = (size_t)flen;
    return (int)o;
}

/*
 * The table, filled a page (256 code points) of U+0000..U+1FFFF at a time
 * when first needed: mtl_fold_page[page] is 0 (not built yet) or 1 + a
 * row of mtl_fold_rows, whose entries are 0 (folds to itself),
 * MTL_FOLD_SLOW (ask ICU) or an index into mtl_fold_ents.  Row 0 is all 0,
 * row 1 all slow.  Pages are built under the lock and published with a
 * release store; readers load them with acquire.
 */
#define MTL_FOLD_TABLE_END 0x20000
#define MTL_FOLD_ROWS 64
#define MTL_FOLD_ENTS 4096
#define MTL_FOLD_SLOW 0xFFFF

typedef struct mtl_fold_ent {
    unsigned char n; /* UTF-8 bytes */
    unsigned char u; /* UTF-16 units */
    char s[10];
} mtl_fold_ent;

static atomic_uchar mtl_fold_page[MTL_FOLD_TABLE_END >> 8];
static uint16_t mtl_fold_rows[MTL_FOLD_ROWS][256];
static mtl_fold_ent mtl_fold_ents[MTL_FOLD_ENTS];
static size_t mtl_fold_nrows, mtl_fold_nents; /* under the lock */
static pthread_mutex_t mtl_fold_lock = PTHREAD_MUTEX_INITIALIZER;

/* Builds page @p pg (not a surrogate page) under the lock; returns its
 * mtl_fold_page value. */
static unsigned
mtl_fold_build_page(uint32_t pg)
{
    pthread_mutex_lock(&mtl_fold_lock);
    unsigned pv = atomic_load_explicit(&mtl_fold_page[pg],
                                       memory_order_relaxed);
    if (pv != 0)
        goto out; /* built by another thread meanwhile */
    if (mtl_fold_nrows == 0) {
        for (int k = 0; k < 256; k++)
            mtl_fold_rows[1][k] = MTL_FOLD_SLOW;
        mtl_fold_nrows = 2;
        mtl_fold_nents = 1;
    }
    /* a page that folds to itself as a whole needs no row */
    UChar in[512], res[512 * 3];
    int32_t n = 0;
    for (uint32_t c = pg << 8; c < ((pg + 1) << 8); c++)
        U16_APPEND_UNSAFE(in, n, c);
    UErrorCode st = U_ZERO_ERROR;
    int32_t flen = u_strFoldCase(res, (int32_t)(sizeof res / sizeof *res), in,
                                 n, U_FOLD_CASE_DEFAULT, &st);
    if (U_SUCCESS(st) && flen == n &&
        memcmp(res, in, (size_t)n * sizeof(UChar)) == 0) {
        pv = 1;
    } else if (mtl_fold_nrows == MTL_FOLD_ROWS) {
        pv = 2;
    } else {
        uint16_t *row = mtl_fold_rows[mtl_fold_nrows];
        pv = (unsigned)++mtl_fold_nrows;
        for (uint32_t k = 0; k < 256; k++) {
            uint32_t c = (pg << 8) | k;
            char b[32], self[4];
            size_t units = 0;
            int bn = mtl_fold_one_icu(c, b, &units);
            size_t sn = mtl_utf8_encode(c, self);
            if (bn == (int)sn && memcmp(b, self, sn) == 0) {
                row[k] = 0;
            } else if (bn < 0 || bn > (int)sizeof mtl_fold_ents[0].s ||
                       mtl_fold_nents == MTL_FOLD_ENTS) {
                row[k] = MTL_FOLD_SLOW;
            } else {
                mtl_fold_ent *e = &mtl_fold_ents[mtl_fold_nents];
                e->n = (unsigned char)bn;
                e->u = (unsigned char)units;
                memcpy(e->s, b, (size_t)bn);
                row[k] = (uint16_t)mtl_fold_nents++;
            }
        }
    }
    atomic_store_explicit(&mtl_fold_page[pg], (unsigned char)pv,
                          memory_order_release);
out:
    pthread_mutex_unlock(&mtl_fold_lock);
    return pv;
}

/* mtl_utf8_fold past its ASCII fast path: out[0..start) already holds
 * s[0..start) lower-cased, all ASCII (start < cap). */
static size_t
mtl_utf8_fold_mixed(const char *s, size_t len, char *out, size_t cap,
                    size_t start)
{
    if (cap == 0)
        return (size_t)-1;
    uintptr_t ps = (uintptr_t)s, po = (uintptr_t)out;
    if (len > INT32_MAX / 4 || po - ps < len || ps - po < cap)
        return mtl_utf8_fold_icu(s, len, out, cap); /* huge or overlapping */
    const unsigned char *p = (const unsigned char *)s;
    unsigned char *q = (unsigned char *)out;
    /* o < cap throughout (room for the NUL); extra = UTF-8 bytes minus
     * UTF-16 units of the output so far */
    size_t i = start, o = start, extra = 0;
    while (i < len) {
        if (p[i] < 0x80) {
            size_t lim = len - i < cap - 1 - o ? len : i + (cap - 1 - o);
            while (i + 8 <= lim) {
                /* the eight bytes are lower-cased and stored whole (the
                 * room is there: o + 8 < cap); when one is not ASCII,
                 * those before the first such byte are exact (the carries
                 * of the arithmetic go up from byte to byte, and the
                 * bytes below are ASCII) and are kept, the rest is
                 * written over by what comes next, or lies past the NUL.
                 * Text with an accent every few letters thus goes without
                 * the byte-by-byte loop below. */
                uint64_t v = mtl_load8(p + i);
                uint64_t high = v & MTL_HIGH8;
                uint64_t lv = mtl_ascii_lower8(v);
                memcpy(q + o, &lv, 8);
                if (high) {
                    size_t n = (size_t)__builtin_ctzll(high) >> 3;
                    i += n;
                    o += n;
                    break;
                }
                i += 8;
                o += 8;
            }
            while (i < lim && p[i] < 0x80)
                q[o++] = (unsigned char)mtl_ascii_lower(p[i++]);
            if (i < len && i == lim && p[i] < 0x80)
                return (size_t)-1;
            continue;
        }
        /* one code point; anything invalid: the reference path.  Two
         * bytes (Latin, Greek, Cyrillic...) are decoded here, as
         * mtl_utf8_next_multi would */
        size_t k;
        uint32_t cp;
        if (p[i] >= 0xC2 && p[i] <= 0xDF && i + 1 < len &&
            (p[i + 1] & 0xC0) == 0x80) {
            cp = ((p[i] & 0x1Fu) << 6) | (p[i + 1] & 0x3Fu);
            k = 2;
        } else {
            k = i;
            int32_t dc = mtl_utf8_next_multi(s, len, &k);
            if (dc < 0)
                return mtl_utf8_fold_icu(s, len, out, cap);
            cp = (uint32_t)dc;
            k -= i;
        }
        unsigned v = MTL_FOLD_SLOW;
        if (cp < MTL_FOLD_TABLE_END) {
            unsigned pv = atomic_load_explicit(&mtl_fold_page[cp >> 8],
                                               memory_order_acquire);
            if (pv == 0)
                pv = mtl_fold_build_page(cp >> 8);
            v = mtl_fold_rows[pv - 1][cp & 0xFF];
        }
        if (v == 0) {
            if (k > cap - 1 - o)
                return (size_t)-1;
            /* 2 to 4 bytes: copied one by one rather than by a call */
            q[o] = p[i];
            q[o + 1] = p[i + 1];
            if (k > 2) {
                q[o + 2] = p[i + 2];
                if (k > 3)
                    q[o + 3] = p[i + 3];
            }
            o += k;
            extra += k == 4 ? 2 : k - 1;
        } else if (v != MTL_FOLD_SLOW) {
            const mtl_fold_ent *e = &mtl_fold_ents[v];
            if (e->n > cap - 1 - o)
                return (size_t)-1;
            memcpy(q + o, e->s, e->n);
            o += e->n;
            extra += (size_t)(e->n - e->u);
        } else {
            char b[32];
            size_t units = 0;
            int bn = mtl_fold_one_icu(cp, b, &units);
            if (bn < 0)
                return mtl_utf8_fold_icu(s, len, out, cap);
            if ((size_t)bn > cap - 1 - o)
                return (size_t)-1;
            memcpy(q + o, b, (size_t)bn);
            o += (size_t)bn;
            extra += (size_t)bn - units;
        }
        i += k;
    }
    /* the reference folds short strings in 256-unit buffers */
    if (len <= 200 && o - extra > 256)
        return (size_t)-1;
    q[o] = '\0';
    return o;
}

size_t
mtl_utf8_fold(const char *s, size_t len, char *out, size_t cap)
{
    /* fast path: ASCII that fits, into a buffer apart from s (words may
     * be read and written twice: lower-casing is idempotent) */
    uintptr_t ps = (uintptr_t)s, po = (uintptr_t)out;
    if (len >= cap || po - ps < len || ps - po < cap)
        return mtl_utf8_fold_mixed(s, len, out, cap, 0);
    const unsigned char *p = (const unsigned char *)s;
    unsigned char *q = (unsigned char *)out;
    if (len >= 8) {
        size_t i = 0;
        for (; i + 8 <= len; i += 8) {
            uint64_t v = mtl_load8(p + i);
            if (v & MTL_HIGH8)
                return mtl_utf8_fold_mixed(s, len, out, cap, i);
            v = mtl_ascii_lower8(v);
            memcpy(q + i, &v, 8);
        }
        if (i < len) {
            uint64_t v = mtl_load8(p + len - 8);
            if (v & MTL_HIGH8)
                return mtl_utf8_fold_mixed(s, len, out, cap, i);
            v = mtl_ascii_lower8(v);
            memcpy(q + len - 8, &v, 8);
        }
    } else if (len >= 4) {
        uint32_t a = mtl_load4(p), b = mtl_load4(p + len - 4);
        if ((a | b) & 0x80808080u)
            return mtl_utf8_fold_mixed(s, len, out, cap, 0);
        a = mtl_ascii_lower4(a);
        b = mtl_ascii_lower4(b);
        memcpy(q + len - 4, &b, 4);
        memcpy(q, &a, 4);
    } else {
        for (size_t i = 0; i < len; i++) {
            if (p[i] >= 0x80)
                return mtl_utf8_fold_mixed(s, len, out, cap, i);
            q[i] = (unsigned char)mtl_ascii_lower(p[i]);
        }
    }
    q[len] = '\0';
    return len;
}

/*
 * Case-folds @p s into @p buf, or into a heap buffer (*heap, the caller
 * frees it) when it does not fit: the same folding for entries and for
 * lookups whatever their length (a key longer than the stack buffer was
 * once stored unfolded and then never found).
 */
static size_t
mtl_lex_fold(const char *s, size_t len, char *buf, size_t cap, char **heap)
{
    *heap = NULL;
    size_t fl = mtl_utf8_fold(s, len, buf, cap);
    if (fl != (size_t)-1 || len < cap / 4)
        return fl;
    /* a fold never takes more than three times the bytes (U+0390 -> 3
     * code points of 2 bytes from 2 bytes), plus the NUL */
    size_t big = len * 3 + 16;
    *heap = mtl_xmalloc(big);
    fl = mtl_utf8_fold(s, len, *heap, big);
    if (fl == (size_t)-1) {
        free(*heap);
        *heap = NULL;
    }
    return fl;
}

static char *
mtl_lex_keep(mtl_lexicon *lex, const char *s, size_t n)
{
    mtl_grow((void **)&lex->strings, &lex->capstrings, lex->nstrings + 1,
             sizeof(char *));
    char *d = mtl_xstrndup(s, n);
    lex->strings[lex->nstrings++] = d;
    return d;
}

/* Trims and collapses inner white space into one ASCII space. */
static size_t
mtl_lex_clean(const char *s, size_t n, char *out)
{
    size_t o = 0, i = 0;
    bool space = false;
    while (i < n) {
        size_t st = i;
        int32_t cp = mtl_utf8_next(s, n, &i);
        if (mtl_cp_is_space(cp)) {
            space = o > 0;
            continue;
        }
        if (space) {
            out[o++] = ' ';
            space = false;
        }
        memcpy(out + o, s + st, i - st);
        o += i - st;
    }
    out[o] = '\0';
    return o;
}

static void
mtl_lex_add(mtl_lexicon *lex, const char *text, size_t len,
            const char *section, const char *canonical, unsigned line)
{
    mtl_grow((void **)&lex->entries, &lex->cap, lex->n + 1,
             sizeof(mtl_lex_entry));
    mtl_lex_entry *e = &lex->entries[lex->n++];
    e->text = mtl_lex_keep(lex, text, len);
    e->len = len;
    char fb[1024];
    char *heap = NULL;
    size_t fl = mtl_lex_fold(text, len, fb, sizeof fb, &heap);
    if (fl == (size_t)-1) {
        e->folded = e->text;
        e->folded_len = len;
    } else {
        e->folded = mtl_lex_keep(lex, heap ? heap : fb, fl);
        e->folded_len = fl;
    }
    free(heap);
    e->section = section;
    e->canonical = canonical ? canonical : e->text;
    e->line = line;
    e->next_fold = NULL;
}

static void
mtl_lex_index(mtl_lexicon *lex)
{
    lex->nodes = mtl_xcalloc(lex->n * 2 + 1, sizeof(mtl_lex_node));
    for (size_t i = 0; i < lex->n; i++) {
        mtl_lex_entry *e = &lex->entries[i];
        mtl_lex_node *found;
        HASH_FIND(hh, lex->exact, e->text, e->len, found);
        if (!found) {
            mtl_lex_node *nd = &lex->nodes[2 * i];
            nd->key = e->text;
            nd->klen = e->len;
            nd->entry = i;
            HASH_ADD_KEYPTR(hh, lex->exact, nd->key, nd->klen, nd);
        }
        HASH_FIND(hh, lex->fold, e->folded, e->folded_len, found);
        if (found) {
            size_t j = found->entry;
            while (lex->entries[j].next_fold)
                j = (size_t)(lex->entries[j].next_fold - lex->entries);
            lex->entries[j].next_fold = e;
        } else {
            mtl_lex_node *nd = &lex->nodes[2 * i + 1];
            nd->key = e->folded;
            nd->klen = e->folded_len;
            nd->entry = i;
            HASH_ADD_KEYPTR(hh, lex->fold, nd->key, nd->klen, nd);
        }
    }
}

mtl_lexicon *
mtl_lexicon_parse(const char *data, size_t len, const char *name,
                  mtl_error *err)
{
    mtl_lexicon *lex = mtl_xcalloc(1, sizeof *lex);
    const char *section = mtl_lex_keep(lex, "", 0);
    char *buf = mtl_xmalloc(len + 1);
    unsigned lineno = 0;
    size_t pos = 0;
    while (pos < len) {
        const char *nl = memchr(data + pos, '\n', len - pos);
        size_t end = nl ? (size_t)(nl - data) : len;
        const char *line = data + pos;
        size_t n = end - pos;
        pos = end + 1;
        lineno++;
        if (lineno == 1 && n >= 3 && memcmp(line, "\xEF\xBB\xBF", 3) == 0) {
            line += 3;
            n -= 3;
        }
        if (memchr(line, '\0', n) || !mtl_utf8_valid(line, n)) {
            mtl_set_error(err, MTL_EDATA,
                          "%s:%u: not valid UTF-8 text; save the file as "
                          "UTF-8", name, lineno);
            free(buf);
            mtl_lexicon_free(lex);
            return NULL;
        }
        size_t cl = mtl_lex_clean(line, n, buf);
        if (cl == 0 || buf[0] == '#')
            continue;
        if (buf[0] == '[') {
            if (buf[cl - 1] != ']' || cl < 3) {
                mtl_set_error(err, MTL_EDATA,
                              "%s:%u: malformed section line '%s'; write "
                              "[name]", name, lineno, buf);
                free(buf);
                mtl_lexicon_free(lex);
                return NULL;
            }
            section = mtl_lex_keep(lex, buf + 1, cl - 2);
            continue;
        }
        /* synonyms: canonical|variant|variant */
        const char *canonical = NULL;
        size_t start = 0;
        for (size_t i = 0; i <= cl; i++) {
            if (i == cl || buf[i] == '|') {
                size_t a = start, b = i;
                while (a < b && buf[a] == ' ')
                    a++;
                while (b > a && buf[b - 1] == ' ')
                    b--;
                if (b > a) {
                    mtl_lex_add(lex, buf + a, b - a, section, canonical,
                                lineno);
                    if (!canonical)
                        canonical = lex->entries[lex->n - 1].text;
                }
                start = i + 1;
            }
        }
    }
    free(buf);
    mtl_lex_index(lex);
    return lex;
}

mtl_lexicon *
mtl_lexicon_load(const char *path, mtl_error *err)
{
    char *data;
    size_t n;
    int e = mtl_read_file(path, &data, &n);
    if (e) {
        mtl_set_error(err, MTL_EIO, "cannot read lexicon '%s': %s", path,
                      strerror(e));
        return NULL;
    }
    mtl_lexicon *lex = mtl_lexicon_parse(data, n, path, err);
    free(data);
    return lex;
}

void
mtl_lexicon_free(mtl_lexicon *lex)
{
    if (!lex)
        return;
    HASH_CLEAR(hh, lex->exact);
    HASH_CLEAR(hh, lex->fold);
    for (size_t i = 0; i < lex->nstrings; i++)
        free(lex->strings[i]);
    free(lex->strings);
    free(lex->nodes);
    free(lex->entries);
    free(lex);
}

const mtl_lex_entry *
mtl_lexicon_get(const mtl_lexicon *lex, const char *s, size_t len)
{
    if (!lex)
        return NULL;
    mtl_lex_node *nd;
    HASH_FIND(hh, lex->exact, s, len, nd);
    return nd ? &lex->entries[nd->entry] : NULL;
}

const mtl_lex_entry *
mtl_lexicon_get_fold(const mtl_lexicon *lex, const char *s, size_t len)
{
    if (!lex)
        return NULL;
    char fb[1024];
    char *heap = NULL;
    size_t fl = mtl_lex_fold(s, len, fb, sizeof fb, &heap);
    mtl_lex_node *nd = NULL;
    if (fl != (size_t)-1)
        HASH_FIND(hh, lex->fold, heap ? heap : fb, fl, nd);
    else
        HASH_FIND(hh, lex->fold, s, len, nd); /* stored as it was */
    free(heap);
    return nd ? &lex->entries[nd->entry] : NULL;
}

const mtl_lex_entry *
mtl_lexicon_get_folded(const mtl_lexicon *lex, const char *s, size_t len,
                       uint64_t hash)
{
    if (!lex)
        return NULL;
    mtl_lex_node *nd;
    HASH_FIND_BYHASHVALUE(hh, lex->fold, s, len, (unsigned)hash, nd);
    return nd ? &lex->entries[nd->entry] : NULL;
}

const mtl_lex_entry *
mtl_lexicon_entries(const mtl_lexicon *lex, size_t *n)
{
    if (!lex) {
        *n = 0;
        return NULL;
    }
    *n = lex->n;
    return lex->entries;
}
