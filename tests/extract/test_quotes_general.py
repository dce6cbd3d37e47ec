"""Quotation rules that generalise beyond the shared articles (sentences written for the tests)."""
from __future__ import annotations

from test_quotes_support import make_ctx

from newsgraph.extract.quotes import find_quotations

SAMI, HALA = "Person:سامي نور", "Person:هالة زين"
FRANCE, COUNCIL = "Place:فرنسا", "Organization:مجلس السلام"


def quotes(text: str) -> list[tuple[str, str]]:
    return [(q.speaker, q.text) for q in find_quotations(make_ctx(text))]


def test_a_country_subject_keeps_the_speech_and_the_council_after_it_is_the_object() -> None:
    assert quotes("دعت فرنسا مجلس السلام إلى وقف القتال في المنطقة.") == [(FRANCE, "وقف القتال في المنطقة")]


def test_a_nested_verb_stays_inside_the_content() -> None:
    assert quotes("وقالت هالة زين إن فرنسا تطالب بوقف القتال فورا في المنطقة.") == [
        (HALA, "فرنسا تطالب بوقف القتال فورا في المنطقة")]


def test_a_second_sayer_after_while_is_not_merged_into_the_first() -> None:
    assert quotes("قال سامي نور إن الوضع صعب للغاية، فيما قالت هالة زين إن الحل قريب جدا.") == [
        (SAMI, "الوضع صعب للغاية"), (HALA, "الحل قريب جدا")]


def test_a_statement_speaks_for_its_issuer() -> None:
    assert quotes("ذكر بيان لمجلس السلام أن الوضع خطير جدا في المنطقة.") == [(COUNCIL, "الوضع خطير جدا في المنطقة")]
    assert quotes("وقال بيان صادر عن مجلس السلام إن الطرق مغلقة اليوم.") == [(COUNCIL, "الطرق مغلقة اليوم")]


def test_an_unnamed_official_of_an_agency_is_not_the_agency() -> None:
    assert quotes("وقال مسؤول لوكالة الأنباء الوطنية إن الوضع خطير جدا.") == []


def test_attribution_after_the_fact_and_a_woman_named_by_her_title() -> None:
    text = ("دعت فرنسا مجلس السلام إلى وقف القتال في المنطقة.\n"
            "جاء ذلك على لسان السفيرة هالة زين خلال مشاركتها في الاجتماع.\n"
            "وأوضحت أنه يجب فتح الطرق أمام المساعدات.")
    assert quotes(text) == [(HALA, "وقف القتال في المنطقة"), (HALA, "أنه يجب فتح الطرق أمام المساعدات")]


def test_a_feminine_verb_after_a_man_spoke_is_not_his() -> None:
    assert quotes("قال سامي نور إن الوضع صعب للغاية.\nوأوضحت أنه يجب وقف القتال.") == [(SAMI, "الوضع صعب للغاية")]


def test_a_definite_head_noun_refers_back_to_the_organisation() -> None:
    text = "ذكر بيان لمجلس السلام أن الوضع خطير. وأوضح المجلس أنه يجب وقف القتال."
    assert quotes(text) == [(COUNCIL, "الوضع خطير"), (COUNCIL, "أنه يجب وقف القتال")]


def test_a_nested_verb_without_a_subject_of_its_own_inside_the_content_still_speaks() -> None:
    found = quotes("ذكر سامي نور أن كمال داود كان مخطئا عندما قال في تصريحات سابقة إن الحل قريب جدا.")
    assert ("Person:كمال داود", "الحل قريب جدا") in found


def test_time_words_before_the_subject_and_a_surname_alone() -> None:
    names = {"كمال داود": ("Person:كمال داود", "Person", "Person", "name"),
             "وزير الخارجية": ("Person:كمال داود", "Person", "Person", "title")}
    found = [(q.speaker, q.text) for q in find_quotations(make_ctx(
        "أعلن أمس الأربعاء وزير الخارجية كمال داود أن الحكومة ستبدأ الإصلاح قريبا.\nوقال داود «سنعمل على تدريب المعارضة قريبا».",
        names, date="2020-03-05"))]
    assert found == [("Person:كمال داود", "الحكومة ستبدأ الإصلاح قريبا"),
                     ("Person:كمال داود", "سنعمل على تدريب المعارضة قريبا")]


def test_a_participle_speaks_for_the_subject_of_its_sentence_and_keeps_the_pronoun() -> None:
    assert quotes("وشنت فرنسا سلسلة من الغارات الجوية مشيرة إلى أنها تستهدف مواقع المتمردين.") == [
        (FRANCE, "أنها تستهدف مواقع المتمردين")]


def test_coordinated_subjects_are_not_the_content() -> None:
    assert quotes("وأعلنت فرنسا ومصر في بيان مشترك أن المحادثات ستستأنف غدا.") == [
        (FRANCE, "المحادثات ستستأنف غدا")]


def test_a_participle_after_an_organisation_in_mid_sentence_keeps_the_speaker() -> None:
    text = "قال سامي نور إن الوضع صعب.\nوانتقد الإجراءات التي يتخذها مجلس السلام في المنطقة، مؤكدا أن الحل قريب."
    assert quotes(text)[-1] == (SAMI, "الحل قريب")


def test_a_verbal_noun_after_a_named_subject_is_the_content() -> None:
    assert quotes("وجرى بحث العلاقات، مؤكدا وزير الخارجية حرص بلاده على تعزيز السلام في المنطقة.") == [
        (SAMI, "حرص بلاده على تعزيز السلام في المنطقة")]
    assert quotes("وأكد سامي نور دعم بلاده للقضية العادلة.") == [(SAMI, "دعم بلاده للقضية العادلة")]
    assert quotes("أكد سامي نور خلال اللقاء على ضرورة الحل.") == [(SAMI, "ضرورة الحل")]
    assert quotes("أكد سامي نور خلال اللقاء أن الحل قريب.") == [(SAMI, "الحل قريب")]


def test_went_on_saying() -> None:
    text = "ومضى سامي نور بالقول إن الوضع أصبح صعبا للغاية. واسترسل بالقول «من يقود العملية اليوم جيل جديد»."
    assert quotes(text) == [(SAMI, "الوضع أصبح صعبا للغاية"), (SAMI, "من يقود العملية اليوم جيل جديد")]


def test_in_this_regard_is_no_pointer_back() -> None:
    text = "قال سامي نور إن الوضع صعب. وقال بهذا الخصوص إنه «تم توجيه الدعوة للجميع لحضور الاحتفال»."
    assert quotes(text)[-1] == (SAMI, "إنه «تم توجيه الدعوة للجميع لحضور الاحتفال»")


def test_a_speaker_named_in_quotation_marks() -> None:
    text = 'وقال "سامي نور" المتحدث باسم مجلس السلام إن المجلس "سيعقد جلسة خاصة للتصويت على الخطة".'
    assert quotes(text) == [(SAMI, 'المجلس "سيعقد جلسة خاصة للتصويت على الخطة"')]


def test_names_in_a_long_apposition_count_as_one_word_each() -> None:
    text = "وقال سامي نور نائب المتحدث الرسمي باسم مجلس الوزراء الإقليمي لدى منظمة التعاون في باريس اليوم إن الحل قريب."
    assert quotes(text) == [(SAMI, "الحل قريب")]


def test_came_after_names_a_cause_not_a_speaker() -> None:
    text = "وذكرت وكالة الأنباء الوطنية أن الأسعار ارتفعت كثيرا.\nجاء ذلك عقب قرار اتخذه سامي نور أمس."
    assert quotes(text) == [("Organization:وكالة الانباء الوطنيه", "الأسعار ارتفعت كثيرا")]


def test_a_verb_after_but_she_stays_inside_the_content() -> None:
    assert quotes("وقالت هالة زين إن فرنسا ترحب بالاتفاق ولكنها تطالب بضرورة تنفيذه كاملا.") == [
        (HALA, "فرنسا ترحب بالاتفاق ولكنها تطالب بضرورة تنفيذه كاملا")]


def test_a_name_particle_alone_is_nobody() -> None:
    names = {"عبد الله داود": ("Person:عبد الله داود", "Person", "Person", "name")}
    found = [(q.speaker, q.text) for q in find_quotations(make_ctx(
        "التقى عبد الله داود الوفد.\nوقال عبد الرحمن إن الحل قريب جدا.", names))]
    assert found == []


def test_abana_reports_speech() -> None:
    assert quotes("من جانبه أبان سامي نور أن المباحثات كانت مثمرة جدا.") == [(SAMI, "المباحثات كانت مثمرة جدا")]


def test_a_source_named_after_its_report_speaks_on_in_its_statement() -> None:
    found = quotes("بحثت فرنسا الوضع، حسب ما أعلن مجلس السلام، وجاء في بيان: أن الأمن يبقى أولوية كبرى.")
    assert found == [(COUNCIL, "الأمن يبقى أولوية كبرى")]


def test_the_statement_issued_by_a_council_speaks_for_it_later() -> None:
    found = quotes("دان مجلس السلام الهجوم في بيان صدر عن المجلس أمس. وشدد البيان على أهمية التصدي للإرهاب بكل الوسائل.")
    assert found == [(COUNCIL, "أهمية التصدي للإرهاب بكل الوسائل")]


def test_according_to_what_is_no_source() -> None:
    assert quotes("وسيعمل سامي نور بحسب ما يقتضيه الحال في المنطقة وفق الخطة.") == []
    ((who, said),) = quotes("وبحسب مجلس السلام فإن الوضع يتحسن كل يوم.")
    assert who == COUNCIL and said.endswith("الوضع يتحسن كل يوم")
