"""Tests for newsgraph.extract.arabic (sentences written for the tests)."""
from __future__ import annotations

import pytest

from newsgraph.extract.arabic import FoldedText, fold, proclitic_variants, split_sentences, tokenize


@pytest.mark.parametrize(("raw", "folded"), [
    ("أحمد", "احمد"), ("إلى", "الي"), ("آمال", "امال"), ("مدرسة", "مدرسه"), ("مؤتمر", "موتمر"),
    ("رئيس", "رييس"), ("كَتَبَ", "كتب"), ("عـــرب", "عرب"), ("٢٠١٥", "2015"), ("۱۲", "12"), ("TASS", "tass"),
    ("ﻻ", "لا"),
])
def test_fold_forms(raw: str, folded: str) -> None:
    assert fold(raw) == folded


def test_folded_text_maps_back_to_original_offsets() -> None:
    text = "قالَ الوزيـرُ إنّ"
    ft = FoldedText.of(text)
    i = ft.text.index("الوزير")
    s, e = ft.span(i, i + len("الوزير"))
    assert text[s:e].startswith("الوزيـر")
    assert fold(text[s:e]) == "الوزير"


def test_tokenize_keeps_diacritics_inside_words() -> None:
    toks = tokenize("كَتَبَ الطالبُ 3.5 صفحة، ثم خرج.")
    assert [t.norm for t in toks] == ["كتب", "الطالب", "3.5", "صفحه", "،", "ثم", "خرج", "."]
    assert toks[0].text == "كَتَبَ"
    assert [t.kind for t in toks[2:5]] == ["num", "word", "punct"]


def test_split_sentences_respects_quotes_abbreviations_and_lines() -> None:
    text = "قال المدير: «وصلنا. وسنبقى» ثم غادر. نقلت أ. ف. ب الخبر؟ نعم\nسطر آخر"
    got = [text[a:b] for a, b in split_sentences(text)]
    assert got == ["قال المدير: «وصلنا. وسنبقى» ثم غادر.", "نقلت أ. ف. ب الخبر؟", "نعم", "سطر آخر"]


def test_split_sentences_keeps_decimal_numbers() -> None:
    assert len(split_sentences("بلغ النمو 3.5 بالمئة هذا العام.")) == 1


@pytest.mark.parametrize(("token", "expected"), [
    ("وللامم", (1, "للامم")), ("للامم", (1, "الامم")), ("وبموسكو", (2, "موسكو")), ("والصين", (1, "الصين")),
    ("الروسيه", (2, "روسيه")), ("فبالقاهره", (2, "القاهره")), ("كالسهم", (1, "السهم")),
])
def test_proclitic_variants(token: str, expected: tuple[int, str]) -> None:
    got = proclitic_variants(token)
    assert got[0] == (0, token)
    assert expected in got


def test_proclitic_variants_leave_short_stems() -> None:
    assert all(len(stem) >= 2 for _, stem in proclitic_variants("وبه"))
