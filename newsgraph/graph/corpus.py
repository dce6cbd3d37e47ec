"""Build many articles into a store: read → extract → to_graph → replace the article's graph.

This is the loop behind ``newsgraph build``, kept in the library so that progress bars, parallel
extraction, batching and skip-unchanged at corpus scale can be added here without touching the CLI.
Each article is stored in its own transaction: a failure (a bad file, Ctrl-C, a full disk) leaves
every article stored before it intact, and the failed article's previous version too.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from newsgraph.errors import InputError

if TYPE_CHECKING:  # pragma: no cover
    from newsgraph.extract.model import Article, Extraction
    from newsgraph.graph.store import Store


@dataclass
class ArticleResult:
    """What happened to one article: ``status`` is "built", "unchanged" or "failed"."""

    article: str
    iri: str
    status: str
    triples: int = 0
    message: str = ""


@dataclass
class BuildReport:
    """The outcome of a build: one ArticleResult per article, plus files that could not be read."""

    results: list[ArticleResult] = field(default_factory=list)
    failed_inputs: list[str] = field(default_factory=list)

    def count(self, status: str) -> int:
        """How many articles ended with ``status``."""
        return sum(r.status == status for r in self.results)

    @property
    def ok(self) -> bool:
        """True when every input was read and every article stored."""
        return not self.failed_inputs and not self.count("failed")


def read_all(paths: Iterable[str | Path], report: BuildReport) -> Iterator[Article]:
    """Articles from every path; an unreadable path is recorded in ``report`` and skipped."""
    from newsgraph.extract.reader import read

    for path in paths:
        try:
            yield from read(path)
        except InputError as exc:
            report.failed_inputs.append(str(exc))


def extract_all(articles: Iterable[Article], jobs: int = 1) -> Iterator[Extraction]:
    """Extractions of ``articles`` in order (``jobs`` > 1: that many worker processes)."""
    from newsgraph.extract.pipeline import extract_many

    yield from extract_many(articles, n_process=jobs)


def store_extraction(store: Store, extraction: Extraction) -> ArticleResult:
    """Replace the article's named graph with the graph of ``extraction`` (one transaction)."""
    from newsgraph.graph import iri
    from newsgraph.graph.build import to_graph

    a_iri = iri.article_iri(extraction.article.id)
    graph = to_graph(extraction)
    store.replace_graph(a_iri, graph)
    return ArticleResult(extraction.article.id, a_iri, "built", len(graph))


def build_paths(store: Store, paths: Iterable[str | Path], *, force: bool = False, jobs: int = 1,
                on_result: Callable[[ArticleResult], None] | None = None) -> BuildReport:
    """Read, extract and store every article under ``paths``; unchanged articles are skipped unless ``force``.

    Also loads the ontology and KB graphs when they are missing or changed.
    """
    from newsgraph.graph import iri
    from newsgraph.graph.build import content_hash, load_reference_graphs

    load_reference_graphs(store)
    report = BuildReport()

    def todo() -> Iterator[Article]:
        for article in read_all(paths, report):
            a_iri = iri.article_iri(article.id)
            if not force and store.content_hash(a_iri) == content_hash(article.text):
                done(ArticleResult(article.id, a_iri, "unchanged", message="unchanged; --force rebuilds it"))
                continue
            yield article

    def done(result: ArticleResult) -> None:
        report.results.append(result)
        if on_result is not None:
            on_result(result)

    for extraction in extract_all(todo(), jobs):
        done(store_extraction(store, extraction))
    return report
