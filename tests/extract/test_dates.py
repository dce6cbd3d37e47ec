"""Tests of newsgraph.extract.dates on short sentences written for them."""
from __future__ import annotations

import pytest

from newsgraph.extract.dates import date_in_name, find_dates, parse_date

# A Sunday.
ANCHOR = "2015-07-26"


def found(text: str, anchor: str | None = ANCHOR) -> list[tuple[str, str | None, str]]:
    """(text, iso, kind) of every date mention; spans must cover the mention's text."""
    out = []
    for m in find_dates(text, anchor):
        assert m.span.of(text) == m.text
        out.append((m.text, m.iso, m.kind))
    return out


@pytest.mark.parametrize("text, expected", [
    ("وصل الوفد في 10 يونيو/حزيران 2022 إلى العاصمة", ("10 يونيو/حزيران 2022", "2022-06-10", "absolute")),
    ("نشر البيان ١٠ يونيو ٢٠٢٢", ("١٠ يونيو ٢٠٢٢", "2022-06-10", "absolute")),
    ("صدر القرار في 3 آذار 2019", ("3 آذار 2019", "2019-03-03", "absolute")),
    ("عقدت الجلسة في 11 اغسطس 2015 م", ("11 اغسطس 2015 م", "2015-08-11", "absolute")),
    ("يعقد الاجتماع في 27 أغسطس المقبل", ("27 أغسطس المقبل", "2015-08-27", "absolute")),
    ("يعقد المؤتمر في 5 يناير المقبل", ("5 يناير المقبل", "2016-01-05", "absolute")),
    ("تأسس المصرف في 2013 بقرار", ("2013", "2013", "absolute-year")),
    ("افتتح المعرض أواخر يونيو", ("أواخر يونيو", "2015-06", "absolute-month")),
    ("وقع الحادث في 12 ذو الحجة 1435 هـ", ("12 ذو الحجة 1435 هـ", "2014-10-06", "hijri")),
    ("يعقد يوم الخامس من أغسطس المقبل", ("يوم الخامس من أغسطس المقبل", "2015-08-05", "absolute")),
    ("ولد في الحادي والعشرين من آذار 1990", ("الحادي والعشرين من آذار 1990", "1990-03-21", "absolute")),
    ("الموعد 2016-04-12 صباحا", ("2016-04-12", "2016-04-12", "absolute")),
])
def test_dates_absolute(text, expected):
    assert found(text) == [expected]


@pytest.mark.parametrize("text, expected", [
    ("قال الوزير اليوم إن", ("اليوم", "2015-07-26")),
    ("التقى أمس الرئيس", ("أمس", "2015-07-25")),
    ("وصل أول أمس إلى المدينة", ("أول أمس", "2015-07-24")),
    ("يصل غداً إلى المدينة", ("غداً", "2015-07-27")),
    ("يصل غدا إلى المدينة", ("غدا", "2015-07-27")),
    ("تعقد الجلسة بعد غد", ("بعد غد", "2015-07-28")),
    ("تعقد الجلسة بعد غد الثلاثاء", ("بعد غد الثلاثاء", "2015-07-28")),
    ("أعلن اليوم الأحد أن", ("اليوم الأحد", "2015-07-26")),
    ("صرح مساء اليوم بأن", ("مساء اليوم", "2015-07-26")),
    ("صرح صباح أمس بأن", ("صباح أمس", "2015-07-25")),
    ("زار المدينة قبل أسبوع", ("قبل أسبوع", "2015-07-19")),
    ("زار المدينة قبل 3 أيام", ("قبل 3 أيام", "2015-07-23")),
    ("التقاه الأسبوع الماضي", ("الأسبوع الماضي", "2015-W29")),
    ("التقاه الشهر الماضي", ("الشهر الماضي", "2015-06")),
    ("يزورها العام المقبل", ("العام المقبل", "2016")),
])
def test_dates_relative(text, expected):
    iso = expected[1]
    kind = "relative" + ("-week" if "W" in iso else "-month" if len(iso) == 7 else "-year" if len(iso) == 4 else "")
    assert found(text) == [(*expected, kind)]


@pytest.mark.parametrize("text, expected", [
    ("اجتمع الاثنين مع الوفد", ("الاثنين", "2015-07-20")),
    ("اجتمع يوم الثلاثاء مع الوفد", ("يوم الثلاثاء", "2015-07-21")),
    ("اجتمع الأحد مع الوفد", ("الأحد", "2015-07-26")),      # the anchor's own weekday
    ("وصل الجمعة الماضي", ("الجمعة الماضي", "2015-07-24")),
    ("يصل الأحد المقبل", ("الأحد المقبل", "2015-08-02")),
    ("وصل مساء الخميس", ("مساء الخميس", "2015-07-23")),
])
def test_dates_weekdays(text, expected):
    assert found(text) == [(*expected, "weekday")]


def test_dates_precision_is_reported():
    [week] = find_dates("التقاه الأسبوع الماضي", ANCHOR)
    [month] = find_dates("الشهر الماضي", ANCHOR)
    [year] = find_dates("في 2013", ANCHOR)
    [day] = find_dates("قبل أسبوع", ANCHOR)
    assert (week.precision, month.precision, year.precision, day.precision) == ("week", "month", "year", "day")


def test_dates_without_anchor_are_found_but_unresolved():
    assert found("اجتمع أمس ويعود الاثنين المقبل", None) == [
        ("أمس", None, "relative"), ("الاثنين المقبل", None, "weekday")]


def test_dates_clitic_is_left_out_of_the_span():
    assert found("وأمس التقى وبعد غد يسافر") == [("أمس", "2015-07-25", "relative"),
                                               ("بعد غد", "2015-07-28", "relative")]


def test_dates_several_in_one_sentence():
    text = "التقى اليوم الجمعة 10 يونيو 2022 وفدا وصل أمس"
    assert found(text, "2022-06-10") == [("اليوم الجمعة", "2022-06-10", "relative"),
                                         ("10 يونيو 2022", "2022-06-10", "absolute"),
                                         ("أمس", "2022-06-09", "relative")]


def test_dates_agency_dateline_hijri_and_gregorian_agree():
    text = "جدة 5 رمضان 1436 هـ الموافق 22 يونيو 2015 م واس"
    got = found(text)
    assert [kind for _, _, kind in got] == ["hijri", "absolute"]
    assert got[0][1] == got[1][1] == "2015-06-22"


def test_dates_words_that_are_not_dates():
    assert found("قدم الفريق عرضا جيدا في المباراة") == []
    assert found("بلغ عدد المشاركين 2000 شخص") == []
    assert found("زار آب وابنه المدينة") == []          # a bare month name needs a cue
    assert found("تنتهي السنوات القادمة بسلام") == []


def test_dates_cues_outside_the_span():
    assert found("وصل في يونيو وغادر في عام 2012") == [("يونيو", "2015-06", "absolute-month"),
                                                      ("عام 2012", "2012", "absolute-year")]


def test_dates_vague_plural_has_no_iso():
    assert found("وصل قبل أيام وغادر منذ 3 أشهر") == [("قبل أيام", None, "relative"),
                                                      ("منذ 3 أشهر", "2015-04", "relative-month")]


def test_dates_impossible_date_has_no_iso():
    assert found("في 31 فبراير 2015") == [("31 فبراير 2015", None, "absolute")]


def test_parse_date_prefers_full_absolute_date():
    text = "قال أمس في بيان صدر 3 مايو 2017"
    iso, span = parse_date(text, ANCHOR)
    assert iso == "2017-05-03" and span.of(text) == "3 مايو 2017"
    assert parse_date("لا تاريخ هنا") is None


@pytest.mark.parametrize("name, iso", [
    ("paper-some-story-2015-08-06.txt", "2015-08-06"),
    ("paper-story-2015-07.txt", None),
    ("paper-2015-13-40.txt", None),
])
def test_date_in_name(name, iso):
    assert date_in_name(name) == iso
