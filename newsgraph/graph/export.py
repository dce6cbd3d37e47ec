"""Serialise the store deterministically: sorted statements, explicit prefixes, no ``ns1:``.

Turtle and N-Triples hold one graph, so without ``--graph`` they get the merge of every named
graph; TriG and N-Quads keep the named graphs. Files are written atomically (a temporary file in
the same folder, then ``os.replace``), so a failed export never leaves half a file behind.
"""
from __future__ import annotations

import os
import stat
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

from newsgraph.errors import OutputError

if TYPE_CHECKING:  # pragma: no cover
    from newsgraph.graph.store import Store

#: Format name → (pyoxigraph RdfFormat attribute, holds named graphs).
FORMATS: dict[str, tuple[str, bool]] = {
    "turtle": ("TURTLE", False),
    "trig": ("TRIG", True),
    "nt": ("N_TRIPLES", False),
    "nquads": ("N_QUADS", True),
    "jsonld": ("JSON_LD", True),
}
#: File extension → format name (used when no format is given).
EXTENSIONS = {".ttl": "turtle", ".trig": "trig", ".nt": "nt", ".nq": "nquads", ".jsonld": "jsonld", ".json": "jsonld"}


def check_format(fmt: str) -> str:
    """The canonical format name, or OutputError naming the known ones."""
    name = {"ttl": "turtle", "n-triples": "nt", "ntriples": "nt", "n-quads": "nquads", "json-ld": "jsonld"}.get(
        fmt.lower(), fmt.lower())
    if name not in FORMATS:
        raise OutputError(f"unknown format {fmt!r}: use one of {', '.join(FORMATS)}")
    return name


def canonical_nquads(store: Store, graph: str | None = None) -> bytes:
    """The store (or one graph) as sorted, duplicate-free N-Quads lines: the canonical form every export starts from."""
    lines = sorted(set(store.nquads(graph).splitlines()) - {b""})
    return b"\n".join(lines) + (b"\n" if lines else b"")


def serialize(store: Store, fmt: str = "turtle", *, graph: str | None = None) -> bytes:
    """The store, or one named graph, as bytes in ``fmt`` — the same bytes for the same content.

    Why via sorted N-Quads: Oxigraph writes its indexes in storage order; sorting the N-Quads lines
    (bytes, fast) fixes one order, and the writers below keep it.
    """
    import pyoxigraph as ox

    from newsgraph.graph.build import prefixes

    name = check_format(fmt)
    attr, quads_ok = FORMATS[name]
    if graph and graph not in store.graphs():
        raise OutputError(f"the store has no graph {graph}: `newsgraph query articles` lists the article graphs")
    data = canonical_nquads(store, graph)
    if name == "nquads":
        return data
    quads = ox.parse(data, format=ox.RdfFormat.N_QUADS)
    if quads_ok and not graph:
        items: list = list(quads)
    else:
        items = list(dict.fromkeys(q.triple for q in quads))
    rdf_format = getattr(ox.RdfFormat, attr)
    used = prefixes() if rdf_format in (ox.RdfFormat.TURTLE, ox.RdfFormat.TRIG) else None
    return ox.serialize(items, format=rdf_format, prefixes=used)


def _new_file_mode(path: Path) -> int:
    """The mode the written file gets: that of the file it replaces, else 0o666 less the umask.

    Why: ``mkstemp`` makes its file 0600, which ``os.replace`` would carry over to the export.
    """
    try:
        return stat.S_IMODE(path.stat().st_mode)
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def write_atomic(path: str | Path, data: bytes) -> None:
    """Write ``data`` to ``path`` through a temporary file and ``os.replace`` (all or nothing)."""
    path = Path(path)
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent if str(path.parent) else ".")
    except OSError as exc:
        raise OutputError(f"cannot write {path}: {exc.strerror or exc}; choose a writable place") from exc
    try:
        with os.fdopen(fd, "wb") as fh:
            os.fchmod(fh.fileno(), _new_file_mode(path))
            fh.write(data)
        os.replace(tmp, path)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        raise OutputError(f"cannot write {path}: {exc.strerror or exc}; choose a writable place") from exc


def export(store: Store, fmt: str | None = None, output: str | Path | None = None, *,
           graph: str | None = None) -> bytes | None:
    """Export to ``output`` (format from ``fmt`` or the file extension) or, without a file, return the bytes."""
    if fmt is None:
        fmt = EXTENSIONS.get(Path(output).suffix.lower(), "turtle") if output else "turtle"
    data = serialize(store, fmt, graph=graph)
    if output is None:
        return data
    write_atomic(output, data)
    return None
