"""The named SPARQL queries: ``<name>.rq`` files in this folder, each with a header.

A header is the leading ``#`` comment block::

    # title: Quotations
    # description: Who said what, in which article.
    # param lang: label language (en, ar, ru); labels fall back to any language.

``param`` lines name the variables the query expects to be bound at run time (``$lang``); the
CLI binds ``--lang`` to the parameter called ``lang`` (or ``label_lang`` where the query has a
``lang`` column of its own) and ``--param k=v`` to ``k``. Values enter through bindings, never by
formatting the query text.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from newsgraph.errors import UnknownQueryError

QUERY_DIR = Path(__file__).resolve().parent
#: Parameter names ``--lang`` binds, in order of preference.
LANG_PARAMS = ("lang", "label_lang")
_FIELD = re.compile(r"#\s*(title|description|param\s+[A-Za-z_][A-Za-z0-9_]*)\s*:\s*(.*)")
_VAR = re.compile(r"[?$]([A-Za-z_][A-Za-z0-9_]*)")


@dataclass(frozen=True)
class NamedQuery:
    """One stored query: its name, text and header fields."""

    name: str
    text: str
    path: Path | None = None
    title: str = ""
    description: str = ""
    parameters: dict[str, str] = field(default_factory=dict)


def parse_header(text: str) -> tuple[str, str, dict[str, str]]:
    """Title, description and ``{param: description}`` from a query's leading comment block."""
    fields: dict[str, str] = {}
    params: dict[str, str] = {}
    last: tuple[dict[str, str], str] | None = None
    for line in text.splitlines():
        line = line.strip()
        if not line:
            continue
        if not line.startswith("#"):
            break
        m = _FIELD.match(line)
        if m:
            key, value = m.group(1), m.group(2).strip()
            if key.startswith("param"):
                name = key.split()[1]
                params[name] = value
                last = (params, name)
            else:
                fields[key] = value
                last = (fields, key)
        elif last is not None and line.lstrip("#").strip():
            target, key = last
            target[key] = f"{target[key]} {line.lstrip('#').strip()}".strip()
    return fields.get("title", ""), fields.get("description", ""), params


def from_text(text: str, name: str = "query", path: Path | None = None) -> NamedQuery:
    """A NamedQuery from SPARQL text (header parsed if present)."""
    title, description, params = parse_header(text)
    return NamedQuery(name, text, path, title, description, params)


def names() -> list[str]:
    """The names of the stored queries, sorted."""
    return sorted(p.stem for p in QUERY_DIR.glob("*.rq"))


def list_queries() -> list[NamedQuery]:
    """Every stored query with its header."""
    return [load(n) for n in names()]


def load(name_or_path: str | Path) -> NamedQuery:
    """A stored query by name (``quotes``) or a ``.rq`` file by path; UnknownQueryError lists the names."""
    s = str(name_or_path)
    path = Path(s)
    if s.endswith(".rq") or path.suffix == ".rq" or "/" in s:
        if not path.is_file():
            raise UnknownQueryError(f"no query file {s}: check the path")
        try:
            return from_text(path.read_text(encoding="utf-8"), path.stem, path)
        except (OSError, UnicodeDecodeError) as exc:
            raise UnknownQueryError(f"cannot read {s}: {exc}") from exc
    stored = QUERY_DIR / f"{s}.rq"
    if not re.fullmatch(r"[A-Za-z0-9_-]+", s) or not stored.is_file():
        raise UnknownQueryError(f"unknown query {s!r}: known queries are {', '.join(names())}")
    return from_text(stored.read_text(encoding="utf-8"), s, stored)


def bindings_for(query: NamedQuery, *, lang: str | None = None,
                 params: dict[str, str] | None = None) -> dict[str, str]:
    """The bindings to run ``query`` with: ``lang`` for its label-language parameter, then ``params``.

    A query without a header gets ``lang`` when its text uses ``$lang``/``?lang``.
    """
    out: dict[str, str] = {}
    if lang:
        declared = [p for p in LANG_PARAMS if p in query.parameters]
        if not query.parameters and "lang" in set(_VAR.findall(query.text)):
            declared = ["lang"]
        if declared:
            out[declared[0]] = lang
    out.update(params or {})
    return out


def parse_param(text: str) -> tuple[str, object]:
    """``k=v`` → (k, value): ``<iri>`` becomes an IRI, anything else a plain literal."""
    from newsgraph.errors import QueryError

    key, sep, value = text.partition("=")
    if not sep or not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", key.strip()):
        raise QueryError(f"bad --param {text!r}: write NAME=VALUE (NAME of letters, digits and _)")
    value = value.strip()
    if value.startswith("<") and value.endswith(">"):
        import pyoxigraph as ox

        try:
            return key.strip(), ox.NamedNode(value[1:-1])
        except ValueError as exc:
            raise QueryError(f"bad IRI in --param {text!r}: {exc}") from exc
    return key.strip(), value


def check_params(query: NamedQuery, params: dict | None) -> None:
    """QueryError for a parameter the query never uses (a typo in ``--param`` would otherwise be ignored)."""
    from newsgraph.errors import QueryError
    from newsgraph.graph.store import strip_comments

    masked = strip_comments(query.text, blank_terms=True)
    used = set(_VAR.findall(masked))
    for name in params or {}:
        if name not in used:
            known = list(query.parameters) or sorted(set(re.findall(r"\$([A-Za-z_][A-Za-z0-9_]*)", masked)))
            raise QueryError(f"the query has no parameter {name} (its parameters: {', '.join(known) or 'none'}); "
                             "check the --param name")


def run(store, query: NamedQuery, *, lang: str | None = None, params: dict | None = None,
        allow_update: bool = False, fresh: bool = False):
    """Run a named or ad-hoc query on ``store`` with its bindings; updates only with ``allow_update``.

    A named query or ``.rq`` file is answered from the rows stored at this version of an embedded
    store when there are some (``graph/answers.py``), else evaluated and its rows stored; ``fresh``
    always evaluates (and refreshes the stored rows). Returns the store's answer (QueryResult for
    SELECT), or None after an update.
    """
    from newsgraph.errors import QueryError
    from newsgraph.graph.store import sparql_kind

    if sparql_kind(query.text) == "update":
        if not allow_update:
            raise QueryError(f"{query.name} is a SPARQL Update: add --allow-update to change the store")
        store.update(query.text)
        return None
    check_params(query, params)
    bindings = bindings_for(query, lang=lang, params=params)
    if query.path is None:
        return store.query(query.text, bindings)
    return store.stored_query(query.text, bindings, refresh=fresh)


#: The label languages whose answers ``newsgraph build`` stores (the CLI's ``--lang`` default first).
ANSWER_LANGS = ("en",)


def store_answers(store, langs: tuple[str, ...] = ANSWER_LANGS) -> int:  # noqa: ANN001
    """Evaluate the named queries (not the ``network-*`` parts) in each of ``langs`` and store the rows
    (after a build), so the first ``newsgraph query`` after it is as quick as the next.
    Returns the number of answers stored."""
    n = 0
    for q in list_queries():
        if "-" in q.name:
            continue  # the parts the network commands read (network-*): stored when first used
        for lang in langs:
            run(store, q, lang=lang, fresh=True)
            n += 1
    return n
