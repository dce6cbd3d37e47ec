#!/usr/bin/env python3
"""Benchmark: corpus builds at growing sizes, and the named queries on the result vs rdflib.

For the first 100, 1,000 and all articles of a ``.jsonl`` corpus (and a synthetic corpus made by
repeating it ``--synthetic`` times under new ids/urls), this runs ``newsgraph build`` in a fresh
subprocess and records: build time, articles, words and triples per second, the build's peak
memory (the largest VmHWM of the build process and its workers, sampled), store size on disk,
the time of an unchanged rebuild, and p50/p95 of each named query over ``--runs`` runs on the
embedded store, two ways: *evaluated* by Oxigraph every time (``query --fresh``; what a first run,
a new ``--param`` or a remote server costs) and *served* as ``newsgraph query`` answers by default
(the rows stored after the build, see ``graph/answers.py``). The build runs with ``--no-answers``
and the time ``build`` then spends storing the answers is measured on its own (``answers s``).
The same queries run on rdflib's in-memory ``Dataset(default_union=True)`` loaded from the store's
N-Quads dump (up to ``--rdflib-max`` quads; an rdflib query past ``--timeout`` s is stopped), with
the ratio to Oxigraph's evaluated time. Results are rewritten after each size: ``OUT/corpus.json`` and ``OUT/corpus.md``.

    python tools/bench_corpus.py [--corpus FILE.jsonl] [--sizes 100,1000,all] [--synthetic 10] [--jobs 2]
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_store import timed  # noqa: E402 - the shared timing helper (with an rdflib timeout)

QUERIES = ("articles", "entities", "quotes", "adoptions", "affirmations", "positions", "events", "network")
DEFAULT_CORPUS = Path(__file__).resolve().parents[2] / "shared/data/saudinewsnet/politics-2015.jsonl"


def write_subset(corpus: Path, dest: Path, n: int | None, copies: int = 1) -> int:
    """The first ``n`` records of ``corpus`` (all if None), repeated ``copies`` times under new ids; returns records."""
    lines = [line for line in corpus.read_text(encoding="utf-8").splitlines() if line.strip()][:n]
    count = 0
    with dest.open("w", encoding="utf-8") as fh:
        for copy in range(copies):
            for no, line in enumerate(lines, 1):
                if copy:
                    try:
                        rec = json.loads(line)
                    except json.JSONDecodeError:
                        continue
                    if isinstance(rec, dict):
                        rec["url"] = f"{rec.get('url') or 'urn:bench:' + str(no)}#copy-{copy}"
                    line = json.dumps(rec, ensure_ascii=False)
                fh.write(line + "\n")
                count += 1
    return count


def run_build(src: Path, db: Path, jobs: int, extra: tuple[str, ...] = ()) -> dict:
    """Run ``newsgraph build`` in a subprocess; wall seconds, peak RSS (MB), exit code and summary line."""
    cmd = [sys.executable, "-m", "newsgraph", "build", str(src), "--db", str(db), "-q", "--jobs", str(jobs), *extra]
    with tempfile.TemporaryFile("w+") as out_f, tempfile.TemporaryFile("w+") as err_f:
        t0 = time.perf_counter()
        proc = subprocess.Popen(cmd, stdout=out_f, stderr=err_f, text=True)
        peak_kb = 0
        while proc.poll() is None:   # high-water RSS of the build and its workers, sampled
            peak_kb = max(peak_kb, tree_hwm_kb(proc.pid))
            time.sleep(0.2)
        seconds = time.perf_counter() - t0
        out_f.seek(0)
        err_f.seek(0)
        out, err = out_f.read(), err_f.read()
    summary = [line for line in (err + out).splitlines() if " built, " in line]
    return {"seconds": round(seconds, 2), "peak_rss_mb": round(peak_kb / 1024, 1), "exit": proc.returncode,
            "summary": summary[-1] if summary else err.strip()[-300:]}


def tree_hwm_kb(pid: int) -> int:
    """The largest VmHWM (peak resident memory since exec) of ``pid`` and its child processes, in kB.

    Why not ``wait4``'s ru_maxrss: a child created by (v)fork starts with this process's peak, so it
    would report the benchmark's own memory (rdflib stores) instead of the build's.
    """
    best = 0
    todo = [pid]
    while todo:
        p = todo.pop()
        try:
            for line in Path(f"/proc/{p}/status").read_text().splitlines():
                if line.startswith("VmHWM:"):
                    best = max(best, int(line.split()[1]))
            todo += [int(c) for c in Path(f"/proc/{p}/task/{p}/children").read_text().split()]
        except (OSError, ValueError):
            continue
    return best


def du(path: Path) -> int:
    """Bytes on disk under ``path``."""
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file())


def percentile(values: list[float], q: float) -> float:
    """The ``q`` quantile (0–1) of ``values`` (nearest rank)."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(q * len(ordered) + 0.5) - 1))]


def time_queries(run_one, runs: int, budget: float | None = None, limit: float | None = None) -> dict:  # noqa: ANN001
    """p50/p95 (ms) of ``run_one()`` over ``runs`` runs (fewer if ``budget`` s is spent; None on timeout)."""
    times: list[float] = []
    rows = None
    start = time.perf_counter()
    while len(times) < runs:
        try:
            t, res = timed(run_one, limit)
        except Exception as exc:  # rdflib fails on some aggregates over unbound values
            return {"error": f"{type(exc).__name__}: {exc}"[:200], "runs": len(times)}
        if t is None:
            return {"timeout_s": limit, "runs": len(times)}
        times.append(t * 1000)
        rows = res
        if budget and time.perf_counter() - start > budget and len(times) >= 3:
            break
    return {"p50_ms": round(statistics.median(times), 2), "p95_ms": round(percentile(times, 0.95), 2),
            "runs": len(times), "rows": rows}


def measure_queries(db: Path, args: argparse.Namespace) -> tuple[dict, int, int]:
    """Named-query latencies on the embedded store and (when small enough) on rdflib; quads and article triples."""
    import rdflib

    from newsgraph import config, queries
    from newsgraph.graph.store import OxigraphStore, QueryResult, inject_values

    store = OxigraphStore(db, read_only=True)
    total = len(store.ox)
    res = store.query(f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH ?g {{ ?g <{config.NG_NS}contentHash> ?h . ?s ?p ?o }} }}")
    assert isinstance(res, QueryResult)
    article_triples = int(res.rows[0]["n"] or 0) if res.rows else 0
    out: dict = {}
    prepared = {}
    for name in QUERIES:
        q = queries.load(name)
        prepared[name] = (q.text, queries.bindings_for(q, lang="en"))
    dump = [store.nquads()]
    store.close()
    for name in QUERIES:
        out[name] = {"oxigraph": oxigraph_latencies(db, name, args, "eval"),
                     "served": oxigraph_latencies(db, name, args, "served")}
    if total > args.rdflib_max:
        return out, total, article_triples
    ds = rdflib.Dataset(default_union=True)
    load_s, _ = timed(lambda: ds.parse(data=dump.pop(), format="ox-nquads"))
    out["_rdflib_load_s"] = round(load_s or 0, 2)
    for name, (text, b) in prepared.items():
        full = inject_values(text, {k: rdflib.Literal(v) for k, v in b.items()})
        base = time_queries(lambda t=full: len(list(ds.query(t))), args.runs, budget=args.rdflib_budget,
                            limit=args.timeout)
        out[name]["rdflib"] = base
        ox_p50 = out[name]["oxigraph"].get("p50_ms")
        out[name]["ratio_p50"] = round(base["p50_ms"] / ox_p50, 1) if "p50_ms" in base and ox_p50 else None
    return out, total, article_triples


def oxigraph_latencies(db: Path, name: str, args: argparse.Namespace, mode: str) -> dict:
    """``time_queries`` for one named query on the embedded store, in a subprocess killed after ``--timeout`` s.

    ``mode``: ``eval`` (Oxigraph evaluates it every run) or ``served`` (``newsgraph query``'s path:
    the stored answer). Why a subprocess: a query running inside Oxigraph cannot be interrupted from Python.
    """
    cmd = [sys.executable, __file__, "--time-query", name, "--db", str(db), "--runs", str(args.runs),
           "--budget", str(args.timeout / 2), "--mode", mode]
    try:
        proc = subprocess.run(cmd, capture_output=True, text=True, timeout=args.timeout)
    except subprocess.TimeoutExpired:
        return {"timeout_s": args.timeout, "runs": 0}
    if proc.returncode != 0:
        return {"error": proc.stderr.strip()[-200:], "runs": 0}
    return json.loads(proc.stdout)


def time_query_main(argv: list[str]) -> int:
    """Child mode (``--time-query NAME --db DB --runs N --budget S``): print one query's latencies as JSON."""
    ap = argparse.ArgumentParser()
    ap.add_argument("--time-query", required=True)
    ap.add_argument("--db", required=True)
    ap.add_argument("--runs", type=int, default=20)
    ap.add_argument("--budget", type=float, default=30.0)
    ap.add_argument("--mode", choices=("eval", "served"), default="eval")
    a = ap.parse_args(argv)
    from newsgraph import queries
    from newsgraph.graph.store import OxigraphStore

    store = OxigraphStore(a.db, read_only=True)
    q = queries.load(a.time_query)
    b = queries.bindings_for(q, lang="en")
    if a.mode == "served":
        def one() -> int:
            return len(queries.run(store, q, lang="en"))
    else:
        def one() -> int:
            return len(store.query(q.text, b))
    one()  # one warm-up run (the OS page cache; a served answer is stored by now), not counted
    print(json.dumps(time_queries(one, a.runs, budget=a.budget)))
    return 0


def store_answers_seconds(db: Path) -> float:
    """Seconds ``newsgraph build`` spends storing the named queries' answers after a build (in a subprocess)."""
    code = ("import sys, time; from newsgraph import queries; from newsgraph.graph.store import open_store\n"
            "with open_store(sys.argv[1]) as s:\n"
            "    t = time.perf_counter(); queries.store_answers(s); print(time.perf_counter() - t)")
    proc = subprocess.run([sys.executable, "-c", code, str(db)], capture_output=True, text=True, check=True)
    return round(float(proc.stdout.strip().splitlines()[-1]), 2)


def words_in(src: Path) -> int:
    """Whitespace-separated words in the articles of ``src`` (as the reader sees them)."""
    from newsgraph.extract.reader import read

    return sum(len(a.text.split()) for a in read(src, on_error=lambda p: None))


def bench_size(label: str, src: Path, work: Path, args: argparse.Namespace, jobs: int,
               previous: dict | None = None) -> dict:
    """Build ``src`` from scratch, rebuild it unchanged, measure the store and the queries.

    With ``previous`` (``--only-queries``: this size's row of an earlier run whose store was kept in
    ``--work``), the build figures are taken from it and only the queries are timed again.
    """
    db = work / f"db-{label.replace(' ', '')}"
    if previous is not None:
        q, quads, _ = measure_queries(db, args)
        previous.update(queries=q, rdflib_load_s=q.pop("_rdflib_load_s", previous.get("rdflib_load_s")))
        return previous
    shutil.rmtree(db, ignore_errors=True)
    print(f"[{label}] building {src.name} with --jobs {jobs}…", flush=True)
    first = run_build(src, db, jobs, ("--no-answers",))
    print(f"[{label}] first build {first}", flush=True)
    answers_s = store_answers_seconds(db)
    print(f"[{label}] storing the answers {answers_s} s", flush=True)
    again = run_build(src, db, jobs)
    print(f"[{label}] unchanged rebuild {again}", flush=True)
    articles = sum(1 for line in src.open("rb") if line.strip())
    words = words_in(src)
    q, quads, art_triples = measure_queries(db, args)
    row = {"label": label, "articles": articles, "jobs": jobs, "words": words, "quads": quads,
           "article_triples": art_triples, "build": first, "answers_s": answers_s, "rebuild_unchanged": again,
           "articles_per_s": round(articles / first["seconds"], 2),
           "words_per_s": round(words / first["seconds"]), "triples_per_s": round(art_triples / first["seconds"]),
           "store_mb": round(du(db) / 2**20, 1), "rdflib_load_s": q.pop("_rdflib_load_s", None), "queries": q}
    if not args.keep:
        shutil.rmtree(db, ignore_errors=True)
    return row


def render_md(results: dict) -> str:
    """The results as Markdown tables: builds, then query latencies."""
    lines = [f"# Corpus benchmark ({results['corpus']}, {results['machine']})", "",
             "| corpus | articles | jobs | build s | answers s | unchanged rebuild s | articles/s | words/s | triples/s "
             "| quads in store | peak RSS MB | store MB |", "|---|---|---|---|---|---|---|---|---|---|---|---|"]
    for r in results["sizes"]:
        lines.append(f"| {r['label']} | {r['articles']:,} | {r['jobs']} | {r['build']['seconds']} "
                     f"| {r.get('answers_s')} | {r['rebuild_unchanged']['seconds']} | {r['articles_per_s']} | {r['words_per_s']:,} "
                     f"| {r['triples_per_s']:,} | {r['quads']:,} | {r['build']['peak_rss_mb']} | {r['store_mb']} |")
    lines += ["", "Named queries (`--lang en`), p50 / p95 ms. *served*: what `newsgraph query` takes on the "
              "built store (the stored answer); *evaluated*: Oxigraph evaluating the query (`--fresh`, a new "
              "parameter, a first run); rdflib memory store p50 ms and rdflib / evaluated.",
              "", "| corpus | quads | " + " | ".join(QUERIES) + " |", "|---|---|" + "---|" * len(QUERIES)]
    for r in results["sizes"]:
        cells = []
        for name in QUERIES:
            q = r["queries"][name]
            cell = f"served {_cell(q.get('served', {}))}; evaluated {_cell(q['oxigraph'])}"
            base = q.get("rdflib")
            if base and "p50_ms" in base:
                cell += f"; rdflib {base['p50_ms']:.0f} ({q['ratio_p50']}x)"
            elif base and "timeout_s" in base:
                cell += f"; rdflib > {base['timeout_s']:.0f} s"
            elif base:
                cell += "; rdflib fails"
            cells.append(cell)
        lines.append(f"| {r['label']} | {r['quads']:,} | " + " | ".join(cells) + " |")
    return "\n".join(lines) + "\n"


def _cell(t: dict) -> str:
    """``p50 / p95`` of one timing, or what stopped it."""
    if "p50_ms" in t:
        return f"{t['p50_ms']} / {t['p95_ms']}"
    return f"> {t['timeout_s']:.0f} s" if "timeout_s" in t else "fails" if t else "n/m"


def main() -> int:
    """Run every size and write the results (after each size, so a long run leaves partial results)."""
    if "--time-query" in sys.argv:
        return time_query_main(sys.argv[1:])
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    ap.add_argument("--sizes", default="100,1000,all", help="comma-separated article counts ('all' = whole corpus)")
    ap.add_argument("--synthetic", type=int, default=10, help="also build the corpus repeated N times (0: skip)")
    ap.add_argument("--jobs", type=int, default=2, help="extraction processes for every build")
    ap.add_argument("--runs", type=int, default=20, help="runs per query")
    ap.add_argument("--rdflib-max", type=int, default=1_500_000, help="largest store (quads) also loaded into rdflib")
    ap.add_argument("--rdflib-budget", type=float, default=10.0, help="seconds of rdflib runs per query (≥ 3 runs)")
    ap.add_argument("--timeout", type=float, default=60.0, help="seconds allowed for one query (rdflib: one run; Oxigraph: all its runs)")
    ap.add_argument("--out", type=Path, default=Path("bench-output"))
    ap.add_argument("--keep", action="store_true", help="keep the built stores (in --work)")
    ap.add_argument("--work", type=Path, help="folder for the corpora and stores (default: a temporary one)")
    ap.add_argument("--only-queries", action="store_true",
                    help="time the queries again on the stores kept in --work by an earlier --keep run; "
                         "build figures come from OUT/corpus.json")
    args = ap.parse_args()
    if not args.corpus.exists():
        print(f"error: no corpus at {args.corpus}; give --corpus FILE.jsonl", file=sys.stderr)
        return 2
    args.out.mkdir(parents=True, exist_ok=True)
    import pyoxigraph
    import rdflib

    results: dict = {"corpus": args.corpus.name, "machine": f"{os.cpu_count()} cores, Python {platform.python_version()}",
                     "oxigraph": pyoxigraph.__version__, "rdflib": rdflib.__version__, "sizes": []}
    plan = [(s, int(s) if s != "all" else None, 1) for s in args.sizes.split(",") if s]
    if args.synthetic > 1:
        plan.append((f"all x{args.synthetic}", None, args.synthetic))
    earlier = {}
    if args.only_queries:
        if not args.work or not (args.out / "corpus.json").exists():
            print("error: --only-queries needs --work DIR and OUT/corpus.json of a run with --keep", file=sys.stderr)
            return 2
        earlier = {r["label"]: r for r in json.loads((args.out / "corpus.json").read_text(encoding="utf-8"))["sizes"]}
    with tempfile.TemporaryDirectory(prefix="ng-bench-") as tmp:
        work = args.work or Path(tmp)
        work.mkdir(parents=True, exist_ok=True)
        for label, n, copies in plan:
            if args.only_queries:
                if label in earlier and (work / f"db-{label.replace(' ', '')}").exists():
                    results["sizes"].append(bench_size(label, Path(), work, args, args.jobs, earlier[label]))
                continue
            src = work / f"corpus-{label.replace(' ', '')}.jsonl"
            write_subset(args.corpus, src, n, copies)
            results["sizes"].append(bench_size(label, src, work, args, args.jobs))
            (args.out / "corpus.json").write_text(json.dumps(results, indent=1, ensure_ascii=False), encoding="utf-8")
            (args.out / "corpus.md").write_text(render_md(results), encoding="utf-8")
            src.unlink()
    print((args.out / "corpus.md").read_text(encoding="utf-8"))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
