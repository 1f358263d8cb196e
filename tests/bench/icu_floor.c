/*
 * icu_floor.c - the ICU floor for batch scoring: ICU word segmentation
 * (UBRK_WORD over a UText from utext_openUTF8, ubrk_next and
 * ubrk_getRuleStatus) over every document of a benchmark input and nothing
 * else, on one thread.  mtlint reads, tokenizes and checks the same
 * documents, so its MB/s on one core is compared with this program's.
 *
 * Usage: icu_floor [--jsonl] PATH...
 *   PATH: a file or a folder (searched recursively for *.txt, or *.jsonl
 *   with --jsonl).  Plain text: one document per file.  --jsonl: one
 *   document per non-blank line, its bytes segmented as they are (the
 *   floor does not even parse the JSON).
 * Prints: "icu_floor: BYTES bytes DOCS docs WORDS words SECONDS s
 *          MB/s DOCS/s" (wall time of the segmentation, files read first
 *          into memory in chunks so disk speed does not count).
 */
#define _GNU_SOURCE
#include <fnmatch.h>
#include <ftw.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <unicode/ubrk.h>
#include <unicode/utext.h>

static bool jsonl;
static UBreakIterator *bi;
static uint64_t n_bytes, n_docs, n_words;
static double t_seg;

static double
now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static char *
read_file(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    size_t cap = 1 << 16, n = 0, got;
    char *buf;

    if (!f)
        return NULL;
    buf = malloc(cap);
    while (buf && (got = fread(buf + n, 1, cap - n, f)) > 0) {
        n += got;
        if (n == cap) {
            char *nb = realloc(buf, cap * 2);
            if (!nb) {
                free(buf);
                buf = NULL;
                break;
            }
            buf = nb;
            cap *= 2;
        }
    }
    fclose(f);
    *len = n;
    return buf;
}

/* Segments one document. */
static void
segment(const char *s, size_t len)
{
    UErrorCode st = U_ZERO_ERROR;
    UText *ut = utext_openUTF8(NULL, s, (int64_t)len, &st);

    ubrk_setUText(bi, ut, &st);
    if (U_FAILURE(st)) {
        fprintf(stderr, "icu_floor: %s\n", u_errorName(st));
        exit(2);
    }
    for (int32_t b = ubrk_next(bi); b != UBRK_DONE; b = ubrk_next(bi))
        if (ubrk_getRuleStatus(bi) != UBRK_WORD_NONE)
            n_words++;
    utext_close(ut);
    n_bytes += len;
    n_docs++;
}

static void
run_file(const char *path)
{
    size_t len;
    char *buf = read_file(path, &len);
    double t;

    if (!buf) {
        fprintf(stderr, "icu_floor: cannot read '%s'\n", path);
        exit(2);
    }
    t = now();
    if (!jsonl) {
        segment(buf, len);
    } else {
        size_t i = 0;
        while (i < len) {
            char *nl = memchr(buf + i, '\n', len - i);
            size_t end = nl ? (size_t)(nl - buf) : len, j;
            for (j = i; j < end && (buf[j] == ' ' || buf[j] == '\t' ||
                                    buf[j] == '\r'); j++)
                ;
            if (j < end)
                segment(buf + i, end - i);
            i = end + 1;
        }
    }
    t_seg += now() - t;
    free(buf);
}

static int
visit(const char *path, const struct stat *sb, int type, struct FTW *f)
{
    const char *base = path + f->base;

    (void)sb;
    if (type == FTW_F && fnmatch(jsonl ? "*.jsonl" : "*.txt", base, 0) == 0)
        run_file(path);
    return 0;
}

int
main(int argc, char **argv)
{
    UErrorCode st = U_ZERO_ERROR;
    int i = 1;

    if (i < argc && strcmp(argv[i], "--jsonl") == 0) {
        jsonl = true;
        i++;
    }
    if (i >= argc) {
        fputs("usage: icu_floor [--jsonl] PATH...\n", stderr);
        return 2;
    }
    bi = ubrk_open(UBRK_WORD, "en", NULL, 0, &st);
    if (U_FAILURE(st)) {
        fprintf(stderr, "icu_floor: ubrk_open: %s\n", u_errorName(st));
        return 2;
    }
    for (; i < argc; i++)
        if (nftw(argv[i], visit, 32, FTW_PHYS) != 0) {
            fprintf(stderr, "icu_floor: cannot read '%s'\n", argv[i]);
            return 2;
        }
    ubrk_close(bi);
    if (t_seg <= 0)
        t_seg = 1e-9;
    printf("icu_floor: %llu bytes %llu docs %llu words %.3f s %.2f MB/s "
           "%.0f docs/s\n", (unsigned long long)n_bytes,
           (unsigned long long)n_docs, (unsigned long long)n_words, t_seg,
           (double)n_bytes / 1e6 / t_seg, (double)n_docs / t_seg);
    return 0;
}
