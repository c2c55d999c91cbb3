"""Prints what bench/RESULTS.md needs from a load run (make load): the
settings and machine, and per level the load average around the run, the
requests, failures, p50, p95 and max per request type (locust's CSV), and
the server's own time per request from Odoo's log (werkzeug lines: query
count, SQL time, other time), whose gap to the client's time is queueing."""

import csv
import re
import statistics
import sys
from pathlib import Path

# Odoo 18's request log line ends with: query_count query_time remaining_time
WERKZEUG = re.compile(r'"(?:POST|GET) (\S+) HTTP/[\d.]+" \d+ - (\d+) ([\d.]+) ([\d.]+)')


def table(path):
    lines = [
        "| request | count | errors | p50 (s) | p95 (s) | max (s) | req/s |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    with open(path, newline="") as fh:
        for row in csv.DictReader(fh):
            name = row["Name"] if row["Type"] else "all, after the ramp"
            lines.append(
                f"| {name} | {row['Request Count']} | {row['Failure Count']} "
                f"| {float(row['50%']) / 1000:.3f} | {float(row['95%']) / 1000:.3f} "
                f"| {float(row['Max Response Time']) / 1000:.3f} "
                f"| {float(row['Requests/s']):.1f} |"
            )
    return "\n".join(lines)


def failures(path):
    if not path.exists():
        return ""
    with open(path, newline="") as fh:
        rows = list(csv.DictReader(fh))
    return "\n".join(f"- {r['Name']}: {r['Occurrences']} times: {r['Error'][:160]}" for r in rows)


def quantile(values, q):
    values = sorted(values)
    return values[min(len(values) - 1, int(q * len(values)))]


def server_times(path):
    """Server time per path over the whole level (ramp included), without
    the health check and the workers' warm-up (/web/login)."""
    if not path.exists():
        return ""
    per_path = {}
    with open(path, errors="replace") as fh:
        for line in fh:
            match = WERKZEUG.search(line)
            if match and not match.group(1).startswith(("/web/health", "/web/login")):
                route, count, sql, other = match.groups()
                per_path.setdefault(route, []).append((int(count), float(sql), float(other)))
    lines = [
        "| path | requests | queries (median) | SQL p50/p95 (s) "
        "| server p50/p95/max (s) | > 0.5 s |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    for route, rows in sorted(per_path.items(), key=lambda item: -len(item[1])):
        totals = [sql + other for _count, sql, other in rows]
        sqls = [sql for _count, sql, _other in rows]
        lines.append(
            f"| {route} | {len(rows)} | {statistics.median(c for c, _s, _o in rows):.0f} "
            f"| {quantile(sqls, 0.5):.3f}/{quantile(sqls, 0.95):.3f} "
            f"| {quantile(totals, 0.5):.3f}/{quantile(totals, 0.95):.3f}/{max(totals):.3f} "
            f"| {sum(t > 0.5 for t in totals)} |"
        )
    return "\n".join(lines)


def main():
    out = Path(sys.argv[1])
    settings = out / "load-settings.txt"
    if settings.exists():
        print(settings.read_text().strip())
    for level in sys.argv[2:]:
        print(f"\n### {level} users\n")
        uptime = out / f"load-{level}.uptime"
        if uptime.exists():
            loads = [
                line.split("load average:")[-1].strip() for line in uptime.read_text().splitlines()
            ]
            print(f"load average (1, 5, 15 min) before: {loads[0]}; after: {loads[-1]}\n")
        print(table(out / f"load-{level}_stats.csv"))
        errors = failures(out / f"load-{level}_failures.csv")
        if errors:
            print("\nErrors:\n" + errors)
        server = server_times(out / f"odoo-{level}.log")
        if server:
            print("\nServer time per request (Odoo's log, ramp included):\n\n" + server)


if __name__ == "__main__":
    main()
