"""Entity networks: a networkx graph projected from the store, and its analysis.

The graph comes from the ``network-*`` named queries (``newsgraph/queries``): nodes are the entities
the articles mention, edges are what the graph says links two of them, each with its *kind*:

``met`` / ``called``   two participants of one event (a phone call is ``called``)
``said_about``         a speaker → each entity mentioned inside their quotation's span
``adopted``            an agent → the document it adopted
``affirms``            a document → the concept it affirms
``holds_post_in``      a person → the organisation or country of a post they hold
``member_of``          a member → the organisation
``co_mention``         two entities mentioned in one sentence (sentences are split from the article
                       text with ``extract.arabic.split_sentences``, the splitter the extractor uses)

Each edge carries ``weight`` (the number of statements behind it), ``kinds`` (kind → count) and up to
``MAX_EVIDENCE`` pieces of ``evidence`` (the quotation, event phrase or sentence, with its article and
offsets). This module only builds and analyses; drawing lives in ``graph.viz`` (as textacy keeps
``representations/network`` apart from ``viz/network``). networkx is imported inside the functions.
"""
from __future__ import annotations

import bisect
import re
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from itertools import combinations
from typing import TYPE_CHECKING, Any

from newsgraph.errors import InputError, OutputError, QueryError

if TYPE_CHECKING:
    import networkx as nx

KINDS: tuple[str, ...] = ("met", "called", "said_about", "adopted", "affirms", "holds_post_in", "member_of",
                          "co_mention")
#: Kinds whose statements have a direction (source → target); the others are symmetric.
DIRECTED_KINDS = frozenset({"said_about", "adopted", "affirms", "holds_post_in", "member_of"})
MAX_EVIDENCE = 8
_EVIDENCE_CHARS = 300


@dataclass(frozen=True)
class NetworkFilter:
    """What part of the network to keep (all of it by default).

    ``categories``: entity categories to keep (Person, Organization, Place, Concept, Document, Event, Post);
    ``min_weight``: drop edges lighter than this (and the entities left without an edge);
    ``around`` / ``depth``: keep what lies within ``depth`` steps of an entity (IRI or label);
    ``article``: one article (IRI, or the slug at its end); ``since`` / ``until``: article dates, ISO, inclusive.
    """

    categories: tuple[str, ...] = ()
    min_weight: float = 1
    around: str | None = None
    depth: int = 1
    article: str | None = None
    since: str | None = None
    until: str | None = None


# --- running the named queries -------------------------------------------------------------------

def select(store: Any, name: str, bindings: Mapping[str, str] | None = None) -> list[dict[str, str | None]]:
    """Rows (plain strings, None when unbound) of the named query ``name`` run on ``store``
    (``graph.store.open_store``), with ``bindings`` bound as plain literals; answered from the rows
    stored at this version of the store when there are some (``graph/answers.py``)."""
    from newsgraph import queries

    result = store.stored_query(queries.load(name).text, dict(bindings or {}))
    if isinstance(result, bool) or isinstance(result, list):
        raise QueryError(f"the {name} query must be a SELECT; reinstall newsgraph")
    return list(result.rows)


# --- projection ----------------------------------------------------------------------------------

def project(source: Any, *, lang: str = "ar", filters: NetworkFilter | None = None) -> nx.Graph:
    """Project the entity network from ``source`` (a store): nodes, typed and weighted edges, evidence.

    Node attributes: ``label`` (in ``lang``, falling back to any label, then to the mention text),
    ``category``, ``type``, ``mentions`` and ``articles`` (counts within the filtered articles).
    Edge attributes: ``weight``, ``kinds`` (kind → count), ``evidence`` (list of dicts)."""
    import networkx as nx

    filters = filters or NetworkFilter()
    articles = _articles_in_scope(select(source, "network-articles"), filters)
    nodes = {r["entity"]: r for r in select(source, "network-nodes", {"lang": lang}) if r.get("entity")}
    mentions = [r for r in select(source, "network-mentions") if r["article"] in articles]

    graph = nx.Graph(lang=lang, articles=len(articles))
    _add_mentioned(graph, mentions, nodes)
    # statements from articles first, so that a reference fact an article also states counts once
    for row in sorted(select(source, "network-edges"), key=_statement_order):
        article = row.get("article")
        if article is not None and article not in articles:
            continue
        if article is None and not (row["source"] in graph and row["target"] in graph):
            continue   # reference knowledge only links entities the articles mention
        _add_statement(graph, nodes, row["source"], row["target"], row["kind"], article,
                       _int(row.get("begin")), _int(row.get("end")), row.get("evidence"), reference=article is None)
    by_article = _mentions_by_article(mentions)
    _add_said_about(graph, nodes, select(source, "network-quotes"), by_article, articles)
    _add_co_mentions(graph, nodes, by_article, articles)
    return apply_filters(graph, filters)


def _statement_order(row: Mapping[str, str | None]) -> tuple:
    """Article statements before reference facts, then a total order (so evidence lists are deterministic)."""
    return (row.get("article") is None, row.get("article") or "", _int(row.get("begin")) or 0, row["kind"],
            row["source"], row["target"], row.get("evidence") or "")


def _articles_in_scope(rows: list[dict[str, str | None]], filters: NetworkFilter) -> dict[str, str]:
    """Article IRI → text for the articles the filters keep."""
    for bound in (filters.since, filters.until):
        if bound is not None and not re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", bound):
            raise InputError(f"bad date {bound!r}: give --since/--until as YYYY-MM-DD (or YYYY-MM, YYYY)")
    chosen = {}
    for r in rows:
        iri, date = r["article"], (r.get("date") or "")[:10]
        if filters.article and not (iri == filters.article or iri.endswith("/" + filters.article)):
            continue
        if filters.since and (not date or date < filters.since):
            continue
        if filters.until and (not date or date > filters.until):
            continue
        chosen[iri] = r.get("text") or ""
    if filters.article and not chosen:
        raise InputError(f"no article {filters.article!r} in the store: give its IRI as `newsgraph query articles` "
                         "lists it")
    return chosen


def _add_node(graph: nx.Graph, nodes: Mapping[str, Mapping[str, str | None]], iri: str) -> None:
    if iri in graph:
        return
    info = nodes.get(iri, {})
    graph.add_node(iri, label=info.get("label") or _tail(iri), category=info.get("category") or "Other",
                   type=info.get("type") or "", mentions=0, articles=0)


def _add_mentioned(graph: nx.Graph, mentions: list[dict[str, str | None]],
                   nodes: Mapping[str, Mapping[str, str | None]]) -> None:
    per_entity: dict[str, set[str]] = defaultdict(set)
    counts: dict[str, int] = defaultdict(int)
    for m in mentions:
        counts[m["entity"]] += 1
        per_entity[m["entity"]].add(m["article"])
    for iri in sorted(counts):
        _add_node(graph, nodes, iri)
        graph.nodes[iri]["mentions"] = counts[iri]
        graph.nodes[iri]["articles"] = len(per_entity[iri])


def _add_statement(graph: nx.Graph, nodes: Mapping[str, Mapping[str, str | None]], source: str, target: str,
                   kind: str, article: str | None, begin: int | None, end: int | None, text: str | None,
                   *, reference: bool = False) -> None:
    """Count one statement of ``kind`` between two entities (reference facts count once at most)."""
    if source == target:
        return
    _add_node(graph, nodes, source)
    _add_node(graph, nodes, target)
    if not graph.has_edge(source, target):
        graph.add_edge(source, target, weight=0, kinds={}, evidence=[])
    data = graph.edges[source, target]
    if reference and kind in data["kinds"]:
        return
    data["kinds"][kind] = data["kinds"].get(kind, 0) + 1
    data["weight"] += 1
    if len(data["evidence"]) < MAX_EVIDENCE:
        data["evidence"].append({"kind": kind, "source": source, "target": target, "article": article,
                                 "begin": begin, "end": end, "text": _clip(text)})


def _mentions_by_article(mentions: list[dict[str, str | None]]) -> dict[str, list[tuple[int, int, str]]]:
    """Article → its mentions as (begin, end, entity), in text order."""
    by_article: dict[str, list[tuple[int, int, str]]] = defaultdict(list)
    for m in mentions:
        begin, end = _int(m["begin"]), _int(m["end"])
        if begin is not None and end is not None:
            by_article[m["article"]].append((begin, end, m["entity"]))
    for found in by_article.values():
        found.sort()
    return by_article


def _add_said_about(graph: nx.Graph, nodes: Mapping[str, Mapping[str, str | None]],
                    quotes: list[dict[str, str | None]], by_article: Mapping[str, list[tuple[int, int, str]]],
                    articles: Mapping[str, str]) -> None:
    """A speaker → every entity mentioned inside the span of one of their quotations."""
    for q in sorted(quotes, key=lambda r: (r["article"], _int(r["begin"]) or 0, r["quote"])):
        begin, end = _int(q["begin"]), _int(q["end"])
        if q["article"] not in articles or begin is None or end is None:
            continue
        found = by_article.get(q["article"], [])
        inside = set()
        for b, e, entity in found[bisect.bisect_left(found, (begin, -1, "")):]:
            if b >= end:
                break
            if e <= end:
                inside.add(entity)
        for entity in sorted(inside - {q["speaker"]}):
            _add_statement(graph, nodes, q["speaker"], entity, "said_about", q["article"], begin, end, q.get("text"))


def _add_co_mentions(graph: nx.Graph, nodes: Mapping[str, Mapping[str, str | None]],
                     by_article: Mapping[str, list[tuple[int, int, str]]], articles: Mapping[str, str]) -> None:
    """Every pair of entities mentioned in one sentence (sentences split from the article text)."""
    from newsgraph.extract.arabic import split_sentences

    for article in sorted(by_article):
        text = articles.get(article) or ""
        if not text:
            continue
        spans = split_sentences(text)
        starts = [s for s, _ in spans]
        in_sentence: dict[int, set[str]] = defaultdict(set)
        for begin, _end, entity in by_article[article]:
            i = bisect.bisect_right(starts, begin) - 1
            if i >= 0 and begin < spans[i][1]:
                in_sentence[i].add(entity)
        for i in sorted(in_sentence):
            start, end = spans[i]
            for a, b in combinations(sorted(in_sentence[i]), 2):
                _add_statement(graph, nodes, a, b, "co_mention", article, start, end, text[start:end])


def apply_filters(graph: nx.Graph, filters: NetworkFilter) -> nx.Graph:
    """Keep the categories, edge weights and neighbourhood ``filters`` ask for (a new graph)."""
    import networkx as nx

    kept = graph.copy()
    if filters.categories:
        wanted = {c.casefold() for c in filters.categories}
        kept.remove_nodes_from([n for n, c in kept.nodes(data="category") if c.casefold() not in wanted])
    if filters.min_weight > 1:
        kept.remove_edges_from([(a, b) for a, b, w in kept.edges(data="weight") if w < filters.min_weight])
        kept.remove_nodes_from([n for n in list(kept) if kept.degree(n) == 0])
    if filters.around:
        centres = find_entities(kept, filters.around)
        near: set[str] = set()
        for c in centres:
            near |= set(nx.ego_graph(kept, c, radius=max(filters.depth, 0)))
        kept = kept.subgraph(sorted(near)).copy()
    return kept


def find_entities(graph: nx.Graph, entity: str) -> list[str]:
    """The nodes ``entity`` names: its IRI, or every node whose label is ``entity`` (case-insensitive)."""
    if entity in graph:
        return [entity]
    folded = entity.strip().casefold()
    found = sorted(n for n, label in graph.nodes(data="label") if str(label).casefold() == folded)
    if not found:
        raise InputError(f"no entity {entity!r} in the network: give its IRI or its label as "
                         "`newsgraph query entities` shows it")
    return found


# --- analysis ------------------------------------------------------------------------------------

def pagerank(graph: nx.Graph) -> dict[str, float]:
    """Weighted PageRank of every node (what pictures rank and size entities by)."""
    import networkx as nx

    if graph.number_of_edges() == 0:
        return dict.fromkeys(graph, 1 / len(graph)) if len(graph) else {}
    return nx.pagerank(graph, weight="weight")


def centrality(graph: nx.Graph, *, seed: int = 42) -> dict[str, dict[str, float]]:
    """Degree, betweenness and PageRank of every node (node → measure → value).

    Betweenness is exact up to 500 nodes and estimated from 100 seeded pivots above that, so a
    corpus-sized network answers in seconds and the same data always gives the same numbers."""
    import networkx as nx

    if graph.number_of_nodes() == 0:
        return {}
    degree = nx.degree_centrality(graph) if graph.number_of_nodes() > 1 else dict.fromkeys(graph, 0.0)
    k = None if graph.number_of_nodes() <= 500 else 100
    betweenness = nx.betweenness_centrality(graph, k=k, seed=seed)
    rank = pagerank(graph)
    return {n: {"degree": degree[n], "betweenness": betweenness[n], "pagerank": rank[n]} for n in graph}


def communities(graph: nx.Graph, *, seed: int = 42) -> list[list[str]]:
    """Louvain communities (seeded, so deterministic), largest first, members in label order."""
    import networkx as nx

    if graph.number_of_nodes() == 0:
        return []
    found = nx.community.louvain_communities(graph, weight="weight", seed=seed)
    groups = [sorted(c, key=lambda n: (str(graph.nodes[n].get("label")), n)) for c in found]
    return sorted(groups, key=lambda g: (-len(g), str(graph.nodes[g[0]].get("label")), g[0]))


def top(graph: nx.Graph, n: int, rank: Mapping[str, float] | None = None, *, max_edges: int | None = None) -> nx.Graph:
    """The ``n`` highest-ranked nodes (``rank``: PageRank by default; ties by mentions, then IRI) and the
    edges between them, at most ``max_edges`` of them (typed links first, then the heaviest).

    The result's ``graph`` attributes ``left_out_nodes`` and ``left_out_edges`` say what was dropped."""
    rank = rank if rank is not None else pagerank(graph)
    ranked = sorted(graph, key=lambda v: (-rank.get(v, 0.0), -graph.nodes[v].get("mentions", 0), v))
    kept = graph.subgraph(sorted(ranked[:max(n, 0)])).copy()
    if max_edges is not None and kept.number_of_edges() > max_edges:
        by_strength = sorted(kept.edges(data=True), key=lambda e: (set(e[2].get("kinds", {})) <= {"co_mention"},
                                                                   -e[2]["weight"], min(e[0], e[1]), max(e[0], e[1])))
        kept.remove_edges_from([(a, b) for a, b, _ in by_strength[max_edges:]])
    kept.graph.update(graph.graph, left_out_nodes=graph.number_of_nodes() - kept.number_of_nodes(),
                      left_out_edges=graph.number_of_edges() - kept.number_of_edges())
    return kept


def summary(graph: nx.Graph, *, top_n: int = 20, seed: int = 42) -> dict[str, Any]:
    """What ``newsgraph network`` prints: size, the ``top_n`` most central entities, the communities."""
    scores = centrality(graph, seed=seed)
    ranked = sorted(graph, key=lambda v: (-scores[v]["pagerank"], v))[:top_n]
    return {
        "nodes": graph.number_of_nodes(),
        "edges": graph.number_of_edges(),
        "articles": graph.graph.get("articles", 0),
        "central": [_node_row(graph, v, scores[v]) for v in ranked],
        "communities": [{"size": len(c), "members": [graph.nodes[v]["label"] for v in
                                                     sorted(c, key=lambda v: (-scores[v]["pagerank"], v))[:top_n]]}
                        for c in communities(graph, seed=seed)],
    }


def report(store: Any, *, lang: str = "en", filters: NetworkFilter | None = None, top_n: int = 20,
           fmt: str = "table") -> str:
    """``newsgraph network``'s output: the summary of the projected network as a table or JSON."""
    import json

    if fmt not in ("table", "json"):
        raise OutputError(f"unknown format {fmt!r}: use table or json")
    result = summary(project(store, lang=lang, filters=filters), top_n=top_n)
    if fmt == "json":
        return json.dumps(result, ensure_ascii=False, indent=1) + "\n"
    from newsgraph.graph.store import QueryResult
    from newsgraph.queries.format import to_table

    columns = ["entity", "label", "category", "mentions", "degree", "betweenness", "pagerank"]
    rows = [{c: str(row[c]) for c in columns} for row in result["central"]]
    lines = [f"{result['nodes']} entities, {result['edges']} links, {result['articles']} articles", "",
             "Most central entities (by PageRank):", to_table(QueryResult(columns, rows)).rstrip(), "",
             f"Communities (Louvain, seeded): {len(result['communities'])}"]
    for i, group in enumerate(result["communities"][:top_n], 1):
        more = f" … (+{group['size'] - len(group['members'])})" if group["size"] > len(group["members"]) else ""
        lines.append(f"{i:3d}. [{group['size']}] " + " · ".join(group["members"]) + more)
    rest = result["communities"][top_n:]
    if rest:
        lines.append(f"     … and {len(rest)} smaller communities of {max(g['size'] for g in rest)} entities or fewer "
                     "(--format json lists them all)")
    return "\n".join(lines) + "\n"


def _node_row(graph: nx.Graph, node: str, score: Mapping[str, float]) -> dict[str, Any]:
    data = graph.nodes[node]
    return {"entity": node, "label": data["label"], "category": data["category"], "mentions": data["mentions"],
            "degree": round(score["degree"], 4), "betweenness": round(score["betweenness"], 4),
            "pagerank": round(score["pagerank"], 4)}


def edge_rows(graph: nx.Graph) -> Iterable[dict[str, Any]]:
    """Edges as plain rows (source, target, labels, weight, kinds joined by "|"), heaviest first."""
    for a, b, data in sorted(graph.edges(data=True), key=lambda e: (-e[2]["weight"], e[0], e[1])):
        yield {"source": a, "source_label": graph.nodes[a]["label"], "target": b,
               "target_label": graph.nodes[b]["label"], "weight": data["weight"],
               "kinds": "|".join(k for k in KINDS if k in data["kinds"])}


def _int(value: str | None) -> int | None:
    try:
        return int(value) if value is not None else None
    except ValueError:
        return None


def _clip(text: str | None) -> str | None:
    if text is None or len(text) <= _EVIDENCE_CHARS:
        return text
    return text[:_EVIDENCE_CHARS - 1] + "…"


def _tail(iri: str) -> str:
    return iri.rstrip("/").rsplit("/", 1)[-1].rsplit("#", 1)[-1]
