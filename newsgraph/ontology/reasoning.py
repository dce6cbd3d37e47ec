"""OWL reasoning: HermiT consistency checks (owlready2) and rule-based materialisation (SPARQL).

Two tools for two sizes. HermiT is complete for OWL 2 DL but starts a JVM and holds the whole ABox in
memory, so it checks the terminology and article-sized graphs. What the ontology entails for the whole
store (types from subclasses, domains and ranges, superproperties, inverses, property chains,
transitivity) is materialised by SPARQL updates generated from the ontology's axioms, which run inside
the store (fast on Oxigraph, and standard SPARQL 1.1 on any server).
"""
from __future__ import annotations

import os
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from newsgraph.config import INFERRED_GRAPH, NG_NS
from newsgraph.errors import NewsgraphError
from newsgraph.ontology.axioms import Axioms, load_ontology, packaged_axioms

if TYPE_CHECKING:  # pragma: no cover
    from rdflib import Graph

    from newsgraph.ontology.report import Violation

RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
#: Safety net for the fixpoint loop: the ontology's rules converge in a handful of rounds.
MAX_ROUNDS = 50


# --------------------------------------------------------------------------- HermiT (owlready2)

@dataclass(frozen=True)
class Consistency:
    """What HermiT said: consistent or not, the unsatisfiable classes, and a one-line message."""

    consistent: bool
    unsatisfiable: tuple[str, ...] = ()
    message: str = ""


def check_consistency(data: Graph | Iterable[Graph] | str | None = None, *,
                      ontology: Graph | None = None) -> Consistency:
    """Run HermiT on the ontology plus ``data`` in a fresh owlready2 World.

    ``data`` is one rdflib graph, several, or N-Triples text (the fast path for big batches).
    owlready2 reads N-Triples but not Turtle, so everything is written to a temporary .nt file.
    xsd:date is outside the OWL 2 datatype map, so HermiT is told to ignore unsupported datatypes
    (the SHACL shapes check dates instead).
    """
    import owlready2
    from rdflib import Graph

    if ontology is None:
        tbox = _ontology_ntriples()
    else:
        tbox = ontology.serialize(format="nt", encoding="utf-8").decode("utf-8")
    if isinstance(data, str):
        abox = data
    else:
        merged = Graph()
        for graph in [data] if isinstance(data, Graph) else list(data or []):
            merged += graph
        abox = merged.serialize(format="nt", encoding="utf-8").decode("utf-8")
    with tempfile.TemporaryDirectory(prefix="newsgraph-owl-") as tmp:
        path = os.path.join(tmp, "abox.nt")
        with open(path, "w", encoding="utf-8") as out:
            out.write(tbox)
            out.write("\n")
            out.write(abox)
        world = owlready2.World()
        try:
            world.get_ontology("file://" + path).load()
            try:
                owlready2.sync_reasoner_hermit(
                    world, infer_property_values=False, debug=0, ignore_unsupported_datatypes=True
                )
            except owlready2.OwlReadyInconsistentOntologyError:
                return Consistency(False, message="HermiT: the ontology and the data together are inconsistent")
            except owlready2.OwlReadyJavaError as err:
                lines = [ln.strip() for ln in str(err).splitlines() if "Exception" in ln or "Error:" in ln]
                first = lines[-1][:300] if lines else "no output"
                raise NewsgraphError(f"HermiT failed ({first}); check that Java 17 runs (java -version)") from err
            except FileNotFoundError as err:
                raise NewsgraphError("Java is not installed: install a Java 17 runtime to run HermiT") from err
            nothing = "http://www.w3.org/2002/07/owl#Nothing"
            unsat = tuple(sorted(c.iri for c in world.inconsistent_classes() if getattr(c, "iri", nothing) != nothing))
            if unsat:
                return Consistency(True, unsat, f"HermiT: {len(unsat)} unsatisfiable classes")
            return Consistency(True, message="HermiT: consistent")
        finally:
            world.close()


@lru_cache(maxsize=1)
def _ontology_ntriples() -> str:
    return load_ontology().serialize(format="nt", encoding="utf-8").decode("utf-8")


# --------------------------------------------------------------------------- SPARQL access

def _term_text(value: Any) -> str:
    """The IRI or lexical form of a term from rdflib or pyoxigraph."""
    return str(getattr(value, "value", value)) if value is not None else ""


def select(store: Any, sparql: str, names: Iterable[str]) -> list[tuple[str, ...]]:
    """Rows of a SELECT query as tuples of strings, from a newsgraph Store, rdflib or pyoxigraph."""
    names = list(names)
    rows = []
    for row in store.query(sparql):
        if isinstance(row, dict):
            rows.append(tuple(_term_text(row.get(n)) for n in names))
        else:
            rows.append(tuple(_term_text(row[n]) for n in names))
    return rows


def _count(store: Any, graph: str) -> int:
    rows = select(store, f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}", ["n"])
    return int(rows[0][0]) if rows and rows[0][0] else 0


# --------------------------------------------------------------------------- materialisation rules

def _values(pairs: Iterable[tuple[str, str]], a: str, b: str) -> str:
    body = " ".join(f"(<{x}> <{y}>)" for x, y in sorted(pairs))
    return f"VALUES (?{a} ?{b}) {{ {body} }}"


def _insert(template: str, where: str, unless: str, target: str) -> str:
    return (
        f"INSERT {{ GRAPH <{target}> {{ {template} }} }}\n"
        f"WHERE {{ {where} FILTER NOT EXISTS {{ GRAPH ?known {{ {unless} }} }} }}"
    )


def entailment_rules(axioms: Axioms, target: str = INFERRED_GRAPH, *,
                     alignments: bool = False) -> list[tuple[str, str]]:
    """SPARQL updates, as (kind, update), that add one step of what the axioms entail to ``target``.

    Each inserts only triples not yet in any graph, so repeating them until nothing changes reaches
    the fixpoint; ``kind`` names the axiom family (subclass, domain, chain...) for the counts. The
    order (property rules, then types, then superclasses) lets one round do nearly all the work.
    Without ``alignments`` only ng: terms are inferred: the schema.org / PROV / NIF / org copies of
    every triple would double the store (690k extra triples on the 1,305-article corpus) and the
    named queries never use them; export-time interoperability can ask for them.
    """
    def keep(term: str) -> bool:
        return alignments or term.startswith(NG_NS)

    rules: list[tuple[str, str]] = []
    a = f"<{RDF_TYPE}>"
    inverses = set(axioms.inverses) | {(q, p) for p, q in axioms.inverses}
    if inverses:
        where = f"{_values(inverses, 'p', 'q')} GRAPH ?g {{ ?x ?p ?y }} FILTER(!isLiteral(?y))"
        rules.append(("inverse", _insert("?y ?q ?x", where, "?y ?q ?x", target)))
    for chain, prop in axioms.chains:
        steps = " ".join(f"GRAPH ?g{i} {{ ?v{i} <{p}> ?v{i + 1} }}" for i, p in enumerate(chain))
        last = f"?v{len(chain)}"
        rules.append(("chain", _insert(f"?v0 <{prop}> {last}", steps, f"?v0 <{prop}> {last}", target)))
    for prop in sorted(axioms.transitive):
        where = f"GRAPH ?g1 {{ ?x <{prop}> ?y }} GRAPH ?g2 {{ ?y <{prop}> ?z }}"
        rules.append(("transitive", _insert(f"?x <{prop}> ?z", where, f"?x <{prop}> ?z", target)))
    sub_p = [(p, q) for p, sups in axioms.superproperties.items() for q in sups if keep(q)]
    if sub_p:
        rules.append(("subproperty", _insert("?x ?q ?y", f"{_values(sub_p, 'p', 'q')} GRAPH ?g {{ ?x ?p ?y }}",
                                             "?x ?q ?y", target)))
    for kind, table, node in (("domain", axioms.domains, "?x"), ("range", axioms.ranges, "?y")):
        pairs = [(p, c) for p, cs in table.items() for c in cs if keep(c)]
        if pairs:
            where = f"{_values(pairs, 'p', 'c')} GRAPH ?g {{ ?x ?p ?y }} FILTER(!isLiteral({node}))"
            rules.append((kind, _insert(f"{node} {a} ?c", where, f"{node} {a} ?c", target)))
    sub_c = [(c, sup) for c, sups in axioms.superclasses.items() for sup in sups if keep(sup)]
    if sub_c:
        rules.append(("subclass", _insert(f"?x {a} ?sup", f"{_values(sub_c, 'sub', 'sup')} GRAPH ?g {{ ?x {a} ?sub }}",
                                          f"?x {a} ?sup", target)))
    return rules


def materialise(store: Any, *, axioms: Axioms | None = None, target: str = INFERRED_GRAPH,
                alignments: bool = False) -> dict[str, int]:
    """Replace the inferred graph with everything the ontology entails from the other graphs.

    Runs the generated rules until a round adds nothing; returns how many triples each kind of
    axiom added (plus ``total``). The graph is dropped first, so running twice gives the same graph.
    ``store`` needs ``update(sparql)`` and ``query(sparql)`` (a newsgraph Store or a pyoxigraph Store).
    ``alignments`` also infers the schema.org, PROV-O, SKOS, org and NIF terms (see entailment_rules).
    """
    rules = entailment_rules(axioms or packaged_axioms(), target, alignments=alignments)
    store.update(f"DROP SILENT GRAPH <{target}>")
    counts = {kind: 0 for kind, _ in rules}
    size = 0
    for _round in range(MAX_ROUNDS):
        before = size
        for kind, update in rules:
            store.update(update)
            now = _count(store, target)
            counts[kind] += now - size
            size = now
        if size == before:
            break
    else:  # pragma: no cover - the rules are monotone over a finite vocabulary
        raise NewsgraphError(f"materialisation did not converge in {MAX_ROUNDS} rounds; report this as a bug")
    counts["total"] = size
    return counts


# --------------------------------------------------------------------------- explaining inconsistencies

def _disjoint_with_all(axioms: Axioms, members: frozenset[str]) -> set[str]:
    """Classes that are disjoint with every member of a union (so cannot be in the union)."""
    classes = {c for pair in axioms.disjoint for c in pair}

    def disjoint(c: str, m: str) -> bool:
        return any(frozenset((c, s)) in axioms.disjoint for s in {m} | axioms.superclasses.get(m, frozenset()))

    return {c for c in classes if all(disjoint(c, m) for m in members)}


def _short(iri: str) -> str:
    for prefix, ns in (("ng:", "https://w3id.org/newsgraph/ontology#"),):
        if iri.startswith(ns):
            return prefix + iri[len(ns):]
    return f"<{iri}>"


def owl_violations(store: Any, *, axioms: Axioms | None = None) -> list[Violation]:
    """Name each resource that breaks a disjointness, a union domain/range or a functional property.

    Run on a store whose inferred graph is materialised: then a resource typed (or entailed to be)
    both ng:Person and ng:Organization shows up as two rdf:type triples, and HermiT's bare
    "inconsistent" becomes "this resource, this rule".
    """
    from newsgraph.ontology.report import Violation

    axioms = axioms or packaged_axioms()
    a = f"<{RDF_TYPE}>"
    found: list[Violation] = []
    pairs = sorted(tuple(sorted(pair)) for pair in axioms.disjoint)
    if pairs:
        query = (f"SELECT DISTINCT ?x ?c1 ?c2 WHERE {{ {_values(pairs, 'c1', 'c2')} "
                 f"GRAPH ?g1 {{ ?x {a} ?c1 }} GRAPH ?g2 {{ ?x {a} ?c2 }} }}")
        for x, c1, c2 in select(store, query, ["x", "c1", "c2"]):
            found.append(Violation(x, f"owl:disjoint {_short(c1)} {_short(c2)}",
                                      f"is both a {_short(c1)} and a {_short(c2)}, which are disjoint",
                                   check="owl-rules"))
    for side, table in (("range", axioms.union_ranges), ("domain", axioms.union_domains)):
        for prop, unions in sorted(table.items()):
            for members in unions:
                bad = sorted(_disjoint_with_all(axioms, members))
                if not bad:
                    continue
                node = "?y" if side == "range" else "?x"
                query = (f"SELECT DISTINCT ?x ?y ?c WHERE {{ VALUES ?c {{ {' '.join(f'<{c}>' for c in bad)} }} "
                         f"GRAPH ?g1 {{ ?x <{prop}> ?y }} GRAPH ?g2 {{ {node} {a} ?c }} }}")
                allowed = " or ".join(_short(m) for m in sorted(members))
                for x, y, c in select(store, query, ["x", "y", "c"]):
                    culprit = y if side == "range" else x
                    found.append(Violation(
                        x, f"owl:{side} {_short(prop)}",
                        f"{_short(prop)} {_short(y)}: the {side} must be {allowed} but {_short(culprit)} is a {_short(c)}",
                        prop, check="owl-rules"))
    for prop in sorted(axioms.functional):
        query = (f"SELECT DISTINCT ?x ?v1 ?v2 WHERE {{ GRAPH ?g1 {{ ?x <{prop}> ?v1 }} GRAPH ?g2 {{ ?x <{prop}> ?v2 }} "
                 f"FILTER(?v1 != ?v2 && STR(?v1) < STR(?v2)) }}")
        for x, v1, v2 in select(store, query, ["x", "v1", "v2"]):
            found.append(Violation(x, f"owl:functional {_short(prop)}",
                                   f"has two values of functional {_short(prop)}: {v1!r} and {v2!r}", prop,
                                   check="owl-rules"))
    return sorted(set(found), key=lambda v: (v.focus, v.rule, v.message))

