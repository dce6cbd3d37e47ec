"""Shared fixtures: hand-made Extractions (sentences written for the tests) and fresh stores."""
from __future__ import annotations

from pathlib import Path

import pytest

from newsgraph.extract.model import (
    Article,
    ArticleInfo,
    Credit,
    Entity,
    Event,
    Extraction,
    Mention,
    Quotation,
    Relation,
    Span,
)

DATA = Path(__file__).resolve().parent / "data"
KB = "https://w3id.org/newsgraph/id/"

#: Two short articles written for these tests (not from the corpus).
TEXT_1 = ('اجتماع في موسكو\n'
          'قال الوزير سامي نور إن "التعاون مستمر". '
          'واجتمع سامي نور مع وفد منظمة النخيل في موسكو. '
          'واعتمد المجلس إعلان الواحة الذي يؤكد مبدأ الحوار.')
TEXT_2 = ('لقاء ثان\n'
          'وأكد سامي نور أن الحوار ضروري.')


def span_of(text: str, needle: str, nth: int = 0) -> Span:
    """The span of the ``nth`` occurrence of ``needle`` in ``text``."""
    start = -1
    for _ in range(nth + 1):
        start = text.index(needle, start + 1)
    return Span(start, start + len(needle))


def make_extraction(article_id: str = "test-article-1", text: str = TEXT_1, date: str = "2022-06-10") -> Extraction:
    """A small but complete Extraction: entities (KB and new), mentions, a quote, an event, relations, a post."""
    person = "Person:سامي نور"
    org = "Organization:منظمة النخيل"
    council = "Organization:المجلس"
    decl = "Document:اعلان الواحه"
    concept = "Concept:مبدا الحوار"
    moscow = "Place:موسكو"
    russia = KB + "country/RU"
    post = KB + "country/RU/post/foreign-minister"
    agency = KB + "org/test-agency"
    art = Article(id=article_id, text=text, language="ar", title=span_of(text, text.split("\n")[0]), date=date,
                  credits=(Credit("source", "وكالة الاختبار"),), url=None)
    entities = (
        Entity(person, "Person", "Person", "سامي نور", labels=(("en", "Sami Nour"),)),
        Entity(org, "Organization", "IntergovernmentalOrganization", "منظمة النخيل"),
        Entity(council, "Organization", "OrganizationOrgan", "المجلس"),
        Entity(decl, "Document", "Declaration", "إعلان الواحة"),
        Entity(concept, "Concept", "Principle", "مبدأ الحوار", labels=(("en", "dialogue"),)),
        Entity(moscow, "Place", "City", "موسكو", labels=(("en", "Moscow"),), wikidata="http://www.wikidata.org/entity/Q649"),
        Entity(post, "Post", "Post", "وزير الخارجية", in_kb=False, attributes=(("postIn", russia),)),
        Entity(agency, "Organization", "NewsAgency", "وكالة الاختبار", in_kb=True),
    )
    mentions = [Mention(person, span_of(text, "سامي نور", i), "سامي نور") for i in range(text.count("سامي نور"))]
    mentions += [Mention(moscow, span_of(text, "موسكو", i), "موسكو") for i in range(text.count("موسكو"))]
    if "منظمة النخيل" in text:
        mentions += [Mention(org, span_of(text, "منظمة النخيل"), "منظمة النخيل"),
                     Mention(council, span_of(text, "المجلس"), "المجلس"),
                     Mention(decl, span_of(text, "إعلان الواحة"), "إعلان الواحة"),
                     Mention(concept, span_of(text, "مبدأ الحوار"), "مبدأ الحوار")]
    quotations, events, relations = [], [], []
    if "التعاون مستمر" in text:
        quotations.append(Quotation("التعاون مستمر", span_of(text, "التعاون مستمر"), "direct", person,
                                    speaker_span=span_of(text, "سامي نور"), verb="قال", date=date))
        events.append(Event("Meeting", "اجتمع", span_of(text, "اجتمع"), date=date, participants=(person, org),
                            place=moscow))
        relations += [Relation(council, "adopted", decl, span_of(text, "اعتمد المجلس إعلان الواحة"), date=date),
                      Relation(decl, "affirms", concept, span_of(text, "يؤكد مبدأ الحوار")),
                      Relation(person, "holdsPost", post, span_of(text, "الوزير سامي نور"))]
    else:
        quotations.append(Quotation("الحوار ضروري", span_of(text, "الحوار ضروري"), "indirect", person, verb="أكد"))
    info = ArticleInfo(title=text.split("\n")[0], date=date, language="ar", source_agency=agency, publisher=None,
                       byline="موسكو - وكالة الاختبار")
    return Extraction(article=art, info=info, entities=entities, mentions=tuple(mentions),
                      quotations=tuple(quotations), events=tuple(events), relations=tuple(relations))


@pytest.fixture
def extraction() -> Extraction:
    """The first test article's Extraction."""
    return make_extraction()


@pytest.fixture
def store_path(tmp_path: Path) -> Path:
    """Where a fresh embedded store may be created."""
    return tmp_path / "db"


@pytest.fixture(scope="session")
def built_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A closed store folder with the ontology, the KB and the two test articles (built once, copied per test)."""
    from newsgraph.graph.build import load_reference_graphs
    from newsgraph.graph.corpus import store_extraction
    from newsgraph.graph.store import open_store

    path = tmp_path_factory.mktemp("template") / "db"
    with open_store(path, create=True) as store:
        load_reference_graphs(store)
        store_extraction(store, make_extraction())
        store_extraction(store, make_extraction("test-article-2", TEXT_2, "2022-06-11"))
    return path


@pytest.fixture
def built_store(built_template: Path, store_path: Path):
    """An open store holding the ontology, the KB and the two test articles (closed after the test)."""
    import shutil

    from newsgraph.graph.store import open_store

    shutil.copytree(built_template, store_path)
    store = open_store(store_path)
    yield store
    store.close()


@pytest.fixture
def fixture_store(store_path: Path):
    """A store loaded from tests/data/two-articles.trig plus the package's ontology graph."""
    import pyoxigraph as ox

    from newsgraph import config
    from newsgraph.graph.build import ONTOLOGY_FILE
    from newsgraph.graph.store import open_store

    store = open_store(store_path, create=True)
    store.ox.load(path=str(DATA / "two-articles.trig"), format=ox.RdfFormat.TRIG)
    store.ox.load(path=str(ONTOLOGY_FILE), format=ox.RdfFormat.TURTLE, to_graph=ox.NamedNode(config.ONTOLOGY_GRAPH))
    yield store
    store.close()
