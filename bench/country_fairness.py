#!/usr/bin/env python3
"""Per claimed country: legitimate applications flagged at `high`, the total, the ratio of the
country's rate to the overall one and 95 % Wilson intervals, for one or more scanned worlds and
pooled over them; then what flags the legitimate applications of the worst country (risk.csv
reasons, names). Used by bench/country_fairness.sh; docs/PERFORMANCE.md ("Fairness with real
counts").

  country_fairness.py LABEL:WORLD_DIR:SCAN_DIR [...]   (WORLD_DIR holds applications.csv, truth.csv)
"""
import collections
import csv
import math
import sys

csv.field_size_limit(sys.maxsize)

# The spelled-out names the simulator writes; two-letter values are codes in any case. The scan
# itself folds more spellings (normalize::NormalizeCountry): an unknown name is rated as written.
NAMES = {
    "australia": "AU", "brazil": "BR", "canada": "CA", "china": "CN", "france": "FR", "germany": "DE",
    "india": "IN", "italy": "IT", "japan": "JP", "mexico": "MX", "nigeria": "NG", "philippines": "PH",
    "poland": "PL", "russia": "RU", "singapore": "SG", "south korea": "KR", "ukraine": "UA",
    "united kingdom": "GB", "united states": "US", "vietnam": "VN",
}
FLAGGED = {"high", "critical"}
MIN_LEGIT = 200  # countries with fewer legitimate applications are listed but not rated
Z = 1.959964


def country_code(raw):
    raw = raw.strip()
    if not raw:
        return "-"
    if len(raw) == 2:
        return raw.upper()
    return NAMES.get(raw.lower(), raw.upper())


def wilson(k, n):
    if n == 0:
        return 0.0, 1.0
    p = k / n
    denominator = 1 + Z * Z / n
    centre = (p + Z * Z / (2 * n)) / denominator
    half = Z * math.sqrt(p * (1 - p) / n + Z * Z / (4 * n * n)) / denominator
    return max(0.0, centre - half), min(1.0, centre + half)


def read_world(world_dir, scan_dir):
    """Rows of the legitimate applications: (country, flagged, name, reasons, persona)."""
    fraud = {}
    with open(f"{world_dir}/truth.csv", newline="") as f:
        for row in csv.DictReader(f):
            fraud[row["application_id"]] = row["is_fraud"] == "1"
    risk = {}
    with open(f"{scan_dir}/risk.csv", newline="") as f:
        for row in csv.DictReader(f):
            risk[row["application_id"]] = row
    rows = []
    with open(f"{world_dir}/applications.csv", newline="") as f:
        for app in csv.DictReader(f):
            if fraud.get(app["application_id"], False):
                continue
            scored = risk.get(app["application_id"], {})
            rows.append({
                "id": app["application_id"], "country": country_code(app["country"]),
                "flagged": scored.get("level") in FLAGGED, "name": app["full_name"],
                "reasons": scored.get("reasons", ""), "persona": scored.get("persona_id", ""),
                "source": app["source"], "phone": app["phone"],
            })
    return rows


def rate_table(label, rows):
    legit = collections.Counter(row["country"] for row in rows)
    flagged = collections.Counter(row["country"] for row in rows if row["flagged"])
    total, total_flagged = len(rows), sum(flagged.values())
    overall = total_flagged / total if total else 0.0
    low, high = wilson(total_flagged, total)
    print(f"\n{label}: overall {total_flagged} of {total} legitimate flagged = {100 * overall:.4f}% "
          f"(95% {100 * low:.4f}-{100 * high:.4f}%)")
    print("| country | flagged | legitimate | rate | ratio | ratio 95% (Wilson / overall) |")
    print("|---|---|---|---|---|---|")
    rated = []
    for country, n in legit.items():
        k = flagged[country]
        ratio = (k / n) / overall if overall else 0.0
        low, high = wilson(k, n)
        rated.append((ratio, country, k, n, low, high))
    rated.sort(key=lambda entry: (-entry[0], entry[1]))
    for ratio, country, k, n, low, high in rated:
        if n < MIN_LEGIT and k == 0:
            continue
        note = "" if n >= MIN_LEGIT else " (unrated: < 200)"
        span = f"{low / overall:.2f}-{high / overall:.2f}" if overall else "-"
        print(f"| {country}{note} | {k} | {n} | {100 * k / n:.4f}% | {ratio:.2f} | {span} |")
    worst = next((entry[1] for entry in rated if entry[3] >= MIN_LEGIT and entry[2] > 0), None)
    return worst


def explain(label, rows, country):
    """What flags the worst country's legitimate applications, by persona."""
    mine = [row for row in rows if row["country"] == country and row["flagged"]]
    reasons = collections.Counter(code for row in mine for code in row["reasons"].split(";") if code)
    print(f"\n{label}: {country}'s {len(mine)} flagged legitimate applications; reasons "
          + ", ".join(f"{code} {count}" for code, count in reasons.most_common()))
    by_persona = collections.defaultdict(list)
    for row in mine:
        by_persona[row["persona"]].append(row)
    for persona, members in sorted(by_persona.items(), key=lambda item: -len(item[1])):
        names = sorted({row["name"] for row in members})
        sources = sorted({row["source"] for row in members})
        print(f"  {persona}: {len(members)} applications, names {names}, sources {sources}, "
              f"reasons {members[0]['reasons']}")


def main(arguments):
    pooled = collections.defaultdict(list)
    for argument in arguments:
        label, world_dir, scan_dir = argument.split(":", 2)
        rows = read_world(world_dir, scan_dir)
        worst = rate_table(label, rows)
        if worst:
            explain(label, rows, worst)
        pooled[label.split()[0]].append(rows)
    for profile, worlds in pooled.items():
        if len(worlds) < 2:
            continue
        rows = [row for world in worlds for row in world]
        rate_table(f"{profile}, {len(worlds)} seeds pooled", rows)


if __name__ == "__main__":
    main(sys.argv[1:])
