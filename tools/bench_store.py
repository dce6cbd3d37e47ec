#!/usr/bin/env python3
"""Benchmark: Oxigraph (embedded, on disk) vs rdflib's in-memory store on a generated newsgraph.

Generates about ``--triples`` triples shaped exactly like built articles (hand-made Extractions
run through ``graph.build.to_graph``: articles, entities with ar/en labels, mentions, quotations,
events, reified relations), then measures loading the N-Quads file and running each named query
(``--lang en``) on both stores, and prints the ratios. Both stores are warm: Oxigraph's time is
the median of 5 evaluations after one warm-up run; rdflib's is one run, or the median of 3 when a
run takes under 10 s (an rdflib store has no cache to warm); *served* is p50/p95 over 20 runs of ``newsgraph query``'s
path once the answer is stored (``graph/answers.py``). Results go to ``bench-output/``
(results.json, results.md). An rdflib query that runs past ``--timeout`` seconds is stopped and
reported as "> timeout" (its ratio is then a lower bound).

    python tools/bench_store.py [--triples 1000000] [--timeout 120] [--out bench-output]
"""
from __future__ import annotations

import argparse
import json
import platform
import random
import shutil
import signal
import sys
import time
from pathlib import Path

from newsgraph.extract.model import (
    Article,
    ArticleInfo,
    Entity,
    Event,
    Extraction,
    Mention,
    Quotation,
    Relation,
    Span,
)

QUERIES = ("articles", "entities", "quotes", "adoptions", "affirmations", "positions", "events", "network")
_AR = "ابتثجحخدذرزسشصضطظعغفقكلمنهوي"
_CATS = (("Person", "Person"), ("Organization", "Organization"), ("Organization", "Ministry"),
         ("Place", "City"), ("Place", "Country"), ("Document", "Declaration"), ("Concept", "Principle"))


def _word(rng: random.Random, n: int) -> str:
    return "".join(rng.choice(_AR) for _ in range(n))


def make_pool(rng: random.Random, size: int) -> list[Entity]:
    """A pool of invented entities with an Arabic and an English label."""
    pool = []
    for i in range(size):
        cat, typ = _CATS[i % len(_CATS)]
        label = f"{_word(rng, 5)} {_word(rng, 4)}"
        pool.append(Entity(f"{cat}:{label} {i}", cat, typ, label, labels=(("en", f"{typ} {i}"),)))
    return pool


def make_article(rng: random.Random, n: int, pool: list[Entity]) -> Extraction:
    """One generated article: ~30 mentions, 5 quotations, 2 events, 4 relations."""
    words = [_word(rng, rng.randint(2, 7)) for _ in range(220)]
    text = " ".join(words)
    starts, pos = [], 0
    for w in words:
        starts.append((pos, pos + len(w)))
        pos += len(w) + 1
    ents = rng.sample(pool, 12)
    people = [e for e in ents if e.category == "Person"] or [pool[0]]
    docs = [e for e in pool[:200] if e.category == "Document"]
    concepts = [e for e in pool[:200] if e.category == "Concept"]
    mentions = tuple(Mention(ents[i % len(ents)].key, Span(*starts[i * 7]), words[i * 7]) for i in range(30))
    quotes = tuple(Quotation(" ".join(words[i * 40 + 1:i * 40 + 12]), Span(starts[i * 40 + 1][0], starts[i * 40 + 11][1]),
                             "direct" if i % 2 else "indirect", people[i % len(people)].key, verb="قال")
                   for i in range(5))
    date = f"2015-{1 + n % 12:02d}-{1 + n % 28:02d}"
    events = tuple(Event("Meeting" if i else "PhoneCall", words[i * 50 + 3], Span(*starts[i * 50 + 3]), date=date,
                         participants=(ents[i].key, ents[i + 1].key), place=ents[3].key) for i in range(2))
    relations = (Relation(ents[1].key, "adopted", docs[n % len(docs)].key, Span(*starts[100]), date=date),
                 Relation(docs[n % len(docs)].key, "affirms", concepts[n % len(concepts)].key, Span(*starts[101])),
                 Relation(people[0].key, "holdsPost", f"https://w3id.org/newsgraph/id/country/C{n % 50}/post/minister",
                          Span(*starts[102])),
                 Relation(ents[2].key, "memberOf", ents[5].key, Span(*starts[103])))
    article = Article(id=f"bench-{n:06d}", text=text, date=date, title=Span(*starts[0]))
    info = ArticleInfo(title=words[0], date=date, source_agency=ents[4].key)
    entities = tuple({e.key: e for e in (*ents, docs[n % len(docs)], concepts[n % len(concepts)])}.values())
    return Extraction(article, info, entities=entities, mentions=mentions, quotations=quotes, events=events,
                      relations=relations)


def generate(path: Path, target: int, seed: int = 7) -> int:
    """Write about ``target`` quads (N-Quads) to ``path``; returns the number written."""
    import pyoxigraph as ox

    from newsgraph.graph import iri
    from newsgraph.graph.build import to_graph

    rng = random.Random(seed)
    pool = make_pool(rng, 20000)
    written, n = 0, 0
    with path.open("wb") as fh:
        while written < target:
            ex = make_article(rng, n, pool)
            g = ox.NamedNode(iri.article_iri(ex.article.id))
            nt = to_graph(ex).serialize(format="nt", encoding="utf-8")
            quads = [ox.Quad(t.subject, t.predicate, t.object, g) for t in ox.parse(nt, format=ox.RdfFormat.N_TRIPLES)]
            fh.write(ox.serialize(quads, format=ox.RdfFormat.N_QUADS))
            written += len(quads)
            n += 1
    return written


class Timeout(Exception):
    """An rdflib query ran past the limit."""


def _alarm(_signum, _frame):  # noqa: ANN001, ANN202
    raise Timeout


def timed(fn, limit: float | None = None) -> tuple[float | None, object]:  # noqa: ANN001
    """Seconds ``fn()`` took (None on timeout) and its result."""
    if limit:
        signal.signal(signal.SIGALRM, _alarm)
        signal.setitimer(signal.ITIMER_REAL, limit)
    t0 = time.perf_counter()
    try:
        result = fn()
        return time.perf_counter() - t0, result
    except Timeout:
        return None, None
    finally:
        if limit:
            signal.setitimer(signal.ITIMER_REAL, 0)


def median_time(fn, runs: int, warm_up: bool = False, first: tuple | None = None) -> tuple[float, object]:  # noqa: ANN001
    """The median seconds of ``runs`` calls of ``fn`` (after one uncounted call if ``warm_up``; ``first``
    is a (seconds, result) already measured, counted as one of the runs) and the last result."""
    if warm_up:
        fn()
    times, result = ([first[0]], first[1]) if first else ([], None)
    while len(times) < runs:
        t, result = timed(fn)
        times.append(t)
    return sorted(times)[len(times) // 2], result


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--triples", type=int, default=1_000_000)
    ap.add_argument("--timeout", type=float, default=120.0, help="seconds allowed for each rdflib query")
    ap.add_argument("--out", default="bench-output")
    args = ap.parse_args()
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)

    import pyoxigraph as ox
    import rdflib

    from newsgraph import queries
    from newsgraph.graph.store import OxigraphStore, inject_values

    data = out / f"graph-{args.triples}.nq"
    if not data.exists():
        t, n = timed(lambda: generate(data, args.triples))
        print(f"generated {n:,} quads in {t:.1f} s -> {data}", flush=True)
    n_quads = sum(1 for _ in data.open("rb"))
    results: dict = {"quads": n_quads, "python": platform.python_version(), "oxigraph": ox.__version__,
                     "rdflib": rdflib.__version__, "timeout_s": args.timeout, "load": {}, "queries": {}}

    db = out / "oxigraph.db"
    shutil.rmtree(db, ignore_errors=True)
    store = OxigraphStore(db, create=True)
    t_ox, _ = timed(lambda: store.ox.bulk_load(path=str(data), format=ox.RdfFormat.N_QUADS))
    print(f"load  oxigraph  {t_ox:8.2f} s", flush=True)
    from newsgraph.graph import answers

    answers.renew_generation(db)  # the bulk load bypassed Store.update: give the store its generation
    ds = rdflib.Dataset(default_union=True)
    t_rl, _ = timed(lambda: ds.parse(str(data), format="nquads"))
    print(f"load  rdflib    {t_rl:8.2f} s   ratio {t_rl / t_ox:6.1f}x", flush=True)
    results["load"] = {"oxigraph_s": t_ox, "rdflib_s": t_rl, "ratio": t_rl / t_ox}

    for name in QUERIES:
        q = queries.load(name)
        bindings = queries.bindings_for(q, lang="en")
        t_o, res = median_time(lambda q=q, b=bindings: store.query(q.text, b), runs=5, warm_up=True)
        rows = len(res)  # type: ignore[arg-type]
        text = inject_values(q.text, {k: rdflib.Literal(v) for k, v in bindings.items()})
        t_r, rres = timed(lambda text=text: len(list(ds.query(text))), args.timeout)
        if t_r is not None and t_r < 10:
            t_r, rres = median_time(lambda text=text: len(list(ds.query(text))), runs=3, first=(t_r, rres))
        ratio = (t_r / t_o) if t_r is not None else None
        queries.run(store, q, lang="en")  # stores the answer
        served = sorted(timed(lambda q=q: queries.run(store, q, lang="en"))[0] * 1000 for _ in range(20))
        results["queries"][name] = {"rows": rows, "oxigraph_s": t_o, "rdflib_s": t_r, "ratio": ratio,
                                    "rdflib_rows": rres, "served_p50_ms": (served[9] + served[10]) / 2,
                                    "served_p95_ms": served[18]}
        shown = f"{t_r:8.2f} s   ratio {ratio:6.1f}x" if t_r is not None else f"> {args.timeout:.0f} s   ratio > {args.timeout / t_o:.0f}x"
        print(f"query {name:12s} oxigraph {t_o:7.3f} s ({rows} rows)   rdflib {shown}", flush=True)
    store.close()
    shutil.rmtree(db, ignore_errors=True)

    (out / "results.json").write_text(json.dumps(results, indent=1), encoding="utf-8")
    lines = [f"# Oxigraph vs rdflib memory store, {n_quads:,} quads", "",
             "| step | Oxigraph (s) | rdflib (s) | rdflib / Oxigraph | served p50 / p95 (ms) |", "|---|---|---|---|---|",
             f"| load N-Quads | {t_ox:.2f} | {t_rl:.2f} | {t_rl / t_ox:.1f}x | |"]
    for name, r in results["queries"].items():
        rl = f"{r['rdflib_s']:.2f}" if r["rdflib_s"] is not None else f"> {args.timeout:.0f}"
        ra = f"{r['ratio']:.1f}x" if r["ratio"] is not None else f"> {args.timeout / r['oxigraph_s']:.0f}x"
        lines.append(f"| query {name} ({r['rows']} rows) | {r['oxigraph_s']:.3f} | {rl} | {ra} "
                     f"| {r['served_p50_ms']:.1f} / {r['served_p95_ms']:.1f} |")
    (out / "results.md").write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"results in {out}/results.md and results.json")
    return 0


if __name__ == "__main__":
    sys.exit(main())
