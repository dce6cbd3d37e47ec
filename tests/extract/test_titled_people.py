"""People first met next to a title: "<name>، سفير <country> لدى ...", "... لدى <org> السفيرة <name>"."""
from __future__ import annotations

from newsgraph.extract.model import Article, Span
from newsgraph.extract.pipeline import extract


def _run(body: str):
    text = "عنوان تجريبي\n" + body
    x = extract(Article(id="t-titled", text=text, title=Span(0, text.index("\n")), date="2015-08-01"))
    ents = {e.key: e for e in x.entities}
    posts = {(ents[r.subject].label, ents[r.object].label) for r in x.relations
             if r.predicate == "holdsPost" and r.subject in ents and r.object in ents}
    people = {e.label for e in x.entities if e.category == "Person"}
    return people, posts


def test_name_before_comma_and_title_is_a_person_holding_the_post() -> None:
    people, posts = _run("كشف سامر حلاوة، سفير مصر لدى الأردن، عن خطة جديدة للتعاون.")
    assert "سامر حلاوة" in people
    assert ("سامر حلاوة", "سفير مصر لدى الأردن") in posts


def test_a_verb_opening_the_sentence_is_not_part_of_the_name() -> None:
    people, _ = _run("تساءل نادر فاروق، سفير مصر لدى الأردن، عن الخطة.")
    assert not any(p.startswith("تساءل") for p in people)


def test_title_continued_by_permanent_and_place_of_posting_reaches_the_name() -> None:
    people, posts = _run("وقالت المندوبة المصرية الدائمة لدى الأمم المتحدة السفيرة هالة رامي إن الوضع صعب.")
    assert "هالة رامي" in people
    assert ("هالة رامي", "المندوبة المصرية الدائمة لدى الأمم المتحدة") in posts


def test_title_after_a_name_is_that_persons_not_the_next_words() -> None:
    people, posts = _run("وجهت الدعوة إلى سلفا كير رئيس جنوب السودان لحضور الاحتفال.")
    assert not any("لحضور" in p for p in people)
    assert any(who == "سلفا كير" for who, _ in posts)


def test_a_bare_generic_title_names_nobody_from_the_kb() -> None:
    people, posts = _run("وصل وزير الدفاع الأمريكي إلى المنطقة. وحضر اللقاء رئيس الأركان وعدد من المسؤولين.")
    assert not any("الأركان" in post for _, post in posts)


def test_an_organisation_name_ends_before_an_honorific() -> None:
    x = extract(Article(id="t-org", text="عنوان\nوحضر عضو مجلس الشورى الدكتور سامر كمال الاجتماع.",
                        title=Span(0, 5), date="2015-08-01"))
    assert not any("الدكتور" in e.label for e in x.entities if e.category == "Organization")


def test_a_head_word_with_the_elided_article_starts_no_name() -> None:
    x = extract(Article(id="t-org2", text="عنوان\nوقدم الدعم للقوات المسلحة في البلاد.", title=Span(0, 5),
                        date="2015-08-01"))
    assert not any(e.label.startswith("قوات") for e in x.entities)


def test_a_name_the_ner_reads_after_a_reporting_verb_in_quotation_marks_is_a_person() -> None:
    people, _ = _run('وقال "جوناثان ميلر" إن الاجتماع سيعقد غدا في المدينة.')
    assert "جوناثان ميلر" in people


def test_a_name_the_ner_reads_after_an_organisation_in_a_title_holds_the_post() -> None:
    people, _ = _run("وقال المتحدث باسم الأمم المتحدة ستيفن كولينز إن المساعدات وصلت.")
    assert "ستيفن كولينز" in people


def test_spokesperson_of_an_organisation_is_a_post_and_an_unknown_body_gives_none() -> None:
    _, posts = _run("وقال المتحدث باسم الأمم المتحدة سامر كمال إن المساعدات وصلت.")
    assert ("سامر كمال", "المتحدث باسم الأمم المتحدة") in posts
    _, posts = _run("وأكد وزير الخارجية المصري ذلك. وقال المتحدث باسم الجيش سامر كمال إن المساعدات وصلت.")
    assert not any(post.startswith("المتحدث باسم الجيش") or "الجيش" in who for who, post in posts)


def test_a_name_in_brackets_after_a_title_holds_it() -> None:
    _, posts = _run("وقالت المندوبة المصرية الدائمة لدى الأمم المتحدة (السفيرة هالة رامي) إن الوضع صعب.")
    assert ("هالة رامي", "المندوبة المصرية الدائمة لدى الأمم المتحدة") in posts


def test_a_title_inside_a_kb_persons_written_name_is_their_post() -> None:
    _, posts = _run("استقبل خادم الحرمين الشريفين الملك سلمان بن عبدالعزيز آل سعود الوفد في جدة.")
    assert ("سلمان بن عبدالعزيز آل سعود", "العاهل السعودي") in posts


def test_a_title_governed_by_an_assistant_noun_is_not_the_next_names_post() -> None:
    _, posts = _run("وحضر اللقاء مساعد وزير الدفاع الأمريكي ستيفن كولينز.")
    assert not any(who == "ستيفن كولينز" and "وزير الدفاع" in post for who, post in posts)


def test_membership_after_a_title_reaches_the_name() -> None:
    _, posts = _run("وحضر وزير الدولة المصري عضو مجلس الوزراء الدكتور خالد حسن الاجتماع.")
    assert any(who == "خالد حسن" and post.startswith("وزير الدولة") for who, post in posts)


def test_a_title_with_a_place_of_posting_gets_no_made_up_english_label() -> None:
    text = "عنوان\nوقالت المندوبة المصرية الدائمة لدى الأمم المتحدة السفيرة هالة رامي إن الوضع صعب."
    x = extract(Article(id="t-en", text=text, title=Span(0, 5), date="2015-08-01"))
    posts = [e for e in x.entities if e.category == "Post"]
    assert posts and all(dict(e.labels).get("en") is None for e in posts if "لدى" in e.label)
    text = "عنوان\nوقال وزير الخارجية المصري سامح شكري إن الوضع صعب."
    x = extract(Article(id="t-en2", text=text, title=Span(0, 5), date="2015-08-01"))
    assert all(dict(e.labels).get("en") for e in x.entities if e.category == "Post")


def test_a_future_verb_after_a_name_is_not_part_of_it() -> None:
    from newsgraph.extract.arabic import tokenize
    from newsgraph.extract.entities import read_name
    toks = tokenize("الدكتور خالد سيذهب إلى القاهرة")
    assert read_name(toks, 1) == 2
    toks = tokenize("الدكتور خالد سيف إلى القاهرة")
    assert read_name(toks, 1) == 3
    assert read_name(tokenize("الدكتور جون ستيوارت في القاهرة"), 1) == 3


def test_a_un_envoy_title_without_a_country_is_the_un_post() -> None:
    from newsgraph.extract.model import Article
    from newsgraph.extract.pipeline import extract
    x = extract(Article(id="t", text="التقى سامي نور أمس المبعوث الأممي إلى اليمن كمال داود في الرياض.", date="2015-08-03"))
    posts = {r.object for r in x.relations if r.predicate == "holdsPost"}
    assert any(p.endswith("/org/un/post/special-envoy-for-yemen") for p in posts), posts
    assert not any("/country/" in p and p.endswith("special-envoy-for-yemen") for p in posts)


def test_a_name_after_a_title_and_a_comma_holds_the_post_even_when_its_first_letter_looks_like_a_clitic() -> None:
    from newsgraph.extract.model import Article
    from newsgraph.extract.pipeline import extract
    x = extract(Article(id="t", text="ورافق الوزير في هذه الزيارة نائب وزير الخارجية السوري، فيصل مقداد.", date="2015-08-03"))
    people = {e.key: e.label for e in x.entities if e.category == "Person"}
    assert "فيصل مقداد" in people.values()
    held = {(people.get(r.subject), r.object.rsplit("/", 1)[-1]) for r in x.relations if r.predicate == "holdsPost"}
    assert ("فيصل مقداد", "deputy-foreign-minister") in held


def test_greetings_conveyed_after_a_title_are_no_name() -> None:
    from newsgraph.extract.model import Article
    from newsgraph.extract.pipeline import extract
    x = extract(Article(id="t", text="وتمنى للشعب دوام التقدم، فيما حمله أمير قطر تحياته لخادم الحرمين الشريفين.", date="2015-08-03"))
    assert not [e.label for e in x.entities if e.category == "Person" and not e.in_kb]


def test_a_bare_title_before_a_known_name_is_that_persons_post_not_the_last_one_read() -> None:
    from newsgraph.extract.model import Article
    from newsgraph.extract.pipeline import extract
    text = ("التقى الرئيس المصري عبد الفتاح السيسي اليوم الرئيس عبد ربه منصور هادي رئيس الجمهورية اليمنية.\n"
            "وقال المتحدث إن الرئيس السيسي أكد دعم مصر لليمن.")
    x = extract(Article(id="t", text=text, date="2015-08-06"))
    held = {(r.subject.rsplit("/", 1)[-1], r.object.split("/id/", 1)[-1]) for r in x.relations if r.predicate == "holdsPost"}
    assert ("abdel-fattah-el-sisi", "country/EG/post/president") in held
    assert ("abdel-fattah-el-sisi", "country/YE/post/president") not in held


def test_a_call_received_after_a_title_is_no_name() -> None:
    people, _ = _run("تلقى أمير دولة الكويت اتصالا هاتفيا من رئيس وزراء اليابان.")
    assert not any("اتصال" in p or "هاتفي" in p for p in people)
