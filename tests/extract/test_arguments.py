"""Features of the learned argument choice (``marsad.extract.arguments``)."""

from marsad.extract.arguments import incident_arguments
from marsad.extract.candidates import find_candidates
from marsad.extract.events import incident_context
from marsad.extract.frames import fill_frame
from marsad.extract.merge import Incident
from marsad.extract.views import sentence_views


def _date_rows(an, sentence: int = 0):  # type: ignore[no-untyped-def]
    views = sentence_views(an)
    frames = [c.frame for c in find_candidates(an, views) if c.sentence == sentence][:1]
    args = incident_arguments(Incident(frames), views, an.doc.published, "violence_against_civilians", None, set())
    return {c.value.mention: row for c, row in zip(args.dates, args.date_rows, strict=True)}


def test_the_day_of_the_act_beside_the_day_it_was_announced(make_analysis) -> None:  # type: ignore[no-untyped-def]
    text = "أعلنت الشرطة الأحد مقتل ثلاثة أشخاص مساء الخميس في هجوم على حافلة."
    an = make_analysis(text, "2018-07-22", quantities={"ثلاثة": 3},
                       dates={"الأحد": ("2018-07-22", "day", True), "مساء الخميس": ("2018-07-19", "day", True)})
    rows = _date_rows(an)
    assert "speech_date&act_date" in rows["الأحد"] and "act_date&speech_date" not in rows["الأحد"]
    assert "act_date&speech_date" in rows["مساء الخميس"]


def test_a_lead_date_far_from_the_incident_and_held_by_an_act_of_its_own(make_analysis) -> None:  # type: ignore[no-untyped-def]
    text = ("اندلعت اشتباكات عنيفة قرب المطار أمس. وقال سكان إن الوضع هادئ. وأضافوا أن المحلات أغلقت. "
            "وقصفت طائرات مواقع في الجبل.")
    an = make_analysis(text, "2018-07-22", dates={"أمس": ("2018-07-21", "day", True)})
    rows = _date_rows(an, sentence=3)
    assert {"outside", "outside_gap=4", "outside_with_act"} <= set(rows["أمس"])



def test_a_date_right_after_the_speaker_is_when_it_was_said(make_analysis) -> None:  # type: ignore[no-untyped-def]
    text = "أعلنت النيابة العامة المصرية السبت ارتفاع عدد قتلى الهجوم على المسجد إلى 305 قتلى."
    an = make_analysis(text, "2017-11-26", quantities={"305": 305}, dates={"السبت": ("2017-11-25", "day", True)})
    assert "beside_speech" in _date_rows(an)["السبت"]


def test_a_date_after_the_reported_act_is_not_when_it_was_said(make_analysis) -> None:  # type: ignore[no-untyped-def]
    text = "قالت الشرطة إن مسلحين قتلوا ثلاثة أشخاص في السوق السبت."
    an = make_analysis(text, "2017-11-26", quantities={"ثلاثة": 3}, dates={"السبت": ("2017-11-25", "day", True)})
    assert "beside_speech" not in _date_rows(an)["السبت"]


def test_an_incident_is_dated_by_its_act_not_by_the_day_of_the_statement(make_analysis) -> None:  # type: ignore[no-untyped-def]
    text = ("أعلنت النيابة العامة السبت ارتفاع عدد قتلى الهجوم على المسجد إلى 305 قتلى. "
            "وقالت إن مسلحين أطلقوا النار على المصلين خلال صلاة الجمعة.")
    an = make_analysis(text, "2017-11-26", quantities={"305": 305},
                       dates={"السبت": ("2017-11-25", "day", True), "الجمعة": ("2017-11-24", "day", True)})
    views = sentence_views(an)
    frames = [fill_frame(c.frame, an.doc.published) for c in find_candidates(an, views)]
    firsts = [next(f for f in frames if f.sentence_index == i) for i in (0, 1)]
    assert Incident(firsts).date is not None and Incident(firsts).date.value == "2017-11-24"
    assert Incident(firsts[:1]).date is not None and Incident(firsts[:1]).date.value == "2017-11-25"  # nothing else dates it



def test_a_lead_date_that_dates_another_incident(make_analysis) -> None:  # type: ignore[no-untyped-def]
    text = ("اندلعت اشتباكات عنيفة قرب المطار أمس. وقال سكان إن الوضع هادئ. وأضافوا أن المحلات أغلقت. "
            "وقصفت طائرات مواقع في الجبل.")
    an = make_analysis(text, "2018-07-22", dates={"أمس": ("2018-07-21", "day", True)})
    views = sentence_views(an)
    by_sentence = {c.sentence: c for c in find_candidates(an, views)}
    context = incident_context(an, views, [[by_sentence[0]], [by_sentence[3]]], ["battles", "explosions_remote_violence"])
    later = context.arguments(1, views, an.doc.published, "explosions_remote_violence")
    rows = {c.value.mention: row for c, row in zip(later.dates, later.date_rows, strict=True)}
    assert "outside_other_incident" in rows["أمس"]  # the clashes' day, read from the lead
    alone = incident_context(an, views, [[by_sentence[3]]], ["explosions_remote_violence"])
    args = alone.arguments(0, views, an.doc.published, "explosions_remote_violence")
    assert all("outside_other_incident" not in row for row in args.date_rows)


def test_a_group_named_elsewhere_is_read_beside_the_doer_the_incident_names(make_analysis) -> None:  # type: ignore[no-untyped-def]
    text = ("وتنشط حركة طالبان في الإقليم منذ سنوات. "
            "وقتل مسؤول محلي في انفجار نفذه مسلحون مجهولون في منطقة دير.")
    an = make_analysis(text, "2015-08-10", actors={"حركة طالبان": "group"})
    views = sentence_views(an)
    frames = [c.frame for c in find_candidates(an, views) if c.sentence == 1][:1]
    args = incident_arguments(Incident(frames), views, an.doc.published, "explosions_remote_violence", None, set())
    rows = {c.value.text: row for c, row in zip(args.actors, args.actor_rows, strict=True)}
    assert "outside&doer_inside" in rows["حركة طالبان"]
    assert "outside&doer_inside" not in rows["مسلحون مجهولون"]
