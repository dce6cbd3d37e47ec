"""to_graph follows "What one article's named graph holds" (docs/internals.md) and is deterministic."""
from __future__ import annotations

import pyoxigraph as ox
from conftest import KB, TEXT_1, make_extraction
from rdflib import Literal, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import OWL, RDF, SKOS

from newsgraph.graph import iri
from newsgraph.graph.build import content_hash, date_literal, skolemize, to_graph
from newsgraph.ontology.namespace import NG

XSD_DATE = URIRef("http://www.w3.org/2001/XMLSchema#date")
XSD = "http://www.w3.org/2001/XMLSchema#"

A = URIRef(iri.article_iri("test-article-1"))
PERSON = URIRef(iri.entity_iri("Person:سامي نور"))


def test_build_article_facts(extraction) -> None:
    g = to_graph(extraction)
    assert (A, RDF.type, NG.NewsArticle) in g
    assert (A, NG.title, Literal("اجتماع في موسكو", lang="ar")) in g
    assert (A, NG.date, Literal("2022-06-10", datatype=XSD_DATE)) in g
    assert (A, NG.language, Literal("ar")) in g
    assert (A, NG.text, Literal(TEXT_1)) in g
    assert (A, NG.contentHash, Literal(content_hash(TEXT_1))) in g
    assert (A, NG.sourceAgency, URIRef(KB + "org/test-agency")) in g
    assert (A, NG.byline, Literal("موسكو - وكالة الاختبار")) in g
    assert (A, NG.mentions, PERSON) in g


def test_build_every_mention_has_article_and_offsets(extraction) -> None:
    g = to_graph(extraction)
    mentions = set(g.subjects(RDF.type, NG.Mention))
    assert len(mentions) == len(extraction.mentions)
    for m in mentions:
        begin, end = int(g.value(m, NG.beginIndex)), int(g.value(m, NG.endIndex))
        assert g.value(m, NG.inArticle) == A
        assert str(g.value(m, NG.anchorOf)) == TEXT_1[begin:end]
        assert g.value(m, NG.refersTo) is not None


def test_build_entities_labels_only_outside_kb(extraction) -> None:
    g = to_graph(extraction)
    assert (PERSON, RDF.type, NG.Person) in g
    assert (PERSON, SKOS.prefLabel, Literal("سامي نور", lang="ar")) in g
    assert (PERSON, SKOS.prefLabel, Literal("Sami Nour", lang="en")) in g
    agency = URIRef(KB + "org/test-agency")
    assert (agency, RDF.type, NG.NewsAgency) in g
    assert not list(g.objects(agency, SKOS.prefLabel))
    moscow = URIRef(iri.entity_iri("Place:موسكو"))
    assert (moscow, OWL.sameAs, URIRef("http://www.wikidata.org/entity/Q649")) in g
    post = URIRef(KB + "country/RU/post/foreign-minister")
    assert (post, NG.postIn, URIRef(KB + "country/RU")) in g
    assert (A, NG.mentions, post) not in g


def test_build_quotation_event_relation(extraction) -> None:
    g = to_graph(extraction)
    q = URIRef(iri.quote_iri(str(A), *_span(TEXT_1, "التعاون مستمر")))
    assert (q, RDF.type, NG.DirectQuotation) in g and (q, RDF.type, NG.Quotation) in g
    assert (q, NG.speaker, PERSON) in g and (q, NG.inArticle, A) in g
    assert (q, NG.reportingVerb, Literal("قال")) in g
    speaker_mention = g.value(q, NG.speakerMention)
    assert (speaker_mention, RDF.type, NG.Mention) in g
    ev = next(iter(g.subjects(RDF.type, NG.Meeting)))
    assert (ev, RDF.type, NG.Event) in g and (ev, NG.inArticle, A) in g
    assert set(g.objects(ev, NG.participant)) == {PERSON, URIRef(iri.entity_iri("Organization:منظمة النخيل"))}
    decl = URIRef(iri.entity_iri("Document:اعلان الواحه"))
    council = URIRef(iri.entity_iri("Organization:المجلس"))
    assert (council, NG.adopted, decl) in g
    assertion = next(s for s in g.subjects(RDF.predicate, NG.adopted))
    assert (assertion, RDF.type, NG.Assertion) in g
    assert (assertion, RDF.subject, council) in g and (assertion, RDF.object, decl) in g
    assert (assertion, NG.inArticle, A) in g and g.value(assertion, NG.beginIndex) is not None


def test_build_deterministic() -> None:
    one, two = to_graph(make_extraction()), to_graph(make_extraction())
    assert isomorphic(one, two)
    assert sorted(one) == sorted(two)  # no blank nodes: the very same triples


def test_build_date_literals() -> None:
    assert date_literal("2015-08-03").datatype == XSD_DATE
    assert date_literal("2015-08").datatype == URIRef(XSD + "gYearMonth")
    assert date_literal("2015").datatype == URIRef(XSD + "gYear")
    assert date_literal("soon").datatype is None


def test_build_iso_week_becomes_the_month_of_its_thursday() -> None:
    # XSD has no week type: "2015-W29" (13-19 July 2015) is typed as the month holding it.
    assert date_literal("2015-W29") == Literal("2015-07", datatype=URIRef(XSD + "gYearMonth"))
    # 2015-W27 runs 29 June - 5 July: its Thursday (2 July) is in July.
    assert date_literal("2015-W27") == Literal("2015-07", datatype=URIRef(XSD + "gYearMonth"))
    # 2015-W01 starts on 29 December 2014; its Thursday is 1 January 2015.
    assert date_literal("2015-W01") == Literal("2015-01", datatype=URIRef(XSD + "gYearMonth"))
    assert date_literal("2015-W54").datatype is None  # no such week: left as written, for validate to flag


def test_build_event_occurrence_points_to_its_named_event_without_identity() -> None:
    from dataclasses import replace

    extraction = make_extraction()
    summit = "Event:قمه النخيل"
    extraction = replace(extraction, events=tuple(replace(ev, entity=summit) for ev in extraction.events))
    g = to_graph(extraction)
    ev = next(iter(g.subjects(RDF.type, NG.Meeting)))
    assert (ev, NG.occurrenceOf, URIRef(iri.entity_iri(summit))) in g
    assert not list(g.objects(ev, OWL.sameAs))  # owl:sameAs would merge two reports of one summit


def test_build_skolemize_deterministic_and_merges_nothing_distinct() -> None:
    data = b"""@prefix ex: <http://example.org/> .
    [] a ex:Tenure ; ex:holder ex:a ; ex:post ex:p .
    [] a ex:Tenure ; ex:holder ex:b ; ex:post ex:p .
    ex:x ex:has [ ex:v 1 ] ."""
    runs = [sorted(map(str, skolemize(list(ox.parse(data, format=ox.RdfFormat.TURTLE))))) for _ in range(2)]
    assert runs[0] == runs[1]
    assert "_:" not in " ".join(runs[0])
    assert len({t.split()[0] for t in runs[0] if "Tenure" in t}) == 2


def _span(text: str, needle: str) -> tuple[int, int]:
    start = text.index(needle)
    return start, start + len(needle)


def test_build_partial_dates_come_back_as_written_from_the_named_queries(store_path) -> None:
    from dataclasses import replace

    from newsgraph import queries
    from newsgraph.graph.corpus import store_extraction
    from newsgraph.graph.store import open_store

    base = make_extraction()
    extraction = replace(
        base,
        article=replace(base.article, date="2015"), info=replace(base.info, date="2015"),
        quotations=tuple(replace(q, date="2015-07") for q in base.quotations),
        events=tuple(replace(ev, date="2015-W29", entity="Event:قمه النخيل") for ev in base.events),
        relations=tuple(replace(r, date="2014") if r.predicate == "adopted" else r for r in base.relations),
    )
    with open_store(store_path, create=True) as store:
        store_extraction(store, extraction)

        def column(name: str, col: str) -> set[str]:
            return {row[col] for row in queries.run(store, queries.load(name), lang="ar").rows}

        assert column("quotes", "date") == {"2015-07"}
        assert column("events", "date") == {"2015-07"}  # ISO week 29 of 2015 lies in July
        assert column("adoptions", "date") == {"2014"}
        assert column("articles", "date") == {"2015"}
        events = queries.run(store, queries.load("events"), lang="ar").rows
        assert len(events) == 1  # the occurrence, not the named event it is of
        assert events[0]["participants"]  # the occurrence's own participants
