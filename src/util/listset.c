/*
 * listset.c - membership in fixed word lists, in one hash set.
 */
#include "listset.h"

#include <stdint.h>
#include <string.h>

#include "../batch.h"

/* The slot of @p w in @p list, or the empty one where it would go. */
static size_t
mtl_listset_find(const mtl_listset *set, const char *const *list,
                 const char *w, size_t len)
{
    /* the list's address seeds the hash: the same word in two lists is
     * two entries */
    size_t j = (size_t)mtl_hash64_inline(w, len, (uint64_t)(uintptr_t)list) &
               set->mask;
    while (set->slots[j].list &&
           !(set->slots[j].list == list && set->slots[j].len == len &&
             memcmp(set->slots[j].word, w, len) == 0))
        j = (j + 1) & set->mask;
    return j;
}

/* The filter's bit for word w[0..len) of @p list: from the list, the
 * length and the first and last bytes, mixed by one multiplication. */
static inline size_t
mtl_listset_bit(const char *const *list, const char *w, size_t len)
{
    uint64_t b0 = len ? (unsigned char)w[0] : 0;
    uint64_t b1 = len ? (unsigned char)w[len - 1] : 0;
    uint64_t x = ((uint64_t)(uintptr_t)list >> 3) ^ (uint64_t)len << 40 ^
                 b0 << 48 ^ b1 << 56;
    x *= 0x9E3779B97F4A7C15ULL;
    return (size_t)(x >> (64 - MTL_LISTSET_FILTER_LOG2));
}

void
mtl_listset_init(mtl_listset *set, mtl_listset_slot *slots, size_t nslots)
{
    memset(slots, 0, nslots * sizeof *slots);
    set->slots = slots;
    set->mask = nslots - 1;
    set->n = 0;
    memset(set->filter, 0, sizeof set->filter);
}

bool
mtl_listset_add(mtl_listset *set, const char *const *list, size_t n)
{
    for (size_t i = 0; i < n && list[i]; i++) {
        size_t len = strlen(list[i]);
        size_t j = mtl_listset_find(set, list, list[i], len);
        if (set->slots[j].list)
            continue; /* listed twice */
        if (set->n >= set->mask) /* the last empty slot */
            return false;
        set->slots[j] = (mtl_listset_slot){list, list[i], len};
        set->n++;
        size_t b = mtl_listset_bit(list, list[i], len);
        set->filter[b / 64] |= (uint64_t)1 << (b % 64);
    }
    return true;
}

bool
mtl_listset_has(const mtl_listset *set, const char *const *list,
                const char *w, size_t len)
{
    size_t b = mtl_listset_bit(list, w, len);
    if (!(set->filter[b / 64] >> (b % 64) & 1))
        return false;
    return set->slots[mtl_listset_find(set, list, w, len)].list != NULL;
}
