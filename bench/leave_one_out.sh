#!/usr/bin/env bash
# Leave one field out: blanks one evidence-bearing column of a simulated world's applications.csv
# at a time (the header kept), scans and evaluates, and prints per dropped column and world the
# recall / precision at `high`, persona and network F1 and the fraudulent personas caught: the
# table in docs/PERFORMANCE.md ("Leave one field out"). A field whose loss drops a world off a
# cliff is one the detection leans on alone; "ats" drops what a typical ATS export lacks
# (device, photo hash, national id, date of birth) together.
#   bench/leave_one_out.sh build/crosscheck [scale] [worlds] [fields]
#   bench/leave_one_out.sh build/crosscheck 0.25 "adversarial:7 sparse:7 default:7" "none payout_account ats"
# Worlds are profile:seed (`simulate --profile P --seed S --scale scale`); scans read the world's
# IP ranges and, when ../shared is beside the checkout, the OFAC SDN list.
set -euo pipefail
binary=$(realpath "$1")
scale=${2:-0.5}
worlds=${3:-"adversarial:7 adversarial:11 sparse:7 sparse:11 default:7 default:11"}
# A field is a column of applications.csv, or a group: address (the claimed residence but its
# country, which the phone's numbering plan and the fairness rating read), ats (see above).
fields=${4:-"none full_name email phone date_of_birth address shipping_address ip_address linkedin github \
resume_text photo_hash payout_account national_id device_id ats"}
here=$(cd "$(dirname "$0")/.." && pwd)
sdn=()
[[ -d "$here/../shared/data/ofac" ]] && sdn=(--sdn "$here/../shared/data/ofac")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

columns_of() {
  case $1 in
    none) echo "" ;;
    address) echo "street city region postal_code" ;;
    ats) echo "device_id photo_hash national_id date_of_birth" ;;
    *) echo "$1" ;;
  esac
}

# blank IN OUT COLUMNS...: copies a CSV with the named columns emptied (quoted resumes kept whole).
blank() {
  python3 - "$@" <<'EOF'
import csv, sys
csv.field_size_limit(sys.maxsize)
source, target, *names = sys.argv[1:]
with open(source, newline="") as src, open(target, "w", newline="") as dst:
    reader, writer = csv.reader(src), csv.writer(dst, lineterminator="\n")
    header = next(reader)
    missing = [name for name in names if name not in header]
    if missing:
        sys.exit(f"no column {missing} in {source}")
    drop = [header.index(name) for name in names]
    writer.writerow(header)
    for row in reader:
        for index in drop:
            if index < len(row):
                row[index] = ""
        writer.writerow(row)
EOF
}

# One cell: "recall / precision, persona F1, network F1, personas caught".
cell() {
  local world=$1 field=$2 dir="$work/$1" input="$work/$1/applications.csv"
  if [[ $field != none ]]; then
    input="$work/blanked.csv"
    # shellcheck disable=SC2046  # the column list is meant to split
    blank "$dir/applications.csv" "$input" $(columns_of "$field")
  fi
  "$binary" scan -q --applications "$input" --ip-ranges "$dir/ip_ranges.csv" "${sdn[@]}" \
    --out "$work/scan" > /dev/null 2> "$work/scan.log" || { echo "scan failed"; return; }
  "$binary" evaluate --truth "$dir/truth.csv" --out "$work/scan" > /dev/null 2>&1 || true
  python3 - "$work/scan/evaluation.json" <<'EOF'
import json, sys
report = json.load(open(sys.argv[1]))
high = next(d for d in report["detection"] if d["threshold"] == "high")
print(f'{high["recall"]:.4f} / {high["precision"]:.4f}, {report["persona_linkage"]["f1"]:.3f}, '
      f'{report["network_recovery"]["f1"]:.3f}, {high["fraud_personas_caught"]}/{high["fraud_personas"]}')
EOF
}

for world in $worlds; do
  "$binary" simulate --profile "${world%%:*}" --seed "${world##*:}" --scale "$scale" --out "$work/$world" > /dev/null
done

header="| dropped | columns blanked |"
rule="|---|---|"
for world in $worlds; do header+=" ${world/:/ } |"; rule+="---|"; done
echo "scale $scale; cells: recall / precision at high, persona F1, network F1, fraudulent personas caught"
echo
echo "$header"
echo "$rule"
for field in $fields; do
  blanked=$(columns_of "$field")
  row="| $field | ${blanked:--} |"
  for world in $worlds; do row+=" $(cell "$world" "$field") |"; done
  echo "$row"
done
