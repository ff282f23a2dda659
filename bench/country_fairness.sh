#!/usr/bin/env bash
# The worst claimed country's legitimate false-positive rate with counts that mean something:
# simulates each world, scans it (its IP ranges and, when ../shared is beside the checkout, the
# OFAC SDN list) and prints per claimed country the flagged legitimate applications, the total,
# the ratio to the overall rate and 95 % Wilson intervals, per world and pooled per profile, then
# the reasons that flag the worst country's legitimate applications (bench/country_fairness.py).
# docs/PERFORMANCE.md, "Fairness with real counts".
#   bench/country_fairness.sh build/crosscheck [scale] [worlds] [keep_dir]
#   bench/country_fairness.sh build/crosscheck 1 "adversarial:7 adversarial:11 adversarial:23"
# keep_dir, when given, keeps each world and scan (WORLD and WORLD.scan) for a closer look.
set -euo pipefail
binary=$(realpath "$1")
scale=${2:-1}
worlds=${3:-"adversarial:7 adversarial:11 adversarial:23 default:7 default:11 default:23"}
here=$(cd "$(dirname "$0")/.." && pwd)
sdn=()
[[ -d "$here/../shared/data/ofac" ]] && sdn=(--sdn "$here/../shared/data/ofac")
if [[ -n ${4:-} ]]; then
  work=$(realpath -m "$4")
  mkdir -p "$work"
else
  work=$(mktemp -d)
  trap 'rm -rf "$work"' EXIT
fi

arguments=()
for world in $worlds; do
  dir="$work/${world/:/-}"
  "$binary" simulate --profile "${world%%:*}" --seed "${world##*:}" --scale "$scale" --out "$dir" > /dev/null
  "$binary" scan -q --applications "$dir/applications.csv" --ip-ranges "$dir/ip_ranges.csv" "${sdn[@]}" \
    --out "$dir.scan" > /dev/null 2> "$dir.scan.log"
  arguments+=("${world/:/ }:$dir:$dir.scan")
done
echo "scale $scale; flagged = high or critical; ratio = the country's legitimate rate over the overall one"
python3 "$here/bench/country_fairness.py" "${arguments[@]}"
