"""A title followed by words that are no name stands alone: its holder is the KB's on the article date."""
from __future__ import annotations

from newsgraph.extract.model import Article, Span
from newsgraph.extract.pipeline import extract

ID = "https://w3id.org/newsgraph/id/"


def _run(body: str, date: str = "2015-08-01"):
    text = "عنوان تجريبي\n" + body
    return text, extract(Article(id="t-title-alone", text=text, title=Span(0, text.index("\n")), date=date))


def test_title_before_a_prepositional_phrase_names_the_kb_holder() -> None:
    # "بذكرى الاستقلال" after the title looks like a name, and the NER rightly rejects it.
    text, x = _run("وهنأ الرئيس التونسي بذكرى الاستقلال جميع المواطنين في البلاد.")
    post = ID + "country/TN/post/president"
    (rel,) = [r for r in x.relations if r.predicate == "holdsPost" and r.object == post]
    assert rel.subject == ID + "person/beji-caid-essebsi"  # in office from 31 December 2014
    assert text[rel.span.start:rel.span.end] == "الرئيس التونسي"
    assert any(m.entity == rel.subject and m.kind == "title" and m.text == "الرئيس التونسي" for m in x.mentions)
    assert not any(e.category == "Person" and "ذكر" in e.label for e in x.entities)


def test_title_alone_names_nobody_when_the_kb_knows_no_holder_then() -> None:
    _, x = _run("وهنأ الرئيس التونسي بذكرى الاستقلال جميع المواطنين في البلاد.", date="1900-01-01")
    assert not [r for r in x.relations if r.predicate == "holdsPost"]
