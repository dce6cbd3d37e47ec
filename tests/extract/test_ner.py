"""Tests for newsgraph.extract.ner: the shipped CRF model, its tokenisation and its spans.

Sentences are written for these tests (not taken from the corpus)."""
from __future__ import annotations

import pytest

from newsgraph.errors import NewsgraphError
from newsgraph.extract import ner
from newsgraph.extract.model import Span


def test_ner_model_ships_inside_the_package():
    assert ner.MODEL_DIR.parent.parent.name == "extract"
    assert ner.available()
    tagger = ner.load()
    assert {"O", "B-PERS", "I-PERS", "B-ORG", "B-LOC"} <= set(tagger.labels)
    size = sum(f.stat().st_size for f in ner.MODEL_DIR.iterdir())
    assert size <= 20_000_000


@pytest.mark.parametrize("text", [
    "قال الرئيس محمد أحمد إن الوفد سيزور القاهرة غدا.",
    "وصل وزير الخارجية إلى بيروت، واجتمع مع رئيس الحكومة.\nثم غادر إلى عمّان.",
    "",
    "   ...   ",
    "The minister met John Smith in London.",
])
def test_ner_predict_returns_valid_spans(text):
    spans = ner.predict(text)
    assert spans == sorted(spans)
    for start, end, label in spans:
        assert 0 <= start < end <= len(text)
        assert label in ner.LABELS
        assert text[start:end] == text[start:end].strip()
        assert text[start].isalnum() and text[end - 1].isalnum()


@pytest.mark.parametrize(("text", "name", "label"), [
    ("وقال الرئيس محمد عبد الله في مؤتمر صحفي إن المحادثات كانت مثمرة.", "محمد عبد الله", "PERS"),
    ("وصل الوفد إلى القاهرة صباح اليوم في زيارة رسمية.", "القاهرة", "LOC"),
    ("أعلنت الأمم المتحدة أمس عن خطة جديدة للمساعدات.", "الأمم المتحدة", "ORG"),
])
def test_ner_predict_finds_an_easy_entity(text, name, label):
    found = {(text[s:e], lab) for s, e, lab in ner.predict(text)}
    assert (name, label) in found


def test_ner_predict_detaches_a_conjunction_but_not_a_first_letter():
    text = "زار الوزير مصر والأردن وقابل وليد سعيد في عمان."
    found = {text[s:e] for s, e, _ in ner.predict(text)}
    assert "الأردن" in found
    assert "والأردن" not in found


def test_ner_predict_only_tags_the_given_spans():
    first = "التقى الرئيس محمد عبد الله نظيره في القاهرة."
    text = first + " وصل الوفد إلى دمشق أمس."
    inside = ner.predict(text, [Span(0, len(first))])
    assert inside
    assert all(e <= len(first) for _, e, _ in inside)
    everywhere = ner.predict(text)
    assert set(inside) < set(everywhere)


def test_ner_predict_rejects_a_span_outside_the_text():
    with pytest.raises(NewsgraphError):
        ner.predict("القاهرة", [Span(0, 50)])


def test_ner_tokenize_keeps_diacritics_in_words_and_splits_punctuation():
    text = "قالَ «مُحمّد»: 3.5%"
    tokens = [text[s:e] for s, e in ner.tokenize(text)]
    assert tokens == ["قالَ", "«", "مُحمّد", "»", ":", "3.5", "%"]


def test_ner_entity_spans_reads_iob2():
    labels = ["B-PERS", "I-PERS", "O", "I-LOC", "B-ORG", "B-ORG", "I-ORG"]
    assert ner.entity_spans(labels) == [(0, 2, "PERS"), (3, 4, "LOC"), (4, 5, "ORG"), (5, 7, "ORG")]


def test_ner_tag_batch_matches_one_sentence_at_a_time():
    tagger = ner.load()
    sentences = [
        "قال الرئيس محمد عبد الله إن الوفد وصل".split(),
        [],
        "زار الوزير دمشق".split(),
        "أعلنت الأمم المتحدة في جنيف عن خطة جديدة للمساعدات الإنسانية في اليمن وسوريا والعراق".split(),
        ["القاهرة"],
    ]
    batch = tagger.tag_batch(sentences)
    assert batch == [tagger.tag(s) if s else [] for s in sentences]
    assert [len(b) for b in batch] == [len(s) for s in sentences]


def test_ner_tagger_from_a_missing_folder_says_how_to_build_it(tmp_path):
    with pytest.raises(NewsgraphError, match="make train-ner") as err:
        ner.Tagger(tmp_path / "nothing-here")
    assert "\n" not in str(err.value)
