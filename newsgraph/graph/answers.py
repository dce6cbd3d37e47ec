"""Stored answers: the rows of a query kept beside an embedded store until the store changes.

Why: the named queries aggregate over the whole store (labels in the asked language, most specific
types, mention counts, participants), so at a million triples each costs 0.1–1 s of Oxigraph time
however it is written, and most of an analyst's queries are the same few asked of an unchanged
store. ``newsgraph build`` therefore evaluates the named queries once after it has written (the
answers are *materialised*), and later runs read the rows back in milliseconds.

Correctness rests on one rule: every write to the store changes its *generation*, a random token in
the file ``newsgraph.generation`` in the store folder, and an answer is used only when it was
computed at the current generation. ``OxigraphStore`` renews the token before each write (update,
graph replacement, bulk load), and the writer holds the store's exclusive lock, so no reader can
store an answer computed from a half-written state under the new token. A store without the file
(made by another tool, or by an older newsgraph) never uses stored answers until newsgraph writes it.
Writing to the store folder with other tools (pyoxigraph directly) bypasses this: run
``newsgraph query --fresh`` or delete the ``answers`` folder after such writes.

Answers live in ``<store>/answers/<sha256 of the SPARQL text>.json``; the text is the exact query
sent (parameters already bound), so a different ``--lang`` or ``--param`` is a different answer.
Files are written atomically (temporary file, then rename); a store folder that cannot be written
(read-only media) simply keeps no answers. At most ``MAX_ANSWERS`` files are kept (oldest go first).
"""
from __future__ import annotations

import hashlib
import json
import os
import secrets
from pathlib import Path

GENERATION_FILE = "newsgraph.generation"
ANSWERS_DIR = "answers"
#: Stored answers kept per store (the least recently written go first).
MAX_ANSWERS = 256
_FORMAT = 1


def renew_generation(folder: str | Path) -> None:
    """Give the store a new generation token (before a write): every stored answer becomes stale.

    Raises OSError when the folder cannot be written — the caller is about to write the store
    itself, which would fail the same way.
    """
    _write_atomic(Path(folder) / GENERATION_FILE, secrets.token_hex(16).encode("ascii"))


def generation(folder: str | Path) -> str | None:
    """The store's current generation token, or None when it has none (answers not usable)."""
    try:
        token = (Path(folder) / GENERATION_FILE).read_text(encoding="ascii").strip()
    except (OSError, UnicodeDecodeError):
        return None
    return token or None


def _key(sparql: str) -> str:
    return hashlib.sha256(sparql.encode("utf-8")).hexdigest()


def load(folder: str | Path, sparql: str) -> tuple[list[str], list[list[str | None]]] | None:
    """The stored columns and rows of ``sparql`` if they were computed at the current generation."""
    token = generation(folder)
    if token is None:
        return None
    try:
        data = json.loads((Path(folder) / ANSWERS_DIR / f"{_key(sparql)}.json").read_bytes())
    except (OSError, ValueError):
        return None
    if not isinstance(data, dict) or data.get("generation") != token or data.get("format") != _FORMAT \
            or data.get("query") != sparql:
        return None
    return data["columns"], data["rows"]


def save(folder: str | Path, sparql: str, token: str, columns: list[str], rows: list[list[str | None]]) -> bool:
    """Store the answer to ``sparql`` computed at generation ``token``; False if the folder is not writable.

    ``token`` is the generation read *before* the query ran: if a write happened meanwhile (it cannot
    while this process holds a reader's lock, but a remote copy of the folder could), the answer is
    simply never used.
    """
    folder = Path(folder)
    payload = {"format": _FORMAT, "generation": token, "query": sparql, "columns": columns, "rows": rows}
    try:
        target = folder / ANSWERS_DIR
        target.mkdir(exist_ok=True)
        _write_atomic(target / f"{_key(sparql)}.json",
                      json.dumps(payload, ensure_ascii=False, separators=(",", ":")).encode("utf-8"))
        _prune(target)
    except OSError:
        return False
    return True


def clear(folder: str | Path) -> int:
    """Delete every stored answer of the store (the number deleted)."""
    target = Path(folder) / ANSWERS_DIR
    n = 0
    for f in target.glob("*.json") if target.is_dir() else ():
        try:
            f.unlink()
            n += 1
        except OSError:
            pass
    return n


def _prune(target: Path) -> None:
    files = list(target.glob("*.json"))
    if len(files) > MAX_ANSWERS:
        for f in sorted(files, key=_mtime)[: len(files) - MAX_ANSWERS]:
            f.unlink(missing_ok=True)


def _mtime(path: Path) -> float:
    try:
        return path.stat().st_mtime
    except OSError:
        return 0.0


def _write_atomic(path: Path, data: bytes) -> None:
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        with open(tmp, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        try:
            tmp.unlink()
        except OSError:
            pass
        raise
