#!/usr/bin/env bash
# Push latency of `crosscheck hub serve` with a whole consortium stored (docs/PERFORMANCE.md,
# "Consortium"): encodes a simulated world, loads every company's submission into a hub with a
# SQLite store, then times REPEAT pushes of the submission closest to 50 applications.
#
#   bench/hub_push_bench.sh [SEED] [REPEAT]     (from the repository root, after `make build`)
#
# Prints the answer times of the bulk load and of the repeated push (median, p90, p99, max).
set -euo pipefail
cd "$(dirname "$0")/.."
seed=${1:-7}
repeat=${2:-40}
work=bench-out/hub_push
port=$((18000 + RANDOM % 1000))
rm -rf "$work" && mkdir -p "$work/store" && chmod 700 "$work"
cp build/crosscheck "$work/crosscheck"  # a rebuild during the run must not pull the binary away
bin=$work/crosscheck

"$bin" simulate --seed "$seed" --out "$work/world" >/dev/null
"$bin" share keygen --out "$work/consortium.key" >/dev/null
"$bin" share encode --applications "$work/world/applications.csv" --key-file "$work/consortium.key" \
  --out "$work/subs" >/dev/null 2>&1

push_config() {  # COMPANY FILE CONFIG: append one push in curl's config syntax
  [[ -s "$3" ]] && echo next >> "$3"
  printf '%s\n' "url = \"http://127.0.0.1:$port/v1/submissions\"" "header = \"Authorization: Bearer tok-$1\"" \
    'header = "Content-Type: application/octet-stream"' "data-binary = \"@$2\"" 'output = "/dev/null"' \
    'write-out = "%{http_code} %{time_total}\n"' >> "$3"
}

summary() {  # answer times in seconds on stdin -> one line in ms
  sort -n | awk '{t[NR]=$1*1000} END {printf "n %d, median %.0f ms, p90 %.0f ms, p99 %.0f ms, max %.0f ms\n",
    NR, t[int((NR+1)/2)], t[int(NR*0.9)], t[int(NR*0.99)], t[NR]}'
}

# members.csv: token "tok-<company>" for each company; one curl run pushes every file once.
echo "company_id,token_sha256" > "$work/members.csv"
: > "$work/load.cfg"
for file in "$work"/subs/*.ccsub; do
  company=$(basename "$file" .ccsub)
  echo "$company,$(printf 'tok-%s' "$company" | sha256sum | cut -d' ' -f1)" >> "$work/members.csv"
  push_config "$company" "$file" "$work/load.cfg"
done

"$bin" hub serve --listen "127.0.0.1:$port" --store "$work/store" --members "$work/members.csv" \
  > "$work/serve.log" 2>&1 &
hub=$!
trap 'kill $hub 2>/dev/null || true' EXIT
until curl -sf "127.0.0.1:$port/healthz" >/dev/null; do sleep 0.2; done

start=$(date +%s)
curl -s -K "$work/load.cfg" > "$work/load.out"
echo "bulk load: $(wc -l < "$work/load.out") pushes in $(( $(date +%s) - start )) s; answers:" \
  "$(awk '{print $1}' "$work/load.out" | sort | uniq -c | tr -s ' ' | tr '\n' ' ')"
awk '$1 == 202 {print $2}' "$work/load.out" | summary

# A submission of about 50 applications: candidates by size (~1 KB each), pushed once each
# (the answer says how many records it holds) until one holds 45-55.
by_size_gap() {  # the submission files, closest to 52 KB first
  for f in "$work"/subs/*.ccsub; do
    size=$(stat -c %s "$f")
    echo "$(( size > 52000 ? size - 52000 : 52000 - size )) $f"
  done | sort -n | cut -d' ' -f2
}
company="" records=0
for file in $(by_size_gap | head -40); do
  candidate=$(basename "$file" .ccsub)
  records=$(curl -s -H "Authorization: Bearer tok-$candidate" -H "Content-Type: application/octet-stream" \
    --data-binary "@$file" "127.0.0.1:$port/v1/submissions" | sed -n 's/.*"records":\([0-9]*\).*/\1/p')
  company=$candidate best=$file
  (( records >= 45 && records <= 55 )) && break
done
: > "$work/one.cfg"
for ((i = 0; i < repeat; ++i)); do push_config "$company" "$best" "$work/one.cfg"; done
curl -s -K "$work/one.cfg" > "$work/one.out"
echo "push of $company ($records applications), $repeat times; answers:" \
  "$(awk '{print $1}' "$work/one.out" | sort | uniq -c | tr -s ' ' | tr '\n' ' ')"
awk '{print $2}' "$work/one.out" | summary
echo "hub: $(curl -s "127.0.0.1:$port/healthz"); load average: $(cut -d' ' -f1-3 /proc/loadavg)"
