"""Corpus builds: batches, skip-unchanged, bad records, parallel extraction, crashes and Ctrl-C."""
from __future__ import annotations

import json
import os
import signal
from pathlib import Path

import pytest
from click.testing import CliRunner

from newsgraph.cli import main
from newsgraph.errors import StoreError
from newsgraph.graph import iri
from newsgraph.graph.build import load_reference_graphs
from newsgraph.graph.corpus import build_paths, problem_line
from newsgraph.graph.progress import count_articles
from newsgraph.graph.store import open_store

#: Short records written for these tests (not from the corpus).
SENTENCES = ["قال الوزير سامي نور إن التعاون مستمر.", "اجتمع وفد منظمة النخيل في موسكو.",
             "أكد المجلس أن الحوار ضروري.", "زار الرئيس عادل فهد مدينة الواحة.",
             "أعلنت الوزارة عن خطة جديدة.", "وصل الوفد إلى العاصمة صباح اليوم.", "ناقش المجلس ملف المياه."]


def record(n: int, text: str | None = None) -> dict:
    """A small news record with url id ``urn:test:<n>``."""
    return {"url": f"urn:test:{n}", "title": f"خبر رقم {n}", "content": text or SENTENCES[n % len(SENTENCES)]}


def write_jsonl(path: Path, records: list, bad_lines: dict[int, str] | None = None) -> Path:
    """Write records one per line; ``bad_lines`` puts raw text at those 0-based positions."""
    lines = [json.dumps(r, ensure_ascii=False) for r in records]
    for pos, raw in sorted((bad_lines or {}).items()):
        lines.insert(pos, raw)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def article_graphs(store) -> set[str]:  # noqa: ANN001
    """The stored article graph IRIs."""
    prefix = iri.article_iri("x")[:-1]
    return {g for g in store.graphs() if g.startswith(prefix)}


def test_bad_record_is_reported_with_its_line_and_skipped(tmp_path: Path) -> None:
    src = write_jsonl(tmp_path / "news.jsonl", [record(1), record(2)], {1: "{not json"})
    seen: list[str] = []
    with open_store(tmp_path / "db", create=True) as store:
        report = build_paths(store, [src], on_problem=seen.append)
        assert report.count("built") == 2 and report.ok
        assert len(article_graphs(store)) == 2
    assert seen == report.skipped and len(seen) == 1
    assert seen[0].startswith(f"{src}:2: ") and seen[0].endswith("(skipped)")


def test_unchanged_articles_are_skipped_with_one_hash_query_per_batch(tmp_path: Path) -> None:
    src = write_jsonl(tmp_path / "news.jsonl", [record(i) for i in range(5)])
    with open_store(tmp_path / "db", create=True) as store:
        first = build_paths(store, [src], batch_size=2)
        assert first.count("built") == 5
        queries: list[str] = []
        real_query = store.query
        store.query = lambda sparql, bindings=None: (queries.append(sparql), real_query(sparql, bindings))[1]
        again = build_paths(store, [src], batch_size=2)
        assert again.count("unchanged") == 5 and again.count("built") == 0
        hash_queries = [q for q in queries if "contentHash" in q]
        assert len(hash_queries) == 3                      # ceil(5 / 2) batches, one query each
        # an edited article is rebuilt, the others stay
        write_jsonl(src, [record(i) for i in range(4)] + [record(4, "نص جديد كتب للاختبار.")])
        edited = build_paths(store, [src], batch_size=2)
        assert edited.count("built") == 1 and edited.results[-1].article == "urn:test:4"
        forced = build_paths(store, [src], batch_size=2, force=True)
        assert forced.count("built") == 5


def test_each_batch_is_one_transaction(tmp_path: Path) -> None:
    src = write_jsonl(tmp_path / "news.jsonl", [record(i) for i in range(5)])
    with open_store(tmp_path / "db", create=True) as store:
        load_reference_graphs(store)
        updates: list[str] = []
        real_update = store.update
        store.update = lambda sparql: (updates.append(sparql), real_update(sparql))[1]
        report = build_paths(store, [src], batch_size=2)
        assert report.count("built") == 5
        assert len(updates) == 3 and [u.count("INSERT DATA") for u in updates] == [2, 2, 1]


def test_a_failed_batch_leaves_earlier_batches_and_old_versions_intact(tmp_path: Path) -> None:
    src = write_jsonl(tmp_path / "news.jsonl", [record(i) for i in range(6)])
    db = tmp_path / "db"
    a_iris = [iri.article_iri(f"urn:test:{i}") for i in range(6)]
    with open_store(db, create=True) as store:
        build_paths(store, [src])
        old = {g: (store.content_hash(g), store.triple_count(g)) for g in a_iris}
    # every text changes; writing the second batch fails (a full disk, a crash)
    write_jsonl(src, [record(i, f"نص معدل رقم {i} كتب للاختبار.") for i in range(6)])
    with open_store(db) as store:
        real_update, calls = store.update, []

        def failing(sparql: str) -> None:
            calls.append(sparql)
            if len(calls) == 2:
                raise StoreError("update failed: disk full")
            real_update(sparql)

        store.update = failing
        with pytest.raises(StoreError):
            build_paths(store, [src], batch_size=2)
    with open_store(db) as store:
        now = {g: (store.content_hash(g), store.triple_count(g)) for g in a_iris}
        assert [now[g][0] != old[g][0] for g in a_iris] == [True, True, False, False, False, False]
        assert all(now[g] == old[g] for g in a_iris[2:])      # the failed batch: old versions, whole
        report = build_paths(store, [src], batch_size=2)
        assert [r.status for r in report.results] == ["unchanged"] * 2 + ["built"] * 4


def test_ctrl_c_stops_after_the_current_batch(tmp_path: Path) -> None:
    src = write_jsonl(tmp_path / "news.jsonl", [record(i) for i in range(8)])

    def interrupt_once(result) -> None:  # noqa: ANN001
        if not getattr(interrupt_once, "done", False):
            interrupt_once.done = True
            os.kill(os.getpid(), signal.SIGINT)

    with open_store(tmp_path / "db", create=True) as store:
        report = build_paths(store, [src], batch_size=2, on_result=interrupt_once)
        assert report.interrupted
        built = {r.article for r in report.results if r.status == "built"}
        assert built == {f"urn:test:{i}" for i in range(4)}   # the batch written, then the one in flight
        assert len(article_graphs(store)) == 4
    again_store = open_store(tmp_path / "db")
    with again_store as store:
        rest = build_paths(store, [src], batch_size=2)
        assert rest.count("unchanged") == 4 and rest.count("built") == 4


def test_parallel_build_stores_the_same_graphs(tmp_path: Path) -> None:
    src = write_jsonl(tmp_path / "news.jsonl", [record(i) for i in range(6)])
    dumps = []
    for jobs in (1, 2):
        with open_store(tmp_path / f"db{jobs}", create=True) as store:
            report = build_paths(store, [src], jobs=jobs, batch_size=4)
            assert report.count("built") == 6 and [r.article for r in report.results] == \
                [f"urn:test:{i}" for i in range(6)]
            dumps.append(store.dump("nquads"))
    assert dumps[0] == dumps[1]


def test_cli_exit_codes_and_messages(tmp_path: Path) -> None:
    runner = CliRunner()
    db = str(tmp_path / "db")
    mixed = write_jsonl(tmp_path / "mixed.jsonl", [record(1)], {1: "[broken"})
    result = runner.invoke(main, ["build", str(mixed), "--db", db, "-q"])
    assert result.exit_code == 0, result.output
    assert f"{mixed}:2: " in result.stderr and "(skipped)" in result.stderr
    assert "1 built, 0 unchanged, 1 skipped, 0 failed" in result.stderr
    only_bad = write_jsonl(tmp_path / "bad.jsonl", [], {0: "{", 1: "[1, 2"})
    result = runner.invoke(main, ["build", str(only_bad), "--db", db, "-q"])
    assert result.exit_code == 2 and "0 built, 0 unchanged, 2 skipped" in result.stderr
    result = runner.invoke(main, ["build", str(tmp_path / "missing.jsonl"), "--db", db, "-q"])
    assert result.exit_code == 2 and "missing.jsonl" in result.stderr


def test_count_articles_and_problem_line(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    write_jsonl(folder / "a.jsonl", [record(1), record(2)], {2: ""})
    (folder / "b.txt").write_text("عنوان\n\nنص.", encoding="utf-8")
    assert count_articles([folder]) == 3
    assert count_articles([tmp_path / "nothing"]) is None
    from newsgraph.extract.reader import ReadProblem

    assert problem_line(ReadProblem("f.jsonl", 7, "f.jsonl:7: malformed JSON")) == "f.jsonl:7: malformed JSON (skipped)"
    assert problem_line(ReadProblem("f.jsonl", 7, "empty record")) == "f.jsonl:7: empty record (skipped)"
