/*
 * tokenize.h - fills an mtl_doc (doc.h) from UTF-8 bytes with ICU break
 * iterators running over a UText opened directly on the bytes.
 *
 * A tokenizer belongs to one thread: it owns its break iterators and the
 * token, sentence, line and paragraph arrays, which are reused from one
 * document to the next.
 *
 * What the tokenizer produces (the rules detectors may rely on):
 *   - Tokens are ICU UBRK_WORD segments; white space is never a token.  A
 *     segment's leading or trailing white space (a space followed by a
 *     combining mark) is left in the gap.  White space is the Unicode
 *     White_Space property, so NBSP and the other Zs count.
 *   - Kind: rule status 100-199 is NUMBER, unless the token has a letter
 *     ("Ming37", "APT31": ICU gives them a number status), then WORD;
 *     200-299 WORD; 300-399 KANA; 400-499 IDEO; status NONE is PUNCT when
 *     the first character is punctuation or a symbol (emoji included),
 *     otherwise OTHER (controls, format characters, lone combining marks,
 *     U+FFFD and invalid bytes).
 *   - ICU keeps letters joined across '.' and '\'' between letters:
 *     "report.The", "U.S" (the final '.' is its own token), "don't" and
 *     "x.com" are one WORD token each; "a:b" is three tokens.  ICU counts
 *     '@' as a letter: "user@example.com" is one WORD token.  Digits
 *     glued to letters ("Ming37", "25th") are one token too, and so does
 *     '_' ("__init__", "___").  Every other punctuation character is a
 *     token of its own; an emoji with its modifiers, or a flag, is one
 *     token.
 *   - Line breaks are "\n", "\r\n" and "\r" (a CRLF is one break); other
 *     Unicode line separators are white space.  Lines: every line, blank
 *     ones included; a document ending in a line break has no empty last
 *     line; an empty document has no line.
 *   - Sentences: the boundaries of ICU's UBRK_SENTENCE iterator (UAX #29,
 *     with the locale's abbreviations: "Mr. Smith" is one sentence in
 *     English) at token starts, plus every line start: a sentence never
 *     spans two lines (a headline without a full stop is a sentence).
 *     A boundary inside a token is ignored.
 *   - Paragraphs: runs of non-blank lines; a blank line holds no token.
 *   - Columns and nchars count code points; each invalid byte counts as
 *     one (ICU shows a maximal invalid subsequence as one U+FFFD).
 *   - token->script is the script of the first letter whose script is not
 *     Common or Inherited (else the first letter's, else 0).
 *     MTL_TF_MIXED_SCRIPT ignores Common and Inherited and treats Han,
 *     Hiragana, Katakana, Hangul and Bopomofo as one script (Japanese
 *     "食べる" is not mixed).
 *   - Casing: UPPER needs two cased letters; a titlecase letter (U+01C5)
 *     counts as upper; "A" is TITLE.
 */
#ifndef MTL_TOKENIZE_H
#define MTL_TOKENIZE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "../doc.h"
#include "../mtlint.h"

typedef struct mtl_tokenizer mtl_tokenizer;

/*
 * Makes a tokenizer.  @p locale (NULL or "" for root) chooses the sentence
 * iterator's abbreviation list; words always use the root rules, which
 * already segment Chinese, Japanese, Thai, Khmer, Lao and Burmese with
 * ICU's dictionaries.  Returns NULL and fills @p err (may be NULL) on
 * failure.  Free with mtl_tokenizer_free().
 */
mtl_tokenizer *mtl_tokenizer_new(const char *locale, mtl_error *err);

/* Frees a tokenizer; NULL does nothing. */
void mtl_tokenizer_free(mtl_tokenizer *tk);

/*
 * Selects the sentence rules for @p lang (a BCP 47 tag; NULL, "" or "und"
 * for root) for the next documents.  Iterators are opened once per
 * language and kept (a few languages at most).  Returns MTL_OK, or
 * MTL_EICU / MTL_ENOMEM, the previous rules staying in force.
 */
int mtl_tokenizer_set_lang(mtl_tokenizer *tk, const char *lang);

/* True when the current language's abbreviations are decided without
 * asking ICU's sentence iterator (its exception filter is replayed, after
 * a check against ICU when the language was set); for the tests. */
bool mtl_tokenizer_replays_exceptions(const mtl_tokenizer *tk);

/*
 * Tokenizes @p len bytes at @p text (any bytes: invalid UTF-8 and NUL are
 * allowed) into @p doc: sets text, len, toks, sents, lines, paras and
 * words, and leaves the other fields alone.  The arrays belong to the
 * tokenizer and stay valid until its next mtl_tokenize() or free.
 * Returns MTL_OK, MTL_ETOOBIG (over INT32_MAX bytes: ICU indexes are
 * int32_t), MTL_ENOMEM or MTL_EICU; on error @p doc holds no tokens.
 */
int mtl_tokenize(mtl_tokenizer *tk, const char *text, size_t len,
                 mtl_doc *doc);

/*
 * Internal, for tests and benchmarks.
 *
 * mtl_word_segments() runs the word segmentation of mtl_tokenize() (the
 * fast path of tokenize.c with ICU where it gives up) over @p len bytes
 * at @p text: the end of segment k goes to @p ends[k] and its ICU rule
 * status (UBRK_WORD_NONE, _NUMBER...) to @p status[k], for k < @p cap.
 * Returns the number of segments (which may exceed @p cap), or -1 (text
 * over INT32_MAX bytes, ICU error); *nfast (may be NULL) gets how many
 * the fast path found.  A plain ICU UBRK_WORD pass must give the same.
 *
 * mtl_tokenizer_fast_words() turns the fast path on or off (it stays off
 * if it disagreed with ICU when the tokenizer was made) and returns
 * whether it was on.
 */
int64_t mtl_word_segments(mtl_tokenizer *tk, const char *text, size_t len,
                          int32_t *ends, int32_t *status, size_t cap,
                          size_t *nfast);
bool mtl_tokenizer_fast_words(mtl_tokenizer *tk, bool on);

#endif
