"""``newsgraph validate``: SHACL shapes (pyshacl) plus OWL consistency (rules, then HermiT).

Three checks, each naming the resource and the rule it breaks:

1. SHACL (``shapes.ttl``) on the article graphs plus the KB graph, with the ontology mixed in so
   that class targets and ``sh:class`` follow subclasses;
2. OWL by rules: the selected graphs, the KB and the ontology are copied into a scratch in-memory
   Oxigraph store, what the ontology entails is materialised there (never in the user's store), and
   disjointness, union domains/ranges and functional properties are checked by SPARQL;
3. OWL by HermiT (owlready2, a fresh World per run) on the KB plus the article graphs in batches; a
   batch HermiT finds inconsistent but the rules cannot explain is split down to single articles, so
   even then the report names the article graph.
"""
from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, field
from typing import TYPE_CHECKING, Any

from newsgraph.config import INFERRED_GRAPH, KB_GRAPH, NG_NS, ONTOLOGY_GRAPH
from newsgraph.errors import InputError, OutputError
from newsgraph.ontology.axioms import SHAPES_PATH, load_ontology

if TYPE_CHECKING:  # pragma: no cover
    import pyoxigraph
    from rdflib import Graph

SH = "http://www.w3.org/ns/shacl#"
PREFIXES = {
    NG_NS: "ng:",
    "https://w3id.org/newsgraph/shapes#": "ngsh:",
    "http://www.w3.org/2004/02/skos/core#": "skos:",
    "http://www.w3.org/2000/01/rdf-schema#": "rdfs:",
    "http://www.w3.org/1999/02/22-rdf-syntax-ns#": "rdf:",
}
#: Articles per HermiT run: one JVM start per batch instead of per article.
HERMIT_BATCH = 100


@dataclass(frozen=True)
class Violation:
    """One resource breaking one rule: what ``newsgraph validate`` prints as a row."""

    focus: str
    rule: str
    message: str
    path: str = ""
    severity: str = "Violation"
    graph: str = ""
    check: str = "shacl"


@dataclass(frozen=True)
class Report:
    """The outcome of ``validate``: every violation (sorted), and what was checked."""

    violations: tuple[Violation, ...] = ()
    graphs: tuple[str, ...] = ()
    triples: int = 0
    checks: tuple[str, ...] = field(default=("shacl", "owl-rules", "hermit"))

    @property
    def conforms(self) -> bool:
        """True when nothing has severity Violation (warnings do not fail validation)."""
        return not any(v.severity == "Violation" for v in self.violations)

    def to_json(self) -> str:
        """The report as a JSON object: conforms, counts, and one object per violation."""
        return json.dumps(
            {
                "conforms": self.conforms,
                "graphs": len(self.graphs),
                "triples": self.triples,
                "checks": list(self.checks),
                "violations": [asdict(v) for v in self.violations],
            },
            ensure_ascii=False,
            indent=2,
        )

    def to_table(self) -> str:
        """The report as a plain-text table (severity, rule, focus, path, message) and a summary line."""
        head = ("severity", "rule", "focus", "path", "message")
        rows = [(v.severity, v.rule, shorten(v.focus), shorten(v.path), v.message) for v in self.violations]
        widths = [max([len(h)] + [len(r[i]) for r in rows]) for i, h in enumerate(head[:-1])]
        lines = []
        if rows:
            lines.append("  ".join(h.ljust(w) for h, w in zip(head, widths + [0], strict=True)).rstrip())
            lines.extend("  ".join(c.ljust(w) for c, w in zip(r, widths + [0], strict=True)).rstrip() for r in rows)
        errors = sum(v.severity == "Violation" for v in self.violations)
        warnings = len(self.violations) - errors
        verdict = "valid" if self.conforms else "INVALID"
        lines.append(f"{verdict}: {len(self.graphs)} graphs, {self.triples} triples checked "
                     f"({', '.join(self.checks)}); {errors} violations, {warnings} warnings")
        return "\n".join(lines)

    def render(self, format: str = "table") -> str:
        """``table`` or ``json``."""
        if format == "json":
            return self.to_json()
        if format == "table":
            return self.to_table()
        raise OutputError(f"unknown report format {format!r}: use table or json")


def shorten(iri: str) -> str:
    """A compact form of an IRI for tables (known prefixes only; resource IRIs stay whole)."""
    for ns, prefix in PREFIXES.items():
        if iri.startswith(ns):
            return prefix + iri[len(ns):]
    return iri


# --------------------------------------------------------------------------- SHACL

def _shape_name(shapes: Graph, shape: Any) -> str:
    from rdflib import RDFS, URIRef

    for predicate in (URIRef(SH + "name"), RDFS.label):
        for value in shapes.objects(shape, predicate):
            return str(value)
    return shorten(str(shape)) if isinstance(shape, URIRef) else "shape"


def shacl_violations(data: Graph, *, ontology: Graph | None = None, shapes: Graph | None = None) -> list[Violation]:
    """Run the SHACL shapes on ``data`` with pyshacl and turn each result into a Violation."""
    import pyshacl
    from rdflib import Graph, URIRef

    shapes = shapes if shapes is not None else Graph().parse(str(SHAPES_PATH), format="turtle")
    ontology = ontology if ontology is not None else load_ontology()
    _conforms, results, _text = pyshacl.validate(
        data, shacl_graph=shapes, ont_graph=ontology, inference="none", allow_warnings=True, meta_shacl=False
    )
    sh = {name: URIRef(SH + name) for name in (
        "ValidationResult", "focusNode", "resultPath", "sourceShape", "resultMessage", "resultSeverity", "value")}
    found = []
    for result in results.subjects(URIRef("http://www.w3.org/1999/02/22-rdf-syntax-ns#type"), sh["ValidationResult"]):
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
            rule=_shape_name(shapes, source) if source is not None else "shacl",
            message=text,
            path=str(path) if isinstance(path, URIRef) else "",
            severity=str(severity).rsplit("#", 1)[-1] if severity is not None else "Violation",
        ))
    return found


# --------------------------------------------------------------------------- OWL

def owl_rule_violations(scratch: pyoxigraph.Store) -> list[Violation]:
    """Materialise the ontology in a scratch store and report each resource breaking an OWL axiom."""
    from newsgraph.ontology.reasoning import materialise, owl_violations

    materialise(scratch)
    return owl_violations(scratch)


def hermit_violations(articles: dict[str, Graph], kb: Graph, *, batch: int = HERMIT_BATCH,
                      explained: set[str] = frozenset()) -> list[Violation]:
    """HermiT on the KB, then on the article graphs in batches; name each inconsistent article graph.

    ``explained`` holds the article graphs whose resources the rules already reported: a batch
    whose inconsistency they explain is not split further.
    """
    from newsgraph.ontology.reasoning import check_consistency

    ontology = load_ontology()
    if not check_consistency(kb, ontology=ontology).consistent:
        return [Violation(KB_GRAPH, "owl:consistency", "HermiT: the KB graph contradicts the ontology",
                          graph=KB_GRAPH, check="hermit")]
    found: list[Violation] = []
    todo = [sorted(articles)[i:i + batch] for i in range(0, len(articles), batch)]
    while todo:
        names = todo.pop()
        if check_consistency([kb, *(articles[n] for n in names)], ontology=ontology).consistent:
            continue
        if set(names) <= explained:
            continue
        if len(names) > 1:
            half = len(names) // 2
            todo.extend([names[:half], names[half:]])
            continue
        found.append(Violation(names[0], "owl:consistency",
                               "HermiT: this article graph contradicts the ontology (with the KB)",
                               graph=names[0], check="hermit"))
    return found


# --------------------------------------------------------------------------- the whole check

def _to_rdflib(quads: Iterable[Any]) -> Graph:
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


def validate(store: Any, graphs: Sequence[str] | None = None, *, hermit: bool = True,
             batch: int = HERMIT_BATCH) -> Report:
    """Validate the article graphs of ``store`` (all, or the IRIs in ``graphs``) and return a Report.

    The KB graph always takes part (entity labels and types live there). When no graphs are given,
    the KB's own resources are validated too; otherwise only resources of the selected graphs are
    reported. The user's store is never written: inferences go to a scratch store.
    """
    import pyoxigraph as ox

    available = store.graphs()
    reference = {ONTOLOGY_GRAPH, KB_GRAPH, INFERRED_GRAPH}
    selected = list(graphs) if graphs else [g for g in available if g not in reference]
    missing = [g for g in selected if g not in available]
    if missing:
        raise InputError(f"no graph {missing[0]} in the store: list them with `newsgraph stats` or omit --graph")
    scratch = ox.Store()
    scratch.extend(_ontology_quads())
    kb_quads = list(store.quads(KB_GRAPH)) if KB_GRAPH in available else []
    scratch.extend(kb_quads)
    articles: dict[str, Graph] = {}
    subjects: dict[str, str] = {}
    article_quads = []
    for iri in selected:
        quads = list(store.quads(iri))
        article_quads.extend(quads)
        articles[iri] = _to_rdflib(quads)
        for quad in quads:
            subjects.setdefault(str(quad.subject.value), iri)
    scratch.extend(article_quads)
    kb = _to_rdflib(kb_quads)
    data = _to_rdflib(list(kb_quads) + article_quads)

    def keep(v: Violation) -> Violation | None:
        graph = v.graph or subjects.get(v.focus) or (KB_GRAPH if not graphs else "")
        if not graph:
            return None
        return Violation(v.focus, v.rule, v.message, v.path, v.severity, graph, v.check)

    found = shacl_violations(data) + owl_rule_violations(scratch)
    checks = ["shacl", "owl-rules"]
    if hermit:
        explained = {subjects[v.focus] for v in found if v.check == "owl-rules" and v.focus in subjects}
        found += hermit_violations(articles, kb, batch=batch, explained=explained)
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
