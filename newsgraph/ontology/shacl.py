"""The SHACL half of ``newsgraph validate``: core shapes with pyshacl, SPARQL constraints on Oxigraph.

pyshacl re-parses a SPARQL constraint's query (with rdflib's pyparsing grammar, ~0.1 s) for every
focus node, which would take hours on a corpus with 50,000 spans. So the shapes are split: the core
constraints go to pyshacl; each ``sh:sparql`` constraint runs once, for all its focus nodes, on an
Oxigraph store holding the same data (milliseconds), with the same SHACL-SPARQL semantics (``$this``
bound to each target node, ``{?var}`` placeholders in ``sh:message``).
"""
from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from newsgraph.ontology.axioms import SHAPES_PATH, load_ontology
from newsgraph.ontology.report import Violation, shorten

if TYPE_CHECKING:  # pragma: no cover
    import pyoxigraph
    from rdflib import Graph

SH = "http://www.w3.org/ns/shacl#"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
SUBCLASS = "http://www.w3.org/2000/01/rdf-schema#subClassOf"
_WHERE = re.compile(r"\bWHERE\s*\{", re.IGNORECASE)
_PLACEHOLDER = re.compile(r"\{[?$](\w+)\}")


@dataclass(frozen=True)
class SparqlConstraint:
    """One ``sh:sparql`` constraint, ready to run over all its targets at once."""

    rule: str
    query: str
    message: str
    severity: str


def load_shapes() -> Graph:
    """The packaged SHACL shapes."""
    from rdflib import Graph

    return Graph().parse(str(SHAPES_PATH), format="turtle")


def _name(shapes: Graph, node: Any) -> str:
    """A shape's name for the report: its sh:name, else its rdfs:label, else its local name."""
    from rdflib import RDFS, URIRef

    for predicate in (URIRef(SH + "name"), RDFS.label):
        for value in shapes.objects(node, predicate):
            return str(value)
    return shorten(str(node)) if isinstance(node, URIRef) else "shape"


def split_shapes(shapes: Graph) -> tuple[Graph, list[SparqlConstraint]]:
    """The shapes without their ``sh:sparql`` constraints, and those constraints as runnable queries."""
    from rdflib import Graph, URIRef

    sh = {n: URIRef(SH + n) for n in ("sparql", "select", "message", "severity", "prefixes", "declare",
                                      "prefix", "namespace", "targetClass", "targetSubjectsOf", "Violation")}
    constraints = []
    for shape, node in sorted(shapes.subject_objects(sh["sparql"])):
        prologue = "".join(
            f"PREFIX {shapes.value(d, sh['prefix'])}: <{shapes.value(d, sh['namespace'])}>\n"
            for source in shapes.objects(node, sh["prefixes"]) for d in shapes.objects(source, sh["declare"])
        )
        targets = [f"{{ ?this <{RDF_TYPE}>/<{SUBCLASS}>* <{c}> }}" for c in shapes.objects(shape, sh["targetClass"])]
        targets += [f"{{ ?this <{p}> [] }}" for p in shapes.objects(shape, sh["targetSubjectsOf"])]
        select = str(shapes.value(node, sh["select"])).replace("$this", "?this")
        match = _WHERE.search(select)
        if not targets or match is None:
            continue
        focus = f"{{ SELECT DISTINCT ?this WHERE {{ {' UNION '.join(targets)} }} }}"
        query = prologue + select[:match.end()] + focus + select[match.end():]
        severity = shapes.value(node, sh["severity"]) or shapes.value(shape, sh["severity"]) or sh["Violation"]
        constraints.append(SparqlConstraint(
            rule=_name(shapes, node) if _name(shapes, node) != "shape" else _name(shapes, shape),
            query=query,
            message=str(shapes.value(node, sh["message"]) or "breaks a SPARQL constraint"),
            severity=str(severity).rsplit("#", 1)[-1],
        ))
    core = Graph()
    for triple in shapes:
        if triple[1] != sh["sparql"]:
            core.add(triple)
    return core, constraints


def sparql_violations(scratch: pyoxigraph.Store, constraints: list[SparqlConstraint]) -> list[Violation]:
    """Run each SPARQL constraint on the scratch store (default graph = union) and report its rows."""
    found = []
    for constraint in constraints:
        solutions = scratch.query(constraint.query, use_default_graph_as_union=True)
        names = [v.value for v in solutions.variables]
        for row in solutions:
            values = {n: (row[n].value if row[n] is not None else "") for n in names}
            message = _PLACEHOLDER.sub(lambda m, v=values: v.get(m.group(1), m.group(0)), constraint.message)
            found.append(Violation(values.get("this", ""), constraint.rule, message, severity=constraint.severity))
    return found


def shape_predicates(shapes: Graph) -> set[str]:
    """The predicates core shapes can look at: their paths, targetSubjectsOf, rdf:type, rdfs:subClassOf."""
    from rdflib import URIRef

    found = {RDF_TYPE, SUBCLASS}
    for predicate in ("path", "inversePath", "targetSubjectsOf", "targetObjectsOf"):
        found.update(str(o) for o in shapes.objects(None, URIRef(SH + predicate)) if isinstance(o, URIRef))
    return found


def core_violations(data: Graph, shapes: Graph) -> list[Violation]:
    """Run SHACL core shapes with pyshacl on ``data`` (which already holds the ontology) as Violations.

    ``inplace`` and no ``ont_graph``: pyshacl would otherwise clone the whole data graph to mix the
    ontology in, which took a third of the time on a large store.
    """
    import pyshacl
    from rdflib import URIRef

    _conforms, results, _text = pyshacl.validate(
        data, shacl_graph=shapes, inference="none", allow_warnings=True, meta_shacl=False, inplace=True
    )
    sh = {name: URIRef(SH + name) for name in (
        "ValidationResult", "focusNode", "resultPath", "sourceShape", "resultMessage", "resultSeverity", "value")}
    found = []
    for result in results.subjects(URIRef(RDF_TYPE), sh["ValidationResult"]):
        focus = results.value(result, sh["focusNode"])
        path = results.value(result, sh["resultPath"])
        source = results.value(result, sh["sourceShape"])
        severity = results.value(result, sh["resultSeverity"])
        message = results.value(result, sh["resultMessage"])
        value = results.value(result, sh["value"])
        text = str(message) if message is not None else "breaks the shape"
        if value is not None and value != focus and str(value) not in text:
            text += f" (value: {value})"
        found.append(Violation(
            focus=str(focus),
            rule=_name(shapes, source) if source is not None else "shacl",
            message=text,
            path=str(path) if isinstance(path, URIRef) else "",
            severity=str(severity).rsplit("#", 1)[-1] if severity is not None else "Violation",
        ))
    return found


def shacl_violations(quads: list[Any], scratch: pyoxigraph.Store, *, shapes: Graph | None = None) -> list[Violation]:
    """All SHACL findings on the data in ``quads`` (pyoxigraph), which ``scratch`` also holds.

    Core shapes run in pyshacl on an rdflib graph of only the triples they can look at, plus the
    ontology (rdflib's memory store is the cost: adding a triple is slow next to Oxigraph); SPARQL
    constraints run once each on ``scratch``.
    """
    core, constraints = split_shapes(shapes if shapes is not None else load_shapes())
    wanted = shape_predicates(core)
    data = to_rdflib(q for q in quads if q.predicate.value in wanted)
    data += load_ontology()
    return core_violations(data, core) + sparql_violations(scratch, constraints)


def to_rdflib(quads: Iterable[Any]) -> Graph:
    """An rdflib Graph of the triples of pyoxigraph quads (graph names dropped)."""
    import logging

    import pyoxigraph as ox
    from rdflib import Graph

    triples = [q.triple for q in quads]
    graph = Graph()
    if triples:
        # An ill-typed literal (a date like 2021-13-45) is a finding of the shapes, not a crash:
        # keep rdflib from logging a traceback for each one while parsing.
        term_log = logging.getLogger("rdflib.term")
        level = term_log.level
        term_log.setLevel(logging.CRITICAL)
        try:
            graph.parse(data=ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES), format="nt")
        finally:
            term_log.setLevel(level)
    return graph

