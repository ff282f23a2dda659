#!/usr/bin/env bash
# Sweeps each detection threshold one at a time around its default (`scan --tune`) on several
# simulated worlds and prints, per setting and value, recall / precision at `high`, the false
# alarms and the claimed country flagged most often: the curves in docs/PERFORMANCE.md
# ("Every threshold swept"). A threshold whose quality falls off a cliff next to its default is
# one fitted to the simulator; one that degrades smoothly is not.
#   bench/threshold_sweep.sh build/crosscheck [scale] [worlds] [settings]
#   bench/threshold_sweep.sh build/crosscheck 0.25 "adversarial:7 sparse:11 default:7" "photo_max_hamming"
# Worlds are profile:seed (`simulate --profile P --seed S --scale scale`); scans read the world's
# IP ranges and, when ../shared is beside the checkout, the OFAC SDN list.
set -euo pipefail
binary=$(realpath "$1")
scale=${2:-0.25}
worlds=${3:-"adversarial:7 adversarial:11 sparse:11 default:7"}
only=${4:-}
here=$(cd "$(dirname "$0")/.." && pwd)
sdn=()
[[ -d "$here/../shared/data/ofac" ]] && sdn=(--sdn "$here/../shared/data/ofac")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# The values tried for each setting; the default (docs/INDICATORS.md, "Tunables") is among them.
sweeps=(
  "photo_max_hamming 2 4 6 7"
  "resume_min_jaccard 0.4 0.5 0.6 0.7 0.8"
  "ip_window_seconds 86400 259200 604800 2592000"
  "max_group_for_edges 50 150 500"
  "household_max_personas 4 8 12 32"
  "resolution 0.02 0.05 0.1 0.2"
  "attach_min_weight 0.05 0.15 0.5"
  "network_inherit_fraction 0.25 0.5 0.75"
  "network_min_tie 0.2 0.35 0.5 0.7"
  "variants_min_emails 3 4 5 6 8"
  "variants_min_phones 3 4 5 6 8"
  "many_contacts_strength 0.25 0.5 0.75 1"
  "velocity_min_companies 3 5 8 12"
  "velocity_window_seconds 259200 604800 1209600"
  "high_probability 0.95 0.98 0.99 0.995"
  "prior_probability 0.005 0.01 0.02 0.05"
)

for world in $worlds; do
  "$binary" simulate --profile "${world%%:*}" --seed "${world##*:}" --scale "$scale" --out "$work/$world" > /dev/null
done

# One cell: "recall / precision (false alarms), worst country ratio".
cell() {
  local world=$1 tune=$2 dir="$work/$world"
  "$binary" scan -q --applications "$dir/applications.csv" --ip-ranges "$dir/ip_ranges.csv" "${sdn[@]}" \
    --tune "$tune" --out "$work/scan" > /dev/null 2> "$work/scan.log" || { echo "scan failed"; return; }
  "$binary" evaluate --truth "$dir/truth.csv" --out "$work/scan" --applications "$dir/applications.csv" \
    --min-country-legit 200 > "$work/eval.txt" 2>&1 || true
  awk '
    $1 == "high" && NF >= 5 { flagged = $2; recall = $3; precision = $4 }
    /flagged at high \(/ { alarms = $0; sub(/.*\(/, "", alarms); sub(/ of.*/, "", alarms) }
    /^fairness/ { fair = 1; next }
    fair && NF >= 3 && worst == "" { worst = $1 " " $2 }
    END { printf "%s / %s (%s), %s", recall, precision, alarms, worst }' "$work/eval.txt"
}

header="| setting | value |"
rule="|---|---|"
for world in $worlds; do header+=" ${world/:/ } |"; rule+="---|"; done
echo "scale $scale; cells: recall / precision at high (legitimate applications flagged), the claimed country flagged most often (ratio to the overall rate)"
echo
echo "$header"
echo "$rule"
for sweep in "${sweeps[@]}"; do
  read -r name values <<< "$sweep"
  [[ -n "$only" && " $only " != *" $name "* ]] && continue
  for value in $values; do
    row="| $name | $value |"
    for world in $worlds; do row+=" $(cell "$world" "$name=$value") |"; done
    echo "$row"
  done
done
