#!/usr/bin/env python3
"""Benchmark and survey of the reader and the date finder on a file or folder.

Reads every article under PATH with ``extract.reader.read`` (best of ``--repeat`` runs, CPU
time of one core), counts what the layout pass found (titles, dates, bylines, credits by kind,
headings, furniture, read problems), then runs ``extract.dates.find_dates`` over every text and
reports words per second and mentions by kind and precision.

    python tools/bench_reader.py ../shared/data/saudinewsnet/politics-2015.jsonl [--repeat 3]
"""
from __future__ import annotations

import argparse
import time
from collections import Counter

from newsgraph.extract.dates import find_dates
from newsgraph.extract.reader import ReadProblem, read


def main() -> None:
    """Parse the options, run the reader and the date finder, print the numbers."""
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("path")
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()

    problems: list[ReadProblem] = []
    best = float("inf")
    articles = []
    for _ in range(max(1, args.repeat)):
        problems.clear()
        start = time.process_time()
        articles = list(read(args.path, on_error=problems.append))
        best = min(best, time.process_time() - start)
    n = len(articles)
    print(f"read: {n} articles in {best:.2f} s CPU = {n / best:.0f} articles/s; {len(problems)} problems")
    for p in problems[:10]:
        print(f"  problem: {p.message}")

    found = Counter()
    credits = Counter()
    for a in articles:
        found["title"] += a.title is not None
        found["date"] += a.date is not None
        found["date in text"] += a.date_span is not None
        found["byline"] += a.byline is not None
        found["headings"] += sum(p.kind == "heading" for p in a.paragraphs)
        found["paragraphs"] += len(a.paragraphs)
        found["furniture"] += len(a.furniture)
        credits.update(c.kind for c in a.credits)
    print("layout:", ", ".join(f"{k} {v}" for k, v in found.items()))
    print("credits:", ", ".join(f"{k} {v}" for k, v in sorted(credits.items())))

    words = sum(len(a.text.split()) for a in articles)
    kinds = Counter()
    start = time.process_time()
    for a in articles:
        kinds.update((m.kind, m.precision, m.iso is not None) for m in find_dates(a.text, a.date))
    spent = time.process_time() - start
    print(f"dates: {words} words in {spent:.2f} s CPU = {words / max(spent, 1e-9):.0f} words/s; "
          f"{sum(kinds.values())} mentions")
    for (kind, precision, resolved), count in sorted(kinds.items()):
        print(f"  {kind:9} {precision:6} {'resolved' if resolved else 'unresolved':10} {count}")


if __name__ == "__main__":
    main()
