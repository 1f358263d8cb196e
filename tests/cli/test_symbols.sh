#!/usr/bin/env bash
# test_symbols.sh LIBRARY - the shared library exports only mtl_ symbols.
set -u
lib=$1
if ! command -v nm >/dev/null; then
    echo "nm not found (binutils): skipping"; exit 77
fi
syms=$(nm -D --defined-only "$lib" | awk '$2 ~ /[TDBR]/ {print $3}')
count=$(printf '%s\n' "$syms" | grep -c .)
bad=$(printf '%s\n' "$syms" | grep -v '^mtl_' || true)
if [ -n "$bad" ]; then
    echo "exported symbols without the mtl_ prefix:"; printf '%s\n' "$bad"
    exit 1
fi
if [ "$count" -lt 20 ]; then
    echo "only $count symbols exported: the API is missing"; exit 1
fi
echo "$count symbols, all mtl_"
