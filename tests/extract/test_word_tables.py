"""The word lists read from ``extract/data`` kind/word tables: well-formed, folded, in file order."""
from __future__ import annotations

import pytest

from newsgraph.extract.entities import DATA, word_lists, words_of

WORD_TABLES = ("event_words.tsv", "function_words.tsv", "name_words.tsv")
#: kinds moved from code with unfolded rows kept as they were ("الرئيسان", "المسؤولان" never match a
#: folded token); folding them changes extraction output, which the move itself must not do
UNFOLDED_KNOWN = ("dual_subject",)


@pytest.mark.parametrize("name", WORD_TABLES)
def test_every_row_has_a_kind_and_one_word(name: str) -> None:
    for line in (DATA / name).read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            kind, word = line.split("\t")
            assert kind and word and " " not in word, line


@pytest.mark.parametrize("name", WORD_TABLES)
def test_words_are_folded_and_unique_per_kind(name: str) -> None:
    for kind, words in word_lists(name).items():
        assert len(set(words)) == len(words), kind
        if kind in UNFOLDED_KNOWN:
            continue
        for w in words:     # matched against folded tokens: an unfolded letter would never match
            assert not set(w) & set("أإآىةؤئ"), w


def test_words_of_keeps_file_order_and_the_asked_kinds() -> None:
    with_, prepositions = words_of("function_words.tsv", "with", "preposition")
    assert with_ == ("مع", "ومع")
    assert prepositions[:3] == ("في", "الي", "من")


def test_words_of_an_unknown_kind_is_a_key_error() -> None:
    with pytest.raises(KeyError):
        words_of("event_words.tsv", "no-such-kind")


def test_the_event_module_reads_its_words_from_the_table() -> None:
    from newsgraph.extract import events

    assert events._DO == word_lists("event_words.tsv")["do"]
    assert "هاتفيا" in events._BY_PHONE


def test_the_known_unfolded_rows_are_still_unfolded() -> None:
    """Fails once the dual_subject rows are folded: then UNFOLDED_KNOWN can go."""
    assert any(set(w) & set("أإآىةؤئ") for w in word_lists("event_words.tsv")["dual_subject"])
