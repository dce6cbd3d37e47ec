"""Each named query on the fixture graph (tests/data/two-articles.trig) gives exactly the expected rows."""
from __future__ import annotations

import pytest

from newsgraph import queries

B = "https://w3id.org/newsgraph/id/"
A1, A2 = B + "article/test-article-1", B + "article/test-article-2"
PERSON, ORG, COUNCIL = B + "person/sAmy-nwr", B + "organization/mnZmp-Alnxyl", B + "organization/Almjls"
DECL, CONCEPT, MOSCOW = B + "document/AElAn-AlwAHh", B + "concept/mbdA-AlHwAr", B + "place/mwskw_adecd08b"
AGENCY, POST = B + "org/test-agency", B + "country/RU/post/foreign-minister"

CONTRACT = {
    "articles": ["article", "title", "date", "lang", "source_agency", "publisher"],
    "entities": ["entity", "category", "type", "label", "wikidata", "mentions"],
    "quotes": ["quote", "speaker", "speaker_label", "text", "kind", "date", "article"],
    "adoptions": ["agent", "agent_label", "document", "document_label", "date", "article"],
    "affirmations": ["document", "document_label", "concept", "concept_label", "article"],
    "positions": ["person", "person_label", "position", "position_label", "article"],
    "events": ["event", "type", "label", "date", "participants", "place", "article"],
}

EXPECTED = {
    ("articles", "en"): [
        {"article": A1, "title": "اجتماع في موسكو", "date": "2022-06-10", "lang": "ar",
         "source_agency": "Test Agency", "publisher": None},
        {"article": A2, "title": "لقاء ثان", "date": "2022-06-11", "lang": "ar",
         "source_agency": "Test Agency", "publisher": None},
    ],
    ("entities", "en"): [
        {"entity": CONCEPT, "category": "Concept", "type": "Principle", "label": "dialogue", "wikidata": None, "mentions": "1"},
        {"entity": DECL, "category": "Document", "type": "Declaration", "label": "إعلان الواحة", "wikidata": None, "mentions": "1"},
        {"entity": COUNCIL, "category": "Organization", "type": "OrganizationOrgan", "label": "المجلس", "wikidata": None, "mentions": "1"},
        {"entity": ORG, "category": "Organization", "type": "IntergovernmentalOrganization", "label": "منظمة النخيل",
         "wikidata": None, "mentions": "1"},
        {"entity": AGENCY, "category": "Organization", "type": "NewsAgency", "label": "Test Agency", "wikidata": None, "mentions": "0"},
        {"entity": PERSON, "category": "Person", "type": "Person", "label": "Sami Nour", "wikidata": None, "mentions": "3"},
        {"entity": MOSCOW, "category": "Place", "type": "City", "label": "Moscow",
         "wikidata": "http://www.wikidata.org/entity/Q649", "mentions": "2"},
    ],
    ("quotes", "ar"): [
        {"quote": A1 + "/quote/40-53", "speaker": PERSON, "speaker_label": "سامي نور", "text": "التعاون مستمر",
         "kind": "direct", "date": "2022-06-10", "article": A1},
        {"quote": A2 + "/quote/26-38", "speaker": PERSON, "speaker_label": "سامي نور", "text": "الحوار ضروري",
         "kind": "indirect", "date": "2022-06-11", "article": A2},
    ],
    ("adoptions", "en"): [
        {"agent": COUNCIL, "agent_label": "المجلس", "document": DECL, "document_label": "إعلان الواحة",
         "date": "2022-06-10", "article": A1},
    ],
    ("affirmations", "ar"): [
        {"document": DECL, "document_label": "إعلان الواحة", "concept": CONCEPT, "concept_label": "مبدأ الحوار", "article": A1},
    ],
    ("positions", "en"): [
        {"person": PERSON, "person_label": "Sami Nour", "position": POST, "position_label": "وزير الخارجية", "article": A1},
    ],
    ("events", "en"): [
        {"event": A1 + "/event/57-62", "type": "Meeting", "label": "اجتمع", "date": "2022-06-10",
         "participants": "Sami Nour | منظمة النخيل", "place": "Moscow", "article": A1},
    ],
}


@pytest.mark.parametrize(("name", "lang"), sorted(EXPECTED))
def test_named_query_rows(fixture_store, name: str, lang: str) -> None:
    result = queries.run(fixture_store, queries.load(name), lang=lang)
    assert result.columns == CONTRACT[name]
    assert result.rows == EXPECTED[(name, lang)]


@pytest.mark.parametrize(("name", "lang", "column", "value"), [
    ("articles", "ar", "source_agency", "وكالة الاختبار"),
    ("entities", "ar", "label", "مبدأ الحوار"),
    ("quotes", "en", "speaker_label", "Sami Nour"),
    ("events", "ar", "participants", "سامي نور | منظمة النخيل"),
    ("events", "ar", "place", "موسكو"),
])
def test_named_query_lang_picks_labels(fixture_store, name: str, lang: str, column: str, value: str) -> None:
    values = [row[column] for row in queries.run(fixture_store, queries.load(name), lang=lang)]
    assert value in values


def test_named_query_lang_falls_back_to_any_label(fixture_store) -> None:
    # Russian labels exist for nothing in the fixture: every entity still gets a label
    rows = queries.run(fixture_store, queries.load("entities"), lang="ru").rows
    assert rows and all(row["label"] for row in rows)


def test_named_query_every_stored_query_has_header() -> None:
    for q in queries.list_queries():
        assert q.title and q.description, q.name
        assert "PREFIX" in q.text, q.name


def test_named_query_contract_queries_exist() -> None:
    assert set(CONTRACT) <= set(queries.names())


@pytest.mark.parametrize("name", ["entities", "events"])
def test_named_query_types_without_ontology_graph(fixture_store, name: str) -> None:
    # categories and most specific types come from the article graphs alone when the ontology is absent
    from newsgraph import config

    fixture_store.drop_graph(config.ONTOLOGY_GRAPH)
    assert queries.run(fixture_store, queries.load(name), lang="en").rows == EXPECTED[(name, "en")]
