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
#include <stdint.h>

/* Handles per language, whatever the number of threads. */
#define MTL_SPELL_HANDLES_PER_LANG 2

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
/* Up to @p max suggestions, each NUL-terminated in a @p width-byte slot of
 * @p buf; returns how many. */
int mtl_speller_suggest(mtl_speller *sp, const char *word, size_t len,
                        char *buf, size_t width, int max);

#endif
