/*
 * speller.h - Hunspell for many threads with bounded memory.
 *
 * A Hunspell handle holds its whole dictionary (10-40 MB) and is not
 * thread-safe.  Each language has one pool of at most
 * MTL_SPELL_HANDLES_PER_LANG handles shared by every thread; a thread
 * borrows one for a single lookup.  In front of the handles the pool keeps
 * a cache of answers that every thread reads and fills (512 KiB per
 * language), so most lookups never reach a handle, a word is looked up in
 * Hunspell about once whatever the number of threads, and the borrowing
 * is rare enough not to contend; a further handle is opened only when
 * borrowers keep finding the others busy.  Memory for
 * dictionaries is therefore bounded by the number of languages met, not by
 * the number of threads.
 */
#ifndef MTL_SPELLER_H
#define MTL_SPELLER_H

#include <stddef.h>
#include <stdbool.h>
#include <stdint.h>

/* Handles per language, whatever the number of threads. */
#define MTL_SPELL_HANDLES_PER_LANG 2

/* The answers' cache of a language: slots, a power of two (speller.c) */
#define MTL_SPELL_CACHE 65536

typedef struct mtl_spell_pool mtl_spell_pool;
typedef struct mtl_speller mtl_speller;

/* A pool for one dictionary; no handle is opened before the first
 * lookup.  Never NULL. */
mtl_spell_pool *mtl_spell_pool_new(const char *aff, const char *dic,
                                   unsigned max_handles);
/* Handles opened so far (at most the bound). */
unsigned mtl_spell_pool_handles(mtl_spell_pool *pool);
/* Lookups the cache could not answer, so far (each asked Hunspell, or
 * found the dictionary cannot be opened). */
unsigned long mtl_spell_pool_asked(mtl_spell_pool *pool);
/* Gives @p pool a second dictionary of the same language (British
 * beside American English), asked
 * when the first does not know a word: a word either one knows is known.
 * @p pool takes @p alt over; set it before the first lookup. */
void mtl_spell_pool_set_alt(mtl_spell_pool *pool, mtl_spell_pool *alt);
/* A word the second dictionary knows is taken as known unless
 * @p refuse(@p ctx, word, len) is true (pt_BR beside pt_PT knows given
 * names in lower case: "maria").  Set it with the second dictionary. */
void mtl_spell_pool_set_alt_refuse(mtl_spell_pool *pool,
                                   bool (*refuse)(const void *ctx,
                                                  const char *word,
                                                  size_t len),
                                   const void *ctx);
/* Frees the pool and its handles; no lookup may be running. */
void mtl_spell_pool_free(mtl_spell_pool *pool);

/* A checker's way in to @p pool (one thread at a time). */
mtl_speller *mtl_speller_new(mtl_spell_pool *pool);
void mtl_speller_free(mtl_speller *sp);
/* 1 known, 0 unknown, -1 the dictionary cannot be opened. */
int mtl_speller_check(mtl_speller *sp, const char *word, size_t len);
/* mtl_speller_check() given the word's hash
 * mtl_hash64(word, len, MTL_LEXICON_SEED), for a caller that has it. */
int mtl_speller_check_hashed(mtl_speller *sp, const char *word, size_t len,
                             uint64_t hash);
/* The cache that @p sp's lookups read (MTL_SPELL_CACHE 8-byte slots), for
 * mtl_speller_prefetch. */
const void *mtl_speller_cache(const mtl_speller *sp);
/* Starts loading the cache line that mtl_speller_check_hashed() of a word
 * with hash @p hash will read (its pair of slots), for a caller that knows
 * the hashes of the words it will ask about: the cache (512 KiB a
 * language) is read at random, mostly from memory, and lookups one after
 * another each waited for their line.  @p cache: mtl_speller_cache(), or
 * NULL (nothing to load). */
static inline void
mtl_speller_prefetch(const void *cache, uint64_t hash)
{
    if (cache)
        __builtin_prefetch((const uint64_t *)cache +
                           (hash & (MTL_SPELL_CACHE - 1)));
}

/* Up to @p max suggestions, each NUL-terminated in a @p width-byte slot of
 * @p buf; returns how many. */
int mtl_speller_suggest(mtl_speller *sp, const char *word, size_t len,
                        char *buf, size_t width, int max);

#endif
