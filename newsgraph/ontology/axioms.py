"""The ontology's axioms as plain Python data: what materialisation and the OWL checks rely on.

Reading them once from ``newsgraph.ttl`` (instead of hard-coding rules) means a new subclass, inverse
or property chain in the ontology is picked up by ``newsgraph reason`` and ``newsgraph validate``
with no code change.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover
    from rdflib import Graph

ONTOLOGY_PATH = Path(__file__).with_name("newsgraph.ttl")
SHAPES_PATH = Path(__file__).with_name("shapes.ttl")


@dataclass(frozen=True)
class Axioms:
    """The entailment-relevant axioms of an ontology, with IRIs as strings.

    ``superclasses`` and ``superproperties`` are transitively closed (equivalence counts both ways);
    ``domains``/``ranges`` hold named classes, ``union_domains``/``union_ranges`` the members of
    ``owl:unionOf`` classes (which entail no single type but can still be violated).
    """

    superclasses: dict[str, frozenset[str]] = field(default_factory=dict)
    superproperties: dict[str, frozenset[str]] = field(default_factory=dict)
    domains: dict[str, frozenset[str]] = field(default_factory=dict)
    ranges: dict[str, frozenset[str]] = field(default_factory=dict)
    union_domains: dict[str, tuple[frozenset[str], ...]] = field(default_factory=dict)
    union_ranges: dict[str, tuple[frozenset[str], ...]] = field(default_factory=dict)
    inverses: tuple[tuple[str, str], ...] = ()
    chains: tuple[tuple[tuple[str, ...], str], ...] = ()
    transitive: frozenset[str] = frozenset()
    disjoint: frozenset[frozenset[str]] = frozenset()
    functional: frozenset[str] = frozenset()
    object_properties: frozenset[str] = frozenset()


def load_ontology(path: Path | str | None = None) -> Graph:
    """Parse the ontology (default: the packaged ``newsgraph.ttl``) into an rdflib Graph."""
    from rdflib import Graph

    return Graph().parse(str(path or ONTOLOGY_PATH), format="turtle")


def _closure(direct: dict[str, set[str]]) -> dict[str, frozenset[str]]:
    """Transitive closure of a 'has parent' map (cycles, i.e. equivalences, are fine)."""
    closed: dict[str, frozenset[str]] = {}
    for start in direct:
        seen: set[str] = set()
        todo = list(direct[start])
        while todo:
            node = todo.pop()
            if node in seen or node == start:
                continue
            seen.add(node)
            todo.extend(direct.get(node, ()))
        closed[start] = frozenset(seen)
    return closed


def axioms_from_graph(graph: Graph) -> Axioms:
    """Collect the axioms of an ontology graph (named classes and properties only)."""
    from rdflib import OWL, RDF, RDFS, BNode, URIRef
    from rdflib.collection import Collection

    def named(node: object) -> bool:
        return isinstance(node, URIRef)

    def union_members(node: object) -> frozenset[str] | None:
        lists = list(graph.objects(node, OWL.unionOf)) if isinstance(node, BNode) else []
        return frozenset(str(m) for m in Collection(graph, lists[0]) if named(m)) if lists else None

    def parents(sub: URIRef, equivalent: URIRef) -> dict[str, set[str]]:
        direct: dict[str, set[str]] = {}
        for a, b in graph.subject_objects(sub):
            if named(a) and named(b):
                direct.setdefault(str(a), set()).add(str(b))
        for a, b in graph.subject_objects(equivalent):
            if named(a) and named(b):
                direct.setdefault(str(a), set()).add(str(b))
                direct.setdefault(str(b), set()).add(str(a))
        return direct

    sub_c = parents(RDFS.subClassOf, OWL.equivalentClass)
    sub_p = parents(RDFS.subPropertyOf, OWL.equivalentProperty)

    def restrictions(predicate: URIRef) -> tuple[dict[str, frozenset[str]], dict[str, tuple[frozenset[str], ...]]]:
        plain: dict[str, set[str]] = {}
        unions: dict[str, list[frozenset[str]]] = {}
        for prop, cls in graph.subject_objects(predicate):
            if not named(prop):
                continue
            if named(cls):
                plain.setdefault(str(prop), set()).add(str(cls))
            elif (members := union_members(cls)) is not None:
                unions.setdefault(str(prop), []).append(members)
        return ({k: frozenset(v) for k, v in plain.items()}, {k: tuple(v) for k, v in unions.items()})

    domains, union_domains = restrictions(RDFS.domain)
    ranges, union_ranges = restrictions(RDFS.range)
    inverses = tuple(sorted((str(a), str(b)) for a, b in graph.subject_objects(OWL.inverseOf) if named(a) and named(b)))
    chains = tuple(
        sorted(
            (tuple(str(p) for p in Collection(graph, chain)), str(prop))
            for prop, chain in graph.subject_objects(OWL.propertyChainAxiom)
            if named(prop)
        )
    )
    disjoint: set[frozenset[str]] = set()
    for a, b in graph.subject_objects(OWL.disjointWith):
        if named(a) and named(b):
            disjoint.add(frozenset((str(a), str(b))))
    for group in graph.subjects(RDF.type, OWL.AllDisjointClasses):
        for members in graph.objects(group, OWL.members):
            items = [str(m) for m in Collection(graph, members) if named(m)]
            disjoint.update(frozenset((x, y)) for i, x in enumerate(items) for y in items[i + 1:])
    return Axioms(
        superclasses=_closure(sub_c),
        superproperties=_closure(sub_p),
        domains=domains,
        ranges=ranges,
        union_domains=union_domains,
        union_ranges=union_ranges,
        inverses=inverses,
        chains=chains,
        transitive=frozenset(str(p) for p in graph.subjects(RDF.type, OWL.TransitiveProperty) if named(p)),
        disjoint=frozenset(disjoint),
        functional=frozenset(str(p) for p in graph.subjects(RDF.type, OWL.FunctionalProperty) if named(p)),
        object_properties=frozenset(str(p) for p in graph.subjects(RDF.type, OWL.ObjectProperty) if named(p)),
    )


@lru_cache(maxsize=1)
def packaged_axioms() -> Axioms:
    """The axioms of the packaged ontology, read once per process."""
    return axioms_from_graph(load_ontology())
