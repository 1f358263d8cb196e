/*
 * tok_floor.c - the ICU floor for tokenizing: UBRK_WORD over a UText opened
 * with utext_openUTF8 on a file's bytes, with ubrk_next and
 * ubrk_getRuleStatus and nothing else.  mtl_tokenize() cannot be faster
 * than this; compare its MB/s with this program's on the same file.
 *
 * Usage: tok_floor FILE [ROUNDS]   (prints the best of ROUNDS, default 5)
 *
 * Times are process CPU time, which a busy machine disturbs less than
 * wall-clock time.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include <unicode/ubrk.h>
#include <unicode/utext.h>

static double
now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static char *
read_file(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    size_t cap = 1 << 20, n = 0;
    char *buf = malloc(cap);
    size_t got;
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

int
main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: %s FILE [ROUNDS]\n", argv[0]);
        return 2;
    }
    int rounds = argc > 2 ? atoi(argv[2]) : 5;
    if (rounds < 1)
        rounds = 1;
    size_t len;
    char *text = read_file(argv[1], &len);
    if (!text) {
        fprintf(stderr, "%s: cannot read %s\n", argv[0], argv[1]);
        return 2;
    }
    UErrorCode st = U_ZERO_ERROR;
    UBreakIterator *bi = ubrk_open(UBRK_WORD, "", NULL, 0, &st);
    if (U_FAILURE(st)) {
        fprintf(stderr, "%s: ubrk_open: %s\n", argv[0], u_errorName(st));
        return 2;
    }
    double best = 1e30;
    uint64_t segs = 0, words = 0;
    for (int r = 0; r < rounds; r++) {
        double t0 = now();
        UText ut = UTEXT_INITIALIZER;
        utext_openUTF8(&ut, text, (int64_t)len, &st);
        ubrk_setUText(bi, &ut, &st);
        if (U_FAILURE(st)) {
            fprintf(stderr, "%s: %s\n", argv[0], u_errorName(st));
            return 2;
        }
        segs = words = 0;
        ubrk_first(bi);
        while (ubrk_next(bi) != UBRK_DONE) {
            segs++;
            if (ubrk_getRuleStatus(bi) >= UBRK_WORD_NUMBER)
                words++;
        }
        utext_close(&ut);
        double dt = now() - t0;
        if (dt < best)
            best = dt;
    }
    printf("%s: %zu bytes, %llu segments, %llu words, best %.3f s, "
           "%.1f MB/s (ICU UBRK_WORD floor)\n",
           argv[1], len, (unsigned long long)segs, (unsigned long long)words,
           best, (double)len / 1e6 / best);
    ubrk_close(bi);
    free(text);
    return 0;
}
