/*
 * speller.h - a Hunspell handle for one language and one thread, with a
 * cache in front.  Hunspell handles are not thread-safe (DESIGN.md): each
 * checker owns its own.
 */
#ifndef MTL_SPELLER_H
#define MTL_SPELLER_H

#include <stddef.h>

typedef struct mtl_speller mtl_speller;

/* NULL when the dictionary cannot be opened. */
mtl_speller *mtl_speller_new(const char *aff, const char *dic);
void mtl_speller_free(mtl_speller *sp);
/* 1 known, 0 unknown. */
int mtl_speller_check(mtl_speller *sp, const char *word, size_t len);
int mtl_speller_suggest(mtl_speller *sp, const char *word, size_t len,
                        char *buf, size_t width, int max);

#endif
