"""Tests for tools/train_ner.py: how ANERcorp is read, re-tokenised, split and scored.

The tiny corpus below is written for the tests."""
from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from newsgraph.extract import ner

_TOOL = Path(__file__).resolve().parents[2] / "tools" / "train_ner.py"


@pytest.fixture(scope="module")
def train_ner():
    spec = importlib.util.spec_from_file_location("train_ner", _TOOL)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


CONLL = """زار B-PERS
(سمير I-PERS
علي) I-PERS
 O
القاهرة B-LOC
. O

وصل O
الوفد O

زار B-PERS
"""


def test_ner_training_reads_conll_and_drops_blank_tokens(train_ner, tmp_path):
    path = tmp_path / "mini.conll"
    path.write_text(CONLL, encoding="utf-8")
    sentences = train_ner.read_conll(path)
    assert [len(s) for s in sentences] == [5, 2, 1]
    assert sentences[0][3] == ("القاهرة", "B-LOC")


def test_ner_training_retokenize_keeps_edge_punctuation_outside_entities(train_ner):
    tokens, tags = train_ner.retokenize([("قال", "O"), ("(سمير", "B-PERS"), ("علي)", "I-PERS"), ("،", "O")])
    assert tokens == ["قال", "(", "سمير", "علي", ")", "،"]
    assert tags == ["O", "O", "B-PERS", "I-PERS", "O", "O"]
    assert ner.entity_spans(tags) == [(2, 4, "PERS")]


def test_ner_training_dev_split_drops_sentences_repeated_in_training(train_ner):
    a, b, c = [("أ", "O")], [("ب", "O")], [("ج", "O")]
    train, dev = train_ner.split([a, b, c, a, c, b, b, a, b, c], 0.2)
    assert len(train) == 8
    assert dev == []
    train, dev = train_ner.split([a, b, a, b, c], 0.2)
    assert dev == [c]


def test_ner_training_score_counts_exact_matches(train_ner):
    class Fixed:
        def tag(self, tokens):
            return ["B-PERS", "I-PERS", "O", "B-LOC"]

    gold = [(["a", "b", "c", "d"], ["B-PERS", "I-PERS", "O", "B-ORG"])]
    result = train_ner.score(Fixed(), gold)
    assert result["PERS"]["f1"] == 1.0
    assert result["ORG"]["recall"] == 0.0
    assert result["PERS+ORG+LOC"]["precision"] == 0.5
    assert result["PERS+ORG+LOC"]["recall"] == 0.5


def test_ner_training_word_clusters_group_words_used_alike(train_ner):
    texts = ["قال كيري اليوم إن", "قال بوتين اليوم إن", "زار الوفد دمشق أمس", "زار الوفد بغداد أمس"] * 5
    featurizer = ner.Featurizer(train_ner.FEATURES, {})
    vocab = sorted({featurizer.fold(t) for text in texts for t in text.split()})
    classes = train_ner.word_clusters(featurizer, texts, vocab, min_count=1, contexts=12, dims=6, ks=(4,))
    assert set(classes) == set(vocab)
    assert classes["كيري"] == classes["بوتين"]
    assert classes["دمشق"] == classes["بغداد"]
    assert classes["كيري"] != classes["دمشق"]
    assert classes == train_ner.word_clusters(featurizer, texts, vocab, min_count=1, contexts=12, dims=6, ks=(4,))
