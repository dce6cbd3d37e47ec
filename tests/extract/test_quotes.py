"""Quotations and speakers (newsgraph/extract/quotes.py) on short sentences written for the tests."""
from __future__ import annotations

import pytest
from test_quotes_support import make_ctx

from newsgraph.extract.arabic import fold
from newsgraph.extract.model import Relation, Span
from newsgraph.extract.quotes import find_quotations, lexicon, quoted_segments

SAMI, HALA, AMAL = "Person:سامي نور", "Person:هالة زين", "Organization:حركة الامل"


def quotes(text: str, **kw):
    return find_quotations(make_ctx(text, **kw))


@pytest.mark.parametrize("text, speaker, piece, kind", [
    # VSO with the complementiser إن / أن, past and present, feminine, with و/ف
    ("قال سامي نور إن المحادثات كانت مثمرة جدا.", SAMI, "المحادثات كانت مثمرة جدا", "indirect"),
    ("وأكدت هالة زين أن البلدين يعملان معا على خطة جديدة.", HALA, "البلدين يعملان معا", "indirect"),
    ("فيقول سامي نور إن الطريق ما زال طويلا أمام الجميع.", SAMI, "الطريق ما زال طويلا", "indirect"),
    # verb + preposition
    ("وأشار وزير الخارجية سامي نور إلى أن الحوار هو السبيل الوحيد.", SAMI, "الحوار هو السبيل الوحيد", "indirect"),
    ("وشدد سامي نور على ضرورة وقف القتال في المنطقة فورا.", SAMI, "ضرورة وقف القتال", "indirect"),
    ("ودعت هالة زين إلى عقد مؤتمر دولي للسلام في أقرب وقت.", HALA, "عقد مؤتمر دولي للسلام", "indirect"),
    # SVO
    ("هالة زين قالت إن الاتفاق سيوقع الشهر المقبل في العاصمة.", HALA, "الاتفاق سيوقع الشهر المقبل", "indirect"),
    # a colon and quotation marks
    ("وأضاف سامي نور: «نحن مستعدون للحوار مع كل الأطراف دون شروط».", SAMI, "نحن مستعدون للحوار", "direct"),
    ('وقال سامي نور "لن نقبل بأي حل لا يحترم إرادة الشعب".', SAMI, "لن نقبل بأي حل", "direct"),
    ("وتابع سامي نور: “العمل المشترك هو الطريق الوحيد للتقدم”.", SAMI, "العمل المشترك هو الطريق", "direct"),
    # relay: the agency is not the speaker
    ("ونقلت وكالة الأنباء الوطنية عن سامي نور قوله إن الوضع يتحسن كل يوم بشكل واضح.", SAMI,
     "الوضع يتحسن كل يوم", "indirect"),
    # passive: جاء في بيان لـ X
    ("وجاء في بيان لحركة الأمل أن الحركة ترفض المشاركة في الانتخابات المقبلة.", AMAL,
     "الحركة ترفض المشاركة", "indirect"),
    # unnamed official of a named organisation
    ("قال مسؤول في حركة الأمل إن الحركة ستشارك في الاجتماع القادم.", AMAL, "الحركة ستشارك", "indirect"),
    # honorific before the title, honorific pronoun as subject
    ("وقال معاليه إن العلاقات بين البلدين ممتازة في كل المجالات.", SAMI, "العلاقات بين البلدين ممتازة", "indirect"),
    # a country speaks
    ("وتقول فرنسا إنه يجب احترام القانون الدولي في كل الظروف.", "Place:فرنسا", "يجب احترام القانون", "indirect"),
    # renewed affirmation
    ("جدد سامي نور التأكيد على دعم بلاده الكامل لجهود السلام.", SAMI, "دعم بلاده الكامل", "indirect"),
])
def test_quotes_speaker_and_content(text, speaker, piece, kind) -> None:
    found = quotes(text)
    hits = [q for q in found if piece in q.text]
    assert hits, found
    assert hits[0].speaker == speaker
    assert hits[0].kind == kind


def test_quotes_text_excludes_verb_and_complementiser() -> None:
    (q,) = quotes("وأوضح سامي نور أن المفاوضات ستستأنف الأسبوع المقبل.")
    assert q.text == "المفاوضات ستستأنف الأسبوع المقبل"
    assert q.verb == "وأوضح"
    assert q.span.of(make_ctx("وأوضح سامي نور أن المفاوضات ستستأنف الأسبوع المقبل.").text) == q.text
    assert q.speaker_span is not None


def test_quotes_verb_without_subject_keeps_the_speaker() -> None:
    text = "قال سامي نور إن الحوار مستمر بين الجانبين.\nوأضاف أن الجولة القادمة ستعقد في الربيع المقبل."
    found = quotes(text)
    assert [q.speaker for q in found] == [SAMI, SAMI]
    assert "الجولة القادمة ستعقد" in found[1].text


def test_quotes_participle_continues_the_same_speaker_and_ends_the_content() -> None:
    text = "أكدت هالة زين أن الاتفاق تاريخي ومهم، مشيرة إلى أن تنفيذه سيبدأ قريبا جدا."
    first, second = quotes(text)
    assert first.text == "الاتفاق تاريخي ومهم"
    assert second.speaker == HALA and second.text.startswith("تنفيذه سيبدأ")


def test_quotes_attribution_after_a_quoted_paragraph() -> None:
    text = ('"سنعمل مع جميع الشركاء من أجل تحقيق الاستقرار في المنطقة".\n'
            "وصرح بذلك سامي نور اليوم الأحد في مؤتمر صحفي.")
    (q,) = quotes(text)
    assert q.speaker == SAMI and q.kind == "direct"
    assert q.text.startswith("سنعمل مع جميع الشركاء")
    assert q.date == "2020-03-01"


def test_quotes_according_to_him() -> None:
    text = "قال سامي نور إن الخطة جاهزة تماما.\nوبحسب قوله، هناك عدة خطوات ستتخذ قبل نهاية العام الجاري."
    found = quotes(text)
    assert found[-1].speaker == SAMI and "عدة خطوات ستتخذ" in found[-1].text


@pytest.mark.parametrize("text", [
    'وزراء خارجية دول "التعاون الإقليمي" يجتمعون في العاصمة.',     # a name in quotation marks
    "نشرت صحيفة «الأخبار» تقريرا عن الوضع الاقتصادي في البلاد.",   # a newspaper
    "تحدث التقرير عن مبدأ «عدم التدخل» في شؤون الدول الأخرى.",    # scare quotes
    "قالت مصادر مطلعة إن المفاوضات متعثرة منذ أسابيع طويلة.",       # an unnamed source
    "وصلت هالة زين إلى باريس في زيارة رسمية تستمر يومين.",           # no reporting verb
])
def test_quotes_not_quotations(text) -> None:
    assert quotes(text) == []


def test_quotes_nested_speech_in_a_direct_quote_is_not_split() -> None:
    text = "وقال سامي نور: «كما يقول أصدقاؤنا إن الحوار ضروري، ونحن نتفق معهم تماما في ذلك»."
    found = quotes(text)
    assert len(found) == 1 and found[0].speaker == SAMI and found[0].kind == "direct"


def test_quotes_short_quote_inside_indirect_speech_is_absorbed() -> None:
    text = "واعتبر سامي نور أن هذه الخطوة سيكون لها «نتائج عكسية» على المنطقة."
    (q,) = quotes(text)
    assert "«نتائج عكسية»" in q.text


def test_quotes_title_holder_from_relations() -> None:
    names = {"رئيس الحكومة": ("Post:رئيس الحكومه", "Post", "Post", "title"),
             "كمال داود": ("Person:كمال داود", "Person", "Person", "name")}
    rel = Relation("Person:كمال داود", "holdsPost", "Post:رئيس الحكومه", Span(0, 1))
    text = "استقبل كمال داود الوفد.\nوقال رئيس الحكومة إن الميزانية الجديدة ستعرض على البرلمان."
    (q,) = [q for q in quotes(text, names=names, relations=(rel,)) if "الميزانية" in q.text]
    assert q.speaker_span is not None and text[q.speaker_span.start:q.speaker_span.end] == "رئيس الحكومة"
    assert q.speaker == "Person:كمال داود"


def test_quotes_ascii_marks_pair_within_a_paragraph() -> None:
    text = 'قال "أ" ثم "ب" و"نص طويل بدون إغلاق حتى آخر الفقرة'
    segs = quoted_segments(text, [Span(0, len(text))])
    assert [text[o + 1:c] for o, c in segs] == ["أ", "ب", "نص طويل بدون إغلاق حتى آخر الفقرة"]


def test_quotes_lexicon_reads_verb_forms_from_data() -> None:
    verbs = lexicon()["verbs"]
    assert "قال" in verbs and fold("مؤكداً") in verbs
    assert any(vf.kind == "relay" for vf in verbs["نقل"])


def test_quotes_unrecognised_subject_is_not_the_previous_speaker() -> None:
    text = "قال سامي نور إن الحوار مستمر بين الجانبين.\nوقال كريم منصور إن الحوار متوقف منذ شهور."
    found = quotes(text)
    assert [q.speaker for q in found] == [SAMI]


def test_quotes_definite_noun_subject_refers_back() -> None:
    text = "أعلنت حركة الأمل أنها ستشارك في الانتخابات المقبلة.\nوقالت الحركة إن قرارها نهائي ولا رجعة فيه."
    found = quotes(text)
    assert [q.speaker for q in found] == [AMAL, AMAL]


def test_quotes_plural_verb_without_subject_has_no_speaker() -> None:
    text = "قال سامي نور إن الحوار مستمر بين الجانبين.\nوقالوا إن الحوار لن ينجح بهذه الطريقة أبدا."
    assert [q.speaker for q in quotes(text)] == [SAMI]


def test_quotes_date_of_the_saying() -> None:
    today = quotes("وقال سامي نور اليوم الأحد إن الاتفاق قريب جدا.", date="2020-03-02")
    years_ago = quotes("وقال سامي نور في عام 2009 إن الاتفاق قريب جدا.", date="2020-03-02")
    plain = quotes("وقال سامي نور إن الاتفاق قريب جدا.", date="2020-03-02")
    assert today[0].date == "2020-03-01"
    assert years_ago[0].date is None
    assert plain[0].date == "2020-03-02"


@pytest.mark.parametrize("text, speakers", [
    # a feminine verb does not continue a man's speech
    ("قال سامي نور إن الحوار مستمر.\nوذكرت أن الاتفاق سيوقع في الربيع المقبل.", [SAMI]),
    # but it continues a woman's
    ("وقالت هالة زين إن الحوار مستمر.\nوأضافت أن الاتفاق سيوقع في الربيع المقبل.", [HALA, HALA]),
])
def test_quotes_feminine_verbs_agree_with_the_speaker(text, speakers) -> None:
    assert [q.speaker for q in quotes(text)] == speakers


def test_quotes_feminine_verb_with_a_definite_subject_after_a_man() -> None:
    text = "قال سامي نور إن الحوار مستمر.\nوحذرت السلطات من أن الوضع خطير جدا في المنطقة."
    assert [q.speaker for q in quotes(text)] == [SAMI]


def test_expressing_a_feeling_or_praising_is_no_quotation() -> None:
    """Annotators of held-out news count what is said (أن/إن, a colon, quotation marks), not a
    feeling expressed ("أعرب عن ارتياحه") or praise ("نوه بالدور")."""
    assert not quotes("وأعربت هالة زين عن أملها في نجاح المفاوضات بين الطرفين.")
    assert not quotes("ونوه سامي نور بالدور الكبير الذي تقوم به الحركة.")
    (q,) = quotes("ونوه سامي نور إلى أن الحوار مستمر بين الطرفين.")
    assert q.speaker == SAMI
