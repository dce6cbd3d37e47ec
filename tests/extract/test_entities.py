"""Tests for newsgraph.extract.entities on a tiny KB built here (sentences written for the tests)."""
from __future__ import annotations

import pytest

from newsgraph.extract.arabic import tokenize
from newsgraph.extract.entities import gazetteer, match_kb, match_orgs, match_persons
from newsgraph.extract.model import Span
from newsgraph.ontology.kb import KB, KBEntity, Post, Role

RU = "https://w3id.org/newsgraph/id/country/RU"
CN = "https://w3id.org/newsgraph/id/country/CN"
UN = "https://w3id.org/newsgraph/id/org/un"
MOSCOW = "https://w3id.org/newsgraph/id/city/moscow"
SA = "https://w3id.org/newsgraph/id/country/SA"
FM = "https://w3id.org/newsgraph/id/role/foreign-minister"


def tiny_kb() -> KB:
    """Two countries with adjectives, a city, an organisation and the foreign-minister role."""
    ents = {
        RU: KBEntity(RU, "Place", "Country", {"ar": ("روسيا", "روسيا الاتحادية"), "en": ("Russia",)}, ("روسي",)),
        CN: KBEntity(CN, "Place", "Country", {"ar": ("الصين",), "en": ("China",)}, ("صيني",)),
        UN: KBEntity(UN, "Organization", "IntergovernmentalOrganization", {"ar": ("الأمم المتحدة",), "en": ("United Nations",)}),
        MOSCOW: KBEntity(MOSCOW, "Place", "City", {"ar": ("موسكو",), "en": ("Moscow",)}, country=RU),
        SA: KBEntity(SA, "Place", "Country", {"ar": ("السعودية", "المملكة العربية السعودية")}, ("سعودي",)),
    }
    posts = {f"{SA}/post/foreign-minister": Post(f"{SA}/post/foreign-minister", FM, SA, {})}
    roles = {"r": Role(FM, "foreign-minister",
                       {"ar": ("وزير الخارجية", "وزير خارجية"), "en": ("Minister of Foreign Affairs",)})}
    return KB(entities=ents, roles=roles, posts=posts)


def found(text: str, kb: KB) -> list[tuple[str, str, str]]:
    toks = tokenize(text)
    return [(text[f.start:f.end], f.key, f.kind) for f in match_kb(toks, gazetteer(kb))]


@pytest.mark.parametrize(("text", "span", "key"), [
    ("وصل الوفد بموسكو أمس", "موسكو", MOSCOW),
    ("ألقى كلمة أمام الأمم المتحدة", "الأمم المتحدة", UN),
    ("وجه رسالة للأمم المتحدة", "لأمم المتحدة", UN),
    ("تتعاون روسيا والصين", "الصين", CN),
    ("زار روسيا الاتحادية", "روسيا الاتحادية", RU),
])
def test_kb_names_through_proclitics(text: str, span: str, key: str) -> None:
    assert (span, key, "name") in found(text, tiny_kb())


def test_country_adjectives_become_country_mentions() -> None:
    got = found("تحدث الشركاء الصينيون مع الوفد الروسي", tiny_kb())
    assert ("الصينيون", CN, "adjective") in got
    assert ("الروسي", RU, "adjective") in got


def test_longest_match_wins() -> None:
    got = found("في روسيا الاتحادية", tiny_kb())
    assert got == [("روسيا الاتحادية", RU, "name")]


def test_unrelated_words_match_nothing() -> None:
    assert found("ذهب الطالب إلى المدرسة صباحا", tiny_kb()) == []


def orgs(text: str) -> list[tuple[str, str, str]]:
    kb = tiny_kb()
    toks = tokenize(text)
    gz = gazetteer(kb)
    kbf = match_kb(toks, gz)
    return [(text[f.start:f.end], e.type, e.key) for f, e in match_orgs(toks, gz, kbf, {"وزير"})]


def test_org_pattern_takes_construct_chain_and_adjectives() -> None:
    got = orgs("اجتمعت منظمة معاهدة الأمن الجماعي في العاصمة")
    assert got[0][:2] == ("منظمة معاهدة الأمن الجماعي", "Organization")


def test_org_pattern_single_proper_name_stops_before_person() -> None:
    got = orgs("قال حزب النور كلمته وقالت حركة حماس خالد")
    assert [g[0] for g in got] == ["حزب النور", "حركة حماس"]


def test_ministry_of_a_country_written_out_and_elliptic_share_a_key() -> None:
    a = orgs("أعلنت وزارة الخارجية الروسية")
    b = orgs("أعلنت الخارجية الروسية")
    assert a[0][1] == "Ministry" and a[0][2] == b[0][2]


def test_minister_title_is_not_a_ministry() -> None:
    assert orgs("قال وزير الخارجية الروسي") == []


def test_government_needs_a_country() -> None:
    assert orgs("قررت الحكومة الروسية")[0][1] == "Government"
    assert orgs("قررت الحكومة أمس") == []


def test_quoted_name_after_organisation_word() -> None:
    got = orgs("اجتمعت مجموعة الرؤية «روسيا - الصين» أمس")
    assert got[0][0] == "مجموعة الرؤية «روسيا - الصين»"


def test_persons_after_honorifics() -> None:
    text = "استقبل الدكتور سامي بن خالد المنصور ضيفه ثم غادر الأستاذ كريم"
    kb = tiny_kb()
    toks = tokenize(text)
    gz = gazetteer(kb)
    got = [(text[f.start:f.end], e.key) for f, e in match_persons(toks, gz, match_kb(toks, gz), set())]
    assert got == [("سامي بن خالد المنصور", "Person:سامي بن خالد المنصور")]


@pytest.mark.parametrize("text", [
    "قال الدكتور مستجدات الأوضاع مهمة",      # a plural noun does not start a name
    "قال الدكتور لكرة القدم شأن",             # nor a clitic + feminine noun
    "حضر الدكتور سامي ولافروف اللقاء",       # a conjunction ends the name before the next one
])
def test_person_pattern_rejects_common_words(text: str) -> None:
    kb = tiny_kb()
    toks = tokenize(text)
    gz = gazetteer(kb)
    got = [e.label for _, e in match_persons(toks, gz, match_kb(toks, gz), set())]
    assert got == []


@pytest.mark.parametrize("text", [
    "أعلنت شركة يظهر أنها جديدة",                    # an imperfect verb is no name
    "قالت لجنة خبراء سيكلفون بتحديد المسؤولين",       # a future verb ends the chain
    "هاجم الجيش والقبائل المعادية القرية",            # a conjunction joins another noun
])
def test_org_pattern_rejects_clauses(text: str) -> None:
    got = orgs(text)
    assert all(len(label.split()) <= 2 for label, _, _ in got), got
    assert not any("سيكلفون" in label or "القبائل" in label or "يظهر" in label for label, _, _ in got)


def test_confirm_people_drops_unseen_names_and_cuts_longer_ones(monkeypatch) -> None:
    import newsgraph.extract.ner as ner
    from newsgraph.extract.entities import Found, minted
    from newsgraph.extract.people import confirm_people

    text = "قال الدكتور سامي عادل كلمة. وقال الأستاذ طويل عريض شيئا."
    monkeypatch.setattr(ner, "available", lambda: True)
    monkeypatch.setattr(ner, "predict", lambda t, spans=None: [(text.index("سامي"), text.index("سامي") + 4, "PERS")])
    a, b = "Person:سامي عادل", "Person:طويل عريض"
    ents = {a: minted(a, "Person", "سامي عادل"), b: minted(b, "Person", "طويل عريض")}
    sa, sb = text.index("سامي"), text.index("طويل")
    found = [Found(sa, sa + 9, 2, 4, a, "name"), Found(sb, sb + 9, 10, 12, b, "name")]
    sents = tuple(Span(x, y) for x, y in [(0, 27), (28, len(text))])
    verdict = confirm_people(text, sents, found, ents, [0] * 8 + [1] * 8)
    assert verdict == {a: ("سامي", sa, sa + 4), b: None}


def test_a_distinguishing_adjective_after_a_kb_organisation_names_another_body() -> None:
    kb = tiny_kb()
    assert found("وقالت الأمم المتحدة المؤقتة إن", kb) == [("الأمم المتحدة المؤقتة", "Organization:الامم المتحده الموقته", "name")]
    assert found("وقالت الأمم المتحدة إن", kb) == [("الأمم المتحدة", UN, "name")]
