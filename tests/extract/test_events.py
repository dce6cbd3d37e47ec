"""Events, documents, concepts and relations (newsgraph/extract/events.py) on sentences written for the tests."""
from __future__ import annotations

import pytest
from test_quotes_support import make_ctx

from newsgraph.extract.events import EventsResult, content_words, find_events

SAMI, HALA, KAMAL = "Person:سامي نور", "Person:هالة زين", "Person:كمال داود"
FRANCE, EGYPT, TUNIS = "Place:فرنسا", "Place:مصر", "Place:تونس"
COUNCIL = "Organization:مجلس السلام"


def events(text: str, **kw) -> EventsResult:
    return find_events(make_ctx(text, **kw))


@pytest.mark.parametrize("text, type_, parts", [
    ("التقى سامي نور اليوم في باريس هالة زين.", "Meeting", {SAMI, HALA}),
    ("اجتمع سامي نور مع هالة زين في القاهرة.", "Meeting", {SAMI, HALA}),
    ("هالة زين تلتقي سامي نور لبحث الأوضاع في تونس.", "Meeting", {HALA, SAMI}),
    ("يعقد سامي نور اجتماعا مع هالة زين غدا.", "Meeting", {SAMI, HALA}),
    ("أجرى سامي نور اتصالا هاتفيا مع هالة زين.", "PhoneCall", {SAMI, HALA}),
    ("وعقدت هالة زين مؤتمرا صحفيا مع كمال داود.", "PressConference", {HALA, KAMAL}),
    ("زار سامي نور مصر أمس.", "Visit", {SAMI, EGYPT}),
    ("تلقى سامي نور اتصالا هاتفيا من هالة زين.", "PhoneCall", {SAMI, HALA}),
    ("وصوت مجلس السلام بالإجماع على القرار.", "Vote", {COUNCIL}),
])
def test_events_type_and_participants(text, type_, parts) -> None:
    (ev,) = [e for e in events(text).events if e.type == type_]
    assert set(ev.participants) >= parts


def test_events_place_and_sentence_date() -> None:
    (ev,) = events("التقى سامي نور اليوم الأحد في باريس هالة زين.", date="2020-03-02").events
    assert ev.place == "Place:باريس"
    assert ev.date == "2020-03-01"
    assert "Place:باريس" not in ev.participants


def test_events_article_date_for_past_and_none_for_future() -> None:
    past = events("اجتمع سامي نور مع هالة زين.", date="2020-03-02").events
    future = events("سيلتقي سامي نور هالة زين الشهر المقبل.", date="2020-03-02").events
    assert past[0].date == "2020-03-02"
    assert future[0].date is None


def test_events_later_mentions_of_the_meeting_are_merged() -> None:
    text = "التقى سامي نور هالة زين في باريس.\nوجرى خلال اللقاء بحث العلاقات الثنائية بين البلدين."
    found = events(text).events
    assert len(found) == 1 and set(found[0].participants) == {SAMI, HALA}


def test_events_separate_meetings_on_different_days_stay_apart() -> None:
    text = "التقى سامي نور هالة زين يوم الأحد.\nثم التقى سامي نور كمال داود يوم الاثنين."
    assert len(events(text, date="2020-03-04").events) == 2


def test_events_support_verb_without_subject_takes_the_speaker() -> None:
    text = "أعلن مجلس السلام اليوم عن عقد جلسة طارئة بعد غد بناء على طلب تونس."
    (ev,) = [e for e in events(text, date="2020-03-02").events if e.type == "Meeting"]
    assert {COUNCIL, TUNIS} <= set(ev.participants)
    assert ev.date == "2020-03-04"


def test_events_adoption_by_the_council_and_affirmed_principle() -> None:
    text = ("اعتمد المشاركون في اجتماع مجلس السلام وثيقة تؤكد الالتزام بمبدأ عدم التدخل في الشؤون الداخلية.")
    res = events(text)
    adopted = [r for r in res.relations if r.predicate == "adopted"]
    affirms = [r for r in res.relations if r.predicate == "affirms"]
    assert adopted and adopted[0].subject == COUNCIL
    assert affirms and affirms[0].subject == adopted[0].object
    concept = next(e for e in res.entities if e.key == affirms[0].object)
    assert concept.type == "Principle" and concept.label == "عدم التدخل"
    doc = next(e for e in res.entities if e.key == adopted[0].object)
    assert doc.category == "Document" and doc.label.startswith("وثيقة تؤكد")
    assert any(e.type == "Adoption" and COUNCIL in e.participants for e in res.events)


def test_events_we_adopted_means_the_body_of_the_meeting() -> None:
    text = ("عقد مجلس السلام اجتماعا في باريس اليوم.\n"
            "وقال سامي نور: «اعتمدنا وثيقة بشأن حماية المدنيين في النزاعات المسلحة».")
    res = events(text)
    rel = [r for r in res.relations if r.predicate == "adopted"]
    assert rel and rel[0].subject == COUNCIL
    assert any(e.label == "وثيقة بشأن حماية المدنيين" for e in res.entities if e.category == "Document")


def test_events_parties_of_a_declaration_adopted_it() -> None:
    res = events("رحب سامي نور بإعلان باريس بين فرنسا ومصر الذي صدر أمس.", date="2020-03-02")
    subjects = {r.subject for r in res.relations if r.predicate == "adopted"}
    assert subjects == {FRANCE, EGYPT}
    (adoption,) = [e for e in res.events if e.type == "Adoption"]
    assert adoption.date == "2020-03-01"


def test_events_definite_document_refers_to_the_last_one() -> None:
    text = "أصدر مجلس السلام القرار 3040.\nوينص هذا القرار على وقف إطلاق النار في المنطقة."
    res = events(text)
    docs = {r.object for r in res.relations if r.predicate == "adopted"}
    affirms = [r for r in res.relations if r.predicate == "affirms"]
    assert docs == {"Document:قرار 3040"}
    assert affirms and affirms[0].subject == "Document:قرار 3040"
    topic = next(e for e in res.entities if e.key == affirms[0].object)
    assert topic.type == "Topic" and topic.label == "وقف إطلاق النار"


def test_events_variants_of_a_principle_are_one_concept() -> None:
    text = "أكدت الوثيقة مبدأ عدم تجزئة السلام.\nوشدد البيان على مبدأ عدم قابلية السلام للتجزئة."
    principles = [e for e in events(text).entities if e.type == "Principle"]
    assert len(principles) == 1


def test_events_a_bare_document_word_is_no_document() -> None:
    res = events("وقال سامي نور في بيان اليوم إن الوضع مستقر.")
    assert not [e for e in res.entities if e.category == "Document"]


def test_events_content_words_ignore_clitics() -> None:
    assert content_words("عدم قابلية الأمن للتجزئة") >= content_words("عدم تجزئة الأمن")


def test_events_relative_clause_subject_is_the_antecedent() -> None:
    (ev,) = [e for e in events("وصل سامي نور الذي يزور مصر لإجراء محادثات.").events if e.type == "Visit"]
    assert SAMI in ev.participants and ev.place == EGYPT


def test_events_visit_noun_takes_its_genitive_not_every_name_in_the_clause() -> None:
    res = events("ووجه الدعوة لزيارة باريس في خطوة ترحيب بحركة الأمل.")
    assert not [e for e in res.events if e.type == "Visit"]


def test_events_dated_dateline_gives_the_place() -> None:
    import dataclasses

    from newsgraph.extract.model import Credit, Span
    text = "باريس 2 مارس 2020 واس\nاجتمع سامي نور مع هالة زين اليوم."
    ctx = make_ctx(text, date="2020-03-02")
    art = dataclasses.replace(ctx.article, byline=Span(0, 21), credits=(Credit("dateline", "باريس", Span(0, 5)),))
    ctx.article = art
    (ev,) = find_events(ctx).events
    assert ev.place == "Place:باريس" and ev.date == "2020-03-02"


def test_events_named_meeting_place() -> None:
    (ev,) = events("وقال سامي نور إننا في اجتماع القاهرة واصلنا النقاش مع هالة زين.").events
    assert ev.place == "Place:القاهره"
    assert {SAMI, HALA} <= set(ev.participants)


def test_events_object_of_a_preposition_is_no_subject() -> None:
    found = [e for e in events("سامي نور يصل إلى تونس ويلتقي كمال داود.").events if e.type == "Meeting"]
    assert found and TUNIS not in found[0].participants and KAMAL in found[0].participants


def test_events_a_date_ends_a_document_name() -> None:
    res = events("أقر مجلس السلام الاتفاق الثلاثاء الماضي.")
    assert [e.label for e in res.entities if e.category == "Document"] == ["الاتفاق"]


def test_events_issued_document_after_the_verb() -> None:
    res = events("وصدر إعلان باريس بين فرنسا ومصر أمس.", date="2020-03-02")
    assert {r.subject for r in res.relations if r.predicate == "adopted"} == {FRANCE, EGYPT}
    assert [e.date for e in res.events if e.type == "Adoption"] == ["2020-03-01"]


def test_events_scheduled_meeting_has_no_date_and_signing_noun_is_undated() -> None:
    planned = events("ومن المقرر أن يجتمع سامي نور مع هالة زين.", date="2020-03-02").events
    assert planned[0].date is None
    signed = events("بعد توقيع إعلان باريس بين فرنسا ومصر تحسنت العلاقات.", date="2020-03-02").events
    assert [e.date for e in signed if e.type == "Adoption"] == [None]


def test_events_document_labels() -> None:
    res = events("أقر مجلس السلام القرار رقم (15) ودعا للالتزام للاتفاق النووي المبرم بين فرنسا ومصر.")
    labels = sorted(e.label for e in res.entities if e.category == "Document")
    assert labels == ["الاتفاق النووي المبرم", "القرار رقم (15)"]


def test_events_a_named_summit_is_a_meeting_with_a_summit_entity() -> None:
    (ev,) = events("وخلال قمة القاهرة شدد سامي نور على أهمية الحوار.").events
    assert ev.type == "Meeting" and ev.entity is not None
    assert next(e for e in events("وخلال قمة القاهرة شدد سامي نور على أهمية الحوار.").entities
                if e.key == ev.entity).type == "Summit"
