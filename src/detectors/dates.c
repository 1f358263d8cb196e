/*
 * dates.c - the `dates` detector (category `date`).  Not written yet: it adds
 * no flags until its issue lands.
 */
#include "detector.h"

static void
mtl_dates_run(const void *state, mtl_checker *ck, const mtl_doc *doc,
             const mtl_batch *batch, mtl_flags *out)
{
    (void)state; (void)ck; (void)doc; (void)batch; (void)out;
}

const mtl_detector mtl_detector_dates = {
    .name = "dates",
    .category = "date",
    .description = "(not yet implemented)",
    .run = mtl_dates_run,
};
