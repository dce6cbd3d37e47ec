"""Stored answers (graph/answers.py): read back only while the store is unchanged, same rows as evaluating."""
from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import TEXT_2, make_extraction

from newsgraph import queries
from newsgraph.cli import main
from newsgraph.graph import answers
from newsgraph.graph.store import open_store

Q = "SELECT ?a WHERE { ?a a <https://w3id.org/newsgraph/ontology#NewsArticle> } ORDER BY ?a"


def test_an_answer_is_read_back_only_at_the_generation_it_was_computed_at(tmp_path: Path) -> None:
    answers.renew_generation(tmp_path)
    token = answers.generation(tmp_path)
    assert token and answers.load(tmp_path, Q) is None
    assert answers.save(tmp_path, Q, token, ["a"], [["x"], [None]])
    assert answers.load(tmp_path, Q) == (["a"], [["x"], [None]])
    assert answers.load(tmp_path, Q + " LIMIT 1") is None        # another text is another answer
    answers.renew_generation(tmp_path)
    assert answers.generation(tmp_path) != token
    assert answers.load(tmp_path, Q) is None                      # any write makes it stale


def test_a_damaged_or_foreign_answer_file_is_ignored(tmp_path: Path) -> None:
    answers.renew_generation(tmp_path)
    token = answers.generation(tmp_path)
    answers.save(tmp_path, Q, token, ["a"], [["x"]])
    (f,) = (tmp_path / answers.ANSWERS_DIR).glob("*.json")
    f.write_text("{not json", encoding="utf-8")
    assert answers.load(tmp_path, Q) is None
    f.write_text(json.dumps({"format": 1, "generation": token, "query": "other", "columns": [], "rows": []}),
                 encoding="utf-8")
    assert answers.load(tmp_path, Q) is None                      # a hash collision cannot serve another query
    (tmp_path / answers.GENERATION_FILE).unlink()
    assert answers.generation(tmp_path) is None and answers.load(tmp_path, Q) is None


def test_old_answers_are_pruned(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(answers, "MAX_ANSWERS", 3)
    answers.renew_generation(tmp_path)
    token = answers.generation(tmp_path)
    for i in range(5):
        text = f"{Q} LIMIT {i + 1}"
        answers.save(tmp_path, text, token, ["a"], [[str(i)]])
        stamp = 1_000_000 + i                                     # written one after the other
        os.utime(tmp_path / answers.ANSWERS_DIR / f"{answers._key(text)}.json", (stamp, stamp))
    assert len(list((tmp_path / answers.ANSWERS_DIR).glob("*.json"))) == 3
    assert answers.load(tmp_path, f"{Q} LIMIT 1") is None        # the oldest went
    assert answers.load(tmp_path, f"{Q} LIMIT 5") is not None     # the newest stays
    assert answers.clear(tmp_path) == 3 and answers.load(tmp_path, f"{Q} LIMIT 5") is None


def test_every_write_renews_the_generation(built_store) -> None:  # noqa: ANN001
    before = answers.generation(built_store.location)
    built_store.update("INSERT DATA { GRAPH <urn:g> { <urn:a> <urn:b> <urn:c> } }")
    after = answers.generation(built_store.location)
    assert before and after and before != after
    built_store.replace_graph_ntriples("urn:g", "<urn:a> <urn:b> <urn:d> .")
    assert answers.generation(built_store.location) != after


@pytest.mark.parametrize("name", ["articles", "entities", "quotes", "events", "positions", "network"])
def test_a_stored_answer_has_the_rows_of_evaluating_and_follows_every_change(built_store, name: str) -> None:  # noqa: ANN001
    from newsgraph.graph.corpus import store_extraction

    q = queries.load(name)
    first = queries.run(built_store, q, lang="en")
    assert first.rows, f"{name} has rows on the test store"
    assert list((Path(built_store.location) / answers.ANSWERS_DIR).glob("*.json")), "the answer was stored"
    again = queries.run(built_store, q, lang="en")
    fresh = queries.run(built_store, q, lang="en", fresh=True)
    assert again.columns == fresh.columns == first.columns and again.rows == fresh.rows == first.rows
    # a third article changes the answer: the stored one must not be served
    store_extraction(built_store, make_extraction("test-article-3", TEXT_2.replace("لقاء ثان", "لقاء ثالث"),
                                                  "2022-06-12"))
    changed = queries.run(built_store, q, lang="en")
    assert changed.rows == queries.run(built_store, q, lang="en", fresh=True).rows
    if name in ("articles", "quotes"):
        assert len(changed.rows) > len(first.rows)


def run(*args: str):  # noqa: ANN201
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def write_articles(folder: Path) -> Path:
    folder.mkdir()
    (folder / "one.txt").write_text("لقاء في موسكو\nقال الوزير سامي نور إن التعاون مستمر.\n", encoding="utf-8")
    return folder


def test_build_stores_the_answers_and_query_reads_them_until_the_store_changes(tmp_path: Path) -> None:
    db = tmp_path / "kg.db"
    src = write_articles(tmp_path / "in")
    assert run("build", str(src), "--db", str(db), "--quiet").exit_code == 0
    stored = {json.loads(f.read_bytes())["query"] for f in (db / answers.ANSWERS_DIR).glob("*.json")}
    assert len(stored) == len([n for n in queries.names() if "-" not in n])
    out = run("query", "articles", "--db", str(db), "-f", "json")
    assert out.exit_code == 0 and len(json.loads(out.output)) == 1
    # a second article, then the same query: two rows, not the stored one
    (src / "two.txt").write_text("لقاء ثان\nوأكد سامي نور أن الحوار ضروري.\n", encoding="utf-8")
    assert run("build", str(src), "--db", str(db), "--quiet", "--no-answers").exit_code == 0
    assert len(json.loads(run("query", "articles", "--db", str(db), "-f", "json").output)) == 2
    # an update through the CLI makes it stale too
    upd = ("DELETE WHERE { GRAPH ?g { ?a a <https://w3id.org/newsgraph/ontology#NewsArticle> ; "
           "<https://w3id.org/newsgraph/ontology#title> ?t } }")
    assert run("query", "--sparql", upd, "--db", str(db), "--allow-update").exit_code == 0
    assert json.loads(run("query", "articles", "--db", str(db), "-f", "json").output) == []
    # an unchanged rebuild stores nothing new and keeps the answers valid
    gen = answers.generation(db)
    assert run("build", str(src), "--db", str(db), "--quiet").exit_code == 0
    assert answers.generation(db) == gen


def test_a_store_folder_where_answers_cannot_be_written_still_answers(tmp_path: Path) -> None:
    db = tmp_path / "kg.db"
    assert run("build", str(write_articles(tmp_path / "in")), "--db", str(db), "--quiet", "--no-answers").exit_code == 0
    (db / answers.ANSWERS_DIR).write_bytes(b"")                  # a file where the answers folder would go
    for _ in range(2):
        out = run("query", "articles", "--db", str(db), "-f", "json")
        assert out.exit_code == 0 and len(json.loads(out.output)) == 1
    assert (db / answers.ANSWERS_DIR).is_file()


def test_a_store_written_by_other_tools_is_always_evaluated(tmp_path: Path, built_template: Path) -> None:
    db = tmp_path / "copy.db"
    shutil.copytree(built_template, db)
    (db / answers.GENERATION_FILE).unlink()
    with open_store(db, read_only=True) as store:
        assert queries.run(store, queries.load("articles"), lang="en").rows
    assert not (db / answers.ANSWERS_DIR).exists()
