#!/usr/bin/env python3
"""Extraction throughput on one core, and the size of the graph it makes.

Reads every article under PATH, then times ``extract.pipeline.extract`` over all of them in this one
process (CPU time, so other load on the machine does not count), after one warm-up article so
that loading spaCy, the knowledge base and the NER model is not billed to the first article.
Also times ``graph.build.to_graph`` (Extraction → RDF) and reports the triples it makes, the
articles that raised, and the slowest articles. Writes ``--out``/extract.json and prints a summary.

    python tools/bench_extract.py ../shared/data/saudinewsnet/politics-2015.jsonl --out bench-output
"""
from __future__ import annotations

import argparse
import json
import time
from pathlib import Path


def main() -> None:
    """Parse the options, extract every article, print and write the numbers."""
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("path")
    ap.add_argument("--out", default="bench-output")
    ap.add_argument("--limit", type=int, default=0, help="only the first N articles (0: all)")
    args = ap.parse_args()

    from newsgraph.extract.pipeline import extract
    from newsgraph.extract.reader import read
    from newsgraph.graph.build import to_graph

    articles = list(read(args.path, on_error=lambda problem: None))
    if args.limit:
        articles = articles[: args.limit]
    if not articles:
        raise SystemExit(f"no articles under {args.path}")
    extract(articles[0])  # warm-up: models and the KB load once per process

    words = sum(len(a.text.split()) for a in articles)
    errors: list[str] = []
    per_article: list[tuple[float, str]] = []
    extractions = []
    start = time.process_time()
    for article in articles:
        t0 = time.process_time()
        try:
            extractions.append(extract(article))
        except Exception as exc:  # noqa: BLE001 - a benchmark counts failures instead of stopping
            errors.append(f"{article.id}: {type(exc).__name__}: {exc}")
        per_article.append((time.process_time() - t0, article.id))
    extract_s = time.process_time() - start

    start = time.process_time()
    triples = sum(len(to_graph(x)) for x in extractions)
    build_s = time.process_time() - start

    result = {
        "articles": len(articles), "words": words, "errors": len(errors),
        "extract_cpu_s": round(extract_s, 2), "extract_words_per_s": round(words / extract_s),
        "to_graph_cpu_s": round(build_s, 2), "to_graph_triples_per_s": round(triples / build_s) if build_s else None,
        "triples": triples, "triples_per_article": round(triples / max(1, len(extractions)), 1),
        "quotations": sum(len(x.quotations) for x in extractions),
        "events": sum(len(x.events) for x in extractions),
        "entities": sum(len(x.entities) for x in extractions),
        "slowest": [{"article": a, "cpu_s": round(s, 3)} for s, a in sorted(per_article, reverse=True)[:5]],
        "error_messages": errors[:20],
    }
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    (out / "extract.json").write_text(json.dumps(result, ensure_ascii=False, indent=1), encoding="utf-8")
    print(f"extract: {result['articles']} articles, {words:,} words in {extract_s:.1f} s CPU on one core "
          f"= {result['extract_words_per_s']:,} words/s; {len(errors)} errors")
    print(f"graph:   {triples:,} triples ({result['triples_per_article']} per article), "
          f"to_graph {build_s:.1f} s CPU = {result['to_graph_triples_per_s']:,} triples/s")
    print(f"found:   {result['entities']:,} entity records, {result['quotations']:,} quotations, "
          f"{result['events']:,} events")


if __name__ == "__main__":
    main()
