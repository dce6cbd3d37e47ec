"""Build many articles into a store: read → skip unchanged → extract (in parallel) → write in batches.

This is the loop behind ``newsgraph build``. Articles flow in batches of ``batch_size``:

* **skip unchanged**: one query per batch fetches the stored ``ng:contentHash`` of every article in
  it; an article whose text hashes the same is not extracted again (``force`` rebuilds it);
* **extract**: in this process, or in ``jobs`` worker processes; a worker returns the article's
  N-Triples (plain strings, cheap to pass back), so the main process only writes;
* **write**: on the embedded store one SPARQL Update per batch — one transaction that replaces each
  article's named graph — so a failure (a full disk, a crash, Ctrl-C) leaves every earlier batch
  intact and the failed batch's articles at their previous version. On a remote server each article
  is one Graph Store Protocol PUT (atomic per article).

Memory stays flat: at most two batches (one being extracted, one being written) are held at once.
A bad ``.jsonl`` record is reported (``file.jsonl:LINE: reason``) and skipped; the rest goes in.
Ctrl-C stops after the batch being written (a second Ctrl-C stops at once; nothing is half-written).
"""
from __future__ import annotations

import signal
import threading
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path
from typing import TYPE_CHECKING, Any

from newsgraph import config
from newsgraph.errors import InputError

if TYPE_CHECKING:  # pragma: no cover
    from newsgraph.extract.model import Article, Extraction
    from newsgraph.extract.reader import ReadProblem
    from newsgraph.graph.store import Store

#: Articles per batch: one hash query and one write transaction each.
BATCH_SIZE = 32
_CONTENT_HASH = config.NG_NS + "contentHash"


@dataclass
class ArticleResult:
    """What happened to one article: ``status`` is "built", "unchanged" or "failed"."""

    article: str
    iri: str
    status: str
    triples: int = 0
    message: str = ""
    words: int = 0


@dataclass
class BuildReport:
    """The outcome of a build: one ArticleResult per article, skipped records, unreadable inputs."""

    results: list[ArticleResult] = field(default_factory=list)
    failed_inputs: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    interrupted: bool = False

    def count(self, status: str) -> int:
        """How many articles ended with ``status``."""
        return sum(r.status == status for r in self.results)

    @property
    def ok(self) -> bool:
        """True when every input was read and every article stored (skipped records aside)."""
        return not self.failed_inputs and not self.count("failed")

    def summary(self) -> str:
        """One line: built, unchanged, skipped and failed counts."""
        failed = len(self.failed_inputs) + self.count("failed")
        return (f"{self.count('built')} built, {self.count('unchanged')} unchanged, "
                f"{len(self.skipped)} skipped, {failed} failed")


@dataclass(frozen=True)
class Prepared:
    """An article ready to write: its graph as N-Triples, or the error that stopped its extraction."""

    article: str
    iri: str
    ntriples: str = ""
    triples: int = 0
    words: int = 0
    error: str = ""


def problem_line(problem: ReadProblem) -> str:
    """``file.jsonl:123: reason (skipped)`` — the message already names the place when it can."""
    where = f"{problem.path}:{problem.line}" if problem.line else problem.path
    text = problem.message if problem.message.startswith(where) else f"{where}: {problem.message}"
    return f"{text} (skipped)"


def read_all(paths: Iterable[str | Path], report: BuildReport,
             on_problem: Callable[[str], None] | None = None) -> Iterator[Article]:
    """Articles from every path; an unreadable path or file (also one inside a folder) goes to
    ``report.failed_inputs``, a bad record of a .jsonl file to ``skipped``."""
    from newsgraph.extract.reader import read

    def skip(problem: ReadProblem) -> None:
        if problem.line is None:  # a whole file of a folder: a failed input (exit 2); the rest is still read
            report.failed_inputs.append(problem.message)
            return
        line = problem_line(problem)
        report.skipped.append(line)
        if on_problem is not None:
            on_problem(line)

    for path in paths:
        try:
            yield from read(path, on_error=skip)
        except InputError as exc:
            report.failed_inputs.append(str(exc))


def extract_all(articles: Iterable[Article], jobs: int = 1) -> Iterator[Extraction]:
    """Extractions of ``articles`` in order (``jobs`` > 1: that many worker processes)."""
    from newsgraph.extract.pipeline import extract_many

    yield from extract_many(articles, n_process=jobs)


def graph_ntriples(extraction: Extraction) -> tuple[str, int]:
    """The article graph of ``extraction`` as N-Triples (blank nodes skolemized) and its triple count."""
    from newsgraph.graph.build import to_graph
    from newsgraph.graph.store import ntriples_of

    graph = to_graph(extraction)
    return ntriples_of(graph), len(graph)


def prepare(article: Article) -> Prepared:
    """Extract one article and serialise its graph; an extraction error becomes ``Prepared.error``.

    Runs in worker processes too, so it returns plain strings and never raises for one bad article.
    """
    from newsgraph.extract.pipeline import extract
    from newsgraph.graph import iri

    a_iri = iri.article_iri(article.id)
    try:
        extraction = extract(article)
        nt, n = graph_ntriples(extraction)
    except Exception as exc:  # one article's bug must not stop a corpus build
        return Prepared(article.id, a_iri, error=f"extraction failed ({type(exc).__name__}: {exc})")
    return Prepared(article.id, a_iri, nt, n, int(extraction.meta.get("words", 0)))


def store_extraction(store: Store, extraction: Extraction) -> ArticleResult:
    """Replace the article's named graph with the graph of ``extraction`` (one transaction)."""
    from newsgraph.graph import iri

    a_iri = iri.article_iri(extraction.article.id)
    nt, n = graph_ntriples(extraction)
    store.replace_graph_ntriples(a_iri, nt)
    return ArticleResult(extraction.article.id, a_iri, "built", n, words=int(extraction.meta.get("words", 0)))


def stored_hashes(store: Store, graph_iris: Iterable[str]) -> dict[str, str]:
    """The stored ``ng:contentHash`` of each of these article graphs that has one (one query)."""
    from newsgraph.graph.store import QueryResult, _check_iri

    values = " ".join(f"<{_check_iri(g)}>" for g in dict.fromkeys(graph_iris))
    if not values:
        return {}
    res = store.query(f"SELECT ?g ?h WHERE {{ VALUES ?g {{ {values} }} GRAPH ?g {{ ?g <{_CONTENT_HASH}> ?h }} }}")
    assert isinstance(res, QueryResult)
    return {r["g"]: r["h"] for r in res.rows if r["g"] and r["h"]}


def write_batch(store: Store, items: list[Prepared]) -> None:
    """Replace the named graph of every item: one transaction on the embedded store, one PUT each remotely."""
    from newsgraph.graph.store import OxigraphStore

    items = [p for p in items if not p.error]
    if not items:
        return
    if isinstance(store, OxigraphStore):
        store.update(" ;\n".join(f"DROP SILENT GRAPH <{p.iri}> ;\nINSERT DATA {{ GRAPH <{p.iri}> {{\n{p.ntriples}\n}} }}"
                                 for p in items))
        store.ox.flush()   # memtables to disk each batch: the writer's memory stays flat
        return
    for p in items:
        store.replace_graph_ntriples(p.iri, p.ntriples)


def batched(items: Iterable[Any], size: int) -> Iterator[list[Any]]:
    """Consecutive lists of ``size`` items (the last may be shorter)."""
    it = iter(items)
    while chunk := list(islice(it, size)):
        yield chunk


def _ignore_sigint() -> None:
    """Pool initializer: workers leave Ctrl-C to the main process, which stops cleanly."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)


class _Extractor:
    """Extracts batches in this process or in a worker pool; ``submit`` returns a zero-argument getter."""

    def __init__(self, jobs: int) -> None:
        self.pool = None
        if jobs > 1:
            from multiprocessing import get_context

            self.pool = get_context("spawn").Pool(jobs, initializer=_ignore_sigint)
            self.jobs = jobs

    def submit(self, articles: list[Article]) -> Callable[[], list[Prepared]]:
        """Start extracting ``articles``; the returned getter waits for the results, in order."""
        if self.pool is None:
            return lambda: [prepare(a) for a in articles]
        pending = self.pool.map_async(prepare, articles, chunksize=max(1, len(articles) // (4 * self.jobs)))
        return lambda: pending.get()

    def close(self, *, abort: bool = False) -> None:
        """Stop the workers (at once when ``abort``)."""
        if self.pool is not None:
            if abort:
                self.pool.terminate()
            else:
                self.pool.close()
            self.pool.join()


class _StopFlag:
    """Ctrl-C while installed: the first sets the flag (stop after this batch), the second interrupts."""

    def __init__(self) -> None:
        self.set = False
        self._old: Any = None

    def __enter__(self) -> _StopFlag:
        if threading.current_thread() is threading.main_thread():
            self._old = signal.signal(signal.SIGINT, self._handle)
        return self

    def _handle(self, signum: int, frame: object) -> None:
        if self.set:
            raise KeyboardInterrupt
        self.set = True

    def __exit__(self, *exc: object) -> None:
        if self._old is not None:
            signal.signal(signal.SIGINT, self._old)


def build_paths(store: Store, paths: Iterable[str | Path], *, force: bool = False, jobs: int = 1,
                batch_size: int = BATCH_SIZE, on_result: Callable[[ArticleResult], None] | None = None,
                on_problem: Callable[[str], None] | None = None) -> BuildReport:
    """Read, extract and store every article under ``paths``; unchanged articles are skipped unless ``force``.

    Also loads the ontology and KB graphs when they are missing or changed. ``on_result`` hears of
    every article as it is written or skipped; ``on_problem`` of every skipped record. Ctrl-C
    ends the build after the current batch with ``report.interrupted`` set.
    """
    from newsgraph.graph import iri
    from newsgraph.graph.build import content_hash, load_reference_graphs

    load_reference_graphs(store)
    report = BuildReport()

    def done(result: ArticleResult) -> None:
        report.results.append(result)
        if on_result is not None:
            on_result(result)

    def todo(batch: list[Article]) -> list[Article]:
        iris = [iri.article_iri(a.id) for a in batch]
        stored = {} if force else stored_hashes(store, iris)
        out = []
        for article, a_iri in zip(batch, iris, strict=True):
            if stored.get(a_iri) == content_hash(article.text):
                done(ArticleResult(article.id, a_iri, "unchanged", message="unchanged; --force rebuilds it"))
            else:
                out.append(article)
        return out

    def finish(getter: Callable[[], list[Prepared]]) -> None:
        prepared = getter()
        write_batch(store, prepared)
        for p in prepared:
            if p.error:
                done(ArticleResult(p.article, p.iri, "failed", message=p.error))
            else:
                done(ArticleResult(p.article, p.iri, "built", p.triples, words=p.words))

    extractor = _Extractor(jobs)
    clean = False
    try:
        with _StopFlag() as stop:
            pending: Callable[[], list[Prepared]] | None = None
            for batch in batched(read_all(paths, report, on_problem), batch_size):
                articles = todo(batch)
                current = extractor.submit(articles) if articles else None
                if pending is not None:
                    finish(pending)
                pending = current
                if stop.set:
                    break
            if pending is not None:
                finish(pending)
            report.interrupted = stop.set
        clean = True
    finally:
        extractor.close(abort=not clean or report.interrupted)
    return report
