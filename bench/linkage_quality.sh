#!/bin/sh
# Pairwise F1 of `crosscheck link` on generated linkage data (simulate-linkage), one line per
# corruption rate and seed: the curves in docs/PERFORMANCE.md ("Linkage on data unlike FEBRL").
#   bench/linkage_quality.sh build/crosscheck multiparty "1 2 3" "0.2 0.35 0.5" [simulate flags]
set -eu
binary=$1 kind=$2 seeds=$3 rates=$4
shift 4
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
for rate in $rates; do
  for seed in $seeds; do
    "$binary" simulate-linkage --kind "$kind" --seed "$seed" --corruption "$rate" --out "$work/data" "$@" > "$work/settings"
    inputs=""
    for file in "$work"/data/*.csv; do
      [ "$(basename "$file")" = truth.csv ] || inputs="$inputs --input $file"
    done
    start=$(date +%s.%N)
    # shellcheck disable=SC2086
    score=$("$binary" link $inputs --id rec_id --truth "$work/data/truth.csv" --out "$work/out" 2> "$work/log")
    end=$(date +%s.%N)
    pairs=$(sed -n 's/.* records, \([0-9]*\) candidate pairs.*/\1/p' "$work/log" | tail -1)
    printf '%s seed %s corruption %s: %s [%.1f s, %s candidate pairs] (%s)\n' "$kind" "$seed" "$rate" "$score" \
      "$(echo "$end - $start" | bc)" "$pairs" "$(head -1 "$work/settings")"
    rm -rf "$work/data" "$work/out"
  done
done
