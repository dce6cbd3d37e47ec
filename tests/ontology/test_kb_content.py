"""Tests of the shipped KB content (newsgraph/ontology/kb/*.ttl): shape, IRIs, labels, dates, collisions."""
from __future__ import annotations

import re
import unicodedata
from collections import defaultdict

import pytest

from newsgraph.ontology.kb import KB, KB_DIR, load_kb, parse_files

ID = "https://w3id.org/newsgraph/id/"
IRI_RULES = {
    "Country": re.compile(rf"^{ID}country/[A-Z]{{2}}$"),
    "City": re.compile(rf"^{ID}city/[a-z0-9-]+$"),
    "Region": re.compile(rf"^{ID}region/[a-z0-9-]+$"),
    "Person": re.compile(rf"^{ID}person/[a-z0-9-]+$"),
}
CATEGORY_RULES = {
    "Document": re.compile(rf"^{ID}document/[a-z0-9-]+$"),
    "Event": re.compile(rf"^{ID}event/[a-z0-9-]+$"),
}
ORG_IRI = re.compile(rf"^{ID}org/[A-Za-z0-9-]+$")

# Matchable Arabic labels that two KB entities share on purpose, each with the reason.
DOCUMENTED_AMBIGUOUS: dict[str, str] = {
    "عمان": "Oman (عُمان) and Amman (عَمّان) are spelt alike without vowels",
}


def _fold(text: str) -> str:
    """Roughly the extractor's folding: no diacritics/tatweel, one alef, ta marbuta → ha, ya/alef maqsura."""
    text = re.sub("[\u064b-\u0652\u0670\u0640]", "", unicodedata.normalize("NFC", text))
    text = re.sub("[أإآٱ]", "ا", text).replace("ة", "ه").replace("ى", "ي")
    return " ".join(text.split())


@pytest.fixture(scope="module")
def kb() -> KB:
    return load_kb()


def test_kb_every_file_parses() -> None:
    files = sorted(KB_DIR.glob("*.ttl"))
    assert len(files) >= 6
    for path in files:
        assert parse_files([path]), path.name


def test_kb_has_the_core_content(kb: KB) -> None:
    types = defaultdict(int)
    for ent in kb.entities.values():
        types[ent.type] += 1
    assert types["Country"] >= 240
    assert types["Person"] >= 300
    assert types["NewsAgency"] >= 20
    assert len(kb.roles) >= 30 and len(kb.posts) >= 150 and len(kb.tenures) >= 400


def test_kb_russia_adjectives(kb: KB) -> None:
    russia = kb.entities[ID + "country/RU"]
    assert {"روسي", "روسية", "روسيون", "روسيين"} <= set(russia.adjectives)
    assert "صيني" in kb.entities[ID + "country/CN"].adjectives
    assert {"أمريكي", "أميركية"} <= set(kb.entities[ID + "country/US"].adjectives)
    assert not any(a.startswith("ال") for e in kb.entities.values() for a in e.adjectives)


def test_kb_no_ambiguous_country_aliases(kb: KB) -> None:
    labels = {label for e in kb.entities.values() for label in e.labels.get("ar", ())}
    assert "المملكة" not in labels and "الحكومة الشرعية" not in labels
    assert "مالي" not in kb.entities[ID + "country/ML"].adjectives   # also "financial"


def test_kb_iris_follow_the_rules(kb: KB) -> None:
    for ent in kb.entities.values():
        rule = IRI_RULES.get(ent.type) or CATEGORY_RULES.get(ent.category)
        if rule is not None:
            assert rule.match(ent.iri), ent.iri
        elif ent.category == "Organization":
            assert ORG_IRI.match(ent.iri), ent.iri
    for post in kb.posts.values():
        role_id = kb.roles[post.role].id
        assert post.iri == kb.post_iri(post.org, role_id), post.iri
        assert post.org in kb.entities, post.iri


def test_kb_every_entity_has_ar_and_en_labels(kb: KB) -> None:
    missing = [e.iri for e in kb.entities.values() if not e.labels.get("ar") or not e.labels.get("en")]
    assert missing == []
    for table in (kb.roles, kb.posts):
        assert [x.iri for x in table.values() if not x.labels.get("ar") or not x.labels.get("en")] == []


def test_kb_russian_labels_are_cyrillic(kb: KB) -> None:
    latin = re.compile("[A-HJ-UWYZa-z]")   # Roman numerals (Карл III) are fine
    odd = [(e.iri, label) for e in kb.entities.values() for label in e.labels.get("ru", ())
           if latin.search(label) and re.search("[А-Яа-я]", label)]
    assert odd == []


def test_kb_tenures_are_consistent(kb: KB) -> None:
    for t in kb.tenures:
        assert t.person in kb.entities and t.post in kb.posts, t
        assert t.start is None or re.fullmatch(r"\d{4}-\d{2}-\d{2}", t.start), t
        assert t.end is None or t.start is None or t.start <= t.end, t


@pytest.mark.parametrize(("post", "date", "person"), [
    ("country/RU/post/foreign-minister", "2022-06-10", "sergey-lavrov"),
    ("country/US/post/foreign-minister", "2015-08-06", "john-kerry"),
    ("country/US/post/foreign-minister", "2018-06-01", "mike-pompeo"),
    ("country/SA/post/foreign-minister", "2015-04-28", "saud-al-faisal"),
    ("country/SA/post/foreign-minister", "2015-08-06", "adel-al-jubeir"),
    ("country/SA/post/king", "2015-08-06", "salman-bin-abdulaziz"),
    ("country/SA/post/deputy-crown-prince", "2015-08-06", "mohammed-bin-salman"),
    ("country/EG/post/president", "2015-08-06", "abdel-fattah-el-sisi"),
    ("country/YE/post/president", "2015-08-06", "abdrabbuh-mansur-hadi"),
    ("org/un/post/secretary-general", "2015-08-06", "ban-ki-moon"),
    ("org/un/post/special-envoy-for-yemen", "2015-08-06", "ismail-ould-cheikh-ahmed"),
    ("org/hamas/post/head-of-political-bureau", "2015-08-06", "khaled-meshaal"),
])
def test_kb_holders_on_known_dates(kb: KB, post: str, date: str, person: str) -> None:
    assert kb.holder(ID + post, date) == ID + "person/" + person


def test_kb_site_ids_resolve_publishers(kb: KB) -> None:
    assert kb.by_site_id("aawsat") == ID + "org/aawsat"
    assert kb.by_site_id("aleqt.com") == ID + "org/aleqtisadiya"
    assert kb.by_site_id("alriyadh") == ID + "org/alriyadh"
    riyadh_paper = kb.entities[ID + "org/alriyadh"]
    assert "الرياض" not in riyadh_paper.labels["ar"]          # the city's name is not the paper's matchable label


def collisions(kb: KB) -> dict[str, list[str]]:
    """Folded Arabic labels/adjectives that more than one matchable entity carries."""
    owners: dict[str, set[str]] = defaultdict(set)
    for ent in kb.entities.values():
        if not ent.matchable:
            continue
        for label in (*ent.labels.get("ar", ()), *ent.adjectives):
            owners[_fold(label)].add(ent.iri)
    return {label: sorted(iris) for label, iris in owners.items() if len(iris) > 1}


def test_kb_no_undocumented_label_collisions(kb: KB) -> None:
    found = collisions(kb)
    undocumented = {label: iris for label, iris in found.items() if label not in {_fold(x) for x in DOCUMENTED_AMBIGUOUS}}
    assert undocumented == {}


def test_kb_memberships(kb: KB) -> None:
    gcc = {iri for iri, e in kb.entities.items() if ID + "org/gcc" in e.member_of}
    assert gcc == {ID + f"country/{cc}" for cc in ("SA", "AE", "QA", "KW", "BH", "OM")}
    assert ID + "org/csto" in kb.entities[ID + "country/RU"].member_of
    for ent in kb.entities.values():
        assert all(org in kb.entities for org in ent.member_of), ent.iri


def test_kb_no_label_is_a_common_english_word(kb: KB) -> None:
    """The gazetteer folds case, so an acronym such as WHO or IS would match "who"/"is" in English text."""
    words = {"is", "who", "map", "tap", "spa", "pa", "au", "us", "it", "am", "an", "at", "on", "in", "to", "of"}
    bad = [(e.iri, label) for e in kb.entities.values() for labels in e.labels.values() for label in labels
           if label.lower() in words]
    assert bad == []
