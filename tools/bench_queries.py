#!/usr/bin/env python3
"""Benchmark: latency of the named queries on an existing store, p50/p95 over many runs.

Evaluates each named query on the store (its bindings and the row conversion included) ``--runs``
times — or, with ``--served``, runs it the way ``newsgraph query`` does (``queries.run``: the answer
stored for this version of the store, see ``graph/answers.py``) — and prints wall-clock and process-CPU p50/p95 and the
row count. CPU time is printed beside wall time because a shared machine's load inflates wall time;
Oxigraph evaluates queries on the calling thread, so CPU time is what the query itself costs.
``--compare DIR`` also runs the ``.rq`` files of the same names in DIR (an earlier version of the
queries) once and says whether both return exactly the same rows in the same order, which is how a
rewrite is checked. ``--dir DIR`` times the ``.rq`` files in DIR instead of the stored ones.

    python tools/bench_queries.py DB [NAME ...] [--runs 20] [--lang en] [--served] [--dir DIR] [--compare DIR] [--json OUT]

A store of about a million triples: load ``bench-output/graph-1000000.nq`` (written by
tools/bench_store.py) into a fresh folder, or build a corpus with ``newsgraph build``.
"""
from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path

DEFAULT = ("articles", "entities", "quotes", "adoptions", "affirmations", "positions", "events")


def percentile(values: list[float], q: float) -> float:
    """The nearest-rank percentile ``q`` (0..1) of ``values``."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(q * len(ordered) + 0.5) - 1))]


def load(name: str, folder: str | None):  # noqa: ANN201
    """The named query ``name``, from ``folder`` when given."""
    from newsgraph import queries

    return queries.load(str(Path(folder) / f"{name}.rq")) if folder else queries.load(name)


def rows_of(result) -> tuple[list[str], list[tuple]]:  # noqa: ANN001
    """Columns and rows (tuples in column order) of a QueryResult."""
    return list(result.columns), [tuple(r.get(c) for c in result.columns) for r in result.rows]


def bench(store, name: str, *, runs: int, lang: str, folder: str | None, compare: str | None,  # noqa: ANN001
          served: bool = False) -> dict:
    """Time one query ``runs`` times; with ``compare``, check its rows against the other version."""
    from newsgraph import queries

    query = load(name, folder)
    bindings = queries.bindings_for(query, lang=lang)
    wall, cpu, result = [], [], None
    for _ in range(runs):
        t, c = time.perf_counter(), time.process_time()
        result = queries.run(store, query, lang=lang) if served else store.query(query.text, bindings)
        wall.append(time.perf_counter() - t)
        cpu.append(time.process_time() - c)
    cols, rows = rows_of(result)
    out = {"name": name, "runs": runs, "rows": len(rows),
           "wall_p50_ms": 1000 * statistics.median(wall), "wall_p95_ms": 1000 * percentile(wall, 0.95),
           "cpu_p50_ms": 1000 * statistics.median(cpu), "cpu_p95_ms": 1000 * percentile(cpu, 0.95)}
    if compare:
        other = load(name, compare)
        other_cols, other_rows = rows_of(store.query(other.text, queries.bindings_for(other, lang=lang)))
        out["same_rows"] = other_cols == cols and other_rows == rows
    return out


def main() -> int:
    """Parse the arguments, time every query, print one line each (and write JSON if asked)."""
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("db", help="store folder or SPARQL endpoint URL")
    ap.add_argument("names", nargs="*", help=f"queries to time (default: {' '.join(DEFAULT)})")
    ap.add_argument("--runs", type=int, default=20)
    ap.add_argument("--lang", default="en")
    ap.add_argument("--served", action="store_true", help="time newsgraph query's path (stored answers) instead")
    ap.add_argument("--dir", help="time the .rq files in this folder instead of the stored queries")
    ap.add_argument("--compare", help="folder of another version of the .rq files: check the rows are the same")
    ap.add_argument("--json", help="write the results here")
    args = ap.parse_intermixed_args()

    from newsgraph.graph.store import open_store

    results = []
    with open_store(args.db, read_only=True) as store:
        for name in args.names or DEFAULT:
            r = bench(store, name, runs=args.runs, lang=args.lang, folder=args.dir, compare=args.compare,
                      served=args.served)
            results.append(r)
            same = "" if "same_rows" not in r else (" same rows" if r["same_rows"] else " ROWS DIFFER")
            print(f"{name:13s} rows={r['rows']:6d}  wall p50 {r['wall_p50_ms']:8.1f} ms  p95 {r['wall_p95_ms']:8.1f} ms"
                  f"  cpu p50 {r['cpu_p50_ms']:8.1f} ms  p95 {r['cpu_p95_ms']:8.1f} ms{same}", flush=True)
    if args.json:
        Path(args.json).write_text(json.dumps(results, indent=1), encoding="utf-8")
    return 0 if all(r.get("same_rows", True) for r in results) else 1


if __name__ == "__main__":
    sys.exit(main())
