"""KB place names that are no place here: a common phrase ("مسقط رأس"), a very short name without a cue."""
from __future__ import annotations

from newsgraph.extract.arabic import tokenize
from newsgraph.extract.entities import gazetteer, match_kb
from newsgraph.extract.pipeline import get_kb


def _places(text: str) -> list[str]:
    gz = gazetteer(get_kb())
    return [f.key.rsplit("/", 1)[-1] for f in match_kb(tokenize(text), gz)]


def test_birthplace_phrase_is_not_the_city() -> None:
    assert "muscat" not in _places("عاد الشاعر إلى مسقط رأسه بعد سنوات.")
    assert "muscat" in _places("وصل الوفد إلى مسقط مساء أمس.")


def test_a_two_letter_city_needs_a_cue_word() -> None:
    assert "ibb" in _places("وقعت اشتباكات في محافظة إب أمس.")
    assert "ibb" not in _places("قال إب نعم للمقترح.")


def _entities(body: str) -> set[tuple[str, str]]:
    from newsgraph.extract.model import Article, Span
    from newsgraph.extract.pipeline import extract
    text = "عنوان\n" + body
    return {(e.type, e.key.rsplit("/", 1)[-1]) for e in extract(Article(id="t-q", text=text, title=Span(0, 5))).entities}


def test_a_quoted_region_name_that_is_a_newspapers_name_is_the_newspaper() -> None:
    got = _entities("وقال الوزير في تصريحات لـ«الشرق الأوسط» إن الزيارة ناجحة.")
    assert ("MediaOrganization", "aawsat") in got and ("Region", "middle-east") not in got
    assert ("Region", "middle-east") in _entities("وتحدث الوزير عن أزمات الشرق الأوسط أمس.")


def _orgs(body: str) -> set[str]:
    from newsgraph.extract.model import Article, Span
    from newsgraph.extract.pipeline import extract
    text = "عنوان\n" + body
    return {e.label for e in extract(Article(id="t-o", text=text, title=Span(0, 5))).entities
            if e.category in ("Organization", "Place")}


def test_a_place_closing_an_organisations_construct_chain_belongs_to_its_name() -> None:
    got = _orgs("وتتباحث هيئة موانئ دبي مع الشركات الكبرى.")
    assert "هيئة موانئ دبي" in got and "دبي" not in got


def test_public_is_an_adjective_inside_an_organisations_name() -> None:
    assert "هيئة النقل العام" in _orgs("وقدمت هيئة النقل العام حافلات جديدة.")


def test_vowelling_tells_oman_from_amman() -> None:
    from newsgraph.extract.model import Article
    from newsgraph.extract.pipeline import extract

    def places(text: str) -> set[str]:
        x = extract(Article(id="t", text=text, date="2015-08-03"))
        return {e.key.rsplit("/", 2)[-2] + "/" + e.key.rsplit("/", 1)[-1] for e in x.entities if e.category == "Place"}
    assert places("عُمان تستقبل الوزير اليوم.") == {"country/OM"}
    assert places("وصل الوزير إلى عمّان اليوم.") == {"city/amman"}
