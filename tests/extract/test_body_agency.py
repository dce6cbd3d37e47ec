"""The source agency named in the body when no credit names one."""
from __future__ import annotations

from newsgraph.extract.model import Article, Span
from newsgraph.extract.pipeline import extract


def _agency(body: str) -> str | None:
    text = "عنوان تجريبي\n" + body
    x = extract(Article(id="t-agency", text=text, title=Span(0, text.index("\n")), date="2015-08-01"))
    return x.info.source_agency


def test_an_agency_nisba_after_according_to_is_the_source() -> None:
    assert (_agency("وقع انفجار في وسط المدينة صباح اليوم، بحسب الألمانية.") or "").endswith("/org/dpa")


def test_a_named_agency_after_a_cue_is_the_source() -> None:
    assert (_agency("وقع انفجار في وسط المدينة صباح اليوم، وفقا لوكالة رويترز.") or "").endswith("/org/reuters")


def test_no_cue_no_agency() -> None:
    assert _agency("زار الوزير الألماني المدينة اليوم.") is None


def test_a_byline_that_names_a_body_or_an_office_is_no_author() -> None:
    from newsgraph.extract.entities import gazetteer
    from newsgraph.extract.model import Credit
    from newsgraph.extract.pipeline import article_info, get_kb
    kb = get_kb()
    for credit, author in (("الأمم المتحدة", False), ("مكتب الرياض", False), ("سامر كمال", True)):
        art = Article(id="t-by", text="عنوان\nنص.", title=Span(0, 5), credits=(Credit("author", credit),))
        info = article_info(art, kb, gazetteer(kb))[0]
        assert bool(info.authors) is author, credit
