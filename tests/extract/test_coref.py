"""Tests for newsgraph.extract.coref (titles, posts, counterparts, honorific pronouns, partial names)."""
from __future__ import annotations

from test_entities import RU, SA, tiny_kb

from newsgraph.extract.arabic import split_sentences, tokenize
from newsgraph.extract.coref import merge_people, resolve
from newsgraph.extract.entities import gazetteer, kb_entity, match_kb, match_persons
from newsgraph.extract.model import Entity


def run(text: str, home: str | None = None):
    kb = tiny_kb()
    gz = gazetteer(kb)
    toks = tokenize(text)
    found = match_kb(toks, gz)
    ents = {f.key: kb_entity(f.key, gz) for f in found}
    for f, e in match_persons(toks, gz, found, set()):
        found.append(f)
        ents[e.key] = e
    sents = split_sentences(text)
    sent_of = [next(i for i, (a, b) in enumerate(sents) if a <= t.start < b) for t in toks]
    res = resolve(toks, found, ents, kb, gz, "2020-01-01", home, sent_of)
    return text, res


def test_title_with_adjective_and_apposition_gives_post_and_holder() -> None:
    text, res = run("قال وزير الخارجية الروسي سامر كمال إن الوضع جيد.")
    post = f"{RU}/post/foreign-minister"
    assert ("Person:سامر كمال", "holdsPost", post) in {(r.subject, r.predicate, r.object) for r in res.relations}
    assert res.entities[post].label == "وزير الخارجية الروسي"


def test_construct_title_with_country_name_is_the_same_post() -> None:
    _, res = run("التقى وزير خارجية روسيا سامر كمال.")
    assert f"{RU}/post/foreign-minister" in res.entities


def test_counterpart_and_later_title_refer_back_to_the_person() -> None:
    text = "قال وزير الخارجية الروسي سامر كمال إنه مسرور. وأكد نظيره الروسي ذلك. ثم غادر وزير الخارجية الروسي."
    _, res = run(text)
    titles = [(text[f.start:f.end], f.key) for f in res.found if f.kind == "title"]
    assert ("نظيره الروسي", "Person:سامر كمال") in titles
    assert ("وزير الخارجية الروسي", "Person:سامر كمال") in titles


def test_unqualified_title_uses_home_country() -> None:
    _, res = run("قال وزير الخارجية الأستاذ نادر حسن إن اللقاء مثمر.", home=SA)
    assert ("Person:نادر حسن", f"{SA}/post/foreign-minister") in {(r.subject, r.object) for r in res.relations}


def test_unqualified_title_after_a_qualified_one_stays_in_its_country() -> None:
    text = "قال وزير الخارجية الأستاذ نادر حسن كلمة. ثم رد وزير الخارجية الروسي سامر كمال. وعاد وزير الخارجية فأكد."
    _, res = run(text, home=SA)
    titles = [f.key for f in res.found if f.kind == "title"]
    assert titles[-1] == "Person:نادر حسن"


def test_unqualified_title_before_a_stranger_is_no_home_post() -> None:
    text = "التقى الرئيس كريم ماجد بالوفد."
    _, res = run(text, home=SA)
    assert res.relations == []


def test_honorific_pronoun_is_the_current_subject() -> None:
    text = "استقبل الدكتور نادر حسن الوفد. وقال معاليه إن الزيارة مهمة."
    _, res = run(text)
    assert [f.key for f in res.found if f.kind == "pronoun"] == ["Person:نادر حسن"]


def test_surname_refers_to_full_name() -> None:
    text = "استقبل الدكتور نادر حسن الوفد. وأكد حسن أهمية الزيارة."
    _, res = run(text)
    assert any(text[f.start:f.end] == "حسن" and f.key == "Person:نادر حسن" for f in res.found)


def test_nisba_surname_needs_a_title() -> None:
    text = "قال الدكتور نادر العربي كلمة. وتحدث عن العمل العربي المشترك. ورد الدكتور العربي."
    _, res = run(text)
    hits = [text[f.start - 8:f.end] for f in res.found if f.key == "Person:نادر العربي" and f.kind == "name"]
    assert len(hits) == 1


def test_short_name_merges_into_the_full_one() -> None:
    ents = {k: Entity(k, "Person", "Person", k.split(":")[1]) for k in
            ("Person:عادل الجبير", "Person:عادل بن احمد الجبير", "Person:عادل حسن")}
    assert merge_people(ents) == {"Person:عادل الجبير": "Person:عادل بن احمد الجبير"}


def test_counterpart_with_a_name_states_the_post() -> None:
    text = "التقى وزير الخارجية الروسي سامر كمال نظيره الصيني وانغ لي في موسكو."
    kb_text, res = run(text)
    rels = {(r.subject, r.object) for r in res.relations}
    assert ("Person:سامر كمال", f"{RU}/post/foreign-minister") in rels
    assert any(o.endswith("CN/post/foreign-minister") for _, o in rels)


def test_shorter_title_when_the_country_name_overlaps_it() -> None:
    from test_entities import tiny_kb as base

    from newsgraph.ontology.kb import KB, KBEntity, Role
    kb0 = base()
    eg = "https://w3id.org/newsgraph/id/country/EG"
    ents = {**kb0.entities, eg: KBEntity(eg, "Place", "Country", {"ar": ("مصر", "جمهورية مصر العربية")}, ("مصري",))}
    pres = Role("https://w3id.org/newsgraph/id/role/president", "president", {"ar": ("الرئيس", "رئيس", "رئيس جمهورية")})
    kb = KB(entities=ents, roles={**kb0.roles, "p": pres}, posts=kb0.posts)
    text = "التقى رئيس جمهورية مصر العربية سامي عادل الوفد."
    toks = tokenize(text)
    gz = gazetteer(kb)
    found = match_kb(toks, gz)
    res = resolve(toks, found, {f.key: kb_entity(f.key, gz) for f in found}, kb, gz, None, None, [0] * len(toks))
    assert (("Person:سامي عادل", f"{eg}/post/president")
            in {(r.subject, r.object) for r in res.relations})


def test_possessive_title_belongs_to_the_organisation_named_before() -> None:
    from test_entities import tiny_kb as base

    from newsgraph.ontology.kb import KB, KBEntity, Role
    kb0 = base()
    org = "https://w3id.org/newsgraph/id/org/sample-movement"
    ents = {**kb0.entities, org: KBEntity(org, "Organization", "PoliticalOrganization", {"ar": ("حركة النهضة",)})}
    head = Role("https://w3id.org/newsgraph/id/role/head-of-political-bureau", "head-of-political-bureau",
                {"ar": ("رئيس المكتب السياسي",)})
    kb = KB(entities=ents, roles={**kb0.roles, "h": head}, posts=kb0.posts)
    text = "زار وفد حركة النهضة المدينة والتقى رئيس مكتبها السياسي سامي عادل."
    toks = tokenize(text)
    gz = gazetteer(kb)
    found = match_kb(toks, gz)
    res = resolve(toks, found, {f.key: kb_entity(f.key, gz) for f in found}, kb, gz, None, None, [0] * len(toks))
    assert ("Person:سامي عادل", f"{org}/post/head-of-political-bureau") in {(r.subject, r.object) for r in res.relations}


def test_a_destination_after_a_ministers_title_is_no_part_of_it() -> None:
    from newsgraph.extract.model import Article, Span
    from newsgraph.extract.pipeline import extract
    text = "عنوان\nرحب المجلس بزيارة وزير الدفاع السعودي إلى مصر أمس."
    x = extract(Article(id="t-dest", text=text, title=Span(0, 5), date="2015-08-01"))
    titles = [m.text for m in x.mentions if m.kind == "title"]
    assert titles and all("مصر" not in t for t in titles)


def test_a_short_name_starting_with_a_particle_inside_the_full_name_is_indexed() -> None:
    from newsgraph.extract.coref import surname_index
    ents = {"P:1": Entity("P:1", "Person", "Person", "سالم ولد الحسن محمود"),
            "P:2": Entity("P:2", "Person", "Person", "خالد عبد الكريم ناصر")}
    tails = surname_index(ents)
    assert tails[("ولد", "الحسن")] == "P:1" and tails[("محمود",)] == "P:1"
    assert ("عبد", "الكريم") not in tails          # a given name, not a short form
