"""The ontology's modelling decisions that validation relies on (read through ``axioms``)."""
from __future__ import annotations

NG = "https://w3id.org/newsgraph/ontology#"
XSD = "http://www.w3.org/2001/XMLSchema#"


def test_speaker_range_is_person_organization_or_country():
    from newsgraph.ontology.axioms import packaged_axioms

    axioms = packaged_axioms()
    assert axioms.union_ranges[NG + "speaker"] == (frozenset({NG + "Person", NG + "Organization", NG + "Country"}),)


def test_person_organization_and_place_stay_pairwise_disjoint():
    from newsgraph.ontology.axioms import packaged_axioms

    disjoint = packaged_axioms().disjoint
    for a, b in ((NG + "Person", NG + "Organization"), (NG + "Person", NG + "Place"),
                 (NG + "Organization", NG + "Place")):
        assert frozenset((a, b)) in disjoint


def test_date_range_admits_day_month_and_year_precision():
    from newsgraph.ontology.axioms import packaged_axioms

    axioms = packaged_axioms()
    assert axioms.union_ranges[NG + "date"] == (frozenset({XSD + "date", XSD + "gYearMonth", XSD + "gYear"}),)
    assert NG + "date" not in axioms.ranges


def test_occurrence_of_links_events_without_identity():
    from rdflib import OWL, RDFS, URIRef

    from newsgraph.ontology.axioms import load_ontology, packaged_axioms

    axioms = packaged_axioms()
    prop = NG + "occurrenceOf"
    assert prop in axioms.object_properties
    assert axioms.domains[prop] == frozenset({NG + "Event"}) and axioms.ranges[prop] == frozenset({NG + "Event"})
    # not functional and not a kind of owl:sameAs: two reports of one summit stay two individuals
    assert prop not in axioms.functional
    assert str(OWL.sameAs) not in axioms.superproperties.get(prop, frozenset())
    graph = load_ontology()
    assert {lit.language for lit in graph.objects(URIRef(prop), RDFS.label)} >= {"en", "ar"}
    assert list(graph.objects(URIRef(prop), RDFS.comment))
