"""Event and adoption rules that generalise beyond the shared articles (sentences written for the tests)."""
from __future__ import annotations

from test_quotes_support import PEOPLE as PEOPLE_NAMES
from test_quotes_support import make_ctx

from newsgraph.extract.events import EventsResult, find_events

SAMI, HALA, KAMAL = "Person:سامي نور", "Person:هالة زين", "Person:كمال داود"
FRANCE, EGYPT = "Place:فرنسا", "Place:مصر"
COUNCIL, AMAL = "Organization:مجلس السلام", "Organization:حركة الامل"


def events(text: str) -> EventsResult:
    return find_events(make_ctx(text))


def test_agreeing_unanimously_to_a_draft_is_a_vote_that_adopted_it() -> None:
    res = events("وافق مجلس السلام بالإجماع على مشروع قرار يدين الهجوم.")
    assert {(e.type, e.participants) for e in res.events} == {("Vote", (COUNCIL,)), ("Adoption", (COUNCIL,))}
    assert [(r.subject, r.predicate) for r in res.relations] == [(COUNCIL, "adopted")]


def test_agreeing_without_a_vote_word_is_no_vote() -> None:
    res = events("ووافقت فرنسا على خطة السلام.")
    assert [e.type for e in res.events] == ["Adoption"]


def test_an_agreement_reached_by_two_parties_was_adopted_by_both_at_an_unknown_date() -> None:
    res = events("رحب سامي نور بالاتفاق الذي توصلت إليه فرنسا مع مصر في باريس.")
    (ev,) = [e for e in res.events if e.type == "Adoption"]
    assert set(ev.participants) == {FRANCE, EGYPT}
    assert ev.place == "Place:باريس" and ev.date is None
    assert not events("وتوصلت فرنسا إلى نتيجة مهمة.").events


def test_a_meeting_during_a_visit_keeps_its_object_and_a_post_stands_for_its_organisation() -> None:
    (ev,) = [e for e in events("وقال كمال داود إن سامي نور التقى خلال زيارة إلى القاهرة الأمين العام لحركة الأمل.").events
             if e.type == "Meeting"]
    assert set(ev.participants) == {SAMI, AMAL}
    assert ev.place == "Place:القاهره"


def test_where_he_met_refers_to_the_person_named_before() -> None:
    (ev,) = events("وقال كمال داود إن سامي نور سيذهب إلى القاهرة، حيث التقى من قبل بممثلين لحركة الأمل.").events
    assert set(ev.participants) == {SAMI, AMAL}


def test_and_also_after_a_comma_adds_a_participant() -> None:
    (ev,) = events("التقى سامي نور في القاهرة الأمين العام لحركة الأمل، وكذلك هالة زين.").events
    assert set(ev.participants) == {SAMI, AMAL, HALA}


def test_a_conditional_or_negated_approval_is_no_adoption() -> None:
    assert not events("وقال سامي نور إنه يجب الانتظار حتى يوافق مجلس السلام على الخطة الجديدة.").events
    assert not events("وإذا لم يوافق مجلس السلام على الخطة الجديدة فلن تنفذ.").events


def test_an_approval_that_happened_after_that_is_an_adoption() -> None:
    res = events("وارتفعت الأسعار بعد أن وافقت فرنسا على الخطة الجديدة.")
    assert [(e.type, e.participants) for e in res.events] == [("Adoption", (FRANCE,))]
    assert events("وقبل أن يوافق مجلس السلام على الخطة الجديدة بدأ القتال.").events == ()


def test_the_council_named_by_its_head_noun_holds_the_session_and_the_vote() -> None:
    res = events("وقال سامي نور إن مجلس السلام بدأ عمله. وأضاف أن المجلس سيعقد جلسة خاصة للتصويت على الخطة.")
    assert {(e.type, e.participants) for e in res.events} == {("Meeting", (COUNCIL,)), ("Vote", (COUNCIL,))}


def test_the_visitor_during_a_meeting_is_the_one_who_met_not_the_reporter() -> None:
    res = events("وقال كمال داود إن سامي نور التقى خلال زيارة إلى القاهرة الأمين العام لحركة الأمل.")
    (visit,) = [e for e in res.events if e.type == "Visit"]
    assert visit.participants == (SAMI,) and visit.place == "Place:القاهره"
    res = events("وقال كمال داود إن الوزير التقى خلال زيارة إلى القاهرة الأمين العام لحركة الأمل.")
    assert not [e for e in res.events if e.type == "Visit" and KAMAL in e.participants]


def test_as_he_also_met_takes_the_current_subject() -> None:
    (ev,) = events("قال سامي نور إن الوضع صعب، كما التقى في باريس بممثلين لحركة الأمل.").events
    assert set(ev.participants) == {SAMI, AMAL}


def test_a_quotation_mark_between_the_subject_and_the_support_verb() -> None:
    res = events('وقال سامي نور إن مجلس السلام بدأ عمله، وإن المجلس "سيعقد جلسة خاصة للتصويت على الخطة".')
    assert {(e.type, e.participants) for e in res.events} == {("Meeting", (COUNCIL,)), ("Vote", (COUNCIL,))}


def test_an_agreement_reached_by_unknown_powers_with_one_party_is_not_that_partys_alone() -> None:
    assert not events("رحب سامي نور بالاتفاق الذي توصلت إليه القوى الكبرى مع مصر في باريس.").events
    (ev,) = events("رحب سامي نور بالاتفاق الذي تم التوصل إليه مع مصر في باريس.").events
    assert ev.participants == (EGYPT,)


def test_a_meeting_during_a_visit_has_the_visitor_and_the_place() -> None:
    res = events("وكان سامي نور يتحدث خلال زيارة إلى القاهرة للاجتماع مع نظيره الفرنسي.")
    (meeting,) = [e for e in res.events if e.type == "Meeting"]
    assert meeting.participants == (SAMI, HALA) and meeting.place == "Place:القاهره"


def test_country_adjectives_after_a_meeting_noun_are_its_parties() -> None:
    from types import SimpleNamespace

    def country(code: str, name: str, adj: str) -> tuple[str, SimpleNamespace]:
        return f"kb:{code}", SimpleNamespace(category="Place", type="Country", labels={"ar": (name,)},
                                           matchable=True, adjectives=(adj,), wikidata=None)
    kb = SimpleNamespace(entities=dict([country("EG", "مصر", "مصري"), country("FR", "فرنسا", "فرنسي")]))
    ctx = make_ctx("وعقدت في القاهرة أمس مباحثات مصرية ـ فرنسية حول التعاون.", names={})
    ctx.kb = kb
    res = find_events(ctx)
    (ev,) = res.events
    assert ev.type == "Meeting" and set(ev.participants) == {"kb:EG", "kb:FR"}
    assert {e.key: e.label for e in res.entities if e.key.startswith("kb:")} == {"kb:EG": "مصر", "kb:FR": "فرنسا"}
    ctx = make_ctx("وعقدت في القاهرة أمس مباحثات مصرية حول التعاون.", names={})
    ctx.kb = kb
    assert not find_events(ctx).events          # one adjective alone names no parties


def test_the_agency_of_the_byline_takes_part_in_nothing() -> None:
    import dataclasses

    from newsgraph.extract.model import Span
    text = "القاهرة - وكالة الأنباء الوطنية\nعقدت اليوم في القاهرة جلسة طارئة."
    ctx = make_ctx(text)
    ctx.article = dataclasses.replace(ctx.article, byline=Span(0, text.index("\n")))
    assert not find_events(ctx).events
    assert find_events(make_ctx(text)).events      # without the byline the agency reads as the subject


def test_a_topic_after_a_new_verb_is_no_participant_and_its_place_is_not_the_meetings() -> None:
    (ev,) = events("التقى سامي نور هالة زين في باريس وبحث معها نشاط حركة الأمل في القاهرة.").events
    assert set(ev.participants) == {SAMI, HALA}
    assert ev.place == "Place:باريس"


def test_countries_in_what_was_said_at_a_press_conference_do_not_take_part() -> None:
    (ev,) = events("وقال سامي نور خلال مؤتمر صحفي مع هالة زين إن فرنسا ومصر تدعمان الحل.").events
    assert ev.type == "PressConference"
    assert set(ev.participants) == {SAMI, HALA}


def test_the_visited_country_is_never_the_visitor() -> None:
    (ev,) = events("وصل سامي نور إلى باريس في زيارة لفرنسا.").events
    assert ev.type == "Visit" and ev.participants[0] == SAMI
    assert not [e for e in events("تبدأ غدا زيارة إلى فرنسا.").events if e.participants == (FRANCE,)]
    assert not [e for e in events("وسيزور فرنسا الأسبوع المقبل.").events if e.participants == (FRANCE,)]
    assert not [e for e in events("وزار فرنسا ومصر مرتين.").events if EGYPT in e.participants]


def test_the_matter_a_press_conference_answers_is_no_participant() -> None:
    (ev,) = events("قال سامي نور في مؤتمر صحافي تعقيبا على قرار مصر إن القرار نهائي.").events
    assert ev.participants == (SAMI,)


def test_a_country_spoken_about_is_no_party_but_one_spoken_for_is() -> None:
    (ev,) = events("وعقد سامي نور مؤتمرا صحفيا مع هالة زين في باريس تحدثا فيه عن مصر.").events
    assert set(ev.participants) == {SAMI, HALA}
    (ev,) = events("التقى سامي نور نيابة عن مصر هالة زين في باريس.").events
    assert EGYPT in ev.participants


def test_a_second_verb_after_kama_keeps_the_first_verbs_subject_and_place() -> None:
    evs = events("التقى سامي نور في باريس هالة زين، كما التقى كمال داود.").events
    assert [set(e.participants) for e in evs] == [{SAMI, HALA}, {SAMI, KAMAL}]
    assert evs[1].place == "Place:باريس"


def test_a_reception_noun_with_a_pronoun_object_keeps_its_date_and_place_after_the_comma() -> None:
    (ev,) = events("وأعرب سامي نور، لدى استقبال كمال داود، له الليلة الماضية في القاهرة، عن ارتياحه.").events
    assert (ev.type, set(ev.participants)) == ("Meeting", {SAMI, KAMAL})
    assert ev.date == "2020-03-01" and ev.place == "Place:القاهره"


def test_who_visits_is_the_person_before_a_country_in_apposition() -> None:
    (ev,) = [e for e in events("استقبل كمال داود اليوم سامي نور رئيس مصر الذي يزور فرنسا حاليا.").events
             if e.type == "Visit"]
    assert ev.participants[0] == SAMI and EGYPT not in ev.participants
    assert ev.place == FRANCE


def test_doing_a_visit_and_heading_from_one_country_to_another_are_visits() -> None:
    evs = events("تقوم هالة زين اليوم بزيارة إلى مصر. وستتوجه زين من مصر إلى فرنسا لإجراء محادثات مع كمال داود.").events
    visits = [(e.participants[0], e.place) for e in evs if e.type == "Visit"]
    assert visits == [(HALA, EGYPT), (HALA, FRANCE)]
    (meeting,) = [e for e in evs if e.type == "Meeting"]
    assert set(meeting.participants) == {HALA, KAMAL}


def test_a_statement_issued_by_a_council_is_its_adoption() -> None:
    res = events("دان مجلس السلام الهجوم في بيان صدر عن المجلس صباح أمس.")
    assert [(e.type, e.participants, e.date) for e in res.events] == [("Adoption", (COUNCIL,), "2020-03-01")]
    assert [(r.subject, r.predicate) for r in res.relations] == [(COUNCIL, "adopted")]
    assert not events("نشرت فرنسا بيانا صدر في باريس.").events


def test_attending_a_reception_and_its_topics_add_no_new_meeting() -> None:
    evs = events("استقبل كمال داود اليوم سامي نور. وجرى خلال الاستقبال استعراض العلاقات بين فرنسا ومصر. "
                 "وحضر الاستقبال هالة زين.").events
    assert [e.type for e in evs] == ["Meeting"]
    assert {KAMAL, SAMI} <= set(evs[0].participants) and FRANCE not in evs[0].participants


def test_a_visit_he_made_belongs_to_the_subject_before_it() -> None:
    (ev,) = events("ويقيم سامي نور في تونس وكانت آخر زيارة قام بها لباريس قبل عامين.").events
    assert (ev.type, ev.participants, ev.place) == ("Visit", (SAMI,), "Place:باريس")


def test_a_call_during_which_two_subjects_spoke_has_both() -> None:
    (ev,) = events("بحث سامي نور ونظيره كمال داود، خلال اتصال هاتفي أمس، الوضع في المنطقة.").events
    assert (ev.type, set(ev.participants), ev.date) == ("PhoneCall", {SAMI, KAMAL}, "2020-03-01")


def test_a_press_conference_after_talks_between_them_has_both_on_the_talks_date() -> None:
    evs = events("عقد سامي نور، وكمال داود مؤتمرا صحافيا مشتركا عقب المباحثات التي جرت بينهما أمس في باريس.").events
    assert sorted((e.type, frozenset(e.participants), e.date) for e in evs) == [
        ("Meeting", frozenset({SAMI, KAMAL}), "2020-03-01"), ("PressConference", frozenset({SAMI, KAMAL}), "2020-03-01")]


def test_arriving_is_a_visit_only_with_a_named_visitor_and_place() -> None:
    (ev,) = events("حيث وصل سامي نور إلى القاهرة أمس.").events
    assert (ev.type, ev.participants[0], ev.place) == ("Visit", SAMI, "Place:القاهره")
    assert not events("قال سامي نور إن النسبة وصلت إلى 30 في المائة.").events


def test_a_dinner_given_in_someones_honour_is_a_meeting_of_host_and_guest() -> None:
    (ev,) = events("وأقام سامي نور مأدبة عشاء تكريما لكمال داود والوفد المرافق له.").events
    assert (ev.type, set(ev.participants)) == ("Meeting", {SAMI, KAMAL})


TUNIS = "Place:تونس"


def test_a_coordinated_subject_before_a_support_verb_keeps_every_party() -> None:
    (ev,) = events("فرنسا ومصر وتونس عقدت جولة من المباحثات في باريس.").events
    assert ev.type == "Meeting" and set(ev.participants) == {FRANCE, EGYPT, TUNIS}
    (ev,) = events("سامي نور، وهالة زين عقدا اجتماعا في باريس.").events
    assert set(ev.participants) == {SAMI, HALA}


def test_talks_verbs_are_meetings_of_their_subjects_and_the_party_after_with() -> None:
    (ev,) = events("وبحث سامي نور مع هالة زين العلاقات بين فرنسا ومصر.").events
    assert ev.type == "Meeting" and set(ev.participants) == {SAMI, HALA}
    (ev,) = events("سامي نور وهالة زين يبحثان الأوضاع في المنطقة.").events
    assert set(ev.participants) == {SAMI, HALA}
    (ev,) = events("واتفقت فرنسا ومصر على الخطة.").events
    assert set(ev.participants) == {FRANCE, EGYPT}


def test_talks_of_one_party_or_without_a_subject_are_no_meeting() -> None:
    assert not events("وبحث مجلس السلام الخطة الجديدة.").events
    assert not events("وتم بحث العلاقات بين فرنسا ومصر.").events
    assert not [e for e in events("وتوجه سامي نور إلى فرنسا ومصر لبحث الأوضاع.").events if e.type == "Meeting"]


def test_talks_held_by_phone_are_a_call() -> None:
    (ev,) = events("وبحث سامي نور هاتفيا مع هالة زين الأوضاع.").events
    assert ev.type == "PhoneCall" and set(ev.participants) == {SAMI, HALA}


def test_negotiations_are_a_meeting_only_of_the_parties_they_name() -> None:
    (ev,) = events("وبدأت جولة مفاوضات بين فرنسا ومصر في باريس.").events
    assert ev.type == "Meeting" and set(ev.participants) == {FRANCE, EGYPT}
    assert not events("وقال سامي نور إن المفاوضات مع تونس صعبة.").events


def test_a_topic_verb_right_after_a_meeting_noun_ends_its_parties() -> None:
    assert not events("وقال سامي نور إن المحادثات تناولت الأوضاع في مجلس السلام.").events


def test_a_council_adopting_or_voting_unanimously_adopts_the_resolution() -> None:
    res = events("واعتمد مجلس السلام قرارا يدين الهجوم.")
    assert [(e.type, e.participants) for e in res.events] == [("Adoption", (COUNCIL,))]
    res = events("وتبنى مجلس السلام القرار الجديد.")
    assert [(e.type, e.participants) for e in res.events] == [("Adoption", (COUNCIL,))]
    res = events("وصوت مجلس السلام بالإجماع على القرار.")
    assert {(e.type, e.participants) for e in res.events} == {("Vote", (COUNCIL,)), ("Adoption", (COUNCIL,))}
    res = events("وصوتت فرنسا ضد القرار.")
    assert [e.type for e in res.events] == ["Vote"] and not res.relations


def test_a_subject_set_off_by_a_comma_before_qad_is_the_visitor() -> None:
    (ev,) = events("وكان سامي نور، قد زار باريس أمس.").events
    assert ev.type == "Visit" and ev.participants[0] == SAMI


def test_negotiations_held_by_a_coordinated_subject_and_a_treaty_signed_by_both() -> None:
    (ev,) = events("وعقدت فرنسا ومصر جولة جديدة من المفاوضات في باريس.").events
    assert ev.type == "Meeting" and set(ev.participants) == {FRANCE, EGYPT}
    res = events("ووقعت فرنسا ومصر الاتفاق الجديد في باريس.")
    assert [(e.type, set(e.participants)) for e in res.events] == [("Adoption", {FRANCE, EGYPT})]


def test_a_phone_interview_given_to_a_paper_is_no_call_but_a_call_with_someone_has_the_speaker() -> None:
    names = {**PEOPLE_NAMES, "الشرق": ("Organization:الشرق", "Organization", "MediaOrganization", "name")}
    assert not find_events(make_ctx("وقال سامي نور في اتصال هاتفي لـ«الشرق» إن الوضع صعب.", names)).events
    (ev,) = events("وأكد سامي نور في اتصال هاتفي مع هالة زين أن الوضع صعب.").events
    assert ev.type == "PhoneCall" and set(ev.participants) == {SAMI, HALA}


def test_the_two_sides_are_the_two_people_named_just_before() -> None:
    text = "وقال سامي نور إن الوضع صعب، وأضافت هالة زين أن الحل قريب. "
    for tail in ("والتقى الوزيران في باريس.", "وبحث الجانبان العلاقات.", "وأجرى الجانبان جولة من المباحثات."):
        (ev,) = events(text + tail).events
        assert ev.type == "Meeting" and set(ev.participants) == {SAMI, HALA}, tail


def test_a_joint_press_conference_with_someone_has_the_speaker_too() -> None:
    (ev,) = events("وقال سامي نور في مؤتمر صحفي مشترك مع هالة زين إن الوضع صعب.").events
    assert ev.type == "PressConference" and set(ev.participants) == {SAMI, HALA}
