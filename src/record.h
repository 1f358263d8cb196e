/*
 * record.h - internal entry points of the JSONL record reader, for the
 * tests: the jansson-only parse that the fast scanner must match.
 */
#ifndef MTL_RECORD_H
#define MTL_RECORD_H

#include <stdbool.h>
#include <stddef.h>

#include "mtlint.h"

/* mtl_record_parse() without the fast scanner: jansson only. */
mtl_record *mtl_record_parse_jansson(const char *line, size_t len,
                                     const mtl_record_fields *fields,
                                     char **id_out, mtl_error *err);

/* True if @p r came from the fast scanner. */
bool mtl_record_is_fast(const mtl_record *r);

#endif
