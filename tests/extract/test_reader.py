"""Tests of newsgraph.extract.reader on small fixtures written for them (tests/data/reader)."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from newsgraph.errors import InputError
from newsgraph.extract.reader import ReadProblem, article_from_record, language, read

DATA = Path(__file__).parent.parent / "data" / "reader"


def one(path: Path):
    """The single article of a file."""
    articles = list(read(path))
    assert len(articles) == 1
    return articles[0]


def credits(article) -> set[tuple[str, str]]:
    return {(c.kind, c.text) for c in article.credits}


def check_spans(article) -> None:
    """Every span points into the text, and credits' spans cover their text."""
    t = article.text
    for sp in [article.title, article.byline, article.date_span, *article.furniture,
               *(p.span for p in article.paragraphs)]:
        if sp is not None:
            assert 0 <= sp.start < sp.end <= len(t)
            assert sp.of(t) == sp.of(t).strip()
    for c in article.credits:
        if c.span is not None:
            assert c.span.of(t) == c.text


def test_reader_agency_item_with_hijri_dateline():
    a = one(DATA / "spa-visit-2016-03-02.txt")
    check_spans(a)
    assert a.title.of(a.text) == "وزير التجارة يستقبل وفدا تجاريا"
    assert a.date == "2016-03-02"
    assert a.date_span.of(a.text).startswith("2 مارس 2016")
    assert a.byline.of(a.text).startswith("الرياض 22 جمادى")
    assert credits(a) == {("dateline", "الرياض"), ("agency", "واس")}
    furniture = [f.of(a.text) for f in a.furniture]
    assert "// يتبع //" in furniture and "//انتهى//" in furniture and "10:20 ت م" in furniture
    assert any("إضافة أولى وأخيرة" in f for f in furniture)
    paras = [p.span.of(a.text) for p in a.paragraphs]
    assert paras == ["استقبل وزير التجارة اليوم في مكتبه وفدا من رجال الأعمال.",
                     "وبحث الجانبان سبل زيادة التبادل التجاري بين البلدين.",
                     "وأكد الوزير أن اللقاء كان مثمرا."]
    assert a.id == "spa-visit-2016-03-02" and a.publisher_hint == "spa"


def test_reader_web_page_text_with_credits_and_heading():
    a = one(DATA / "portal-forum-2022-06-10.txt")
    check_spans(a)
    assert a.title.of(a.text) == "المنتدى يناقش التعاون الإقليمي في دورته الخامسة"
    assert a.date == "2022-06-10" and a.date_span.of(a.text) == "١٠ حزيران ٢٠٢٢"
    assert a.byline is None
    assert credits(a) == {("photo", "المكتب الصحفي للمنتدى"), ("source", "وكالة أنباء المنتدى"),
                          ("publisher", "بوابة الحوار الإقليمي")}
    assert {"Ru En", "https://forum.example.org/ar/news/5"} <= {f.of(a.text) for f in a.furniture}
    kinds = [(p.kind, p.span.of(a.text)) for p in a.paragraphs]
    assert kinds[1] == ("heading", "محاور النقاش")
    assert [k for k, _ in kinds] == ["paragraph", "heading", "paragraph"]


def test_reader_date_from_file_name_and_place_agency_byline():
    a = one(DATA / "daily-talks-2015-05-04.txt")
    assert a.date == "2015-05-04" and a.date_span is None
    assert a.byline.of(a.text) == "عمان - رويترز"
    assert credits(a) == {("dateline", "عمان"), ("agency", "رويترز")}
    assert len(a.paragraphs) == 2


def test_reader_jsonl_skips_bad_record_and_reports_line():
    problems: list[ReadProblem] = []
    arts = list(read(DATA / "records.jsonl", on_error=problems.append))
    assert [a.id for a in arts] == ["http://example.com/news/1", "records#3"]
    assert [(Path(p.path).name, p.line) for p in problems] == [("records.jsonl", 2)]
    assert "malformed JSON" in problems[0].message
    first, third = arts
    check_spans(first)
    assert first.text.startswith("الوزير يزور العاصمة\nالقاهرة: أحمد كاتب\n\n")
    assert first.date == "2015-07-21" and first.publisher_hint == "examplenews"
    assert first.url == "http://example.com/news/1"
    assert credits(first) == {("dateline", "القاهرة"), ("author", "أحمد كاتب")}
    assert third.url is None and third.publisher_hint == "otherpaper"
    # a byline run into the content is recognised and kept out of the paragraph
    assert third.byline.of(third.text) == "المدينة- وكالات"
    assert third.paragraphs[0].span.of(third.text) == "عقد اجتماع في المدينة اليوم."


def test_reader_json_list_and_single_record(tmp_path):
    rec = {"title": "عنوان", "author": "", "content": "نص الخبر.", "date_extracted": "2016-01-02"}
    (tmp_path / "one.json").write_text(json.dumps(rec), encoding="utf-8")
    (tmp_path / "many.json").write_text(json.dumps([rec, rec]), encoding="utf-8")
    assert [a.id for a in read(tmp_path / "one.json")] == ["one"]
    assert [a.id for a in read(tmp_path / "many.json")] == ["many#1", "many#2"]
    assert next(iter(read(tmp_path / "one.json"))).date == "2016-01-02"


def test_reader_html_through_trafilatura():
    a = one(DATA / "page.html")
    check_spans(a)
    assert a.title.of(a.text) == "المجلس يقر خطة العمل السنوية"
    assert a.date == "2016-04-12"
    assert a.url == "https://news.example.org/2016/council-plan" and a.id == a.url
    body = " ".join(p.span.of(a.text) for p in a.paragraphs)
    assert "خطة العمل السنوية بعد مناقشة" in body
    assert "جميع الحقوق محفوظة" not in a.text and "الرئيسية" not in a.text
    assert ("publisher", "أخبار المثال") in credits(a) and ("author", "سامي الكاتب") in credits(a)


def test_reader_folder_is_recursive_and_sorted(tmp_path):
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "z-2015-01-01.txt").write_text("عنوان ثان\n\nنص.", encoding="utf-8")
    (tmp_path / "a-2015-01-02.txt").write_text("عنوان أول\n\nنص.", encoding="utf-8")
    (tmp_path / "notes.csv").write_text("x", encoding="utf-8")
    assert [a.id for a in read(tmp_path)] == ["a-2015-01-02", "z-2015-01-01"]


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "cp1256"])
def test_reader_decodes_arabic_encodings(tmp_path, encoding):
    text = "عنوان الخبر\nالرياض - واس\n\nقال الوزير إن الاجتماع مفيد.\n"
    (tmp_path / "story.txt").write_bytes(text.encode(encoding))
    a = one(tmp_path / "story.txt")
    assert a.title.of(a.text) == "عنوان الخبر"
    assert ("agency", "واس") in credits(a)


@pytest.mark.parametrize("content, message", [
    (b"", "empty"),
    (b"  \n\n ", "empty"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary"),
    (bytes([1, 2, 3, 4, 5, 6, 7, 8, 0xC0, 0xC1]) * 30, "convert it to UTF-8"),
    (bytes([1, 2, 3, 4, 5, 6, 7, 8]) * 30, "control characters"),
])
def test_reader_rejects_bad_files(tmp_path, content, message):
    (tmp_path / "bad.txt").write_bytes(content)
    with pytest.raises(InputError, match=message):
        list(read(tmp_path / "bad.txt"))


def test_reader_rejects_huge_and_missing_files(tmp_path):
    (tmp_path / "big.txt").write_text("عنوان\n\n" + "كلمة " * 200, encoding="utf-8")
    with pytest.raises(InputError, match="limit"):
        list(read(tmp_path / "big.txt", max_bytes=100))
    with pytest.raises(InputError, match="no such file"):
        list(read(tmp_path / "missing.txt"))
    (tmp_path / "bad.json").write_text("{not json", encoding="utf-8")
    with pytest.raises(InputError, match="malformed JSON"):
        list(read(tmp_path / "bad.json"))


def test_reader_folder_reports_bad_files_to_callback(tmp_path):
    (tmp_path / "a.txt").write_bytes(b"")
    (tmp_path / "b.txt").write_text("عنوان\n\nنص الخبر.", encoding="utf-8")
    problems: list[ReadProblem] = []
    assert [a.id for a in read(tmp_path, on_error=problems.append)] == ["b"]
    assert len(problems) == 1 and problems[0].line is None and "empty" in problems[0].message


def test_reader_record_must_be_an_object():
    with pytest.raises(InputError, match="JSON object"):
        article_from_record(["x"], "r#1")


def test_reader_record_body_opening_furniture():
    rec = {"title": "عنوان", "author": "", "content": " Next Previous صحيفة المساء – عمان\n قال الوزير إن الاجتماع مفيد.\u00a0 وأضاف أن العمل مستمر."}
    a = article_from_record(rec, "r#1")
    assert "Next Previous" in [f.of(a.text) for f in a.furniture]
    assert a.byline.of(a.text) == "صحيفة المساء – عمان"
    assert [p.span.of(a.text) for p in a.paragraphs] == ["قال الوزير إن الاجتماع مفيد.", "وأضاف أن العمل مستمر."]


def test_reader_record_repeated_byline_is_furniture():
    rec = {"title": "عنوان", "author": "الصحيفة- وكالات:", "content": "الصحيفة- وكالات: قال الوزير إن الاجتماع مفيد."}
    a = article_from_record(rec, "r#1")
    assert a.byline.of(a.text) == "الصحيفة- وكالات:"
    assert [f.of(a.text) for f in a.furniture] == ["الصحيفة- وكالات"]
    assert [p.span.of(a.text) for p in a.paragraphs] == ["قال الوزير إن الاجتماع مفيد."]


def test_reader_record_author_field_holding_a_sentence_is_body():
    summary = "- الوزير يؤكد أن الخطة الجديدة ستنفذ على مراحل خلال الأعوام الثلاثة المقبلة في كل المناطق."
    a = article_from_record({"title": "عنوان", "author": summary, "content": "نص الخبر."}, "r#1")
    assert a.byline is None
    assert [p.span.of(a.text) for p in a.paragraphs] == [summary, "نص الخبر."]


def test_reader_file_without_extension_and_date_above_title(tmp_path):
    (tmp_path / "story").write_text("English | Français\n٣ آذار ٢٠٢١\nعنوان الخبر\nالقاهرة - رويترز\n\nنص الخبر.",
                                     encoding="utf-8")
    a = one(tmp_path / "story")
    assert a.title.of(a.text) == "عنوان الخبر" and a.date == "2021-03-03"
    assert a.byline.of(a.text) == "القاهرة - رويترز"
    assert [f.of(a.text) for f in a.furniture] == ["English | Français"]
    assert a.language == "ar"


@pytest.mark.parametrize("text, lang", [
    ("قال الوزير إن الاجتماع مفيد", "ar"),
    ("Министр заявил, что встреча была полезной", "ru"),
    ("The minister said the meeting was useful", "en"),
    ("قال الوزير (Reuters) إن الاجتماع مفيد", "ar"),
])
def test_reader_language_from_script(text, lang):
    assert language(text) == lang


def test_reader_jsonl_in_utf16_and_binary(tmp_path):
    rec = {"url": "http://example.com/x", "title": "عنوان", "author": "", "content": "نص الخبر."}
    (tmp_path / "u16.jsonl").write_bytes((json.dumps(rec, ensure_ascii=False) + "\n").encode("utf-16"))
    assert [a.id for a in read(tmp_path / "u16.jsonl")] == ["http://example.com/x"]
    (tmp_path / "bin.jsonl").write_bytes(b"\x00\x01\x02" * 100)
    with pytest.raises(InputError, match="binary"):
        list(read(tmp_path / "bin.jsonl"))


def test_reader_record_opening_with_agency_dateline():
    rec = {"title": "عنوان", "author": "", "date_extracted": "2015-08-11 09:00:00",
           "content": " جدة 25 شوال 1436 هـ الموافق 10 اغسطس 2015 م واس\n عقدت اللجنة اجتماعها."}
    a = article_from_record(rec, "r#1")
    assert a.date == "2015-08-10" and a.date_span.of(a.text) == "10 اغسطس 2015 م"
    assert a.byline.of(a.text).startswith("جدة 25 شوال")
    assert credits(a) == {("dateline", "جدة"), ("agency", "واس")}
    assert [p.span.of(a.text) for p in a.paragraphs] == ["عقدت اللجنة اجتماعها."]


def test_reader_record_second_byline_run_into_text_adds_credits():
    rec = {"title": "عنوان", "author": "سامي الكاتب", "content": "واس - عمان: قال الوزير إن الاجتماع مفيد.\nنص آخر."}
    a = article_from_record(rec, "r#1")
    assert credits(a) == {("author", "سامي الكاتب"), ("agency", "واس"), ("dateline", "عمان")}
    assert a.paragraphs[0].span.of(a.text) == "قال الوزير إن الاجتماع مفيد."


def test_reader_record_short_first_line_other_than_byline_stays():
    rec = {"title": "عنوان", "author": "عمان - رويترز", "content": "الملك - ولي العهد\nقال الوزير إن الاجتماع مفيد."}
    a = article_from_record(rec, "r#1")
    assert [p.span.of(a.text) for p in a.paragraphs][0] == "الملك - ولي العهد"


def test_reader_utf8_with_a_damaged_byte_stays_utf8(tmp_path, caplog):
    good = ("عنوان الخبر\n\n" + "قال الوزير إن الاجتماع مفيد. " * 100).encode("utf-8")
    (tmp_path / "story.txt").write_bytes(good[:40] + b"\xff" + good[40:])
    with caplog.at_level("WARNING", logger="newsgraph.extract.reader"):
        a = one(tmp_path / "story.txt")
    assert a.title.of(a.text) == "عنوان الخبر" and "\ufffd" in a.text
    assert "invalid UTF-8" in caplog.text


def test_reader_record_alternative_field_names():
    a = article_from_record({"headline": "عنوان", "text": "نص الخبر.", "published": "2016-02-03T10:00:00Z"}, "r#1")
    assert a.title.of(a.text) == "عنوان" and a.date == "2016-02-03"
    assert [p.span.of(a.text) for p in a.paragraphs] == ["نص الخبر."]
    with pytest.raises(InputError, match="must be a string"):
        article_from_record({"title": "عنوان", "content": ["x"]}, "r#2")


def test_reader_size_limit_from_environment(tmp_path, monkeypatch):
    (tmp_path / "big.txt").write_text("عنوان\n\n" + "كلمة " * 200, encoding="utf-8")
    monkeypatch.setenv("NEWSGRAPH_MAX_BYTES", "100")
    with pytest.raises(InputError, match="NEWSGRAPH_MAX_BYTES"):
        list(read(tmp_path / "big.txt"))
    monkeypatch.setenv("NEWSGRAPH_MAX_BYTES", "100000")
    assert len(list(read(tmp_path / "big.txt"))) == 1


def test_reader_skips_hidden_files_and_rejects_unknown_types(tmp_path):
    (tmp_path / ".cache").mkdir()
    (tmp_path / ".cache" / "old.txt").write_text("عنوان\n\nنص.", encoding="utf-8")
    (tmp_path / "a.txt").write_text("عنوان\n\nنص.", encoding="utf-8")
    assert [a.id for a in read(tmp_path)] == ["a"]
    (tmp_path / "table.csv").write_text("a,b", encoding="utf-8")
    with pytest.raises(InputError, match="unsupported file type"):
        list(read(tmp_path / "table.csv"))
