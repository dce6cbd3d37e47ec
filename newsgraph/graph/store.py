"""Where the graph lives: embedded Oxigraph on disk, or a remote SPARQL 1.1 server.

``open_store(db)`` picks the backend: a folder is an embedded Oxigraph store (pyoxigraph, used
directly because it is fast; rdflib/oxrdflib graphs are accepted where the code speaks rdflib); an
``http(s)://`` URL is a SPARQL 1.1 server reached through the SPARQL 1.1 Protocol and Graph Store
Protocol (``RemoteStore`` in ``graph/remote.py``).

Queries see the default graph as the union of all named graphs. Each article is one named graph;
``replace_graph`` swaps it in one transaction, so a failure leaves the old version in place.
"""
from __future__ import annotations

import errno
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from newsgraph import config
from newsgraph.errors import QueryError, StoreError, StoreLockedError

if TYPE_CHECKING:  # pragma: no cover
    import pyoxigraph
    import rdflib

#: A binding value: a plain string (a literal), or an rdflib/pyoxigraph term.
Binding = Any
_NG_CONTENT_HASH = config.NG_NS + "contentHash"
_VERSION = "http://purl.org/dc/terms/hasVersion"
_IRIREF = re.compile(r"<[^<>\"{}|^`\\\s]*>")
_PROLOGUE = re.compile(r"\s*(?:PREFIX\s+[^\s:]*:\s*<[^>]*>|BASE\s*<[^>]*>)", re.IGNORECASE)
_FIRST_WORD = re.compile(r"\s*([A-Za-z]+)")
_WHERE = re.compile(r"\bWHERE\s*\{", re.IGNORECASE)
_FORM = re.compile(r"\b(SELECT|CONSTRUCT|ASK|DESCRIBE)\b", re.IGNORECASE)
QUERY_FORMS = {"SELECT", "CONSTRUCT", "ASK", "DESCRIBE"}
UPDATE_FORMS = {"INSERT", "DELETE", "LOAD", "CLEAR", "CREATE", "DROP", "COPY", "MOVE", "ADD", "WITH"}


@dataclass
class QueryResult:
    """Rows of a SELECT: ``columns`` in order, each row a dict of plain strings (None when unbound)."""

    columns: list[str]
    rows: list[dict[str, str | None]] = field(default_factory=list)

    def __iter__(self) -> Iterator[dict[str, str | None]]:
        return iter(self.rows)

    def __len__(self) -> int:
        return len(self.rows)


def strip_comments(sparql: str, *, blank_terms: bool = False) -> str:
    """``sparql`` with ``#`` comments blanked out, offsets unchanged (also IRIs and strings if ``blank_terms``)."""
    out: list[str] = []
    i, n = 0, len(sparql)
    while i < n:
        ch = sparql[i]
        if ch == "<":
            m = _IRIREF.match(sparql, i)
            if m:
                out.append(" " * len(m.group()) if blank_terms else m.group())
                i = m.end()
                continue
        elif ch in "\"'":
            quote = sparql[i:i + 3] if sparql[i:i + 3] in ('"""', "'''") else ch
            j = i + len(quote)
            while j < n and not sparql.startswith(quote, j):
                j += 2 if sparql[j] == "\\" else 1
            chunk = sparql[i:j + len(quote)]
            out.append(" " * len(chunk) if blank_terms else chunk)
            i = j + len(quote)
            continue
        elif ch == "#":
            j = sparql.find("\n", i)
            j = n if j < 0 else j
            out.append(" " * (j - i))
            i = j
            continue
        out.append(ch)
        i += 1
    return "".join(out)


def sparql_kind(sparql: str) -> str:
    """``"query"`` or ``"update"``: what a SPARQL text is (to refuse updates unless asked)."""
    text = strip_comments(sparql)
    pos = 0
    while (m := _PROLOGUE.match(text, pos)) is not None:
        pos = m.end()
    m = _FIRST_WORD.match(text, pos)
    word = m.group(1).upper() if m else ""
    if word in UPDATE_FORMS:
        return "update"
    return "query"


def syntax_error(exc: Exception) -> QueryError:
    """A one-line QueryError from a SPARQL parser message, with line and column when it has them."""
    msg = " ".join(str(exc).split())
    m = re.match(r"error at (\d+):(\d+):\s*(.*)", msg)
    if m:
        msg = f"line {m.group(1)}, column {m.group(2)}: {m.group(3)}"
    return QueryError(f"SPARQL syntax error at {msg}; fix the query")


def to_ox_term(value: Binding) -> pyoxigraph.NamedNode | pyoxigraph.Literal | pyoxigraph.BlankNode:
    """A pyoxigraph term for a binding value (str → plain literal; rdflib terms converted)."""
    import pyoxigraph as ox

    if isinstance(value, ox.NamedNode | ox.Literal | ox.BlankNode):
        return value
    try:
        from rdflib.term import BNode, Literal, URIRef
    except ImportError:  # pragma: no cover
        URIRef = Literal = BNode = ()  # type: ignore[assignment]
    if URIRef and isinstance(value, URIRef):
        return ox.NamedNode(str(value))
    if Literal and isinstance(value, Literal):
        if value.language:
            return ox.Literal(str(value), language=value.language)
        if value.datatype:
            return ox.Literal(str(value), datatype=ox.NamedNode(str(value.datatype)))
        return ox.Literal(str(value))
    if BNode and isinstance(value, BNode):
        return ox.BlankNode(str(value))
    return ox.Literal(str(value))


def literal_text(value: str) -> str:
    """A plain literal in N-Triples/SPARQL syntax (escaped by pyoxigraph)."""
    import pyoxigraph as ox

    return str(ox.Literal(value))


def term_value(term: Any) -> str | None:
    """The plain string value of a pyoxigraph term (IRI, literal lexical form, blank node id)."""
    return None if term is None else term.value


def inject_values(sparql: str, bindings: Mapping[str, Binding]) -> str:
    """``sparql`` with a VALUES block binding ``bindings`` at the start of every WHERE group.

    Why every group: a subquery sees only its own variables, so a label-language parameter used
    inside one must be bound there too. Terms are written in N-Triples syntax (escaped by
    pyoxigraph). pyoxigraph's own ``substitutions`` cannot be used: it binds only projected variables.
    """
    if not bindings:
        return sparql
    names = list(bindings)
    for name in names:
        if not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", name):
            raise QueryError(f"bad parameter name {name!r}: use letters, digits and _")
    terms = " ".join(str(to_ox_term(bindings[n])) for n in names)
    block = f" VALUES ({' '.join('?' + n for n in names)}) {{ ({terms}) }} "
    masked = strip_comments(sparql, blank_terms=True)
    positions = [m.end() for m in _WHERE.finditer(masked)]
    if not positions:
        form = _FORM.search(masked)
        pos = masked.find("{", form.end() if form else 0) + 1
        if pos <= 0 or (form and form.group(1).upper() in ("CONSTRUCT", "DESCRIBE")):
            raise QueryError("cannot bind parameters: the query has no WHERE clause")
        positions = [pos]
    for pos in reversed(positions):
        sparql = sparql[:pos] + block + sparql[pos:]
    return sparql


class Store:
    """What every backend offers (see docs/internals.md, "The store"). Use as a context manager."""

    location: str = ""
    read_only: bool = False

    # -- to implement ------------------------------------------------------------------------
    def query(self, sparql: str, bindings: Mapping[str, Binding] | None = None) -> QueryResult | bool | list:
        """Run a SPARQL query: SELECT → QueryResult, ASK → bool, CONSTRUCT/DESCRIBE → list of pyoxigraph Triples."""
        raise NotImplementedError

    def update(self, sparql: str) -> None:
        """Run a SPARQL 1.1 Update (one transaction)."""
        raise NotImplementedError

    def stored_query(self, sparql: str, bindings: Mapping[str, Binding] | None = None,
                     *, refresh: bool = False) -> QueryResult | bool | list:
        """``query``, answered from the rows stored at this version of the store where the backend keeps
        them (the embedded store, see ``graph/answers.py``); ``refresh`` evaluates and stores afresh.
        A server keeps no stored answers here: it is simply queried."""
        return self.query(sparql, bindings)

    def replace_graph_ntriples(self, graph_iri: str, ntriples: str) -> None:
        """Replace the named graph ``graph_iri`` by these N-Triples, atomically."""
        raise NotImplementedError

    def quads(self, graph: str | None = None) -> Iterator[pyoxigraph.Quad]:
        """Every quad in the store (or in one named graph), as pyoxigraph Quads."""
        raise NotImplementedError

    def graphs(self) -> list[str]:
        """The IRIs of the named graphs, sorted."""
        raise NotImplementedError

    def nquads(self, graph: str | None = None) -> bytes:
        """The whole store (or one named graph) as N-Quads, in no particular order (see ``graph.export``)."""
        raise NotImplementedError

    def close(self) -> None:
        """Release the store (and its lock)."""

    # -- shared ------------------------------------------------------------------------------
    def replace_graph(self, graph_iri: str, graph: rdflib.Graph) -> None:
        """Replace the named graph ``graph_iri`` by an rdflib graph, atomically (old version kept on failure)."""
        self.replace_graph_ntriples(graph_iri, ntriples_of(graph))

    def load_reference_graph(self, graph_iri: str, ntriples: bytes, version: str) -> None:
        """Replace a reference graph (ontology, KB) and stamp it with ``version`` (``graph_version`` reads it).

        The stamp is written last, so an interrupted load is simply redone by the next build.
        """
        stamp = f"<{_check_iri(graph_iri)}> <{_VERSION}> {literal_text(version)} .\n"
        self.replace_graph_ntriples(graph_iri, ntriples.decode("utf-8") + "\n" + stamp)

    def drop_graph(self, graph_iri: str) -> None:
        """Remove a named graph (nothing happens if it does not exist)."""
        self.update(f"DROP SILENT GRAPH <{_check_iri(graph_iri)}>")

    def content_hash(self, article_iri: str) -> str | None:
        """The ``ng:contentHash`` stored for an article, or None if the article is not stored."""
        return self._graph_value(article_iri, _NG_CONTENT_HASH)

    def graph_version(self, graph_iri: str) -> str | None:
        """The version stamp stored in a reference graph (ontology, KB), or None."""
        return self._graph_value(graph_iri, _VERSION)

    def _graph_value(self, graph_iri: str, predicate: str) -> str | None:
        g = _check_iri(graph_iri)
        res = self.query(f"SELECT ?v WHERE {{ GRAPH <{g}> {{ <{g}> <{predicate}> ?v }} }} LIMIT 1")
        assert isinstance(res, QueryResult)
        return res.rows[0]["v"] if res.rows else None

    def triple_count(self, graph: str | None = None) -> int:
        """Number of quads in the store, or in one named graph."""
        where = f"GRAPH <{_check_iri(graph)}> {{ ?s ?p ?o }}" if graph else "GRAPH ?g { ?s ?p ?o }"
        res = self.query(f"SELECT (COUNT(*) AS ?n) WHERE {{ {where} }}")
        assert isinstance(res, QueryResult)
        return int(res.rows[0]["n"] or 0)

    def dump(self, format: str = "trig", graph: str | None = None) -> bytes:
        """The store (or one graph) serialised deterministically; see ``graph.export``."""
        from newsgraph.graph.export import serialize

        return serialize(self, format, graph=graph)

    def __enter__(self) -> Store:
        return self

    def __exit__(self, exc_type: object, exc: object, tb: object) -> None:
        """Close; an error while closing is raised only when no other error is on its way out
        (a full disk fails the update first, then the flush: the first error is the one to tell)."""
        try:
            self.close()
        except StoreError:
            if exc is None:
                raise


def ntriples_of(graph: rdflib.Graph) -> str:
    """An rdflib graph as N-Triples text, blank nodes skolemized (what ``replace_graph_ntriples`` takes)."""
    import pyoxigraph as ox

    from newsgraph.graph.build import skolemize

    nt = graph.serialize(format="nt", encoding="utf-8").decode("utf-8")
    if "_:" in nt:
        triples = skolemize(list(ox.parse(nt.encode("utf-8"), format=ox.RdfFormat.N_TRIPLES)))
        nt = ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES).decode("utf-8")
    return nt


def io_error(exc: OSError, location: str, what: str) -> StoreError:
    """The StoreError for an I/O failure of the store at ``location`` (``what``: the message's start).

    A full disk gets its own message: freeing space is the fix, and nothing stored earlier was lost
    (each write is a transaction).
    """
    detail = " ".join(str(exc).split())
    if exc.errno == errno.ENOSPC or "No space left" in detail:
        return StoreError(f"no space left on the device holding {location}: free some space and rerun; "
                          "everything stored before this article is intact")
    return StoreError(f"{what}: {detail}; check the disk and the folder's permissions")


def _check_iri(value: str) -> str:
    if not _IRIREF.fullmatch(f"<{value}>"):
        raise StoreError(f"not a valid IRI: {value!r}")
    return value


class OxigraphStore(Store):
    """Embedded Oxigraph on disk (RocksDB): one writer, or any number of readers, at a time.

    Why our own lock: RocksDB locks out a second writer, but reading a store that another process
    is writing is undefined behaviour in Oxigraph. A ``newsgraph.lock`` file in the store folder is
    held shared by readers and exclusive by the writer (``fcntl.flock``; where that does not exist,
    only RocksDB's own writer lock applies).
    """

    LOCK_FILE = "newsgraph.lock"

    def __init__(self, path: str | Path, *, create: bool = False, read_only: bool = False) -> None:
        import pyoxigraph as ox

        p = Path(path)
        self.location, self.read_only = str(path), read_only
        self._store: ox.Store | None = None
        self._lock: Any = None
        if not p.exists() or (p.is_dir() and not any(p.iterdir())):
            if not create or read_only:
                raise StoreError(f"no store at {path}: run `newsgraph build` first")
        elif not p.is_dir():
            raise StoreError(f"{path} is a file, not a store folder: choose another --db")
        elif not (p / "CURRENT").exists():
            raise StoreError(f"{path} is a folder but not a newsgraph store: choose another --db")
        try:
            p.mkdir(parents=True, exist_ok=True)
            self._take_lock(p)
            self._store = ox.Store.read_only(str(p)) if read_only else ox.Store(str(p))
        except OSError as exc:
            self._release_lock()
            if "lock" in str(exc).lower():
                raise self._locked_error() from exc
            raise io_error(exc, str(path), f"cannot open the store {path}") from exc

    def _locked_error(self) -> StoreLockedError:
        if self.read_only:
            return StoreLockedError(f"the store {self.location} is being written by another process (a build?): "
                                    "wait for it to finish, or query a copy")
        return StoreLockedError(f"the store {self.location} is in use by another process (a build or a query?): "
                                "wait for it to finish, or use another --db")

    def _take_lock(self, folder: Path) -> None:
        try:
            import fcntl
        except ImportError:  # pragma: no cover - not POSIX
            return
        try:
            handle = open(folder / self.LOCK_FILE, "a+b")  # noqa: SIM115 - held until close()
        except OSError:
            return  # a read-only folder: nobody can write it, so readers need no lock
        try:
            fcntl.flock(handle.fileno(), (fcntl.LOCK_SH if self.read_only else fcntl.LOCK_EX) | fcntl.LOCK_NB)
        except BlockingIOError:
            handle.close()
            raise self._locked_error() from None
        self._lock = handle

    def _release_lock(self) -> None:
        if self._lock is not None:
            self._lock.close()  # closing the file releases the flock
            self._lock = None

    @property
    def ox(self) -> pyoxigraph.Store:
        """The underlying pyoxigraph store (for code that needs its speed directly)."""
        if self._store is None:
            raise StoreError(f"the store {self.location} is closed")
        return self._store

    def query(self, sparql: str, bindings: Mapping[str, Binding] | None = None) -> QueryResult | bool | list:
        """Run a SPARQL query with the default graph as the union of the named graphs."""
        import pyoxigraph as ox

        try:
            res = self.ox.query(inject_values(sparql, bindings or {}), use_default_graph_as_union=True)
            if isinstance(res, ox.QuerySolutions):
                cols = [v.value for v in res.variables]
                rows = [{c: term_value(sol[c]) for c in cols} for sol in res]
                return QueryResult(cols, rows)
            if isinstance(res, ox.QueryBoolean):
                return bool(res)
            return list(res)
        except SyntaxError as exc:
            raise syntax_error(exc) from exc
        except OSError as exc:
            raise io_error(exc, self.location, f"query failed on {self.location}") from exc

    def stored_query(self, sparql: str, bindings: Mapping[str, Binding] | None = None,
                     *, refresh: bool = False) -> QueryResult | bool | list:
        """A SELECT's rows from the answer stored at the current generation, else evaluated and stored.

        Other query forms are not stored. The rows are the same as ``query``'s, in the same order.
        """
        from newsgraph.graph import answers

        text = inject_values(sparql, bindings or {})
        token = answers.generation(self.location)
        if token is not None and not refresh:
            hit = answers.load(self.location, text)
            if hit is not None:
                cols, rows = hit
                return QueryResult(cols, [dict(zip(cols, row, strict=True)) for row in rows])
        result = self.query(text)
        if token is not None and isinstance(result, QueryResult):
            answers.save(self.location, text, token, result.columns,
                         [[row[c] for c in result.columns] for row in result.rows])
        return result

    def update(self, sparql: str) -> None:
        """Run a SPARQL Update in one transaction (after renewing the generation: stored answers go stale)."""
        from newsgraph.graph import answers

        if self.read_only:
            raise StoreError(f"the store {self.location} is open read-only")
        try:
            answers.renew_generation(self.location)
            self.ox.update(sparql)
        except SyntaxError as exc:
            raise syntax_error(exc) from exc
        except OSError as exc:
            raise io_error(exc, self.location, f"update failed on {self.location}") from exc

    def load_reference_graph(self, graph_iri: str, ntriples: bytes, version: str) -> None:
        """Drop, bulk-load (several times faster than an update), then stamp the version.

        Not one transaction, on purpose: only the version stamp, written last, makes the next build
        skip the reload, so an interrupted load is redone. Article graphs never take this path.
        """
        import pyoxigraph as ox

        g = _check_iri(graph_iri)
        self.update(f"DROP SILENT GRAPH <{g}>")
        try:
            self.ox.bulk_load(ntriples, format=ox.RdfFormat.N_TRIPLES, to_graph=ox.NamedNode(g))
        except (SyntaxError, ValueError) as exc:
            raise StoreError(f"cannot load the graph {g}: {' '.join(str(exc).split())}") from exc
        except OSError as exc:
            raise io_error(exc, self.location, f"cannot load the graph {g}") from exc
        self.update(f"INSERT DATA {{ GRAPH <{g}> {{ <{g}> <{_VERSION}> {literal_text(version)} }} }}")

    def replace_graph_ntriples(self, graph_iri: str, ntriples: str) -> None:
        """DROP + INSERT DATA in one SPARQL Update: Oxigraph runs it as one transaction."""
        g = _check_iri(graph_iri)
        self.update(f"DROP SILENT GRAPH <{g}> ;\nINSERT DATA {{ GRAPH <{g}> {{\n{ntriples}\n}} }}")

    def quads(self, graph: str | None = None) -> Iterator[pyoxigraph.Quad]:
        """Quads of the whole store or of one named graph."""
        import pyoxigraph as ox

        g = ox.NamedNode(_check_iri(graph)) if graph else None
        return iter(self.ox.quads_for_pattern(None, None, None, g))

    def graphs(self) -> list[str]:
        """Named graph IRIs, sorted."""
        return sorted(str(g.value) for g in self.ox.named_graphs())

    def nquads(self, graph: str | None = None) -> bytes:
        """Oxigraph's own N-Quads dump (fast: no Python object per quad)."""
        import pyoxigraph as ox

        if graph is None:
            return self.ox.dump(format=ox.RdfFormat.N_QUADS)
        g = ox.NamedNode(_check_iri(graph))
        triples = ox.parse(self.ox.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=g), format=ox.RdfFormat.N_TRIPLES)
        return ox.serialize((ox.Quad(t.subject, t.predicate, t.object, g) for t in triples), format=ox.RdfFormat.N_QUADS)

    def close(self) -> None:
        """Drop the pyoxigraph handle (releasing RocksDB's lock), then our reader/writer lock."""
        store, self._store = self._store, None
        try:
            if store is not None and not self.read_only:
                store.flush()
        except OSError as exc:
            raise io_error(exc, self.location, f"cannot write the store {self.location}") from exc
        finally:
            self._release_lock()


def is_remote(db: str | Path) -> bool:
    """True when ``db`` names a SPARQL server rather than a folder."""
    return str(db).startswith(("http://", "https://"))


def open_store(db: str | Path | None = None, *, create: bool = False, read_only: bool = False) -> Store:
    """Open the store ``db`` (default ``$NEWSGRAPH_DB`` or ``./newsgraph.db``).

    ``create`` makes a missing embedded store; ``read_only`` opens it for reading alongside a writer.
    A missing store raises StoreError; one held by another process raises StoreLockedError.
    """
    db = str(db) if db else config.default_db()
    if is_remote(db):
        from newsgraph.graph.remote import RemoteStore

        return RemoteStore(db, read_only=read_only)
    return OxigraphStore(db, create=create, read_only=read_only)
