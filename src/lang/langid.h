/*
 * langid.h - language identification of a document on a bounded sample.
 */
#ifndef MTL_LANGID_H
#define MTL_LANGID_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/* CLD2 on @p text, valid UTF-8 without a character CLD2 does not take as
 * interchange-valid (C0 controls but tab, newline, form feed and carriage
 * return; DEL, C1 controls, noncharacters): langid.c answers "und" for
 * those without asking CLD2.  Writes a language code ("en", "zh", "und")
 * into @p code.  Returns 1 when CLD2 calls the result reliable.  Most
 * texts take a faster front end to CLD2 (cld2_bridge.cc, mtl_cld2_fast);
 * the answer is the same as mtl_cld2_detect_cld2's, CLD2 alone, kept for
 * tests/unit/test_langid.c to compare with. */
int mtl_cld2_detect(const char *text, int len, char *code, size_t cap,
                    double *confidence, int *text_bytes);
int mtl_cld2_detect_cld2(const char *text, int len, char *code, size_t cap,
                         double *confidence, int *text_bytes);

/*
 * Identifies the language of a document from a bounded sample (at most
 * MTL_LANGID_SAMPLE bytes taken from the start, middle and end, cut at
 * character boundaries, invalid bytes replaced by spaces).  Writes the
 * BCP 47 primary code ("en", "zh", "und") and a confidence in 0..1.
 * CLD2 costs about 175 instructions a byte (285 before cld2_bridge.cc's
 * mtl_cld2_fast, which gives the same answers): 384 bytes gives the same
 * language as 512 bytes, 1 KB and 2 KB did on every bench and peer document
 * measured (7,639 documents of the 20 MB bench, the corpus, the peers'
 * UDHR and extraction benchmark, two blind sets of 48 articles and 60
 * clean texts: one confidence changed, no language, flag or score),
 * once the unsure answers take the second look below (README: "What a
 * check costs").
 */
#define MTL_LANGID_SAMPLE 384
/* ... and when CLD2 is not sure of the answer on that (not reliable, or
 * under this confidence), on at most this many bytes. */
#define MTL_LANGID_SURE 0.9
#define MTL_LANGID_SAMPLE_MAX 4096
void mtl_langid(const char *text, size_t len, char *code, size_t cap,
                double *confidence);

/* Language of a short span (a sentence) at full length, for the language
 * detector.  Same outputs; *text_bytes gets the letters CLD2 used. */
void mtl_langid_span(const char *text, size_t len, char *code, size_t cap,
                     double *confidence, int *text_bytes);

#ifdef __cplusplus
}
#endif

#endif
