"""Tests of newsgraph.extract.layout: bylines, date lines and datelines (sentences written for the tests)."""
from __future__ import annotations

import pytest

from newsgraph.extract.layout import byline_credits, layout_text


@pytest.mark.parametrize("byline, expected", [
    ("الدوحة: واس", {("dateline", "الدوحة"), ("agency", "واس")}),
    ("غزة - رويترز", {("dateline", "غزة"), ("agency", "رويترز")}),
    ("واس - جدة", {("agency", "واس"), ("dateline", "جدة")}),
    ("شانغهاي - أ ف ب", {("dateline", "شانغهاي"), ("agency", "أ ف ب")}),
    ("لندن: «صحيفة المساء»", {("dateline", "لندن"), ("publisher", "صحيفة المساء")}),
    ("سامي الكاتب (جدة)", {("author", "سامي الكاتب"), ("dateline", "جدة")}),
    ("وكالات", set()),
    ("وكالات - صنعاء", {("dateline", "صنعاء")}),
    ("القاهرة : واس", {("dateline", "القاهرة"), ("agency", "واس")}),
    ("«الصحيفة» من الرياض", {("publisher", "الصحيفة"), ("dateline", "الرياض")}),
    ("القاهرة - سامي الكاتب:", {("dateline", "القاهرة"), ("author", "سامي الكاتب")}),
    ("دمشق، بيروت - الوكالات", {("dateline", "دمشق"), ("dateline", "بيروت")}),
    ("عمان - الدوحة: «الصحيفة»", {("dateline", "عمان"), ("dateline", "الدوحة"), ("publisher", "الصحيفة")}),
    ("أ ف ب ـ روما", {("agency", "أ ف ب"), ("dateline", "روما")}),
    ("د. سامي الكاتب *", {("author", "د. سامي الكاتب")}),
    ("بيروت 5 رمضان 1436 هـ الموافق 22 يونيو 2015 م واس", {("dateline", "بيروت"), ("agency", "واس")}),
])
def test_layout_byline_credits(byline, expected):
    found = byline_credits(byline, 0, len(byline))
    assert {(c.kind, c.text) for c in found} == expected
    for c in found:
        assert c.span.of(byline) == c.text


@pytest.mark.parametrize("line, date, byline, expected", [
    ("الجمعة 10 يونيو 2022", "2022-06-10", False, set()),
    ("نشر في: ٣ أيار ٢٠٢١", "2021-05-03", False, set()),
    ("القاهرة - 10 يونيو 2022", "2022-06-10", True, {("dateline", "القاهرة")}),
    ("جدة 5 رمضان 1436 هـ واس", "2015-06-22", True, {("dateline", "جدة"), ("agency", "واس")}),
])
def test_layout_date_lines(line, date, byline, expected):
    text = f"عنوان الخبر\n{line}\n\nقال المتحدث إن الاجتماع مفيد."
    lay = layout_text(text)
    assert lay.date == date
    assert (lay.byline is not None) == byline
    assert {(c.kind, c.text) for c in lay.credits} == expected
    assert [p.span.of(text) for p in lay.paragraphs] == ["قال المتحدث إن الاجتماع مفيد."]


def test_layout_dateline_calendars_disagree(caplog):
    text = "عنوان\nجدة 5 رمضان 1436 هـ الموافق 1 يونيو 2015 م واس\nنص الخبر."
    with caplog.at_level("WARNING", logger="newsgraph.extract.layout"):
        lay = layout_text(text)
    assert lay.date == "2015-06-01"
    assert "disagree" in caplog.text


def test_layout_title_or_sentence_with_a_date_is_no_dateline():
    text = "الوزراء يجتمعون في 10 يونيو 2022\nالتقى الوزير في 11 يونيو 2022 نظيره في العاصمة الجديدة للبلاد\nنص."
    lay = layout_text(text)
    assert lay.title.of(text) == "الوزراء يجتمعون في 10 يونيو 2022"
    assert lay.byline is None and lay.date is None
    assert len(lay.paragraphs) == 2
