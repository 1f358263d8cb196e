/*
 * listset.h - membership in fixed word lists, in one hash set.
 *
 * The detectors keep small lists of function words, particles, titles and
 * abbreviations as NULL-terminated or counted arrays of string literals,
 * and ask for most words of a document whether they are in one of them.
 * One open-addressing set over (list, word) pairs, built once, answers in
 * one hash and about one comparison instead of a scan of the list.  The
 * set holds pointers to the lists' strings, which must outlive it (string
 * literals do).
 */
#ifndef MTL_LISTSET_H
#define MTL_LISTSET_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct mtl_listset_slot {
    const char *const *list; /* NULL: empty */
    const char *word;
    size_t len;
} mtl_listset_slot;

/* Bits of the set's filter (listset.c) */
#define MTL_LISTSET_FILTER_LOG2 13

typedef struct mtl_listset {
    mtl_listset_slot *slots; /* a power of two of them */
    size_t mask;             /* slots - 1 */
    size_t n;                /* words in the set */
    /* a bit per (list, length, first and last byte) of a word in the
     * set: most words asked about are in no list, and their bit, clear,
     * answers without hashing their bytes */
    uint64_t filter[((size_t)1 << MTL_LISTSET_FILTER_LOG2) / 64];
} mtl_listset;

/* An empty set over @p slots (a power of two, at least 2), cleared here;
 * keep it over twice the words it will hold. */
void mtl_listset_init(mtl_listset *set, mtl_listset_slot *slots,
                      size_t nslots);
/* Adds the words of @p list: @p n of them, or up to a NULL entry when
 * @p n is (size_t)-1.  Returns false if the set was too small to take
 * them all (one slot always stays empty, so lookups end). */
bool mtl_listset_add(mtl_listset *set, const char *const *list, size_t n);
/* True if the @p len bytes at @p w are a word of @p list. */
bool mtl_listset_has(const mtl_listset *set, const char *const *list,
                     const char *w, size_t len);

#endif
