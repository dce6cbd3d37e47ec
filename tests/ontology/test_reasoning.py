"""HermiT consistency (owlready2) and SPARQL materialisation of what the ontology entails."""
from __future__ import annotations

import pytest

NG = "https://w3id.org/newsgraph/ontology#"
INFERRED = "https://w3id.org/newsgraph/graph/inferred"
PREFIXES = """@prefix ng: <https://w3id.org/newsgraph/ontology#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix ex: <http://example.org/> .
"""

CHAIN = PREFIXES + """
ex:minister a ng:Person ; ng:holdsPost ex:post .
ex:post ng:postIn ex:ministry .
ex:ministry a ng:Ministry ; ng:partOf ex:government .
ex:government a ng:Government ; ng:partOf ex:state .
ex:q a ng:DirectQuotation ; ng:speaker ex:minister ; ng:beginIndex 0 .
ex:body ng:adopted ex:declaration .
"""


def _store(*turtles: str):
    import pyoxigraph as ox

    from newsgraph.ontology.axioms import ONTOLOGY_PATH

    store = ox.Store()
    store.load(path=str(ONTOLOGY_PATH), format=ox.RdfFormat.TURTLE,
               to_graph=ox.NamedNode("https://w3id.org/newsgraph/graph/ontology"))
    for i, text in enumerate(turtles):
        store.load(text, format=ox.RdfFormat.TURTLE, to_graph=ox.NamedNode(f"http://example.org/article/{i}"))
    return store


def _inferred(store) -> set[tuple[str, str, str]]:
    rows = store.query(f"SELECT ?s ?p ?o WHERE {{ GRAPH <{INFERRED}> {{ ?s ?p ?o }} }}")
    return {(r["s"].value, r["p"].value, r["o"].value) for r in rows}


@pytest.mark.slow
def test_check_consistency_ontology_alone_is_consistent():
    from newsgraph.ontology.reasoning import check_consistency

    result = check_consistency()
    assert result.consistent
    assert result.unsatisfiable == ()


@pytest.mark.slow
def test_check_consistency_person_and_organization_is_inconsistent():
    from rdflib import Graph

    from newsgraph.ontology.reasoning import check_consistency

    clean = Graph().parse(data=PREFIXES + "ex:x a ng:Person .", format="turtle")
    assert check_consistency(clean).consistent
    both = Graph().parse(data=PREFIXES + "ex:x a ng:Person, ng:Organization .", format="turtle")
    assert not check_consistency(both).consistent


@pytest.mark.slow
def test_check_consistency_range_clash_through_subclass_is_inconsistent():
    from rdflib import Graph

    from newsgraph.ontology.reasoning import check_consistency

    # ng:author's range is ng:Person; a ng:Country is a ng:Place, disjoint with ng:Person.
    data = Graph().parse(data=PREFIXES + "ex:a ng:author ex:c . ex:c a ng:Country .", format="turtle")
    assert not check_consistency(data).consistent


@pytest.mark.slow
def test_check_consistency_a_country_may_speak_but_no_other_place():
    from rdflib import Graph

    from newsgraph.ontology.reasoning import check_consistency

    country = Graph().parse(data=PREFIXES + "ex:q ng:speaker ex:c . ex:c a ng:Country .", format="turtle")
    assert check_consistency(country).consistent
    # A place that is known not to be a country (a Place, and not a Country) cannot speak.
    place = Graph().parse(data=PREFIXES + """
        @prefix owl: <http://www.w3.org/2002/07/owl#> .
        ex:q ng:speaker ex:r . ex:r a ng:Place , [ owl:complementOf ng:Country ] .""", format="turtle")
    assert not check_consistency(place).consistent


def test_materialise_property_chain_reaches_the_government_and_the_state():
    from newsgraph.ontology.reasoning import materialise

    store = _store(CHAIN)
    counts = materialise(store)
    inferred = _inferred(store)
    works_for = {o for s, p, o in inferred if s == "http://example.org/minister" and p == NG + "worksFor"}
    assert works_for == {"http://example.org/ministry", "http://example.org/government", "http://example.org/state"}
    assert counts["chain"] >= 3
    assert counts["total"] == len(inferred)


def test_materialise_types_inverses_and_superproperties():
    from newsgraph.ontology.reasoning import materialise

    store = _store(CHAIN)
    materialise(store)
    inferred = _inferred(store)
    rdf_type = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
    ex = "http://example.org/"
    assert (ex + "q", rdf_type, NG + "Quotation") in inferred  # subclass
    assert (ex + "post", rdf_type, NG + "Post") in inferred  # range of ng:holdsPost
    assert (ex + "declaration", NG + "adoptedBy", ex + "body") in inferred  # inverse
    assert (ex + "post", NG + "heldBy", ex + "minister") in inferred
    assert (ex + "ministry", NG + "partOf", ex + "state") in inferred  # transitive
    assert not any(s == ex + "minister" and o == NG + "Person" for s, _, o in inferred)  # asserted, not repeated


def test_materialise_alignments_only_when_asked():
    from newsgraph.ontology.reasoning import materialise

    store = _store(CHAIN)
    materialise(store)
    assert not any(o == "https://schema.org/Quotation" for _, _, o in _inferred(store))
    materialise(store, alignments=True)
    inferred = _inferred(store)
    rdf_type = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
    ex = "http://example.org/"
    assert (ex + "q", rdf_type, "https://schema.org/Quotation") in inferred  # alignment, two steps up
    assert (ex + "q", "http://www.w3.org/ns/prov#wasAttributedTo", ex + "minister") in inferred  # subproperty
    assert (ex + "minister", "https://schema.org/worksFor", ex + "state") in inferred  # chain, then alignment


def test_materialise_twice_changes_nothing():
    from newsgraph.ontology.reasoning import materialise

    store = _store(CHAIN)
    first = materialise(store)
    triples = _inferred(store)
    second = materialise(store)
    assert first == second
    assert _inferred(store) == triples


def test_owl_violations_names_the_resource_and_the_rule():
    from newsgraph.ontology.reasoning import materialise, owl_violations

    store = _store(PREFIXES + """
ex:both a ng:Person, ng:Organization .
ex:p a ng:Post ; ng:postIn ex:who . ex:who a ng:Person .
ex:m a ng:Mention ; ng:beginIndex 1, 2 .
ex:fine a ng:Person .
ex:q a ng:Quotation ; ng:speaker ex:c . ex:c a ng:Country .
""")
    materialise(store)
    found = {(v.focus, v.rule) for v in owl_violations(store)}
    assert found == {  # a country may speak: ex:q breaks nothing
        ("http://example.org/both", "owl:disjoint ng:Organization ng:Person"),
        ("http://example.org/p", "owl:range ng:postIn"),
        ("http://example.org/m", "owl:functional ng:beginIndex"),
    }


def test_owl_violations_clean_graph_has_none():
    from newsgraph.ontology.reasoning import materialise, owl_violations

    store = _store(CHAIN)
    materialise(store)
    assert owl_violations(store) == []


def test_axioms_are_read_from_the_ontology():
    from newsgraph.ontology.axioms import packaged_axioms

    axioms = packaged_axioms()
    assert ((NG + "holdsPost", NG + "postIn"), NG + "worksFor") in axioms.chains
    assert frozenset((NG + "Person", NG + "Place")) in axioms.disjoint
    assert NG + "Place" in axioms.superclasses[NG + "Country"]
    assert NG + "partOf" in axioms.transitive
