/*
 * encoding.c - the `encoding` detector (category `encoding`): broken
 * rendering left in scraped text.
 *
 *   mojibake          UTF-8 decoded with a single-byte code page (Latin-1,
 *                     Windows-125x, MacRoman, CP437), possibly several
 *                     times; the suggestion is the repaired text
 *   invalid-utf8      bytes that are not UTF-8
 *   replacement-char  U+FFFD
 *   control-char      C0 controls except tab, LF, CR; DEL; C1 controls
 *   html-entity       &amp; &#8217; &nbsp; (also double-escaped) left in
 *   mixed-script      a word with a look-alike letter of another alphabet
 *
 * Mojibake: a run of non-ASCII characters is encoded back to each code page
 * in turn and the bytes are parsed as UTF-8.  A repair is kept only when
 * the original looks like mojibake and the repair looks better, measured
 * with a "badness" count of unlikely character pairs modelled on ftfy's
 * badness heuristic (rspeer/python-ftfy, Apache-2.0).  Runs that decode
 * cleanly but are not bad by themselves (Cyrillic mojibake such as
 * "РјРёСЂ") are repaired only when the same line has a confirmed
 * run from the same code page.
 *
 * The common case, clean UTF-8 with nothing suspicious, costs one byte scan.
 */
#include <limits.h>
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <unicode/uchar.h>
#include <unicode/uscript.h>

#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include "../util/util.h"
#include "detector.h"
#include "encoding_tables.h"

/* ------------------------------------------------------ character classes */

enum {
    EC_C1 = 1u << 0,
    EC_BAD = 1u << 1,
    EC_LAW = 1u << 2,
    EC_CUR = 1u << 3,
    EC_SP = 1u << 4,  /* start punctuation */
    EC_EP = 1u << 5,  /* end punctuation */
    EC_NUM = 1u << 6,
    EC_KAO = 1u << 7, /* letters used in kaomoji */
    EC_UA = 1u << 8,  /* upper-case accented Latin */
    EC_LA = 1u << 9,  /* lower-case accented Latin */
    EC_UC = 1u << 10, /* upper-case Greek, Cyrillic, thorn */
    EC_LC = 1u << 11, /* lower-case Greek, Cyrillic */
    EC_BOX = 1u << 12,
    EC_COMMON = 1u << 13
};

static unsigned
mtl_enc_cls(int32_t c)
{
    if (c < 0x80)
        return 0;
    if (c <= 0x9F)
        return EC_C1;
    if (c <= 0xFF) {
        switch (c) {
        case 0xA0: case 0xAD: case 0xB7: case 0xB4:
            return EC_COMMON;
        case 0xA6: case 0xA4: case 0xA8: case 0xAC: case 0xAF: case 0xB8:
        case 0xAA: case 0xBA:
            return EC_BAD;
        case 0xB6: case 0xA7:
            return EC_LAW;
        case 0xA2: case 0xA3: case 0xA5:
            return EC_CUR;
        case 0xA1: case 0xAB: case 0xBF: case 0xA9:
            return EC_SP;
        case 0xAE: case 0xBB:
            return EC_EP;
        case 0xB2: case 0xB3: case 0xB9: case 0xB1: case 0xBC: case 0xBD:
        case 0xBE: case 0xD7: case 0xB5: case 0xF7:
            return EC_NUM;
        case 0xB0:
            return EC_KAO;
        case 0xDE:
            return EC_UC;
        case 0xDF:
            return EC_LA;
        case 0xD8: case 0xDD:
            return EC_UA;
        case 0xDC:
            return EC_UA | EC_KAO;
        case 0xFC:
            return EC_LA | EC_KAO;
        default:
            break;
        }
        if (c >= 0xC0 && c <= 0xD1)
            return EC_UA;
        if (c >= 0xE0 && c <= 0xF1)
            return EC_LA;
        if ((c >= 0xD2 && c <= 0xD6) || (c >= 0xD9 && c <= 0xDB) ||
            (c >= 0xF2 && c <= 0xF6) || (c >= 0xF8 && c <= 0xFB))
            return EC_KAO;
        return 0;
    }
    switch (c) {
    case 0x0102: case 0x0100: case 0x0104: case 0x0106: case 0x010C:
    case 0x010E: case 0x0110: case 0x0118: case 0x011A: case 0x0112:
    case 0x0116: case 0x011E: case 0x0122: case 0x0130: case 0x012A:
    case 0x0136: case 0x0139: case 0x013D: case 0x0141: case 0x013B:
    case 0x0143: case 0x0147: case 0x0145: case 0x0152: case 0x0158:
    case 0x015A: case 0x015E: case 0x0160: case 0x0162: case 0x0164:
    case 0x016E: case 0x0170: case 0x0178: case 0x0179: case 0x017B:
    case 0x017D: case 0x0490:
        return EC_UA;
    case 0x0103: case 0x0105: case 0x0101: case 0x0107: case 0x010D:
    case 0x010F: case 0x0111: case 0x0119: case 0x011B: case 0x0113:
    case 0x0117: case 0x011F: case 0x0123: case 0x012F: case 0x012B:
    case 0x0137: case 0x013A: case 0x013E: case 0x0142: case 0x013C:
    case 0x0153: case 0x0155: case 0x015B: case 0x015F: case 0x0161:
    case 0x0165: case 0x017A: case 0x017C: case 0x017E: case 0x0491:
    case 0xFB01: case 0xFB02:
        return EC_LA;
    case 0x0150: case 0x014C: case 0x016A: case 0x0172:
        return EC_KAO;
    case 0x0192: case 0x02C6: case 0x02C7: case 0x02D8: case 0x02DB:
    case 0x02DC: case 0x2020: case 0x2021: case 0x2030: case 0x2310:
    case 0x25CA: case 0xFFFD:
        return EC_BAD;
    case 0x20A7: case 0x20AC:
        return EC_CUR;
    case 0x0384: case 0x0385: case 0x2018: case 0x201A: case 0x201C:
    case 0x201E: case 0x2022: case 0x2039: case 0xF8FF:
        return EC_SP;
    case 0x02DD: case 0x201D: case 0x203A: case 0x2122:
        return EC_EP;
    case 0x2044: case 0x2202: case 0x2206: case 0x220F: case 0x2211:
    case 0x221A: case 0x221E: case 0x2229: case 0x222B: case 0x2248:
    case 0x2260: case 0x2261: case 0x2264: case 0x2265: case 0x2116:
        return EC_NUM;
    case 0x2013: case 0x2014: case 0x2015: case 0x2026: case 0x2019:
        return EC_COMMON;
    case 0x0386: case 0x0388: case 0x0389: case 0x038A: case 0x038C:
    case 0x038E: case 0x038F: case 0x03AA: case 0x03AB:
        return EC_UC;
    case 0x03AC: case 0x03AD: case 0x03AE: case 0x03AF: case 0x03B0:
        return EC_LC;
    case 0x2502: case 0x250C: case 0x2510: case 0x2518: case 0x251C:
    case 0x2524: case 0x252C: case 0x253C: case 0x2580: case 0x2584:
    case 0x2588: case 0x258C: case 0x2590: case 0x2591: case 0x2592:
    case 0x2593:
        return EC_BOX;
    default:
        break;
    }
    if ((c >= 0x0391 && c <= 0x03A9) || (c >= 0x0401 && c <= 0x042F))
        return EC_UC;
    if ((c >= 0x03B1 && c <= 0x03C9) || (c >= 0x0430 && c <= 0x045F))
        return EC_LC;
    if (c >= 0x2550 && c <= 0x256C)
        return EC_BOX;
    return 0;
}

static bool
mtl_enc_is_az(int32_t c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static bool
mtl_enc_is_lower_az(int32_t c)
{
    return c >= 'a' && c <= 'z';
}

static bool
mtl_enc_is_w(int32_t c)
{
    if (c < 0)
        return false;
    if (c < 0x80)
        return mtl_enc_is_az(c) || mtl_is_digit(c) || c == '_';
    return u_isalnum(c) != 0;
}

static bool
mtl_enc_in(int32_t c, const char *set)
{
    /* set: a UTF-8 string of the characters */
    size_t i = 0, n = strlen(set);
    while (i < n) {
        if (mtl_utf8_next(set, n, &i) == c)
            return true;
    }
    return false;
}

static int mtl_enc_byte(int pi, int32_t c);

/* Two UTF-8 letters of the Greek, Cyrillic, Armenian, Hebrew or Arabic
 * blocks (lead byte 0xCE-0xD9, then a continuation byte) in a row, read in
 * one code page: "РџСЂ", "ΞΈΞ»".  Real text never has two such pairs in a
 * row: the second character of each would be a symbol or a rare letter. */
static bool
mtl_enc_two_pairs(const int32_t *w, int m, int k)
{
    if (k + 3 >= m)
        return false;
    for (int t = 0; t < 4; t++)
        if (w[k + t] < 0x80)
            return false;
    for (int pi = 0; pi < (int)MTL_ENC_NPAGES; pi++) {
        int b0 = mtl_enc_byte(pi, w[k]), b2 = mtl_enc_byte(pi, w[k + 2]);
        if (b0 < 0xCE || b0 > 0xD9 || b2 < 0xCE || b2 > 0xD9)
            continue;
        int b1 = mtl_enc_byte(pi, w[k + 1]), b3 = mtl_enc_byte(pi, w[k + 3]);
        if (b1 >= 0x80 && b1 <= 0xBF && b3 >= 0x80 && b3 <= 0xBF)
            return true;
    }
    return false;
}

/* Length of the badness pattern matching at w[k] (0 if none).  @p bol:
 * w[0] is the start of a line. */
static int
mtl_enc_bad_at(const int32_t *w, int m, int k, bool bol)
{
    int32_t a = w[k];
    int32_t b = k + 1 < m ? w[k + 1] : -1;
    int32_t c = k + 2 < m ? w[k + 2] : -1;
    unsigned ca = mtl_enc_cls(a), cb = mtl_enc_cls(b), cc = mtl_enc_cls(c);
    const unsigned g2 = EC_BAD | EC_LA | EC_UA | EC_BOX | EC_SP | EC_EP |
                        EC_CUR | EC_NUM | EC_LAW;

    if (ca & EC_C1)
        return 1;
    if (b < 0)
        goto single_ctx;
    if ((ca & g2) && (cb & EC_BAD))
        return 2;
    if (mtl_enc_is_az(a) && (cb & (EC_LC | EC_UC)) &&
        (cc & (EC_BAD | EC_SP | EC_EP | EC_CUR | EC_NUM | EC_LAW | EC_C1 |
               EC_COMMON)))
        return 3;
    if ((ca & EC_BAD) && (cb & g2))
        return 2;
    /* additions to ftfy's list: a lower-case letter then an upper-case
     * accented one inside a word ("verkĂĽndet"); Latin letters around
     * Greek or Cyrillic ones ("verkГјndet"); box drawing inside a word
     * ("f├╢rdern"); a Cyrillic or Greek capital then a symbol ("Щ€",
     * "Ш§", "О•"); MacRoman dashes around a letter ("–ø—") */
    if (mtl_enc_is_lower_az(a) && (cb & EC_UA))
        return 2;
    if (mtl_enc_is_az(a) && (cb & (EC_LC | EC_UC)) &&
        (cc & (EC_LC | EC_UC)) && k + 3 < m && mtl_enc_is_az(w[k + 3]))
        return 4;
    if (mtl_enc_is_az(a) && (cb & EC_BOX) && c >= 0x80 && k + 3 < m &&
        mtl_enc_is_az(w[k + 3]))
        return 4;
    if ((ca & EC_UC) && a >= 0x391 &&
        ((cb & (EC_CUR | EC_LAW | EC_BAD | EC_C1)) ||
         b == 0x2022 || b == 0x201A || b == 0x2030 || b == 0x2039 ||
         b == 0x203A))
        return 2;
    if ((a == 0x2013 || a == 0x2014) && b >= 0x80 && !mtl_cp_is_space(b) &&
        (c == 0x2013 || c == 0x2014))
        return 3;
    if (mtl_enc_two_pairs(w, m, k))
        return 4;
    if ((ca & (EC_LA | EC_LC | EC_BOX | EC_EP | EC_CUR | EC_NUM)) &&
        (cb & EC_UA))
        return 2;
    if ((ca & (EC_BOX | EC_EP | EC_CUR | EC_NUM)) && (cb & EC_LA))
        return 2;
    if ((ca & (EC_LA | EC_BOX | EC_EP)) && (cb & EC_CUR))
        return 2;
    if (mtl_cp_is_space(a) && (cb & EC_UA) && (cc & EC_CUR))
        return 3;
    if ((ca & (EC_UA | EC_BOX)) && (cb & (EC_NUM | EC_LAW)))
        return 2;
    if ((ca & (EC_LA | EC_UA | EC_BOX | EC_CUR | EC_EP)) && (cb & EC_SP) &&
        (cc & EC_NUM))
        return 3;
    if ((ca & (EC_LA | EC_UA | EC_CUR | EC_NUM | EC_BOX | EC_LAW)) &&
        (cb & EC_EP) && (cc & EC_SP))
        return 3;
    if ((ca & (EC_CUR | EC_NUM | EC_BOX)) && (cb & EC_SP))
        return 2;
    if (mtl_enc_is_lower_az(a) && (cb & EC_UA) && (cc & (EC_SP | EC_CUR)))
        return 3;
    if ((ca & EC_BOX) && (cb & EC_KAO))
        return 2;
    if ((ca & (EC_LA | EC_UA | EC_CUR | EC_NUM | EC_SP | EC_EP | EC_LAW)) &&
        (cb & EC_BOX))
        return 2;
    if ((ca & EC_BOX) && (cb & EC_EP))
        return 2;
    if ((ca & (EC_LA | EC_UA)) && (cb & (EC_SP | EC_EP)) && mtl_enc_is_w(c))
        return 3;
    if ((a == 0x0152 || a == 0x0153) && !mtl_enc_is_az(b))
        return 2;
    if ((ca & EC_UA) && b == 0xB0)
        return 2;
    if ((a == 0xC2 || a == 0xC3 || a == 0xCE || a == 0xD0) &&
        ((cb & (EC_SP | EC_EP)) ||
         mtl_enc_in(b, "\u20AC\u0153\u0160\u0161\u00A2\u00A3\u0178\u017E"
                       "\u00A0\u00AD\u00AE\u00A9\u00B0\u00B7\u00BB\u2013"
                       "\u2014\u00B4")))
        return 2;
    if (a == 0xD7 && (b == 0xB2 || b == 0xB3))
        return 2;
    if ((a == 0xD8 || a == 0xD9) && k + 3 < m) {
        const unsigned g = EC_COMMON | EC_CUR | EC_BAD | EC_NUM | EC_SP;
        int32_t d = w[k + 3];
        const char *ex = "\u0178\u0160\u00AE\u00B0\u00B5\u00BB";
        if (((cb & g) || mtl_enc_in(b, ex)) && (c == 0xD8 || c == 0xD9) &&
            ((mtl_enc_cls(d) & g) || mtl_enc_in(d, ex)))
            return 4;
    }
    if (a == 0xE0 && mtl_enc_in(b, "\u00B2\u00B5\u00B9\u00BC\u00BD\u00BE"))
        return 2;
    if (a == 0x221A) {
        if (mtl_enc_in(b, "\u00B1\u2202\u2020\u2260\u00AE\u2122\u00B4\u2264"
                          "\u2265\u00A5\u00B5\u00F8"))
            return 2;
        /* MacRoman inside a word: "Gr√∂√üe", "cit√†" (not: "x = √2") */
        if (k > 0 && u_isalpha(w[k - 1]) && b >= 0x80 &&
            !mtl_cp_is_space(b))
            return 2;
    }
    if (a == 0x2248 && (b == 0xB0 || b == 0xA2))
        return 2;
    if (a == 0x201A && b == 0xC4 &&
        mtl_enc_in(c, "\u00EC\u00EE\u00EF\u00F2\u00F4\u00FA\u00F9\u00FB"
                      "\u2020\u00B0\u00A2\u03C0"))
        return 3;
    if (a == 0x201A && (b == 0xE2 || b == 0xF3) &&
        (c == 0xE0 || c == 0xE4 || c == 0xB0 || c == 0xEA))
        return 3;
    if (a == 0x0432 && b == 0x0402)
        return 2;
    if ((a == 0x0412 || a == 0x0413 || a == 0x0420 || a == 0x0421) &&
        ((cb & (EC_C1 | EC_BAD | EC_SP | EC_EP | EC_CUR)) || b == 0xB0 ||
         b == 0xB5) &&
        (c == 0x0412 || c == 0x0413 || c == 0x0420 || c == 0x0421))
        return 3;
    if (a == 0xC3 && (b == 0xA0 || b == 0xA1))
        return 2;
    if (mtl_enc_is_lower_az(a)) {
        int j = k + 1;
        if (j < m && mtl_cp_is_space(w[j]))
            j++;
        if (j + 1 < m && (w[j] == 0xC3 || w[j] == 0xC2) && w[j + 1] == ' ')
            return j + 2 - k;
    }
    if ((mtl_enc_is_lower_az(a) || (a >= '0' && a <= '9') || a == '.' ||
         a == ',' || a == '?' || a == '!' || (ca & EC_EP)) &&
        b == 0xC2 && (c == ' ' || (cc & (EC_SP | EC_EP))))
        return 3;
    if (a == 0x03B2 && b == 0x20AC &&
        mtl_enc_in(c, "\u2122\u00A0\u0386\u00AD\u00AE\u00B0"))
        return 3;
    if ((a == 0x0392 || a == 0x0393 || a == 0x039E || a == 0x039F) &&
        ((cb & (EC_C1 | EC_BAD | EC_SP | EC_EP | EC_CUR)) || b == 0xB0) &&
        (c == 0x0392 || c == 0x0393 || c == 0x039E || c == 0x039F))
        return 3;
    if (a == 0x0101 && b == 0x20AC)
        return 2;
single_ctx:
    if (k == 0 && bol && (a == 0xC3 || a == 0xC2) && b == ' ')
        return 2;
    return 0;
}

/* Number of badness matches in w[0..m) that touch [ra, rb). */
static int
mtl_enc_badness(const int32_t *w, int m, int ra, int rb, bool bol)
{
    int n = 0;
    for (int k = 0; k < m && k < rb;) {
        int len = mtl_enc_bad_at(w, m, k, bol);
        if (len > 0) {
            if (k + len > ra)
                n++;
            k += len;
        } else {
            k++;
        }
    }
    return n;
}

/* -------------------------------------------------------------- code pages */

/* Byte of @p c in code page @p pi, -1 if it has none.  U+FFFD stands for a
 * lost byte (0x1A, as in ftfy); Windows-1252 also takes the C1 controls, so
 * Latin-1 mojibake is covered too. */
static int
mtl_enc_byte_search(int pi, int32_t c)
{
    if (c < 0x80)
        return -1;
    if (c == 0xFFFD)
        return 0x1A;
    if (pi == 0 && c <= 0x9F)
        return (int)c;
    if (c > 0xFFFF)
        return -1;
    const uint16_t (*rev)[2] = mtl_enc_pages[pi].rev;
    int lo = 0, hi = 127;
    while (lo <= hi) {
        int mid = (lo + hi) / 2;
        if (rev[mid][0] == c)
            return rev[mid][1];
        if (rev[mid][0] < c)
            lo = mid + 1;
        else
            hi = mid - 1;
    }
    return -1;
}

/* mtl_enc_byte_search() answers for the code points below this from a
 * table built once (every non-ASCII character of a document is looked up
 * in every code page); above it, by the search.  mtl_enc_line and
 * mtl_enc_run_doc, the only ways in to the code below that reads the
 * tables, build them first. */
#define MTL_ENC_TABLE_CPS 0x2200

static int16_t mtl_enc_byte_tab[MTL_ENC_NPAGES][MTL_ENC_TABLE_CPS];
/* mtl_enc_space_role() of the code points below MTL_ENC_TABLE_CPS */
static uint8_t mtl_enc_space_tab[MTL_ENC_TABLE_CPS];
/* bit pi set when the code point is, in code page pi, the lead byte of a
 * piece (0xC2..0xF4: mtl_enc_decode's lead bytes that need more), or a
 * continuation byte (0x80..0xBF) */
static uint16_t mtl_enc_lead_tab[MTL_ENC_TABLE_CPS];
static uint16_t mtl_enc_cont_tab[MTL_ENC_TABLE_CPS];
/* bit pi set when the code point is a byte of code page pi at all */
static uint16_t mtl_enc_map_tab[MTL_ENC_TABLE_CPS];
static pthread_once_t mtl_enc_byte_once = PTHREAD_ONCE_INIT;

static int
mtl_enc_byte(int pi, int32_t c)
{
    if (c < 0x80)
        return -1;
    if (c < MTL_ENC_TABLE_CPS)
        return mtl_enc_byte_tab[pi][c];
    return mtl_enc_byte_search(pi, c);
}

/* What mtl_enc_decode can make of the character @p c when a space follows
 * it, in some code page: MTL_ENC_SP_PIECE, a piece of its own (the space
 * read as byte 0xA0 after C2, C5, CE or D0: "Â " for a no-break space; or
 * the "Ã " of "à", C3); MTL_ENC_SP_LEAD, the lead byte of a piece of three
 * bytes or more, the space its second byte, so that a piece needs a third
 * one after the space.  Otherwise a space after it ends the run. */
enum { MTL_ENC_SP_PIECE = 1, MTL_ENC_SP_LEAD = 2 };

static unsigned
mtl_enc_space_role(int32_t c)
{
    unsigned r = 0;
    for (int pi = 0; pi < (int)MTL_ENC_NPAGES; pi++) {
        int b = mtl_enc_byte(pi, c);
        if (b == 0xC2 || b == 0xC3 || b == 0xC5 || b == 0xCE || b == 0xD0)
            r |= MTL_ENC_SP_PIECE;
        else if (b >= 0xE0 && b <= 0xF4)
            r |= MTL_ENC_SP_LEAD;
    }
    return r;
}

/* The tables straight from the code pages' reverse tables: each is sorted
 * with no code point twice, so this is what mtl_enc_byte_search() finds
 * (and the search for every code point below MTL_ENC_TABLE_CPS would cost
 * millions of instructions at start-up). */
static void
mtl_enc_byte_build(void)
{
    for (int pi = 0; pi < (int)MTL_ENC_NPAGES; pi++) {
        int16_t *tab = mtl_enc_byte_tab[pi];
        for (int32_t c = 0; c < MTL_ENC_TABLE_CPS; c++)
            tab[c] = -1;
        const uint16_t (*rev)[2] = mtl_enc_pages[pi].rev;
        for (int k = 0; k < 128; k++)
            if (rev[k][0] >= 0x80 && rev[k][0] < MTL_ENC_TABLE_CPS)
                tab[rev[k][0]] = (int16_t)rev[k][1];
        if (pi == 0) /* Windows-1252 also takes the C1 controls */
            for (int32_t c = 0x80; c <= 0x9F; c++)
                tab[c] = (int16_t)c;
    }
    for (int32_t c = 0; c < MTL_ENC_TABLE_CPS; c++) {
        mtl_enc_space_tab[c] = (uint8_t)mtl_enc_space_role(c);
        unsigned lead = 0, cont = 0, map = 0;
        for (int pi = 0; pi < (int)MTL_ENC_NPAGES; pi++) {
            int b = mtl_enc_byte_tab[pi][c];
            if (b >= 0)
                map |= 1u << pi;
            if (b >= 0xC2 && b <= 0xF4)
                lead |= 1u << pi;
            else if (b >= 0x80 && b <= 0xBF)
                cont |= 1u << pi;
        }
        mtl_enc_lead_tab[c] = (uint16_t)lead;
        mtl_enc_cont_tab[c] = (uint16_t)cont;
        mtl_enc_map_tab[c] = (uint16_t)map;
    }
}

/* Decoded characters acceptable as the result of a repair. */
static bool
mtl_enc_plausible(int32_t c)
{
    if (c >= 0x80 && c <= 0x9F)
        return false;
    if (c >= 0xD800 && c <= 0xDFFF)
        return false;
    if ((c >= 0xFDD0 && c <= 0xFDEF) || (c & 0xFFFE) == 0xFFFE)
        return false;
    if (c == 0xF8FF || c == 0xFFFD)
        return true;
    int8_t t = u_charType(c);
    if (t == U_UNASSIGNED || t == U_PRIVATE_USE_CHAR || t == U_SURROGATE)
        return false;
    if (t == U_CONTROL_CHAR && c != '\t' && c != '\n' && c != '\r')
        return false;
    return true;
}

/* Letters that a repair should rarely produce: Latin Extended-B, IPA and
 * spacing modifiers, except the ones living languages use (Romanian
 * comma-below letters, Vietnamese horn letters, pinyin caron vowels,
 * schwa). */
static int
mtl_enc_rare(int32_t c)
{
    if (c < 0x17F || c > 0x2FF)
        return 0;
    if ((c >= 0x218 && c <= 0x21B) || c == 0x1A0 || c == 0x1A1 ||
        c == 0x1AF || c == 0x1B0 || (c >= 0x1CD && c <= 0x1DC) ||
        c == 0x18F || c == 0x259 || c == 0x2BC)
        return 0;
    return 1;
}

/* The result of decoding a run in one code page. */
#define MTL_ENC_MAXREP 512

typedef struct mtl_enc_run {
    int end;        /* chars consumed (index after the run) */
    int first;      /* first char of the first multi-byte piece */
    int last;       /* index after the last piece */
    int pieces;     /* multi-byte pieces */
    int altered;    /* pieces where a space stood for byte 0xA0 */
    int punct;      /* pieces that decode to U+2000-U+206F punctuation */
    int two;        /* two-byte pieces */
    int strays;     /* chars between first and last left as they were */
    int nrep;       /* repaired characters for [first, last) */
    int32_t rep[MTL_ENC_MAXREP];
} mtl_enc_run;

static bool
mtl_enc_is_cont(int b)
{
    return b >= 0x80 && b <= 0xBF;
}

static bool
mtl_enc_prefix(const int32_t *c, int n, int i, const char *ascii)
{
    for (; *ascii; ascii++, i++)
        if (i >= n || c[i] != (unsigned char)*ascii)
            return false;
    return true;
}

/*
 * Decodes the run of non-ASCII characters starting at c[i] (bounded by n)
 * in code page @p pi.  Multi-byte UTF-8 pieces become their character;
 * other characters stay as they were ("strays").  A space may stand for a
 * byte 0xA0 that a program turned into a space; U+FFFD for a lost byte.
 */
static void
mtl_enc_decode(const int32_t *c, int n, int i, int pi, mtl_enc_run *r)
{
    r->end = i;
    r->first = -1;
    r->last = -1;
    r->pieces = 0;
    r->altered = 0;
    r->punct = 0;
    r->two = 0;
    r->strays = 0;
    r->nrep = 0;
    int j = i;
    int nstray_pending = 0;
    /* bounded in characters, so that a run and its context fit in the
     * badness window */
    while (j < n && j - i < MTL_ENC_MAXREP - 16) {
        int b0 = mtl_enc_byte(pi, c[j]);
        if (b0 < 0)
            break;
        int need = b0 >= 0xC2 && b0 <= 0xDF   ? 1
                   : b0 >= 0xE0 && b0 <= 0xEF ? 2
                   : b0 >= 0xF0 && b0 <= 0xF4 ? 3
                                              : 0;
        int bytes[4] = {b0, 0, 0, 0};
        int k = j + 1, got = 0;
        bool lossy = false, alt = false;
        int32_t out = -1;
        if (need > 0) {
            for (; got < need && k < n; got++, k++) {
                int bb;
                if (c[k] == ' ' &&
                    (need > 1 || b0 == 0xC2 || b0 == 0xC5 || b0 == 0xCE ||
                     b0 == 0xD0)) {
                    bb = 0xA0;
                    alt = true;
                } else if (c[k] == '?' && got >= 1) {
                    bb = 0x1A; /* "â€?": a byte that had no character */
                } else {
                    bb = mtl_enc_byte(pi, c[k]);
                }
                if (bb == 0x1A)
                    lossy = true;
                else if (!mtl_enc_is_cont(bb))
                    break;
                bytes[got + 1] = bb;
            }
            if (got == need && !lossy) {
                uint32_t cp = (uint32_t)b0 & (0x7Fu >> (need + 1));
                for (int t = 1; t <= need; t++)
                    cp = (cp << 6) | ((uint32_t)bytes[t] & 0x3F);
                static const uint32_t minv[4] = {0, 0x80, 0x800, 0x10000};
                if (cp >= minv[need] && cp <= 0x10FFFF)
                    out = (int32_t)cp;
                /* CESU-8: a surrogate pair encoded as two 3-byte pieces */
                if (out >= 0xD800 && out <= 0xDBFF && k + 2 < n) {
                    int e0 = mtl_enc_byte(pi, c[k]);
                    int e1 = mtl_enc_byte(pi, c[k + 1]);
                    int e2 = mtl_enc_byte(pi, c[k + 2]);
                    if (e0 == 0xED && e1 >= 0xB0 && e1 <= 0xBF &&
                        mtl_enc_is_cont(e2)) {
                        uint32_t lo = 0xD000u | ((uint32_t)(e1 & 0x3F) << 6) |
                                      (uint32_t)(e2 & 0x3F);
                        out = (int32_t)(0x10000u + ((cp - 0xD800u) << 10) +
                                        (lo - 0xDC00u));
                        k += 3;
                    }
                }
                if (out >= 0xD800 && out <= 0xDFFF)
                    out = -1;
            } else if (lossy && got == need) {
                out = 0xFFFD;
            }
        }
        if (out < 0 && b0 == 0xC3 && need == 1 && j + 1 < n &&
            c[j + 1] == ' ') {
            /* "Ã" then a space: the 0xA0 of "à" was dropped ("Ã la"),
             * or became the space (Portuguese "Ã s", "Ã quela": "às",
             * "àquela"; "Ã  la") */
            bool sp2 = j + 2 < n && c[j + 2] == ' ';
            bool glue = (mtl_enc_prefix(c, n, j + 2, "s") &&
                         (j + 3 >= n || c[j + 3] == ' ')) ||
                        mtl_enc_prefix(c, n, j + 2, "quel") ||
                        mtl_enc_prefix(c, n, j + 2, "quil");
            out = 0xE0;
            alt = false;
            k = (sp2 || glue) ? j + 2 : j + 1;
        }
        if (out >= 0) {
            if (r->first < 0)
                r->first = j;
            else
                r->strays += nstray_pending;
            nstray_pending = 0;
            r->rep[r->nrep++] = out;
            r->pieces++;
            r->altered += alt;
            r->two += k - j == 2;
            r->punct += !alt && out >= 0x2000 && out <= 0x206F;
            r->last = k;
            j = k;
        } else {
            if (r->first >= 0) {
                r->rep[r->nrep++] = c[j];
                nstray_pending++;
            }
            j++;
        }
        if (j < n && c[j] < 0x80)
            break;
        if (r->first < 0 && j - i >= 32)
            break; /* bounded work when nothing decodes */
    }
    if (r->first >= 0)
        r->nrep -= nstray_pending; /* trailing strays are not part of it */
    r->end = j > i ? j : i + 1;
}

/* ------------------------------------------------------------- the check */

/* Repairs @p in (n chars) by one more layer: when that lowers the
 * badness, or when every non-ASCII character takes part in a multi-byte
 * piece.  Returns the new length, or -1 when no layer applies. */
static int
mtl_enc_layer(const int32_t *in, int n, int32_t *out, int cap,
              mtl_enc_run *tmp)
{
    int bad0 = mtl_enc_badness(in, n, 0, n, false);
    for (int pi = 0; pi < (int)MTL_ENC_NPAGES; pi++) {
        int o = 0, i = 0;
        bool changed = false, ok = true, full = true, long3 = false;
        while (i < n && ok) {
            if (in[i] < 0x80) {
                if (o >= cap) { ok = false; break; }
                out[o++] = in[i++];
                continue;
            }
            mtl_enc_decode(in, n, i, pi, tmp);
            if (tmp->pieces == 0 || tmp->altered > 0) {
                for (int t = i; t < tmp->end && ok; t++) {
                    if (o >= cap) ok = false; else out[o++] = in[t];
                }
                full = false;
                i = tmp->end;
                continue;
            }
            if (tmp->first > i || tmp->strays > 0)
                full = false;
            if (tmp->pieces > tmp->two)
                long3 = true;
            for (int t = i; t < tmp->first && ok; t++) {
                if (o >= cap) ok = false; else out[o++] = in[t];
            }
            for (int t = 0; t < tmp->nrep && ok; t++) {
                if (o >= cap) ok = false; else out[o++] = tmp->rep[t];
            }
            changed = true;
            i = tmp->last;
        }
        if (!ok || !changed)
            continue;
        int bad1 = mtl_enc_badness(out, o, 0, o, false);
        /* a full decode with no piece of three bytes or more is too
         * easily a coincidence ("’é" is D5 8E in MacRoman) */
        if ((bad0 > 0 && bad1 < bad0) || (full && long3 && bad1 <= bad0))
            return o;
    }
    return -1;
}

static bool
mtl_enc_all_space(const int32_t *r, int n)
{
    for (int i = 0; i < n; i++)
        if (!mtl_cp_is_space(r[i]))
            return false;
    return true;
}

/* One run decoded in one code page and judged. */
typedef struct mtl_enc_cand {
    int first, last;  /* char indexes */
    int page;
    bool strong;      /* bad before, better after */
    bool full;        /* every character of it took part in a piece */
    int strays, bad1;
    unsigned strong_pages, full_pages; /* bit per code page */
    int nrep;
    int32_t *rep;     /* into the line's repair buffer */
} mtl_enc_cand;

static UScriptCode
mtl_enc_script(int32_t c)
{
    UErrorCode err = U_ZERO_ERROR;
    if (c < 0 || !u_isalpha(c))
        return USCRIPT_COMMON;
    UScriptCode sc = uscript_getScript(c, &err);
    return U_FAILURE(err) ? USCRIPT_COMMON : sc;
}

/* True if the repair would put a letter of one script right next to a
 * letter of another ("ESPAÑA…" read as UTF-8 gives a Cyrillic "х" after
 * Latin "A"): such a run is not repaired on the line's evidence alone. */
static bool
mtl_enc_script_clash(const int32_t *c, int n, int a, int b,
                     const int32_t *rep, int nrep)
{
    UScriptCode before = a > 0 ? mtl_enc_script(c[a - 1]) : USCRIPT_COMMON;
    UScriptCode after = b < n ? mtl_enc_script(c[b]) : USCRIPT_COMMON;
    for (int t = 0; t < nrep; t++) {
        UScriptCode sc = mtl_enc_script(rep[t]);
        if (sc == USCRIPT_COMMON || sc == USCRIPT_INHERITED)
            continue;
        if ((t == 0 && before > USCRIPT_INHERITED && before != sc) ||
            (t == nrep - 1 && after > USCRIPT_INHERITED && after != sc))
            return true;
    }
    return false;
}

/* Evaluates the run at c[i] in code page @p pi into @p cd; returns false
 * if it is no candidate.  *next is lowered to where this code page says
 * the search should go on. */
static bool
mtl_enc_try(const int32_t *c, int n, int i, int pi, mtl_enc_run *run,
            mtl_enc_run *tmp, int32_t *lay, mtl_enc_cand *cd, int *next)
{
    mtl_enc_decode(c, n, i, pi, run);
    if (mtl_enc_byte(pi, c[i]) >= 0 && run->end < *next)
        *next = run->end;
    if (run->pieces == 0)
        return false;
    /* a space read as byte 0xA0 ("Å kola", "á " + C1) is evidence only
     * next to real pieces */
    bool alt_only = run->altered > 0 && run->altered == run->pieces;
    /* ... but "Â" glued to a lower-case letter or a digit is evidence on
     * its own: a no-break space (C2 A0) read in a code page, its A0 turned
     * into a plain space ("LacerdaÂ said", "20Â euros").  No language
     * writes a capital Â after a lower-case letter or a digit of the same
     * word. */
    bool glued_nbsp = alt_only && run->pieces == 1 &&
                      c[run->first] == 0xC2 && run->first > 0 &&
                      (mtl_enc_is_lower_az(c[run->first - 1]) ||
                       (c[run->first - 1] >= '0' && c[run->first - 1] <= '9'));
    for (int layer = 0; layer < 3; layer++) {
        int m = mtl_enc_layer(run->rep, run->nrep, lay, MTL_ENC_MAXREP, tmp);
        if (m < 0)
            break;
        memcpy(run->rep, lay, (size_t)m * sizeof *lay);
        run->nrep = m;
    }
    for (int t = 0; t < run->nrep; t++)
        if (!mtl_enc_plausible(run->rep[t]))
            return false;
    int a = run->first, b = run->last;
    int ctx0 = a >= 3 ? a - 3 : 0;
    int ctx1 = b + 2 <= n ? b + 2 : n;
    int32_t w[MTL_ENC_MAXREP + 8];
    int m = 0;
    if (ctx1 - ctx0 > MTL_ENC_MAXREP)
        return false;
    for (int t = ctx0; t < ctx1; t++)
        w[m++] = c[t];
    /* E2 80 (U+2000-U+206F) read in a code page ("â€", "вЂ", "‚Ä",
     * "ΓÇ") then a third byte never occurs in real text */
    int bad0 = mtl_enc_badness(w, m, a - ctx0, b - ctx0, ctx0 == 0) +
               run->punct;
    m = 0;
    for (int t = ctx0; t < a; t++)
        w[m++] = c[t];
    for (int t = 0; t < run->nrep; t++)
        w[m++] = run->rep[t];
    int rb = m;
    for (int t = b; t < ctx1; t++)
        w[m++] = c[t];
    int bad1 = mtl_enc_badness(w, m, a - ctx0, rb, ctx0 == 0);
    int ncjk = 0;
    for (int t = 0; t < run->nrep; t++) {
        int32_t r = run->rep[t];
        bad1 += mtl_enc_rare(r);
        ncjk += (r >= 0x3040 && r <= 0x30FF) || (r >= 0x3400 && r <= 0x9FFF) ||
                (r >= 0xAC00 && r <= 0xD7A3);
    }
    /* one ideograph or syllable alone is more often a coincidence than
     * Chinese, Japanese or Korean mojibake, which comes in runs */
    if (ncjk == 1)
        bad1++;
    /* a combining mark of a script whose letter it would not follow: no
     * repair ("déjà\u00A0«", read as E0 A0 AB, is no Samaritan vowel
     * sign after a Latin "j") */
    for (int t = 0; t < run->nrep; t++) {
        int8_t ty = u_charType(run->rep[t]);
        if (ty != U_NON_SPACING_MARK && ty != U_COMBINING_SPACING_MARK &&
            ty != U_ENCLOSING_MARK)
            continue;
        UErrorCode err = U_ZERO_ERROR;
        UScriptCode ms = uscript_getScript(run->rep[t], &err);
        int32_t base = t > 0 ? run->rep[t - 1] : a > 0 ? c[a - 1] : -1;
        if (U_SUCCESS(err) && ms > USCRIPT_INHERITED &&
            (base < 0 || mtl_enc_script(base) != ms))
            bad1 += 2;
    }
    cd->strong = bad0 > 0 && bad1 < bad0 &&
                 (glued_nbsp ||
                  (!alt_only && !mtl_enc_all_space(run->rep, run->nrep)));
    cd->full = run->strays == 0 && bad1 <= bad0 &&
               !mtl_enc_script_clash(c, n, a, b, run->rep, run->nrep);
    if (!cd->strong && !cd->full)
        return false;
    cd->first = a;
    cd->last = b;
    cd->page = pi;
    cd->strays = run->strays;
    cd->bad1 = bad1;
    cd->nrep = run->nrep;
    cd->rep = run->rep;
    return true;
}

/* True if candidate @p x is a better repair than @p y. */
static bool
mtl_enc_better(const mtl_enc_cand *x, const mtl_enc_cand *y)
{
    if (x->strong != y->strong)
        return x->strong;
    if (x->last - x->first != y->last - y->first)
        return x->last - x->first > y->last - y->first;
    if ((x->strays == 0) != (y->strays == 0))
        return x->strays == 0;
    if (x->bad1 != y->bad1)
        return x->bad1 < y->bad1;
    return x->page < y->page;
}

/* Adds the flags of the candidates of a line: the confirmed ones, and the
 * others that decode fully in a code page the confirmed ones use. */
static void
mtl_enc_emit(const int32_t *c, const uint32_t *off, int n,
             mtl_enc_cand *cands, int ncand, unsigned strong_pages,
             const int *strong_count, mtl_enc_run *run, mtl_enc_run *tmp,
             int32_t *lay, mtl_flags *out, uint8_t *covered)
{
    for (int k = 0; k < ncand; k++) {
        mtl_enc_cand *cd = &cands[k];
        int page = cd->page;
        /* a confirmed run may be read in the code page of its own choice;
         * another one only in a code page the confirmed runs use */
        unsigned both = cd->strong ? cd->strong_pages
                                   : cd->full_pages & strong_pages;
        if (!both)
            continue;
        {
            /* repair in the code page the line's confirmed runs use most */
            int pi = cd->strong ? cd->page : -1;
            for (int q = 0; q < (int)MTL_ENC_NPAGES; q++)
                if (((both >> q) & 1) &&
                    (pi < 0 || strong_count[q] > strong_count[pi]))
                    pi = q;
            if (pi != cd->page) {
                int next = n;
                mtl_enc_cand again;
                if (!mtl_enc_try(c, n, cd->first, pi, run, tmp, lay, &again,
                                 &next) ||
                    again.nrep > MTL_ENC_MAXREP)
                    continue;
                *cd = again;
                page = pi;
            }
        }
        char sug[MTL_ENC_MAXREP * 4 + 1];
        size_t sl = 0;
        for (int t = 0; t < cd->nrep; t++)
            sl += mtl_utf8_encode((uint32_t)cd->rep[t], sug + sl);
        sug[sl] = '\0';
        size_t s = off[cd->first], e = off[cd->last];
        mtl_flags_addf(out, MTL_RULE_MOJIBAKE, s, e, sug,
                       "UTF-8 text decoded as %s (mojibake)",
                       mtl_enc_pages[page].name);
        memset(covered + s, 1, e - s);
    }
}

/* True if no code page makes a piece of the run at c[i] (non-ASCII, of
 * the n characters c), and then *next is where mtl_enc_try would send the
 * search on, found without decoding the run nine times.  A piece starts
 * where a character read as a lead byte comes before one read as a
 * continuation byte or a space (mtl_enc_pair_cand); with neither in any
 * code page the run ends, in each code page that has c[i], at the first
 * character that is ASCII or not in that code page, or 32 characters on
 * (mtl_enc_decode), and *next at the first such end.  False, to decode
 * as usual, when one may be a piece, or a character lies past the
 * tables. */
static bool
mtl_enc_no_piece(const int32_t *c, int n, int i, int *next)
{
    if (c[i] >= MTL_ENC_TABLE_CPS)
        return false;
    unsigned alive = mtl_enc_map_tab[c[i]];
    int nx = INT_MAX;
    int j = i;
    while (alive) {
        unsigned lead = mtl_enc_lead_tab[c[j]] & alive;
        if (lead && j + 1 < n) {
            int32_t y = c[j + 1];
            if (y == ' ' || y >= MTL_ENC_TABLE_CPS ||
                (y >= 0x80 && (lead & mtl_enc_cont_tab[y])))
                return false;
        }
        j++;
        if (j >= n || c[j] < 0x80 || j - i >= 32) {
            if (nx == INT_MAX)
                nx = j;
            break;
        }
        if (c[j] >= MTL_ENC_TABLE_CPS)
            return false;
        unsigned map = mtl_enc_map_tab[c[j]];
        if ((alive & ~map) && nx == INT_MAX)
            nx = j;
        alive &= map;
    }
    *next = nx;
    return true;
}

/* Mojibake in one line: c[0..n) characters, off[0..n] their byte offsets. */
static void
mtl_enc_line(const int32_t *c, const uint32_t *off, int n, mtl_checker *ck,
             mtl_flags *out, uint8_t *covered)
{
    pthread_once(&mtl_enc_byte_once, mtl_enc_byte_build);
    mtl_enc_run *run = mtl_checker_scratch(ck, 2, 3 * sizeof *run);
    mtl_enc_run *tmp = run + 1;
    int32_t *lay = (int32_t *)(run + 2); /* MTL_ENC_MAXREP ints */
    mtl_enc_cand cands[64];
    int32_t repbuf[4096];
    int ncand = 0, nrb = 0;
    unsigned strong_pages = 0;
    int strong_count[MTL_ENC_NPAGES] = {0};

    /* work budget: pathological lines (a megabyte of "Ã©" with no
     * space) stay linear */
    long budget = 64L * n + 65536;
    for (int i = 0; i < n && budget > 0;) {
        while (i < n && c[i] < 0x80)
            i++;
        if (i == n)
            break;
        if (ncand == (int)(sizeof cands / sizeof *cands) ||
            nrb > (int)(sizeof repbuf / sizeof *repbuf) - MTL_ENC_MAXREP) {
            /* a line full of mojibake: flag what is collected so far */
            mtl_enc_emit(c, off, n, cands, ncand, strong_pages, strong_count,
                         run, tmp, lay, out, covered);
            ncand = 0;
            nrb = 0;
        }
        if (i + 1 == n || (c[i + 1] < 0x80 && c[i + 1] != ' ')) {
            /* a lone character before ASCII other than a space (the "é"
             * of "café."): in no code page is it a piece, for a piece
             * needs a second byte that is not ASCII, or a space read as
             * 0xA0, so mtl_enc_try would find nothing and move on by one */
            budget -= 9;
            i++;
            continue;
        }
        int next = INT_MAX; /* stays so when no code page has c[i] */
        mtl_enc_cand best = {0}, cd;
        bool have = false;
        unsigned sp = 0, fp = 0;
        /* most runs in a line that has a piece somewhere have none */
        bool none = mtl_enc_no_piece(c, n, i, &next);
        for (int pi = 0; !none && pi < (int)MTL_ENC_NPAGES; pi++) {
            if (!mtl_enc_try(c, n, i, pi, run, tmp, lay, &cd, &next))
                continue;
            if (cd.strong)
                sp |= 1u << pi;
            if (cd.full)
                fp |= 1u << pi;
            if (have && !mtl_enc_better(&cd, &best))
                continue;
            if (nrb + cd.nrep > (int)(sizeof repbuf / sizeof *repbuf))
                continue;
            /* the previous best's repair is dropped: reuse its room */
            if (have)
                nrb -= best.nrep;
            memcpy(repbuf + nrb, cd.rep, (size_t)cd.nrep * sizeof(int32_t));
            best = cd;
            best.rep = repbuf + nrb;
            nrb += cd.nrep;
            have = true;
        }
        if (have && ncand < (int)(sizeof cands / sizeof *cands)) {
            best.strong_pages = sp;
            best.full_pages = fp;
            strong_pages |= sp;
            for (int pi = 0; pi < (int)MTL_ENC_NPAGES; pi++)
                strong_count[pi] += (sp >> pi) & 1;
            cands[ncand++] = best;
            next = best.last;
        } else if (have) {
            nrb -= best.nrep;
        }
        next = next > i && next < INT_MAX ? next : i + 1;
        budget -= 9L * (next - i);
        i = next;
    }

    mtl_enc_emit(c, off, n, cands, ncand, strong_pages, strong_count, run,
                 tmp, lay, out, covered);
}

/* ------------------------------------------------------------ entities */

static int32_t
mtl_enc_entity_named(const char *s, size_t n)
{
    int lo = 0, hi = (int)MTL_ENC_NENTITIES - 1;
    while (lo <= hi) {
        int mid = (lo + hi) / 2;
        const char *nm = mtl_enc_entities[mid].name;
        int r = strncmp(nm, s, n);
        if (r == 0 && nm[n] != '\0')
            r = 1;
        if (r == 0)
            return (int32_t)mtl_enc_entities[mid].cp;
        if (r < 0)
            lo = mid + 1;
        else
            hi = mid - 1;
    }
    return -1;
}

/* Parses an entity at s[0..n) (s[0] == '&'); returns its length and the
 * character in *cp, or 0.  HTML's Windows-1252 reading of &#128;-&#159;. */
static size_t
mtl_enc_entity_parse(const char *s, size_t n, int32_t *cp)
{
    size_t i = 1;
    if (i < n && s[i] == '#') {
        i++;
        bool hex = i < n && (s[i] == 'x' || s[i] == 'X');
        if (hex)
            i++;
        uint32_t v = 0;
        size_t d0 = i;
        for (; i < n && i - d0 < 8; i++) {
            int ch = (unsigned char)s[i], dv;
            if (mtl_is_digit(ch))
                dv = ch - '0';
            else if (hex && ch >= 'a' && ch <= 'f')
                dv = ch - 'a' + 10;
            else if (hex && ch >= 'A' && ch <= 'F')
                dv = ch - 'A' + 10;
            else
                break;
            v = v * (hex ? 16u : 10u) + (uint32_t)dv;
        }
        if (i == d0 || i >= n || s[i] != ';')
            return 0;
        if (v >= 0x80 && v <= 0x9F) {
            uint16_t w = mtl_enc_fwd_cp1252[v - 0x80];
            v = w;
        }
        if (v == 0 || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF) ||
            (v < 0x20 && v != '\t' && v != '\n' && v != '\r'))
            return 0;
        *cp = (int32_t)v;
        return i + 1;
    }
    size_t n0 = i;
    while (i < n && i - n0 < 10 &&
           (mtl_enc_is_az((unsigned char)s[i]) || mtl_is_digit(s[i])))
        i++;
    if (i == n0 || i >= n || s[i] != ';')
        return 0;
    int32_t v = mtl_enc_entity_named(s + n0, i - n0);
    if (v < 0)
        return 0;
    *cp = v;
    return i + 1;
}

/* &amp;#8217; &amp;amp;quot; ... : length of the whole chain, final char. */
static size_t
mtl_enc_entity_chain(const char *s, size_t n, int32_t *cp)
{
    size_t len = mtl_enc_entity_parse(s, n, cp);
    if (len == 0)
        return 0;
    size_t total = len;
    while (*cp == '&' && total < n) {
        /* "&amp;" followed by the rest of an entity: "#8217;", "quot;" */
        char tmp[16];
        size_t rest = n - total < 14 ? n - total : 14;
        tmp[0] = '&';
        memcpy(tmp + 1, s + total, rest);
        int32_t c2;
        size_t l2 = mtl_enc_entity_parse(tmp, rest + 1, &c2);
        if (l2 == 0)
            break;
        total += l2 - 1;
        *cp = c2;
    }
    return total;
}

/* --------------------------------------------------------- mixed script */

typedef struct mtl_enc_pair {
    uint16_t from, to;
} mtl_enc_pair;

/* Look-alike letters: Cyrillic and Greek letters that render like a Latin
 * one, and Latin letters that render like a Cyrillic one.  Only letters
 * that are hard to tell apart in common fonts. */
static const mtl_enc_pair mtl_enc_to_latin[] = {
    {0x0391, 'A'}, {0x0392, 'B'}, {0x0395, 'E'}, {0x0396, 'Z'},
    {0x0397, 'H'}, {0x0399, 'I'}, {0x039A, 'K'},
    {0x039D, 'N'}, {0x039F, 'O'}, {0x03A1, 'P'}, {0x03A4, 'T'},
    {0x03A5, 'Y'}, {0x03A7, 'X'}, {0x03BF, 'o'},
    {0x0405, 'S'}, {0x0406, 'I'}, {0x0408, 'J'}, {0x0410, 'A'},
    {0x0412, 'B'}, {0x0415, 'E'}, {0x041A, 'K'}, {0x041C, 'M'},
    {0x041D, 'H'}, {0x041E, 'O'}, {0x0420, 'P'}, {0x0421, 'C'},
    {0x0422, 'T'}, {0x0425, 'X'}, {0x0430, 'a'}, {0x0435, 'e'},
    {0x043E, 'o'}, {0x0440, 'p'}, {0x0441, 'c'}, {0x0443, 'y'},
    {0x0445, 'x'}, {0x0455, 's'}, {0x0456, 'i'}, {0x0458, 'j'},
    {0x04BB, 'h'}, {0x0501, 'd'},
};

static const mtl_enc_pair mtl_enc_to_cyrillic[] = {
    {'A', 0x0410}, {'B', 0x0412}, {'C', 0x0421}, {'E', 0x0415},
    {'H', 0x041D}, {'I', 0x0406}, {'K', 0x041A}, {'M', 0x041C},
    {'O', 0x041E}, {'P', 0x0420}, {'T', 0x0422}, {'X', 0x0425},
    {'a', 0x0430}, {'c', 0x0441}, {'e', 0x0435}, {'i', 0x0456},
    {'o', 0x043E}, {'p', 0x0440}, {'x', 0x0445}, {'y', 0x0443},
};

static int32_t
mtl_enc_lookalike(const mtl_enc_pair *t, size_t n, int32_t c)
{
    for (size_t i = 0; i < n; i++)
        if (t[i].from == c)
            return t[i].to;
    return -1;
}

static void
mtl_enc_mixed(const mtl_doc *doc, const mtl_token *tk, mtl_flags *out,
              const uint8_t *covered)
{
    const char *s = doc->text + tk->start;
    size_t n = tk->len, i = 0;
    int nlat = 0, ncyr = 0, ngrk = 0, nother = 0;
    if (n > 256 || (tk->flags & MTL_TF_INVALID))
        return;
    if (covered && memchr(covered + tk->start, 1, tk->len))
        return;
    while (i < n) {
        int32_t c = mtl_utf8_next(s, n, &i);
        if (c < 0 || !u_isalpha(c))
            continue;
        UErrorCode err = U_ZERO_ERROR;
        UScriptCode sc = uscript_getScript(c, &err);
        if (sc == USCRIPT_COMMON || sc == USCRIPT_INHERITED)
            continue;
        if (sc == USCRIPT_LATIN)
            nlat++;
        else if (sc == USCRIPT_CYRILLIC)
            ncyr++;
        else if (sc == USCRIPT_GREEK)
            ngrk++;
        else
            nother++;
    }
    if (nother > 0)
        return;
    UScriptCode major, minor1, minor2 = USCRIPT_INVALID_CODE;
    int nmaj, nmin;
    if (nlat > ncyr + ngrk) {
        major = USCRIPT_LATIN;
        minor1 = USCRIPT_CYRILLIC;
        minor2 = USCRIPT_GREEK;
        nmaj = nlat;
        nmin = ncyr + ngrk;
    } else if (ncyr > nlat + ngrk && ngrk == 0) {
        major = USCRIPT_CYRILLIC;
        minor1 = USCRIPT_LATIN;
        nmaj = ncyr;
        nmin = nlat;
    } else {
        return;
    }
    if (nmin == 0 || nmaj < 2 || nmaj + nmin < 3 || nmin > 2)
        return;
    char sug[1100];
    size_t sl = 0;
    i = 0;
    while (i < n) {
        size_t p = i;
        int32_t c = mtl_utf8_next(s, n, &i);
        UErrorCode err = U_ZERO_ERROR;
        UScriptCode sc = c >= 0 ? uscript_getScript(c, &err) : USCRIPT_COMMON;
        if (u_isalpha(c) && (sc == minor1 || sc == minor2)) {
            int32_t to = major == USCRIPT_LATIN
                             ? mtl_enc_lookalike(
                                   mtl_enc_to_latin,
                                   sizeof mtl_enc_to_latin /
                                       sizeof mtl_enc_to_latin[0],
                                   c)
                             : mtl_enc_lookalike(
                                   mtl_enc_to_cyrillic,
                                   sizeof mtl_enc_to_cyrillic /
                                       sizeof mtl_enc_to_cyrillic[0],
                                   c);
            if (to < 0)
                return; /* a real letter of another alphabet */
            sl += mtl_utf8_encode((uint32_t)to, sug + sl);
        } else {
            memcpy(sug + sl, s + p, i - p);
            sl += i - p;
        }
    }
    sug[sl] = '\0';
    mtl_flags_addf(out, MTL_RULE_MIXED_SCRIPT, tk->start,
                   (size_t)tk->start + tk->len, sug,
                   "word mixes %s letters into a %s word: a look-alike",
                   major == USCRIPT_LATIN ? "Cyrillic or Greek" : "Latin",
                   major == USCRIPT_LATIN ? "Latin" : "Cyrillic");
}

/* ------------------------------------------------------------------ run */

/* Longest stretch of a line searched for mojibake at once (bytes). */
#define MTL_ENC_SEGMENT 65536

/* A byte that reads as a letter in Windows-1252.  0xC2 and 0xC3 ("Â",
 * "Ã") are left out: in a UTF-8 document they are far more often the
 * first byte of a damaged UTF-8 sequence. */
static bool
mtl_enc_is_letter_byte_1252(int b)
{
    if (b < 0xA0 || b == 0xC2 || b == 0xC3)
        return false;
    return u_isalpha(mtl_enc_fwd_cp1252[b - 0x80]) != 0;
}

/* Word-at-a-time tests over eight bytes: the scans below (mtl_enc_skip)
 * skip printable ASCII sixteen bytes at a time with SSE2, eight at a time
 * near the end of the text or without SSE2, and look at the bytes one by
 * one only in a word that holds something else.  Each test is exact for
 * the word as a whole (the classic "has a byte below n" and "has a zero
 * byte" tricks, n <= 0x80). */
/* True if a byte of @p v is not printable ASCII (0x20..0x7E).  On the
 * low seven bits of each byte, adding 1 carries into the high bit only
 * from 0x7F, adding 0x60 only from 0x20 on, and neither into the next
 * byte: one sum per test, with no branch between them. */
static inline bool
mtl_enc_unprintable8(uint64_t v)
{
    uint64_t low7 = v & ~MTL_HIGH8;
    uint64_t del = low7 + MTL_ONES8 * 0x01;
    uint64_t ge_space = low7 + MTL_ONES8 * 0x60;
    return ((v | del | ~ge_space) & MTL_HIGH8) != 0;
}

/* A byte a scan below stops at: from 0x80 always; with @p ctl, a control
 * character (below 0x20, or 0x7F) too; with @p amp, a '&'. */
static inline bool
mtl_enc_stop_byte(unsigned char b, bool ctl, bool amp)
{
    return b >= 0x80 || (ctl && (b < 0x20 || b == 0x7F)) ||
           (amp && b == '&');
}

/* The first byte of u[i, n) a scan stops at (mtl_enc_stop_byte), or n:
 * sixteen bytes at a time with SSE2, the first such byte of a block
 * found by its bit in a mask, then eight at a time (the words tested as a
 * whole), then one by one.  Always inlined, for @p ctl and @p amp to be
 * constants. */
__attribute__((always_inline)) static inline size_t
mtl_enc_skip(const unsigned char *u, size_t i, size_t n, bool ctl, bool amp)
{
#ifdef __SSE2__
    const __m128i space = _mm_set1_epi8(0x20), del = _mm_set1_epi8(0x7F);
    const __m128i amps = _mm_set1_epi8('&');
    for (; n - i >= 16; i += 16) {
        __m128i v = _mm_loadu_si128((const __m128i *)(const void *)(u + i));
        /* signed: the bytes from 0x80 are below 0x20 too */
        __m128i m = ctl ? _mm_or_si128(_mm_cmplt_epi8(v, space),
                                       _mm_cmpeq_epi8(v, del))
                        : v;
        if (amp)
            m = _mm_or_si128(m, _mm_cmpeq_epi8(v, amps));
        unsigned stop = (unsigned)_mm_movemask_epi8(m);
        if (stop)
            return i + (size_t)__builtin_ctz(stop);
    }
#endif
    while (n - i >= 8) {
        uint64_t v = mtl_load8(u + i);
        if ((ctl ? mtl_enc_unprintable8(v) : (v & MTL_HIGH8) != 0) ||
            (amp && mtl_has_byte8(v, '&')))
            break;
        i += 8;
    }
    while (i < n && !mtl_enc_stop_byte(u[i], ctl, amp))
        i++;
    return i;
}

/* The character of line [ls, le) whose last byte is s[q], or -1 when the
 * bytes there are not one valid character ending at q. */
static int32_t
mtl_enc_char_ending(const char *s, size_t ls, size_t le, size_t q)
{
    const unsigned char *u = (const unsigned char *)s;
    size_t st = q;
    while (st > ls && q - st < 3 && (u[st] & 0xC0) == 0x80)
        st--;
    size_t e = st;
    int32_t c = mtl_utf8_next(s, le, &e);
    return e == q + 1 ? c : -1;
}

/* False if the non-ASCII character whose last byte is s[q], a space after
 * it, can start no piece in any code page (mtl_enc_space_role), given the
 * byte after the space: a piece of three bytes or more needs a third one
 * there, a space, '?' or a non-ASCII character (mtl_enc_decode).  True
 * also when the bytes before s[q] are not that of one valid character,
 * which mtl_enc_line would take as they are. */
static bool
mtl_enc_space_cand(const char *s, size_t ls, size_t le, size_t q)
{
    const unsigned char *u = (const unsigned char *)s;
    int32_t c = mtl_enc_char_ending(s, ls, le, q);
    if (c < 0x80)
        return true;
    unsigned r = c < MTL_ENC_TABLE_CPS ? mtl_enc_space_tab[c]
                                       : mtl_enc_space_role(c);
    if (r & MTL_ENC_SP_PIECE)
        return true;
    return (r & MTL_ENC_SP_LEAD) && q + 2 < le &&
           (u[q + 2] == ' ' || u[q + 2] == '?' || u[q + 2] >= 0x80);
}

/* False if the non-ASCII character whose last byte is s[q] and the
 * non-ASCII one that starts at s[q + 1] start no piece in any code page:
 * a piece starts with a lead byte and goes on with a continuation byte
 * (or a space, which mtl_enc_space_cand looks at; a '?' only after a
 * continuation byte: mtl_enc_decode), in one and the same code page.  In
 * Latin text most pairs are two accented letters ("çã", "õe" has one),
 * which no code page reads so.  True also when either is not one valid
 * character, or lies past the tables (looked up no further here). */
static bool
mtl_enc_pair_cand(const char *s, size_t ls, size_t le, size_t q)
{
    int32_t x = mtl_enc_char_ending(s, ls, le, q);
    if (x < 0x80 || x >= MTL_ENC_TABLE_CPS)
        return true;
    size_t e = q + 1;
    int32_t y = mtl_utf8_next(s, le, &e);
    if (y < 0x80 || y >= MTL_ENC_TABLE_CPS)
        return true;
    return (mtl_enc_lead_tab[x] & mtl_enc_cont_tab[y]) != 0;
}

static void
mtl_enc_run_doc(const void *state, mtl_checker *ck, const mtl_doc *doc,
                const mtl_batch *batch, mtl_flags *out)
{
    (void)state;
    (void)batch;
    const char *s = doc->text;
    const unsigned char *u = (const unsigned char *)s;
    size_t n = doc->len;

    /* fast path: nothing but printable ASCII, tab and line breaks.  From
     * the first non-ASCII byte on, only a '&' matters: the scan for
     * invalid bytes below runs anyway, and finds the control characters */
    bool high = false, amp = false, ctl = false;
    for (size_t i = 0; (i = mtl_enc_skip(u, i, n, true, true)) < n; i++) {
        unsigned char b = u[i];
        if (b >= 0x80) {
            high = true;
            amp = amp || memchr(s + i, '&', n - i) != NULL;
            break;
        } else if (b == '&') {
            amp = true;
        } else if ((b < 0x20 && b != '\t' && b != '\n' && b != '\r') ||
                   b == 0x7F) {
            ctl = true;
        }
    }
    if (!high && !amp && !ctl)
        return;

    /* bytes inside a mojibake flag, for the checks below not to flag them
     * again; NULL while no line has been looked at for mojibake */
    uint8_t *covered = NULL;
    if (high) {
        pthread_once(&mtl_enc_byte_once, mtl_enc_byte_build);
        /* mojibake, line by line; a very long line in pieces cut at an
         * ASCII byte, so that the scratch arrays stay small */
        size_t ls = 0;
        while (ls < n) {
            const char *nl = memchr(s + ls, '\n', n - ls);
            size_t le = nl ? (size_t)(nl - s) : n;
            size_t next_ls = le + 1;
            if (le - ls > MTL_ENC_SEGMENT) {
                size_t cut = ls + MTL_ENC_SEGMENT;
                while (cut > ls + MTL_ENC_SEGMENT / 2 && u[cut] >= 0x80)
                    cut--;
                while (cut > ls + 1 && (u[cut] & 0xC0) == 0x80)
                    cut--;
                le = cut;
                next_ls = cut;
            }
            /* mtl_enc_line finds nothing on a line where each non-ASCII
             * character ends the line or stands before an ASCII one
             * other than a space, or before a space that it can not make
             * a piece with (mtl_enc_space_cand), and no '&' starts an
             * entity, and no two non-ASCII characters side by side read
             * as a lead byte and a continuation byte in one code page
             * (mtl_enc_pair_cand): only the other lines are decoded.  At
             * the byte level: a non-ASCII byte before a lead byte that
             * begins such a pair, or before such a space, or a '&'. */
            bool lcand = false;
            size_t q = ls;
            while (q < le && !lcand) {
                /* ASCII without '&' */
                q = mtl_enc_skip(u, q, le, false, true);
                if (q >= le)
                    break;
                if (u[q] == '&') {
                    /* only an entity of a character from U+00A0 on is
                     * read as one below */
                    int32_t ec;
                    size_t el = mtl_enc_entity_parse(s + q, le - q, &ec);
                    lcand = el > 0 && ec >= 0xA0;
                }
                else if (u[q] >= 0x80 && q + 1 < le)
                    lcand = (u[q + 1] >= 0xC0 &&
                             mtl_enc_pair_cand(s, ls, le, q)) ||
                            (u[q + 1] == ' ' &&
                             mtl_enc_space_cand(s, ls, le, q));
                q++;
            }
            if (lcand) {
                size_t cap = le - ls + 1;
                int32_t *cps = mtl_checker_scratch(
                    ck, 0, cap * (sizeof(int32_t) + sizeof(uint32_t)));
                uint32_t *offs = (uint32_t *)(cps + cap);
                int nc = 0;
                size_t i = ls;
                while (i < le) {
                    size_t p = i;
                    int32_t c = mtl_utf8_next(s, le, &i);
                    if (c == '&') {
                        int32_t ec;
                        size_t el = mtl_enc_entity_parse(s + p, le - p, &ec);
                        if (el > 0 && ec >= 0xA0) {
                            c = ec;
                            i = p + el;
                        }
                    }
                    cps[nc] = c;
                    offs[nc] = (uint32_t)p;
                    nc++;
                }
                offs[nc] = (uint32_t)le;
                if (!covered) {
                    covered = mtl_checker_scratch(ck, 1, n + 1);
                    memset(covered, 0, n + 1);
                }
                mtl_enc_line(cps, offs, nc, ck, out, covered);
            }
            ls = next_ls;
        }
    }

    /* invalid bytes, U+FFFD, control characters */
    if (high || ctl) {
        size_t i = 0;
        while (i < n) {
            /* printable ASCII */
            i = mtl_enc_skip(u, i, n, true, false);
            if (i >= n)
                break;
            unsigned char b = u[i];
            /* most other characters need not be decoded: a complete
             * sequence of two bytes from U+00C0 on (lead C3..DF), or of
             * three with a lead other than E0 (overlong forms), ED
             * (surrogates) and EF (U+FFFD), is valid, and neither a
             * control character nor U+FFFD */
            if (b >= 0xC3 && b <= 0xDF && i + 1 < n &&
                (u[i + 1] & 0xC0) == 0x80) {
                i += 2;
                continue;
            }
            if (b >= 0xE1 && b <= 0xEE && b != 0xED && i + 2 < n &&
                (u[i + 1] & 0xC0) == 0x80 && (u[i + 2] & 0xC0) == 0x80) {
                i += 3;
                continue;
            }
            size_t p = i;
            int32_t c = mtl_utf8_next(s, n, &i);
            if (c < 0) {
                size_t q = i;
                size_t j = i;
                while (q < n && u[q] >= 0x80) {
                    j = q;
                    if (mtl_utf8_next(s, n, &j) >= 0)
                        break;
                    q = j;
                }
                char sug[64];
                size_t sl = 0;
                bool ok = q - p <= 8;
                for (size_t t = p; t < q && ok; t++) {
                    if (!mtl_enc_is_letter_byte_1252(u[t]))
                        ok = false;
                    else
                        sl += mtl_utf8_encode(
                            mtl_enc_fwd_cp1252[u[t] - 0x80], sug + sl);
                }
                sug[sl] = '\0';
                mtl_flags_add(out, MTL_RULE_INVALID_UTF8, p, q,
                              ok ? "bytes that are not UTF-8: Latin-1 or "
                                   "Windows-1252 text in a UTF-8 document"
                                 : NULL,
                              ok ? sug : NULL);
                i = q;
                continue;
            }
            if (covered && covered[p])
                continue;
            if (c == 0xFFFD) {
                size_t q = i;
                while (q + 3 <= n && memcmp(s + q, "\xEF\xBF\xBD", 3) == 0)
                    q += 3;
                mtl_flags_add(out, MTL_RULE_REPLACEMENT_CHAR, p, q, NULL,
                              NULL);
                i = q;
            } else if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') ||
                       c == 0x7F) {
                mtl_flags_addf(out, MTL_RULE_CONTROL_CHAR, p, i, NULL,
                               "control character U+%04X in text",
                               (unsigned)c);
            } else if (c >= 0x80 && c <= 0x9F) {
                uint16_t w = mtl_enc_fwd_cp1252[c - 0x80];
                char sug[8];
                size_t sl = 0;
                if (w != (uint16_t)c)
                    sl = mtl_utf8_encode(w, sug);
                sug[sl] = '\0';
                mtl_flags_addf(out, MTL_RULE_CONTROL_CHAR, p, i,
                               sl ? sug : NULL,
                               "C1 control character U+%04X: a Windows-1252 "
                               "character read as Latin-1",
                               (unsigned)c);
            }
        }
    }

    /* HTML entities */
    if (amp) {
        const char *p = s, *end = s + n;
        while ((p = memchr(p, '&', (size_t)(end - p))) != NULL) {
            size_t off = (size_t)(p - s);
            int32_t cp;
            size_t len = mtl_enc_entity_chain(p, (size_t)(end - p), &cp);
            if (len == 0 || (covered && covered[off])) {
                p++;
                continue;
            }
            char sug[8];
            size_t sl = mtl_utf8_encode((uint32_t)cp, sug);
            sug[sl] = '\0';
            mtl_flags_addf(out, MTL_RULE_HTML_ENTITY, off, off + len, sug,
                           "HTML entity left in extracted text (%s)",
                           memchr(p + 1, '&', len - 1) ? "escaped twice"
                                                        : "decode it");
            p += len;
        }
    }

    /* look-alike letters: only tokens the tokenizer marked mixed, of
     * which there are few (in most documents none): their flags are
     * looked at eight tokens at a time, and one by one only in a group
     * with such a token */
    if (high && doc->mixed_script) {
        const mtl_token *tk = doc->toks;
        size_t t = 0, nt = doc->ntoks;
        for (; t < nt; t++) {
            if (nt - t >= 8 &&
                !((tk[t].flags | tk[t + 1].flags | tk[t + 2].flags |
                   tk[t + 3].flags | tk[t + 4].flags | tk[t + 5].flags |
                   tk[t + 6].flags | tk[t + 7].flags) &
                  MTL_TF_MIXED_SCRIPT)) {
                t += 7; /* and the loop's one */
                continue;
            }
            if ((tk[t].flags & MTL_TF_MIXED_SCRIPT) &&
                tk[t].kind == MTL_TOK_WORD)
                mtl_enc_mixed(doc, &tk[t], out, covered);
        }
    }
}

const mtl_detector mtl_detector_encoding = {
    .name = "encoding",
    .category = "encoding",
    .description = "mojibake, invalid UTF-8, U+FFFD, control characters, "
                   "HTML entities and look-alike letters from another "
                   "alphabet",
    .load = NULL,
    .run = mtl_enc_run_doc,
    .unload = NULL,
    .observe = NULL,
};
