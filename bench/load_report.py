"""Prints the load test's figures per level as a markdown table (make load):
requests, failures, p50, p95 and max per request type, from locust's CSV."""

import csv
import sys
from pathlib import Path


def table(path):
    lines = [
        "| request | count | errors | p50 (s) | p95 (s) | max (s) | req/s |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    with open(path, newline="") as fh:
        for row in csv.DictReader(fh):
            name = row["Name"] if row["Type"] else "all"
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


def main():
    out = Path(sys.argv[1])
    for level in sys.argv[2:]:
        print(f"\n### {level} users\n")
        print(table(out / f"load-{level}_stats.csv"))
        errors = failures(out / f"load-{level}_failures.csv")
        if errors:
            print("\nErrors:\n" + errors)


if __name__ == "__main__":
    main()
