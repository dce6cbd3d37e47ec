"""IRIs are deterministic, ASCII, and distinct for distinct names."""
from __future__ import annotations

import pytest

from newsgraph.graph import iri

BASE = "https://w3id.org/newsgraph/id/"


@pytest.mark.parametrize(("name", "expected"), [
    ("Sergey Lavrov", "sergey-lavrov"),
    ("  al-Test   name_x ", "al-test-name-x"),
    ("سامي نور", "sAmy-nwr"),
    ("منظمة النخيل", "mnZmp-Alnxyl"),
])
def test_iri_slug_readable(name: str, expected: str) -> None:
    assert iri.slug(name) == expected


@pytest.mark.parametrize("name", ["بن", "موسكو", "U.S.", "Café", "سامي Sami", "Москва", "!!!", "x" * 100])
def test_iri_slug_hash_when_needed(name: str) -> None:
    out = iri.slug(name)
    assert "_" in out and out.isascii()
    assert out.rsplit("_", 1)[1] == iri.short_hash(name)


@pytest.mark.parametrize(("a", "b"), [
    ("بن", "bn"),            # Arabic letters without a capital could equal a Latin slug
    ("صالح", "سالح"),        # ص and س get different letters
    ("حسن", "هسن"),          # ح and ه differ by case
    ("U.S.", "US"),
    ("Café", "Cafe"),
    ("Москва", "Минск"),
])
def test_iri_slug_distinct_names_distinct_slugs(a: str, b: str) -> None:
    assert iri.slug(a) != iri.slug(b)


def test_iri_slug_iri_safe_characters() -> None:
    for name in ["وزارة الخارجية الروسية", "آل ثاني", "مؤتمر", "إئتلاف", "Saint-Étienne (FR)"]:
        out = iri.slug(name)
        assert all(c.isascii() and (c.isalnum() or c in "-_") for c in out), out


def test_iri_entity_keys() -> None:
    kb = BASE + "country/RU"
    assert iri.entity_iri(kb) == kb
    assert iri.entity_iri("Person:سامي نور") == BASE + "person/sAmy-nwr"
    assert iri.entity_iri("Organization:Test Body") == BASE + "organization/test-body"
    assert iri.entity_iri("Person:سامي نور") == iri.entity_iri("Person:سامي نور")


def test_iri_post_key_and_article_local() -> None:
    assert iri.post_key(BASE + "country/RU", "foreign-minister") == BASE + "country/RU/post/foreign-minister"
    assert iri.post_key(BASE + "country/RU", BASE + "role/foreign-minister") == BASE + "country/RU/post/foreign-minister"
    a = iri.article_iri("my-article-2022")
    assert a == BASE + "article/my-article-2022"
    assert iri.mention_iri(a, 3, 9) == a + "/mention/3-9"
    assert iri.quote_iri(a, 3, 9) == a + "/quote/3-9"
    assert iri.event_iri(a, 3, 9) == a + "/event/3-9"
    assert iri.assertion_iri(a, 2) == a + "/assertion/2"


def test_iri_article_from_url_is_safe_and_distinct() -> None:
    one = iri.article_iri("https://example.org/news/1.html")
    two = iri.article_iri("https://example.org/news/1-html")
    assert one != two and " " not in one


def test_iri_base_from_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NEWSGRAPH_BASE", "http://example.org/kg")
    assert iri.article_iri("a") == "http://example.org/kg/article/a"
    assert iri.entity_iri("Place:Test Town") == "http://example.org/kg/place/test-town"
