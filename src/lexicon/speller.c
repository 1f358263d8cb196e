/*
 * speller.c - Hunspell behind a bounded pool of handles per language and a
 * cache of 64-bit word hashes that all threads share; every suggestion
 * list freed with Hunspell_free_list.
 */
#include "speller.h"

#include <dlfcn.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <hunspell/hunspell.h>

#include "../batch.h"
#include "../util/util.h"
#include "lexicon.h"

/* MTL_SPELL_CACHE slots (speller.h), a power of two: 512 KiB.  A word
 * may be in either slot of its pair (hash & (MTL_SPELL_CACHE - 1), and
 * that with bit 0 flipped): with one slot a word, pairs of common words
 * that share it kept pushing each other out, and 2,107 of 5,944 Hunspell
 * lookups on 4 MB of the bench asked again about a word already
 * answered; with two, none did. */
_Static_assert((MTL_SPELL_CACHE & (MTL_SPELL_CACHE - 1)) == 0,
               "MTL_SPELL_CACHE a power of two");
#define MTL_SPELL_MAXWORD 200
#define MTL_SPELL_MAXHANDLES 16
#define MTL_SPELL_WAITS_PER_HANDLE 64

/*
 * Hunspell keeps one piece of process-wide state behind its handles: the
 * UTF-8 case table, made by the first handle of a UTF-8 dictionary and
 * freed when a reference count falls to 0.  In hunspell 1.7.1 (Debian 12)
 * neither the table's creation nor the count is locked (hunspell issue
 * #727, fixed upstream in 1.7.2): two threads creating handles at once
 * can build the table twice, or lose an increment, and a lost increment
 * lets a later destruction free the table under a live handle.
 *
 * So the table is made once, before any handle, and pinned: the library's
 * own initialize_utf_tbl() (exported, C++ linkage) is called
 * MTL_HUNSPELL_PIN times, which makes the table and holds that many
 * references for the life of the process.  Concurrent creations then only
 * increment the count (a lost increment costs one of the pin's references,
 * never the table), and destructions, which decrement it, are kept apart
 * from creations by the lifecycle lock, taken shared to create and
 * exclusive to destroy.  The six dictionaries of a multilingual batch are
 * then opened by the threads that first need them at the same time
 * instead of one after another (about half a second in all).  Where the
 * function cannot be found, every creation and destruction takes the lock
 * exclusive, as before.  Lookups on distinct handles need no lock.
 */
#define MTL_HUNSPELL_PIN (1u << 20)
static pthread_rwlock_t hunspell_lifecycle = PTHREAD_RWLOCK_INITIALIZER;
static pthread_once_t hunspell_pin_once = PTHREAD_ONCE_INIT;
static bool hunspell_pinned;

static void
mtl_hunspell_pin(void)
{
    /* void initialize_utf_tbl() in hunspell's csutil.hxx, looked up in
     * the library that Hunspell_create() comes from (which need not be in
     * the global namespace: the Python binding loads mtlint locally);
     * the handle is kept, a reference to a library loaded anyway */
    Hunhandle *(*create)(const char *, const char *) = Hunspell_create;
    void *addr, *lib = NULL, *sym = NULL;
    memcpy(&addr, &create, sizeof addr); /* a function's to an object's */
    Dl_info info;
    if (dladdr(addr, &info) && info.dli_fname)
        lib = dlopen(info.dli_fname, RTLD_LAZY | RTLD_NOLOAD);
    if (lib)
        sym = dlsym(lib, "_Z18initialize_utf_tblv");
    if (!sym)
        return;
    void (*init)(void);
    memcpy(&init, &sym, sizeof init); /* an object pointer to a function's */
    for (unsigned i = 0; i < MTL_HUNSPELL_PIN; i++)
        init();
    hunspell_pinned = true;
}

static Hunhandle *
mtl_hunspell_create(const char *aff, const char *dic)
{
    pthread_once(&hunspell_pin_once, mtl_hunspell_pin);
    if (hunspell_pinned)
        pthread_rwlock_rdlock(&hunspell_lifecycle);
    else
        pthread_rwlock_wrlock(&hunspell_lifecycle);
    Hunhandle *h = Hunspell_create(aff, dic);
    pthread_rwlock_unlock(&hunspell_lifecycle);
    return h;
}

struct mtl_spell_pool {
    char *aff, *dic;
    pthread_mutex_t mu;
    pthread_cond_t freed;
    unsigned max;       /* handles at most */
    unsigned created;   /* handles opened so far */
    unsigned waits;     /* borrowers that waited since the last opening */
    unsigned long borrows; /* borrowers since the last opening */
    bool broken;        /* the dictionary cannot be opened */
    Hunhandle *idle[MTL_SPELL_MAXHANDLES];
    unsigned nidle;
    Hunhandle *all[MTL_SPELL_MAXHANDLES];
    /*
     * Hunspell's answers, shared by every thread: a slot is one word, the
     * word's hash with bit 1 set (so that a used slot is never 0) and the
     * answer in bit 0.  A slot is read and written whole (relaxed atomics:
     * each value checks itself by its hash, so no ordering is needed), and
     * a word one thread has looked up is known to all: per-thread caches
     * each paid for the same misses, at some 17,000 instructions each.
     * The hash is the lexicons' (MTL_LEXICON_SEED), so that a caller that
     * has hashed its words for the lexicons anyway can pass it on
     * (mtl_speller_check_hashed).
     */
    _Atomic uint64_t *cache; /* MTL_SPELL_CACHE slots, 0 = empty */
    _Atomic unsigned long asked; /* words the cache could not answer */
    struct mtl_spell_pool *alt;  /* asked when this one does not know */
    /* the alt's "known" refused for these words (NULL: none) */
    bool (*alt_refuse)(const void *ctx, const char *word, size_t len);
    const void *alt_ctx;
};

#define MTL_SPELL_KEY(hv) (((hv) | 2) & ~(uint64_t)1)

struct mtl_speller {
    mtl_spell_pool *pool;
};

mtl_spell_pool *
mtl_spell_pool_new(const char *aff, const char *dic, unsigned max_handles)
{
    mtl_spell_pool *p = mtl_xcalloc(1, sizeof *p);
    p->aff = mtl_xstrdup(aff);
    p->dic = mtl_xstrdup(dic);
    pthread_mutex_init(&p->mu, NULL);
    pthread_cond_init(&p->freed, NULL);
    p->max = max_handles < 1 ? 1
             : max_handles > MTL_SPELL_MAXHANDLES ? MTL_SPELL_MAXHANDLES
                                                  : max_handles;
    p->cache = mtl_xcalloc_resident(MTL_SPELL_CACHE, sizeof *p->cache);
    return p;
}

void
mtl_spell_pool_set_alt(mtl_spell_pool *p, mtl_spell_pool *alt)
{
    mtl_spell_pool_free(p->alt);
    p->alt = alt;
}

void
mtl_spell_pool_set_alt_refuse(mtl_spell_pool *p,
                              bool (*refuse)(const void *ctx, const char *word,
                                             size_t len),
                              const void *ctx)
{
    p->alt_refuse = refuse;
    p->alt_ctx = ctx;
}

void
mtl_spell_pool_free(mtl_spell_pool *p)
{
    if (!p)
        return;
    mtl_spell_pool_free(p->alt);
    pthread_rwlock_wrlock(&hunspell_lifecycle);
    for (unsigned i = 0; i < p->created; i++)
        Hunspell_destroy(p->all[i]);
    pthread_rwlock_unlock(&hunspell_lifecycle);
    pthread_mutex_destroy(&p->mu);
    pthread_cond_destroy(&p->freed);
    free(p->cache);
    free(p->aff);
    free(p->dic);
    free(p);
}

unsigned long
mtl_spell_pool_asked(mtl_spell_pool *p)
{
    return atomic_load_explicit(&p->asked, memory_order_relaxed);
}

unsigned
mtl_spell_pool_handles(mtl_spell_pool *p)
{
    pthread_mutex_lock(&p->mu);
    unsigned n = p->created;
    pthread_mutex_unlock(&p->mu);
    return n;
}

/* Borrows a handle: an idle one, a new one while under the bound, or the
 * next one given back.  NULL when the dictionary cannot be opened. */
static Hunhandle *
mtl_spell_borrow(mtl_spell_pool *p)
{
    pthread_mutex_lock(&p->mu);
    p->borrows++;
    for (;;) {
        if (p->broken) {
            pthread_mutex_unlock(&p->mu);
            return NULL;
        }
        if (p->nidle > 0) {
            Hunhandle *h = p->idle[--p->nidle];
            pthread_mutex_unlock(&p->mu);
            return h;
        }
        /* a further handle (tens of MB, up to half a second to load)
         * only once borrowers keep finding all of them busy (64 waits, and
         * at least one borrower in a hundred): with the caches in front,
         * two threads rarely want one at the same time */
        if (p->created < p->max &&
            (p->created == 0 ||
             (p->waits >= MTL_SPELL_WAITS_PER_HANDLE &&
              p->waits * 100UL >= p->borrows)))
            break;
        p->waits++;
        pthread_cond_wait(&p->freed, &p->mu);
    }
    /* open a new handle outside the pool's lock (it takes a while), the
     * slot reserved so that the bound holds */
    unsigned slot = p->created++;
    p->waits = 0;
    p->borrows = 0;
    pthread_mutex_unlock(&p->mu);
    Hunhandle *h = NULL;
    /* Hunspell_create() "succeeds" on missing files (and prints to
     * stderr): check them first */
    if (access(p->aff, R_OK) == 0 && access(p->dic, R_OK) == 0)
        h = mtl_hunspell_create(p->aff, p->dic);
    pthread_mutex_lock(&p->mu);
    if (h) {
        p->all[slot] = h;
    } else {
        /* only the first handle can fail: the files are the same */
        p->broken = true;
        p->created--;
        pthread_cond_broadcast(&p->freed);
    }
    pthread_mutex_unlock(&p->mu);
    return h;
}

static void
mtl_spell_give_back(mtl_spell_pool *p, Hunhandle *h)
{
    pthread_mutex_lock(&p->mu);
    p->idle[p->nidle++] = h;
    pthread_cond_signal(&p->freed);
    pthread_mutex_unlock(&p->mu);
}

mtl_speller *
mtl_speller_new(mtl_spell_pool *pool)
{
    mtl_speller *sp = mtl_xcalloc(1, sizeof *sp);
    sp->pool = pool;
    return sp;
}

void
mtl_speller_free(mtl_speller *sp)
{
    free(sp);
}

const void *
mtl_speller_cache(const mtl_speller *sp)
{
    return (const void *)sp->pool->cache;
}

int
mtl_speller_check(mtl_speller *sp, const char *word, size_t len)
{
    if (len == 0 || len > MTL_SPELL_MAXWORD)
        return 0;
    return mtl_speller_check_hashed(sp, word, len,
                                    mtl_hash64(word, len, MTL_LEXICON_SEED));
}

/*
 * Hunspell's answer for a word the cache does not have, stored in @p slot
 * under @p key.  Apart from mtl_speller_check_hashed, and never inlined
 * there: its stack frame (the word's NUL-terminated copy) and saved
 * registers would otherwise be set up for every lookup, while most are
 * answered by the cache.
 */
__attribute__((noinline)) static int
mtl_speller_ask(mtl_spell_pool *pool, _Atomic uint64_t *slot, uint64_t key,
                const char *word, size_t len)
{
    char buf[MTL_SPELL_MAXWORD + 1];
    memcpy(buf, word, len);
    buf[len] = '\0';
    atomic_fetch_add_explicit(&pool->asked, 1, memory_order_relaxed);
    Hunhandle *h = mtl_spell_borrow(pool);
    if (!h)
        return -1;
    int r = Hunspell_spell(h, buf) ? 1 : 0;
    mtl_spell_give_back(pool, h);
    if (r == 0 && pool->alt) {
        /* one handle at a time: never hold one while waiting for one */
        Hunhandle *a = mtl_spell_borrow(pool->alt);
        if (a) {
            r = Hunspell_spell(a, buf) ? 1 : 0;
            mtl_spell_give_back(pool->alt, a);
            if (r && pool->alt_refuse &&
                pool->alt_refuse(pool->alt_ctx, word, len))
                r = 0;
        }
    }
    atomic_store_explicit(slot, key | (uint64_t)r, memory_order_relaxed);
    return r;
}

int
mtl_speller_check_hashed(mtl_speller *sp, const char *word, size_t len,
                         uint64_t hv)
{
    if (len == 0 || len > MTL_SPELL_MAXWORD)
        return 0;
    uint64_t key = MTL_SPELL_KEY(hv);
    /* two slots a word, side by side (one cache line) */
    size_t i = hv & (MTL_SPELL_CACHE - 1);
    _Atomic uint64_t *slot = &sp->pool->cache[i];
    uint64_t v = atomic_load_explicit(slot, memory_order_relaxed);
    if ((v & ~(uint64_t)1) == key)
        return (int)(v & 1);
    _Atomic uint64_t *other = &sp->pool->cache[i ^ 1];
    uint64_t w = atomic_load_explicit(other, memory_order_relaxed);
    if ((w & ~(uint64_t)1) == key)
        return (int)(w & 1);
    /* a new word goes to an empty slot of the two, or else to the one a
     * bit of its hash (not one of the index's) picks */
    if (v != 0 && (w == 0 || (hv >> 32) & 1))
        slot = other;
    return mtl_speller_ask(sp->pool, slot, key, word, len);
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
    Hunhandle *h = mtl_spell_borrow(sp->pool);
    if (!h)
        return 0;
    char **list = NULL;
    int n = Hunspell_suggest(h, &list, w);
    int k = 0;
    for (int i = 0; i < n && k < max; i++) {
        size_t l = strlen(list[i]);
        if (l >= width)
            continue;
        memcpy(buf + (size_t)k * width, list[i], l + 1);
        k++;
    }
    if (list)
        Hunspell_free_list(h, &list, n);
    mtl_spell_give_back(sp->pool, h);
    return k;
}
