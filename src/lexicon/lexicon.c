/*
 * lexicon.c - loader and lookups for the word and phrase lists in
 * lexicons/ (format in lexicon.h and lexicons/README.md).  Two uthash
 * tables index the entries: by exact text and by case-folded text.
 */
#include "lexicon.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <unicode/uchar.h>
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
    ((hashv) = (unsigned)mtl_hash64((keyptr), (size_t)(keylen), 0x1e8))
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

size_t
mtl_utf8_fold(const char *s, size_t len, char *out, size_t cap)
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
        if (!found) {
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
mtl_lexicon_entries(const mtl_lexicon *lex, size_t *n)
{
    if (!lex) {
        *n = 0;
        return NULL;
    }
    *n = lex->n;
    return lex->entries;
}
