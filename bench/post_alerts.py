#!/usr/bin/env python3
"""Posts N live collective safety alerts through the JSON API for bench/run --alerts N
(issue 12 §4: lookups with 10,000 live alerts in the database). Each alert names a buyer drawn
uniformly, without repetition, from the dataset's buyers (users.csv), as alerts would in a
collective; prints how many of the lookup list's pseudonyms are named by one.

    post_alerts.py BASE_URL COOKIE CSRF DATA_DIR N
"""
import csv
import http.client
import json
import random
import sys
import urllib.parse


def main():
    base, cookie, csrf, data, n = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4], int(sys.argv[5])
    with open(f"{data}/users.csv", newline="") as f:
        buyers = [r["pseudonym"] for r in csv.DictReader(f) if r["account_type"] == "buyer"]
    rng = random.Random(42)
    named = rng.sample(buyers, min(n, len(buyers)))
    u = urllib.parse.urlparse(base)
    conn = http.client.HTTPConnection(u.hostname, u.port)
    headers = {"Content-Type": "application/json", "Cookie": cookie, "X-CSRF-Token": csrf}
    flags = ["unsafe", "aggressive", "boundary_violation", "non_payment", "time_waster", "scam", "other"]
    for i, buyer in enumerate(named):
        body = {"coop": None, "flags": [flags[i % len(flags)]], "buyer": buyer,
                "text": "Benchmark alert", "days": 30}
        conn.request("POST", "/api/alerts", json.dumps(body), headers)
        r = conn.getresponse()
        r.read()
        if r.status != 201:
            sys.exit(f"post_alerts: alert {i} answered {r.status}")
    with open(f"{data}/lookups.txt") as f:
        lookups = [line.strip() for line in f if line.strip()]
    hit = set(named)
    share = sum(1 for p in lookups if p in hit) / max(len(lookups), 1)
    print(f"{len(named)} alerts posted; {share:.1%} of the lookups name a buyer with one")


if __name__ == "__main__":
    main()
