"""``newsgraph validate``: SHACL shapes (pyshacl) plus OWL consistency (rules, then HermiT).

Three checks, each naming the resource and the rule it breaks:

1. SHACL (``shapes.ttl``, see ``shacl.py``) on the selected graphs plus the part of the KB graph
   they reach, with the ontology mixed in so that class targets and ``sh:class`` follow subclasses;
2. OWL by rules: the same data and the ontology are copied into a scratch in-memory Oxigraph store,
   what the ontology entails is materialised there (never in the user's store), and disjointness,
   union domains/ranges and functional properties are checked by SPARQL;
3. OWL by HermiT (owlready2, a fresh World per run) on the articles the rules found nothing wrong
   with, in batches; a batch HermiT finds inconsistent is split down to single articles, so even
   then the report names the article graph.
"""
from __future__ import annotations

from collections.abc import Collection, Sequence
from typing import TYPE_CHECKING, Any

from newsgraph.config import INFERRED_GRAPH, KB_GRAPH, ONTOLOGY_GRAPH
from newsgraph.errors import InputError
from newsgraph.ontology.report import Report, Violation
from newsgraph.ontology.shacl import shacl_violations

if TYPE_CHECKING:  # pragma: no cover
    import pyoxigraph

#: Articles per HermiT run: one JVM start per batch instead of per article.
HERMIT_BATCH = 100


# --------------------------------------------------------------------------- OWL

def owl_rule_violations(scratch: pyoxigraph.Store) -> list[Violation]:
    """Materialise the ontology in a scratch store and report each resource breaking an OWL axiom."""
    from newsgraph.ontology.reasoning import materialise, owl_violations

    materialise(scratch)
    return owl_violations(scratch)


def hermit_violations(articles: dict[str, list[Any]], kb: list[Any], *, batch: int = HERMIT_BATCH,
                      explained: Collection[str] = frozenset()) -> list[Violation]:
    """HermiT on the article graphs (pyoxigraph quads) in batches; name each inconsistent article graph.

    Each batch is checked with the ontology and the part of the KB its resources reach. A batch
    HermiT finds inconsistent is split in halves down to single articles. Articles in ``explained``
    (the rules already named the resources at fault there) are left out: HermiT would only repeat it.
    """
    import pyoxigraph as ox

    from newsgraph.ontology.reasoning import check_consistency

    found: list[Violation] = []
    unexplained = sorted(set(articles) - set(explained))
    todo = [unexplained[i:i + batch] for i in range(0, len(unexplained), batch)]
    while todo:
        names = todo.pop()
        quads = [q for n in names for q in articles[n]]
        triples = [q.triple for q in quads + neighbourhood(kb, quads) if not _is_text(q.object)]
        if check_consistency(ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES).decode("utf-8")).consistent:
            continue
        if len(names) > 1:
            half = len(names) // 2
            todo.extend([names[:half], names[half:]])
            continue
        found.append(Violation(names[0], "owl:consistency",
                               "HermiT: this article graph contradicts the ontology (with the KB)",
                               graph=names[0], check="hermit"))
    return found


#: KB predicates followed backwards too: who holds a post is stated on the person (``ng:holdsPost``)
#: or on a tenure (``ng:post``), never on the post, so a walk along subjects alone would not see it.
INWARD = frozenset({"https://w3id.org/newsgraph/ontology#holdsPost", "https://w3id.org/newsgraph/ontology#post"})


def neighbourhood(kb: list[Any], quads: list[Any], hops: int = 2) -> list[Any]:
    """The KB quads about the resources in ``quads`` and about what those point to, ``hops`` steps out.

    Enough for labels, types and the post → ministry → government chain of the article's entities,
    plus the KB's ``ng:holdsPost`` / ``ng:post`` statements pointing at them (a post's known
    holders), and far smaller than the KB: SHACL and HermiT time grows with the data they are given.
    """
    by_subject: dict[str, list[Any]] = {}
    for quad in kb:
        by_subject.setdefault(quad.subject.value, []).append(quad)
        if quad.predicate.value in INWARD:
            by_subject.setdefault(quad.object.value, []).append(quad)
    frontier = {q.subject.value for q in quads} | {q.object.value for q in quads if _is_node(q.object)}
    seen: set[str] = set()
    found: list[Any] = []
    for _hop in range(hops):
        reached: set[str] = set()
        for node in frontier - seen:
            seen.add(node)
            for quad in by_subject.get(node, ()):
                found.append(quad)
                if _is_node(quad.object):
                    reached.add(quad.object.value)
        frontier = reached
    return list(dict.fromkeys(found))  # a holdsPost quad is reached from the person and the post


def _is_text(term: Any) -> bool:
    """A plain or language-tagged string: it cannot make the data inconsistent with the ontology,
    and HermiT rejects strings holding characters outside XML 1.0 (seen in real articles)."""
    import pyoxigraph as ox

    return isinstance(term, ox.Literal) and term.datatype.value in _TEXT_TYPES


_TEXT_TYPES = {"http://www.w3.org/2001/XMLSchema#string", "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"}


def _is_node(term: Any) -> bool:
    import pyoxigraph as ox

    return not isinstance(term, ox.Literal)


# --------------------------------------------------------------------------- the whole check

def validate(store: Any, graphs: Sequence[str] | None = None, *, hermit: bool = True,
             batch: int = HERMIT_BATCH) -> Report:
    """Validate the article graphs of ``store`` (all, or the IRIs in ``graphs``) and return a Report.

    The KB graph takes part as context (entity labels and types live there), trimmed to what the
    articles reach; only resources described in the validated graphs are reported. To check the KB's
    own resources (posts without a known holder, say), pass its IRI in ``graphs``. The user's store
    is never written: inferences go to a scratch store.
    """
    import pyoxigraph as ox

    available = store.graphs()
    reference = {ONTOLOGY_GRAPH, KB_GRAPH, INFERRED_GRAPH}
    selected = list(graphs) if graphs else [g for g in available if g not in reference]
    missing = [g for g in selected if g not in available]
    if missing:
        raise InputError(f"no graph {missing[0]} in the store: list them with `newsgraph stats` or omit --graph")
    kb_all = list(store.quads(KB_GRAPH)) if KB_GRAPH in available else []
    articles: dict[str, list[Any]] = {}
    subjects: dict[str, str] = {}
    for iri in selected:
        articles[iri] = list(store.quads(iri))
        for quad in articles[iri]:
            subjects.setdefault(str(quad.subject.value), iri)
    article_quads = [q for quads in articles.values() for q in quads]
    kb = [] if KB_GRAPH in articles else neighbourhood(kb_all, article_quads)
    scratch = ox.Store()
    scratch.extend(_ontology_quads())
    scratch.extend(kb)
    scratch.extend(article_quads)
    data = kb + article_quads

    def keep(v: Violation) -> Violation | None:
        graph = v.graph or subjects.get(v.focus)
        if not graph:
            return None
        return Violation(v.focus, v.rule, v.message, v.path, v.severity, graph, v.check)

    found = shacl_violations(data, scratch)  # before materialising: SHACL sees the data as stored
    found += owl_rule_violations(scratch)
    checks = ["shacl", "owl-rules"]
    if hermit:
        explained = {subjects[v.focus] for v in found if v.check == "owl-rules" and v.focus in subjects}
        found += hermit_violations(articles, [] if KB_GRAPH in articles else kb_all, batch=batch,
                                   explained=explained)
        checks.append("hermit")
    kept = sorted({k for v in found if (k := keep(v)) is not None},
                  key=lambda v: (v.graph, v.focus, v.rule, v.message))
    return Report(tuple(kept), tuple(selected), len(data), tuple(checks))


def _ontology_quads() -> list[Any]:
    """The packaged ontology as pyoxigraph quads in the ontology graph."""
    import pyoxigraph as ox

    from newsgraph.ontology.axioms import ONTOLOGY_PATH

    graph = ox.NamedNode(ONTOLOGY_GRAPH)
    return [ox.Quad(t.subject, t.predicate, t.object, graph)
            for t in ox.parse(path=str(ONTOLOGY_PATH), format=ox.RdfFormat.TURTLE)]
