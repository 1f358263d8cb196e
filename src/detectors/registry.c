/*
 * registry.c - the table of detectors, built from detectors.def (the way
 * fribidi builds its char-set table).
 */
#include "detector.h"

const mtl_detector *const mtl_detectors[] = {
#define MTL_DETECTOR(name) &mtl_detector_##name,
#include "detectors.def"
#undef MTL_DETECTOR
};

const size_t mtl_detectors_count =
    sizeof mtl_detectors / sizeof mtl_detectors[0];
