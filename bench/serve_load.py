#!/usr/bin/env python3
"""Load a simulated world into `crosscheck serve` through its API and time it.

    bench/serve_load.py --binary build/crosscheck --world WORLD [--chunk 10000] [--singles 5]
                        [--batch-risk SCAN/risk.csv]

Starts the real binary on a free loopback port with a fresh --data directory, posts
WORLD/applications.csv in CSV bodies of --chunk rows (timing each post: store + provisional
scoring against the posted rows' neighbourhood), waits until the background resolution has taken
everything in (/healthz "resolving" false), then posts --singles new applications one at a time
(the latency of one POST with everything stored; background resolutions run meanwhile). Before the
singles, with --batch-risk, it exports /v1/export/risk.csv and compares it with a batch `scan` of
the same rows. Prints one line per figure; docs/API.md quotes
them.
"""
import argparse, csv, hashlib, io, json, os, shutil, subprocess, sys, tempfile, time, urllib.request

def post(port, token, body, content_type="text/csv"):
    request = urllib.request.Request(f"http://127.0.0.1:{port}/v1/applications", data=body.encode(), method="POST",
                                     headers={"Authorization": f"Bearer {token}", "Content-Type": content_type})
    start = time.perf_counter()
    with urllib.request.urlopen(request, timeout=3600) as answer:
        payload = json.load(answer)
    return time.perf_counter() - start, payload

def get(port, token, path):
    request = urllib.request.Request(f"http://127.0.0.1:{port}{path}", headers={"Authorization": f"Bearer {token}"})
    with urllib.request.urlopen(request, timeout=3600) as answer:
        return answer.read().decode()

def wait_until_resolved(port):
    while json.loads(get(port, "bench-token", "/healthz"))["resolving"]:
        time.sleep(0.5)

def p99(sorted_values):
    return sorted_values[min(len(sorted_values) - 1, int(len(sorted_values) * 0.99))]

def compare_with_resolution(port, provisional):
    """How often the level an arrival got in its request is the level the whole-store
    resolution gives it once it has caught up."""
    waited = time.perf_counter()
    wait_until_resolved(port)
    same, moves = 0, {}
    for application_id, level in provisional.items():
        final = json.loads(get(port, "bench-token", f"/v1/applications/{application_id}"))["level"]
        same += final == level
        if final != level:
            moves[f"{level}->{final}"] = moves.get(f"{level}->{final}", 0) + 1
    print(f"provisional vs resolved level ({time.perf_counter() - waited:.1f} s later): same for {same} of "
          f"{len(provisional)}; changed: {json.dumps(moves, sort_keys=True)}")

def arrival_metrics(text):
    """The last arrival's figures from /metrics (Prometheus text)."""
    figures = {}
    for line in text.splitlines():
        if line.startswith("crosscheck_last_arrival_"):
            name, value = line.split()[:2]
            figures[name] = float(value)
    return figures

def arrival_rows(header, rows, seed=11):
    """New applications as they arrive in practice: a stored row's person under a new id and a new
    e-mail (a repeat applicant or a persona's next try), each different, drawn at random."""
    import random
    chooser = random.Random(seed)
    id_column, email_column = header.index("application_id"), header.index("email")
    serial = 0
    while True:
        row = list(chooser.choice(rows))
        row[id_column] = f"bench-arrival-{serial}"
        row[email_column] = f"arrival{serial}@example.net"
        serial += 1
        yield row

WRK_SCRIPT = """
-- one POST /v1/applications per request, each a different one-row CSV body read from bodies.txt
-- (bodies separated by a line holding only \\f); ids made unique per thread by a prefix
local bodies, counter, prefix = {}, 0, ""
local file = io.open(BODIES)
local text = file:read("*a")
file:close()
for body in string.gmatch(text, "(.-)\\f\\n") do bodies[#bodies + 1] = body end
local threads = 0
function setup(thread) threads = threads + 1; thread:set("prefix", "t" .. threads .. "-") end
function init(args) math.randomseed(os.time() + #prefix) end
request = function()
  counter = counter + 1
  local body = bodies[(counter % #bodies) + 1]:gsub("bench%-arrival%-", "wrk-" .. prefix .. counter .. "-", 1)
  return wrk.format("POST", "/v1/applications", {["Content-Type"] = "text/csv",
                    ["Authorization"] = "Bearer bench-token"}, body)
end
"""

def run_wrk(port, header, arrivals, seconds, connections, work):
    """Concurrent clients against the loaded store: wrk (Debian's) posting one application per
    request, closed loop, --latency prints the distribution wrk measured."""
    bodies = os.path.join(work, "bodies.txt")
    with open(bodies, "w") as out:
        for _ in range(5000):
            body = io.StringIO()
            csv.writer(body, lineterminator="\n").writerows([header, next(arrivals)])
            out.write(body.getvalue() + "\f\n")
    script = os.path.join(work, "post.lua")
    with open(script, "w") as out:
        out.write(f"BODIES = {json.dumps(bodies)}\n" + WRK_SCRIPT)
    if shutil.which("wrk") is None:
        sys.exit("serve_load: wrk is not installed (Debian package wrk; scripts/install-deps installs it)")
    threads = min(2, connections)
    print(f"wrk: {connections} connections on {threads} threads for {seconds} s", flush=True)
    subprocess.run(["wrk", "-t", str(threads), "-c", str(connections), "-d", f"{seconds}s", "--latency",
                    "-s", script, f"http://127.0.0.1:{port}"], check=True)

def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--binary", required=True)
    parser.add_argument("--world", required=True)
    parser.add_argument("--chunk", type=int, default=10000)
    parser.add_argument("--singles", type=int, default=200)
    parser.add_argument("--batch-risk")
    parser.add_argument("--wrk-seconds", type=int, default=0,
                        help="after the singles, run wrk for this long with --wrk-connections clients")
    parser.add_argument("--wrk-connections", default="4", help="comma-separated: one wrk run per count")
    parser.add_argument("--serve-arg", action="append", default=[],
                        help="extra argument for `crosscheck serve`, repeatable (e.g. --serve-arg=--background-nice=0)")
    args = parser.parse_args()
    work = tempfile.mkdtemp(prefix="serve_load_")
    with open(os.path.join(work, "tokens.csv"), "w") as tokens:
        tokens.write("name,role,token_sha256\n")
        tokens.write("loader,admin," + hashlib.sha256(b"bench-token").hexdigest() + "\n")
    server = subprocess.Popen([args.binary, "serve", "--data", os.path.join(work, "data"), "--listen", "127.0.0.1:0",
                               "--tokens", os.path.join(work, "tokens.csv"), *args.serve_arg], stdout=subprocess.PIPE, text=True)
    try:
        line = server.stdout.readline()
        port = int(line.split("127.0.0.1:")[1].split(" ")[0])
        with open(os.path.join(args.world, "applications.csv"), newline="") as source:
            rows = list(csv.reader(source))
        header, rows = rows[0], rows[1:]
        total_seconds, posted = 0.0, 0
        for begin in range(0, len(rows), args.chunk):
            body = io.StringIO()
            writer = csv.writer(body, lineterminator="\n")
            writer.writerow(header)
            writer.writerows(rows[begin:begin + args.chunk])
            seconds, answer = post(port, "bench-token", body.getvalue())
            total_seconds += seconds
            posted += len(answer["results"])
            print(f"post {len(rows[begin:begin + args.chunk])} rows with {begin} stored: {seconds:.2f} s "
                  f"({len(answer['results'])} scored, {answer['rows_skipped']} skipped)", flush=True)
        print(f"bulk load: {posted} applications in {total_seconds:.1f} s = {posted / total_seconds:.0f} applications/s")
        waited = time.perf_counter()
        wait_until_resolved(port)
        print(f"background resolution caught up {time.perf_counter() - waited:.1f} s after the last post")
        if args.batch_risk:
            exported = list(csv.DictReader(io.StringIO(get(port, "bench-token", "/v1/export/risk.csv"))))
            served = {row["application_id"]: row for row in exported}
            with open(args.batch_risk, newline="") as batch_file:
                batch = list(csv.DictReader(batch_file))
            same_level = sum(1 for row in batch if row["application_id"] in served and served[row["application_id"]]["level"] == row["level"])
            same_score = sum(1 for row in batch if row["application_id"] in served and served[row["application_id"]]["score"] == row["score"])
            print(f"export vs batch scan: {len(batch)} batch rows; same level {same_level}, same score {same_score}")
        arrivals = arrival_rows(header, rows)
        latencies, neighbourhoods, scoring, provisional = [], [], [], {}
        for single in range(args.singles):
            body = io.StringIO()
            csv.writer(body, lineterminator="\n").writerows([header, next(arrivals)])
            seconds, answer = post(port, "bench-token", body.getvalue())
            latencies.append(seconds)
            provisional[answer["results"][0]["application_id"]] = answer["results"][0]["level"]
            metrics = arrival_metrics(get(port, "bench-token", "/metrics"))
            neighbourhoods.append(metrics["crosscheck_last_arrival_neighbourhood"])
            scoring.append(metrics["crosscheck_last_arrival_seconds"])
        latencies.sort()
        scoring.sort()
        print(f"in the request: scoring median {scoring[len(scoring) // 2] * 1000:.1f} ms, "
              f"p99 {p99(scoring) * 1000:.1f} ms; "
              f"neighbourhood mean {sum(neighbourhoods) / len(neighbourhoods):.0f}, max {max(neighbourhoods):.0f}")
        print(f"one new application with {posted} stored: median {latencies[len(latencies) // 2] * 1000:.1f} ms, "
              f"p99 {p99(latencies) * 1000:.1f} ms, max {latencies[-1] * 1000:.1f} ms over {len(latencies)} posts")
        compare_with_resolution(port, provisional)
        if args.wrk_seconds:
            for connections in args.wrk_connections.split(","):
                run_wrk(port, header, arrivals, args.wrk_seconds, int(connections), work)
        health = json.loads(get(port, "bench-token", "/healthz"))
        print(f"healthz: {json.dumps(health)}")
    finally:
        server.kill()
        server.wait()

if __name__ == "__main__":
    sys.exit(main())
