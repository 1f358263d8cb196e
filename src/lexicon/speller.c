/*
 * speller.c - Hunspell wrapper: one handle per thread and language, a
 * direct-mapped cache of 64-bit word hashes in front of it, and every
 * suggestion list freed with Hunspell_free_list.
 */
#include "speller.h"

#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <hunspell/hunspell.h>

#include "../batch.h"
#include "../util/util.h"

#define MTL_SPELL_CACHE 65536 /* slots, a power of two: 1 MiB */
#define MTL_SPELL_MAXWORD 200

typedef struct mtl_spell_slot {
    uint64_t hash; /* 0 = empty */
    int result;
} mtl_spell_slot;

struct mtl_speller {
    Hunhandle *h;
    mtl_spell_slot cache[MTL_SPELL_CACHE];
};

/*
 * Hunspell keeps process-wide state behind its handles (the UTF-8 case
 * tables, reference-counted without a lock in hunspell 1.7): two threads
 * creating or destroying handles at once can leak or free that table under
 * the other's feet.  Creation and destruction are therefore serialised;
 * lookups on distinct handles need no lock.
 */
static pthread_mutex_t hunspell_lifecycle = PTHREAD_MUTEX_INITIALIZER;

mtl_speller *
mtl_speller_new(const char *aff, const char *dic)
{
    pthread_mutex_lock(&hunspell_lifecycle);
    Hunhandle *h = Hunspell_create(aff, dic);
    pthread_mutex_unlock(&hunspell_lifecycle);
    if (!h)
        return NULL;
    mtl_speller *sp = mtl_xcalloc(1, sizeof *sp);
    sp->h = h;
    return sp;
}

void
mtl_speller_free(mtl_speller *sp)
{
    if (!sp)
        return;
    pthread_mutex_lock(&hunspell_lifecycle);
    Hunspell_destroy(sp->h);
    pthread_mutex_unlock(&hunspell_lifecycle);
    free(sp);
}

int
mtl_speller_check(mtl_speller *sp, const char *word, size_t len)
{
    if (len == 0 || len > MTL_SPELL_MAXWORD)
        return 0;
    uint64_t hv = mtl_hash64(word, len, 0x5eed) | 1;
    mtl_spell_slot *slot = &sp->cache[hv & (MTL_SPELL_CACHE - 1)];
    if (slot->hash == hv)
        return slot->result;
    char buf[MTL_SPELL_MAXWORD + 1];
    memcpy(buf, word, len);
    buf[len] = '\0';
    int r = Hunspell_spell(sp->h, buf) ? 1 : 0;
    slot->hash = hv;
    slot->result = r;
    return r;
}

int
mtl_speller_suggest(mtl_speller *sp, const char *word, size_t len, char *buf,
                    size_t width, int max)
{
    if (len == 0 || len > MTL_SPELL_MAXWORD || width == 0)
        return 0;
    char w[MTL_SPELL_MAXWORD + 1];
    memcpy(w, word, len);
    w[len] = '\0';
    char **list = NULL;
    int n = Hunspell_suggest(sp->h, &list, w);
    int k = 0;
    for (int i = 0; i < n && k < max; i++) {
        size_t l = strlen(list[i]);
        if (l >= width)
            continue;
        memcpy(buf + (size_t)k * width, list[i], l + 1);
        k++;
    }
    if (list)
        Hunspell_free_list(sp->h, &list, n);
    return k;
}
