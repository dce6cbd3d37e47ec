"""Tests for newsgraph.extract.pipeline: the spaCy components end to end on a short article."""
from __future__ import annotations

from newsgraph.extract.model import Article, Span
from newsgraph.extract.pipeline import build_nlp, extract

TEXT = ("وزير الخارجية يلتقي نظيره الروسي\n"
        "التقى وزير الخارجية الروسي سامر كمال اليوم في الصين الدكتور نادر حسن رئيس منظمة التعاون الرقمي.\n"
        "وقال كمال إن اللقاء مثمر.")


def article() -> Article:
    return Article(id="t1", text=TEXT, title=Span(0, TEXT.index("\n")), date="2015-08-11")


def test_pipeline_components_are_registered_by_name() -> None:
    nlp = build_nlp("ar")
    assert nlp.pipe_names == ["normalise", "entities", "dates", "coref", "quotes", "events"]
    assert build_nlp("ar") is nlp


def test_extract_finds_people_places_posts_and_organisations() -> None:
    x = extract(article())
    labels = {e.label: e.category for e in x.entities}
    assert labels.get("سامر كمال") == "Person"
    assert labels.get("نادر حسن") == "Person"
    assert labels.get("منظمة التعاون الرقمي") == "Organization"
    assert labels.get("الصين") == "Place"
    assert any(r.predicate == "holdsPost" and r.subject == "Person:سامر كمال" for r in x.relations)
    assert x.info.title == "وزير الخارجية يلتقي نظيره الروسي" and x.info.date == "2015-08-11"


def test_mentions_point_at_their_text_and_every_entity_is_known() -> None:
    x = extract(article())
    keys = {e.key for e in x.entities}
    for m in x.mentions:
        assert TEXT[m.span.start:m.span.end] == m.text
        assert m.entity in keys
    assert any(m.text == "كمال" and m.entity == "Person:سامر كمال" for m in x.mentions)


def test_extract_is_deterministic() -> None:
    assert extract(article()) == extract(article())


def test_make_doc_keeps_the_text_exactly() -> None:
    from newsgraph.extract.arabic import tokenize
    from newsgraph.extract.pipeline import make_doc
    text = " قالَ  الوزيـر:\n\n«نعم»  \u200c ثم خرج. "
    doc = make_doc(build_nlp("ar"), text, tokenize(text))
    assert doc.text == text
    assert "قالَ" in [t.text for t in doc]


def test_a_failing_later_extractor_costs_only_its_own_output(monkeypatch, caplog) -> None:
    import newsgraph.extract.quotes as quotes

    def boom(ctx):
        raise RuntimeError("broken on purpose")
    monkeypatch.setattr(quotes, "find_quotations", boom)
    x = extract(article())
    assert x.quotations == ()
    assert any(e.label == "سامر كمال" for e in x.entities)
    assert "quotations extraction failed" in caplog.text


def test_publisher_hint_beats_an_unknown_credit_and_credits_hide_inner_places() -> None:
    from newsgraph.extract.model import Credit
    text = "عنوان الخبر\nلندن: «الشرق الأوسط أونلاين»\nقال الوزير إن الوضع هادئ في الشرق الأوسط."
    s = text.index("الشرق")
    credit = Credit("publisher", "الشرق الأوسط أونلاين", Span(s, s + len("الشرق الأوسط أونلاين")))
    art = Article(id="t2", text=text, title=Span(0, 11), credits=(credit,), publisher_hint="aawsat")
    x = extract(art)
    assert x.info.publisher and x.info.publisher.startswith("https://")
    inside = [m for m in x.mentions if credit.span.start <= m.span.start < credit.span.end]
    assert {m.entity for m in inside} == {x.info.publisher}


def test_byline_author_becomes_a_person_and_an_author() -> None:
    from newsgraph.extract.model import Credit
    text = "عنوان الخبر\nكريم الحسن (الرياض)\nقال الوزير إن الوضع هادئ."
    s = text.index("كريم")
    art = Article(id="t3", text=text, title=Span(0, 11), credits=(Credit("author", "كريم الحسن", Span(s, s + 10)),))
    x = extract(art)
    assert x.info.authors == ("Person:كريم الحسن",)
    assert x.entity("Person:كريم الحسن").category == "Person"


def test_words_nobody_is_credited_with_are_no_quotation() -> None:
    text = "وقالت مصادر مطلعة إن الاتفاق بات قريبا جدا.\nوقال وزير الخارجية الروسي سامر كمال إن اللقاء كان مثمرا."
    x = extract(Article(id="t2", text=text, date="2015-08-11"))
    assert [q.text for q in x.quotations] == ["اللقاء كان مثمرا"]
