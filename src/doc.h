/*
 * doc.h - the tokenized document every detector reads.
 *
 * Tokens do not copy text: they store byte offsets into the document's
 * buffer.  Spaces are not tokens; the bytes between two tokens are the gap,
 * and MTL_TF_SPACE_BEFORE / MTL_TF_NEWLINE_BEFORE describe it.
 */
#ifndef MTL_DOC_H
#define MTL_DOC_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "mtlint.h"
#include "util/util.h"

typedef enum mtl_tok_kind {
    MTL_TOK_WORD = 0, /* letters (ICU UBRK_WORD_LETTER) */
    MTL_TOK_NUMBER,   /* UBRK_WORD_NUMBER: 12, 3.5, 10,000 */
    MTL_TOK_IDEO,     /* ideographic word (Han) */
    MTL_TOK_KANA,     /* kana word */
    MTL_TOK_PUNCT,    /* punctuation or symbol, one token per ICU segment */
    MTL_TOK_OTHER     /* anything else ICU returns with status NONE */
} mtl_tok_kind;

typedef enum mtl_case {
    MTL_CASE_NONE = 0, /* no cased letter */
    MTL_CASE_LOWER,    /* paris */
    MTL_CASE_TITLE,    /* Paris (first upper, rest lower) */
    MTL_CASE_UPPER,    /* NATO (two or more letters, all upper) */
    MTL_CASE_MIXED     /* iPhone, GarlandHe, McDonald */
} mtl_case;

/* Token flag bits. */
enum {
    MTL_TF_LETTER = 1u << 0,         /* has a letter */
    MTL_TF_DIGIT = 1u << 1,          /* has a decimal digit */
    MTL_TF_ASCII = 1u << 2,          /* all bytes < 0x80 */
    MTL_TF_SPACE_BEFORE = 1u << 3,   /* gap before it has white space */
    MTL_TF_NEWLINE_BEFORE = 1u << 4, /* gap before it has a line break */
    MTL_TF_SENT_START = 1u << 5,     /* first token of a sentence */
    MTL_TF_LINE_START = 1u << 6,     /* first token of a line */
    MTL_TF_PARA_START = 1u << 7,     /* first token of a paragraph */
    MTL_TF_INVALID = 1u << 8,        /* contains invalid UTF-8 */
    MTL_TF_UPPER_START = 1u << 9,    /* first letter is upper case */
    MTL_TF_MIXED_SCRIPT = 1u << 10,  /* letters of more than one script */
    MTL_TF_ALPHA = 1u << 11          /* ASCII letters only (A-Z, a-z) */
};

typedef struct mtl_token {
    uint32_t start; /* byte offset */
    uint32_t len;   /* bytes */
    uint32_t line;  /* 1-based */
    uint32_t col;   /* 1-based, code points */
    uint32_t sent;  /* sentence index */
    uint32_t para;  /* paragraph index */
    uint16_t flags; /* MTL_TF_* */
    uint16_t script; /* UScriptCode of its first letter (0 = common) */
    uint16_t nchars; /* code points, saturating at 65535 */
    uint8_t kind;   /* mtl_tok_kind */
    uint8_t casing; /* mtl_case */
} mtl_token;

/* A range of the document: a sentence, a line or a paragraph. */
typedef struct mtl_span {
    uint32_t start, end;       /* bytes, end exclusive, trimmed of spaces */
    uint32_t tok_first;        /* first token inside */
    uint32_t tok_count;        /* tokens inside */
} mtl_span;

typedef struct mtl_lang mtl_lang;

typedef struct mtl_doc {
    const char *text; /* the original bytes (not NUL-terminated in general) */
    size_t len;

    mtl_token *toks;
    size_t ntoks;
    mtl_span *sents;
    size_t nsents;
    mtl_span *lines; /* every line, blank ones with tok_count 0 */
    size_t nlines;
    mtl_span *paras; /* blank-line separated */
    size_t nparas;
    size_t words; /* tokens with letters, digits or ideographs */
    /* a word of letters, ideographs or kana (no number) has a script
     * (mtl_token.script) other than Latin, Common or Inherited */
    bool other_script;
    bool mixed_script; /* a token has MTL_TF_MIXED_SCRIPT */

    char lang[24];         /* BCP 47 tag used for the check ("und") */
    double lang_confidence;
    /* mtl_langid() on the whole document, when it has been run (it is run
     * once per document at most: detectors reuse it) */
    bool langid_done;
    char langid_code[24];
    double langid_conf;
    const mtl_lang *res;   /* language resources, never NULL */

    /* reference date, or 0: year*10000 + month*100 + day */
    int32_t ref_date;
    const char *id;
    const char *source;
} mtl_doc;

/* Line and column (1-based, code points) of byte offset @p off. */
void mtl_doc_linecol(const mtl_doc *doc, size_t off, size_t *line,
                     size_t *col);

/* Index of the first token whose start is >= @p off (ntoks if none). */
size_t mtl_doc_token_at(const mtl_doc *doc, size_t off);

/* The same from token @p from on, which starts at or before @p off. */
size_t mtl_doc_token_from(const mtl_doc *doc, size_t from, size_t off);

/* The next one-byte punctuation token that is the byte @p c, in text
 * order, found by searching the text for the byte rather than visiting
 * every token.  Start with *pos = 0 and *tok = 0 (they keep the place);
 * returns its index, or ntoks when there is none left. */
size_t mtl_doc_next_punct(const mtl_doc *doc, char c, size_t *pos,
                          size_t *tok);

/* True if the token is a word of some kind: letters, a number, an
 * ideographic or a kana word (not punctuation, symbols or the like). */
static inline bool
mtl_tok_is_word(const mtl_token *t)
{
    return t->kind == MTL_TOK_WORD || t->kind == MTL_TOK_NUMBER ||
           t->kind == MTL_TOK_IDEO || t->kind == MTL_TOK_KANA;
}

/* Pointer to a token's bytes. */
static inline const char *
mtl_tok_text(const mtl_doc *doc, const mtl_token *t)
{
    return doc->text + t->start;
}

/* True if the token's bytes equal the NUL-terminated @p s exactly.
 * Inline: @p s is mostly a literal, whose length is then a constant. */
static inline bool
mtl_tok_is(const mtl_doc *doc, const mtl_token *t, const char *s)
{
    size_t n = strlen(s);
    return n == t->len && memcmp(doc->text + t->start, s, n) == 0;
}

bool mtl_tok_is_char_multi(const mtl_doc *doc, const mtl_token *t,
                           uint32_t cp);

/* True if the token is a one-character punctuation token equal to @p cp.
 * Inline: @p cp is mostly a constant, and mostly ASCII, told by a byte. */
static inline bool
mtl_tok_is_char(const mtl_doc *doc, const mtl_token *t, uint32_t cp)
{
    if (cp < 0x80)
        return t->len == 1 && (uint8_t)doc->text[t->start] == cp;
    return mtl_tok_is_char_multi(doc, t, cp);
}

uint32_t mtl_tok_first_cp_multi(const mtl_doc *doc, const mtl_token *t);

/* The first code point of the token: its first byte when that is ASCII,
 * which is what most tokens start with. */
static inline uint32_t
mtl_tok_first_cp(const mtl_doc *doc, const mtl_token *t)
{
    if (t->len != 0 && (uint8_t)doc->text[t->start] < 0x80)
        return (uint8_t)doc->text[t->start];
    return mtl_tok_first_cp_multi(doc, t);
}

/* One step of a walk over a paragraph's quotation marks and brackets:
 * @p cp, a punctuation token's first code point, updates *depth (quotes
 * open: symmetric marks " “ ” « » ‹ › open at depth 0 and close
 * otherwise, which handles “…”, «…», »…« and „…“; „ always opens) and
 * *paren (brackets open). */
static inline void
mtl_quote_step(uint32_t cp, int *depth, int *paren)
{
    switch (cp) {
    case 0x201E: /* „ */
        ++*depth;
        break;
    case '"':
    case 0x201C:
    case 0x201D:
    case 0x00AB:
    case 0x00BB:
    case 0x2039:
    case 0x203A:
        *depth = *depth > 0 ? *depth - 1 : 1;
        break;
    case '(':
    case '[':
        ++*paren;
        break;
    case ')':
    case ']':
        if (*paren > 0)
            --*paren;
        break;
    default:
        break;
    }
}

/* mtl_utf8_letters_only() of token @p t (its bytes at @p s): the
 * tokenizer's answer when it is ASCII. */
static inline bool
mtl_tok_letters_only(const char *s, const mtl_token *t)
{
    if (t->flags & MTL_TF_ASCII)
        return (t->flags & MTL_TF_ALPHA) != 0;
    return mtl_utf8_letters_only(s, t->len);
}

/* True if the gap between token i-1 and token i is empty (glued). */
static inline bool
mtl_tok_glued_prev(const mtl_doc *doc, size_t i)
{
    return i > 0 &&
           doc->toks[i - 1].start + doc->toks[i - 1].len == doc->toks[i].start;
}

/* The length of an elided article or preposition that opens word @p s
 * (@p n bytes): one to five letters and an apostrophe, straight or
 * curly ("l'", "dell'", "d’"), with more after it; 0 when there is none.
 * "l'ing." is the title "ing." after "l'". */
static inline size_t
mtl_elision_end(const char *s, size_t n)
{
    for (size_t k = 1; k <= 5 && k < n; k++) {
        unsigned char b = (unsigned char)s[k];
        if (b == '\'')
            return k + 1 < n ? k + 1 : 0;
        if (b == 0xE2 && k + 2 < n && (unsigned char)s[k + 1] == 0x80 &&
            (unsigned char)s[k + 2] == 0x99)
            return k + 3 < n ? k + 3 : 0;
        if (b < 'A' || (b > 'Z' && b < 'a') || b > 'z')
            return 0;
    }
    return 0;
}

#endif
