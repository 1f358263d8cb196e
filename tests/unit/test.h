/*
 * test.h - tiny assertion macros for the unit tests.
 *
 * CHECK() counts a failure and goes on, so one run shows every broken
 * check; TEST_DONE() returns 1 when any check failed.  A test that cannot
 * run (missing data) returns TEST_SKIP (77, meson's skip code) after
 * saying why.
 */
#ifndef MTL_TEST_H
#define MTL_TEST_H

#include <stdint.h>
#include <stdio.h>
#include <string.h>

#define TEST_SKIP 77

/* One xorshift64 step on *state: reproducible pseudo-random numbers. */
static inline uint32_t
test_rand(uint64_t *state)
{
    *state ^= *state << 13;
    *state ^= *state >> 7;
    *state ^= *state << 17;
    return (uint32_t)(*state >> 16);
}

static int test_checks;
static int test_failures;

#define CHECK(cond)                                                         \
    do {                                                                    \
        test_checks++;                                                      \
        if (!(cond)) {                                                      \
            test_failures++;                                                \
            fprintf(stderr, "%s:%d: CHECK failed: %s\n", __FILE__,          \
                    __LINE__, #cond);                                       \
        }                                                                   \
    } while (0)

/* Integer equality that prints both values. */
#define CHECK_EQ(a, b)                                                      \
    do {                                                                    \
        long long check_a_ = (long long)(a), check_b_ = (long long)(b);     \
        test_checks++;                                                      \
        if (check_a_ != check_b_) {                                         \
            test_failures++;                                                \
            fprintf(stderr, "%s:%d: CHECK failed: %s == %s (%lld != %lld)\n", \
                    __FILE__, __LINE__, #a, #b, check_a_, check_b_);        \
        }                                                                   \
    } while (0)

/* String equality (NUL-terminated) that prints both values. */
#define CHECK_STR(a, b)                                                     \
    do {                                                                    \
        const char *check_a_ = (a), *check_b_ = (b);                        \
        test_checks++;                                                      \
        if (!check_a_ || !check_b_ || strcmp(check_a_, check_b_) != 0) {    \
            test_failures++;                                                \
            fprintf(stderr,                                                 \
                    "%s:%d: CHECK failed: %s == %s (\"%s\" != \"%s\")\n",     \
                    __FILE__, __LINE__, #a, #b,                             \
                    check_a_ ? check_a_ : "(null)",                         \
                    check_b_ ? check_b_ : "(null)");                        \
        }                                                                   \
    } while (0)

#define TEST_DONE()                                                         \
    do {                                                                    \
        fprintf(stderr, "%d checks, %d failed\n", test_checks,              \
                test_failures);                                             \
        return test_failures ? 1 : 0;                                       \
    } while (0)

#endif
