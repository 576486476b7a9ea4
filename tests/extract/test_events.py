import dataclasses

from marsad.extract.events import extract_events
from marsad.extract.models import default_models
from marsad.extract.views import sentence_views


def _events(an, keep_all: bool = False):  # type: ignore[no-untyped-def]
    """The events of ``an``; ``keep_all``: with the keeper off, for tests of how an event is coded
    rather than of whether the keeper codes a made-up article of one or two sentences (it learned
    from hand-read news that many short reports of shootings and arrests are ordinary crime)."""
    models = dataclasses.replace(default_models(), keep=0.0) if keep_all else None
    return extract_events(an, sentence_views(an), models)


def test_suicide_bombing_with_toll_place_and_date(make_analysis) -> None:  # type: ignore[no-untyped-def]
    text = "قتل 12 شخصا في تفجير انتحاري استهدف وزارة في كابول، الاثنين، وفق مسؤولين."
    an = make_analysis(text, "2018-06-11", places={"كابول": ("AF", "city")}, quantities={"12": 12},
                       dates={"الاثنين": ("2018-06-11", "day")})
    [ev] = _events(an)
    assert (ev.event_type, ev.sub_event_type, ev.method) == ("explosions_remote_violence", "suicide_bomb",
                                                             "suicide_bombing")
    assert ev.fatalities is not None and ev.fatalities.value == 12
    assert ev.location is not None and (ev.location.name, ev.location.country) == ("كابول", "AF")
    assert ev.date is not None and ev.date.value == "2018-06-11"
    assert ev.certainty == "reported"
    assert text[ev.evidence[0].start:ev.evidence[0].end] == ev.evidence[0].text


def test_sentences_about_one_attack_merge_into_one_event(make_analysis) -> None:  # type: ignore[no-untyped-def]
    text = ("انفجرت سيارة مفخخة في مدينة الموصل صباح اليوم. وقال مسؤول إن الانفجار أدى إلى مقتل 5 أشخاص. "
            "وأضاف أن الهجوم وقع قرب سوق شعبي.")
    an = make_analysis(text, "2018-03-01", places={"الموصل": ("IQ", "city")}, quantities={"5": 5})
    events = _events(an)
    assert len(events) == 1
    assert len(events[0].evidence) == 3
    assert events[0].fatalities is not None and events[0].fatalities.value == 5
    assert events[0].method == "car_bomb"


def test_attacks_in_two_countries_stay_apart(make_analysis) -> None:  # type: ignore[no-untyped-def]
    text = "قتل ثلاثة أشخاص في انفجار في بغداد. وفي كابول أصيب 4 أشخاص في هجوم مسلح على مركز للشرطة."
    an = make_analysis(text, places={"بغداد": ("IQ", "city"), "كابول": ("AF", "city")}, quantities={"4": 4})
    events = _events(an)
    assert [e.location.country for e in events if e.location] == ["IQ", "AF"]


def test_ordinary_sports_language_yields_no_event(make_analysis) -> None:  # type: ignore[no-untyped-def]
    text = "شن الفريق هجوما قويا في الشوط الثاني وسدد اللاعب صاروخية في المرمى قبل أن يخطف الفوز."
    assert _events(make_analysis(text)) == []


def test_recalled_attack_is_background(make_analysis) -> None:  # type: ignore[no-untyped-def]
    text = ("أطلق مسلح النار على دورية للشرطة في وسط مدينة الموصل فقتل شرطيا. "
            "وكان مسلحون قد فجروا سيارة مفخخة أمام مركز للشرطة في المدينة نفسها في مارس 2016، "
            "ما أسفر عن مقتل 32 شخصا.")
    an = make_analysis(text, "2018-05-29", places={"الموصل": ("IQ", "city")}, quantities={"32": 32},
                       dates={"مارس 2016": ("2016-03", "month")})
    events = _events(an, keep_all=True)
    assert [e.background for e in events] == [False, True]
    assert events[1].fatalities is not None and events[1].fatalities.value == 32
    assert events[1].date is not None and events[1].date.value == "2016-03"


def test_claim_by_a_group_and_unnamed_attacker(make_analysis) -> None:  # type: ignore[no-untyped-def]
    text = ("هاجم مسلحون نقطة تفتيش للجيش في مدينة بلدوين وسط الصومال صباح الأحد، ما أسفر عن مقتل ثلاثة جنود. "
            "وأعلنت حركة الشباب مسؤوليتها عن الهجوم في بيان نشرته على الإنترنت.")
    an = make_analysis(text, "2018-05-29", actors={"حركة الشباب": "group", "للجيش": "state_force"},
                       places={"بلدوين": ("SO", "city"), "الصومال": ("SO", "country")},
                       quantities={"ثلاثة": 3}, dates={"صباح الأحد": ("2018-05-27", "day", True)})
    [ev] = _events(an)
    assert ev.claim is not None and (ev.claim.status, ev.claim.by) == ("claimed", "حركة الشباب")
    assert ev.claim.mode == "online_post"
    roles = {(a.role, a.name) for a in ev.actors}
    # the doers as the text names them, or the group that claimed them (the gold accepts both)
    assert roles & {("perpetrator", "مسلحون"), ("perpetrator", "حركة الشباب")}
    assert ("claimant", "حركة الشباب") in roles
    assert ev.fatalities is not None and ev.fatalities.value == 3


def test_hedged_and_negated_reports(make_analysis) -> None:  # type: ignore[no-untyped-def]
    hedged = make_analysis("يعتقد أن انفجار عبوة ناسفة وقع قرب الحدود السورية التركية الأحد.", "2018-05-29",
                           places={"الحدود السورية التركية": ("SY", "region")},
                           dates={"الأحد": ("2018-05-27", "day", True)})
    assert _events(hedged, keep_all=True)[0].certainty == "hedged"
    text = "نفت وزارة الداخلية العراقية، الاثنين، وقوع انفجار في بغداد."
    negated = make_analysis(text, "2018-05-29", places={"بغداد": ("IQ", "city")},
                            dates={"الاثنين": ("2018-05-28", "day", True)})
    assert _events(negated, keep_all=True)[0].certainty == "negated"
    asked = make_analysis("هل وقع انفجار قرب الحدود السورية التركية الأحد؟", "2018-05-29",
                          places={"الحدود السورية التركية": ("SY", "region")},
                          dates={"الأحد": ("2018-05-27", "day", True)})
    assert [e.certainty for e in _events(asked, keep_all=True)] == ["hedged"]  # a question asserts nothing


def test_tolls_count_joined_single_victims_and_skip_attackers(make_analysis) -> None:  # type: ignore[no-untyped-def]
    joined = make_analysis("أطلق رجل النار في وسط المدينة ما أسفر عن مقتل شابة وفتاة.")
    assert _events(joined)[0].fatalities.value == 2  # type: ignore[union-attr]
    text = "قتل رجل طعنا في هجوم بسكين في مدينة نيس مساء الجمعة أسفر عن مقتل شخصين أحدهما المهاجم."
    an = make_analysis(text, "2018-06-02", places={"نيس": ("FR", "city")}, quantities={"شخصين": 2},
                       dates={"مساء الجمعة": ("2018-06-01", "day", True)})
    assert _events(an)[0].fatalities.value == 1  # type: ignore[union-attr]


def test_arrests_carry_no_toll(make_analysis) -> None:  # type: ignore[no-untyped-def]
    text = "اعتقلت الشرطة مشتبها به في إطلاق نار أدى لمقتل 4 أشخاص."
    an = make_analysis(text, actors={"الشرطة": "state_force"}, quantities={"4": 4})
    arrest = [e for e in _events(an, keep_all=True) if e.event_type == "strategic_developments"]
    assert arrest and arrest[0].fatalities is None


def test_place_after_a_hashtag_and_a_site_that_was_hit(make_analysis) -> None:  # type: ignore[no-untyped-def]
    # the city after "في #" wins over the country that only names the army; a place after "مقر الجيش"
    # locates the attack, not the army
    text = ("وقتل المهاجمون سبعة أشخاص في هجوم على مقر جيش بوركينا فاسو في #واغادوغو. "
            "وقال متحدث إن مهاجمين قتلوا خمسة أشخاص في هجوم على مقر الجيش في واغادوغو.")
    an = make_analysis(text, actors={"جيش": "state_force", "الجيش": "state_force"},
                       places={"بوركينا فاسو": ("BF", "country"), "واغادوغو": ("BF", "city")},
                       quantities={"سبعة": 7})
    [ev] = _events(an)
    assert ev.location is not None and ev.location.name == "واغادوغو"


def test_toll_after_the_subject_and_with_companions(make_analysis) -> None:  # type: ignore[no-untyped-def]
    text = "وقتل مسلحون يشتبه بأنهم متطرفون 18 شخصا على الأقل في هجوم على مطعم في واغادوغو."
    an = make_analysis(text, places={"واغادوغو": ("BF", "city")}, quantities={"18": 18})
    [ev] = _events(an)
    assert ev.fatalities is not None and ev.fatalities.value == 18
    text = "قال متحدث إن القائد قتل مع 6 من مرافقيه في غارة جوية على الحديدة."
    an = make_analysis(text, places={"الحديدة": ("YE", "city")}, quantities={"6": 6})
    [ev] = _events(an)
    assert ev.fatalities is not None and ev.fatalities.value == 7


def test_date_of_a_named_past_attack_is_not_the_arrest_date(make_analysis) -> None:  # type: ignore[no-untyped-def]
    text = "اعتقلت القوات الكردية شمالي سوريا جهاديا متهما بالضلوع في هجمات 11 سبتمبر."
    an = make_analysis(text, "2018-04-19", actors={"القوات الكردية": "group"},
                       places={"شمالي سوريا": ("SY", "region")}, dates={"11 سبتمبر": ("2001-09-11", "day")})
    arrest = next(e for e in _events(an) if e.sub_event_type == "arrests")
    assert arrest.date is None


def test_an_air_strike_and_a_suicide_bombing_are_two_incidents(make_analysis) -> None:  # type: ignore[no-untyped-def]
    text = ("وقتل 5 مدنيين في قصف جوي لقوات الحكومة على بلدة عابدين. "
            "وقد قتل أكثر من 200 شخص في تفجيرات انتحارية في محافظة السويداء نفذها التنظيم.")
    an = make_analysis(text, actors={"قوات الحكومة": "state_force", "التنظيم": "group"},
                       places={"عابدين": ("SY", "city"), "محافظة السويداء": ("SY", "admin1")},
                       quantities={"5": 5, "200": 200})
    events = _events(an)
    assert [e.sub_event_type for e in events] == ["air_drone_strike", "suicide_bomb"]


def test_a_question_whether_the_attacker_acted_alone_gives_an_unknown_link(make_analysis) -> None:  # type: ignore[no-untyped-def]
    text = ("قتل 5 أشخاص في تفجير نفذه انتحاري في مدينة الموصل. وأعلن تنظيم داعش مسؤوليته عن الهجوم. "
            "وقال المحققون إنهم يسعون إلى معرفة ما إذا كان المهاجم قد تصرف بمفرده أم بمساعدة شبكة.")
    an = make_analysis(text, actors={"تنظيم داعش": "group"}, places={"الموصل": ("IQ", "city")},
                       quantities={"5": 5})
    [ev] = _events(an)
    assert ev.link == "unknown"


def test_officials_tying_attackers_to_a_group_give_an_unknown_link(make_analysis) -> None:  # type: ignore[no-untyped-def]
    text = ("هاجم مسلحون مقر المؤسسة في العاصمة طرابلس، ما أسفر عن مقتل 2 من العاملين، "
            "وأظهرت المؤشرات الأولية أن المهاجمين مرتبطين بتنظيم داعش.")
    an = make_analysis(text, actors={"داعش": "group"}, places={"طرابلس": ("LY", "city")}, quantities={"2": 2})
    [ev] = _events(an)
    assert ev.link == "unknown"
    assert ev.claim is None or ev.claim.status != "claimed"


def test_a_claimed_attack_by_a_lone_attacker_without_sign_of_direction_is_inspired(make_analysis) -> None:  # type: ignore[no-untyped-def]
    text = ("قتل مسلح 3 أشخاص بإطلاق النار في مطعم بمدينة لييج. "
            "وأعلن تنظيم داعش مسؤوليته عن الهجوم في بيان.")
    an = make_analysis(text, actors={"تنظيم داعش": "group"}, places={"لييج": ("BE", "city")},
                       quantities={"3": 3})
    [ev] = _events(an)
    assert ev.claim is not None and ev.claim.status == "claimed"
    assert ev.link == "inspired"


def test_a_toll_said_to_have_risen_is_the_final_toll(make_analysis) -> None:  # type: ignore[no-untyped-def]
    text = ("قتل 10 أشخاص في انفجار سيارة مفخخة في سوق مدينة الحلة. "
            "وقالت مصادر طبية إن عدد قتلى الانفجار ارتفع إلى 15 شخصا.")
    an = make_analysis(text, places={"الحلة": ("IQ", "city")}, quantities={"10": 10, "15": 15})
    [ev] = _events(an, keep_all=True)
    assert ev.fatalities is not None and ev.fatalities.value == 15
    # a total many times the act's own toll counts more than this act
    text = ("قتل 2 في انفجار سيارة مفخخة في سوق مدينة الحلة. "
            "وقالت مصادر طبية إن عدد قتلى الانفجارات ارتفع إلى 40 شخصا.")
    an = make_analysis(text, places={"الحلة": ("IQ", "city")}, quantities={"2": 2, "40": 40})
    [ev] = _events(an, keep_all=True)
    assert ev.fatalities is not None and ev.fatalities.value == 2


def test_a_claim_verb_carrying_its_object_has_its_subject_after_it(make_analysis) -> None:  # type: ignore[no-untyped-def]
    # "الهجوم الذي تبناه تنظيم …": the claimant follows the verb, even with another group before it
    text = "وقالت حركة العدالة إن التفجير الانتحاري الذي تبناه تنظيم الدولة في مدينة بلدوين أسفر عن مقتل ثلاثة أشخاص."
    an = make_analysis(text, "2018-05-29", actors={"حركة العدالة": "group", "تنظيم الدولة": "group"},
                       places={"بلدوين": ("SO", "city")}, quantities={"ثلاثة": 3})
    [ev] = _events(an)
    assert ev.claim is not None and (ev.claim.status, ev.claim.by) == ("claimed", "تنظيم الدولة")
    assert ev.claim.mention == "تبناه"


def test_a_claimed_bombing_has_no_state_force_among_its_doers(make_analysis) -> None:  # type: ignore[no-untyped-def]
    text = ("تبنت حركة الشباب تفجير سيارة مفخخة عند مقر وزارة الدفاع في مقديشو يوم الجمعة. "
            "وانفجرت السيارة عند بوابة المقر، فيما اشتبك مسلحون مع قوات الأمن قرب المبنى.")
    an = make_analysis(text, "2018-03-03", actors={"حركة الشباب": "group", "قوات الأمن": "state_force"},
                       places={"مقديشو": ("SO", "city")}, dates={"يوم الجمعة": ("2018-03-02", "day")})
    bombings = [e for e in _events(an, keep_all=True) if e.event_type == "explosions_remote_violence"]
    assert bombings, "the car bomb is an event"
    for e in bombings:
        assert e.claim is not None and e.claim.by == "حركة الشباب"
        # the forces the gunmen fought are not the bombers
        assert all(a.kind != "state_force" for a in e.actors if a.role == "perpetrator")


def test_the_doer_toll_and_place_of_an_act_answered_are_not_the_answering_attack(make_analysis) -> None:  # type: ignore[no-untyped-def]
    text = ("تبنت الجماعة الهجومين اللذين استهدفا السفارة ومقر الجيش في العاصمة واغادوغو يوم الجمعة. "
            "وقالت الجماعة إن الهجومين جاءا ردا على غارة شنها الجيش الفرنسي في شمال مالي وقتل فيها 5 من قادتها.")
    an = make_analysis(text, "2018-03-03", actors={"الجماعة": "group", "الجيش الفرنسي": "state_force"},
                       places={"واغادوغو": ("BF", "city"), "شمال مالي": ("ML", "region")}, quantities={"5": 5},
                       dates={"يوم الجمعة": ("2018-03-02", "day")})
    events = _events(an, keep_all=True)
    raid = text.index("غارة")
    answering = [e for e in events if not any(ev.start <= raid < ev.end for ev in e.evidence)
                 or e.sub_event_type != "air_drone_strike"]
    assert answering, "the attacks are an event of their own"
    for e in answering:
        assert all(a.name != "الجيش الفرنسي" for a in e.actors)
        assert e.fatalities is None
        assert e.location is None or e.location.country != "ML"


def test_an_act_answered_takes_no_date_or_place_from_before_its_cue(make_analysis) -> None:  # type: ignore[no-untyped-def]
    text = ("تبنت الجماعة الهجومين اللذين استهدفا السفارة ومقر الجيش في العاصمة واغادوغو يوم الجمعة. "
            "وقالت الجماعة في بيان السبت إن الهجومين جاءا ردا على غارة شنها الجيش الفرنسي في شمال مالي.")
    an = make_analysis(text, "2018-03-04", actors={"الجماعة": "group", "الجيش الفرنسي": "state_force"},
                       places={"واغادوغو": ("BF", "city"), "شمال مالي": ("ML", "region")},
                       dates={"يوم الجمعة": ("2018-03-02", "day"), "السبت": ("2018-03-03", "day")})
    raid = text.index("غارة")
    [answered] = [e for e in _events(an, keep_all=True) if any(ev.start <= raid < ev.end for ev in e.evidence)]
    # "السبت" is when the group spoke; the text does not say when the raid was
    assert answered.date is None
    assert answered.location is None or answered.location.country == "ML"


def test_war_planes_striking_the_attackers_after_a_shooting_are_an_incident_of_their_own(make_analysis) -> None:  # type: ignore[no-untyped-def]
    text = ("أطلق مسلحون النار على المصلين في مسجد بقرية الروضة خلال صلاة الجمعة، ما أسفر عن مقتل 20 شخصا. "
            "وقال المتحدث باسم الجيش إن طائرات حربية دمرت السيارات التي استخدمها المهاجمون وقتلت من كانوا على متنها.")
    an = make_analysis(text, "2017-11-25", actors={"الجيش": "state_force"}, places={"الروضة": ("EG", "city")},
                       quantities={"20": 20}, dates={"الجمعة": ("2017-11-24", "day")})
    events = _events(an)
    strike = text.index("طائرات حربية")
    shooting = [e for e in events if e.sub_event_type != "air_drone_strike"]
    assert shooting and all(ev.end <= strike for e in shooting for ev in e.evidence), "the strike is not the shooting"
    assert any(e.sub_event_type == "air_drone_strike" and any(ev.start <= strike < ev.end for ev in e.evidence)
               for e in events)


def test_a_place_the_gazetteer_does_not_know_lies_in_the_country_of_the_report(make_analysis) -> None:  # type: ignore[no-untyped-def]
    text = ("قتل خمسة مسلحين في اشتباكات مع القوات الحكومية في بلدة لبوزة شمال مدينة عدن اليمنية، "
            "وفق مصادر محلية.")
    an = make_analysis(text, "2018-06-11", places={"لبوزة": (None, "city"), "عدن": ("YE", "city")},
                       quantities={"خمسة": 5})
    [ev] = _events(an, keep_all=True)
    assert ev.location is not None and ev.location.name == "لبوزة"
    # no country of its own: the country of the report's other places, not none
    assert ev.location.country == "YE"


def test_a_place_the_gazetteer_knows_in_no_country_takes_none(make_analysis) -> None:  # type: ignore[no-untyped-def]
    text = "غرق قارب يقل مهاجرين بعد إطلاق نار عليه في البحر المتوسط قبالة ليبيا، وقتل خمسة منهم."
    an = make_analysis(text, "2018-06-11", places={"البحر المتوسط": (None, "region"), "ليبيا": ("LY", "country")},
                       quantities={"خمسة": 5})
    sea = next(m for m in an.mentions if m.text == "البحر المتوسط")
    an = dataclasses.replace(an, mentions=tuple(dataclasses.replace(m, lat=35.0, lon=18.0) if m is sea else m
                                                for m in an.mentions))
    events = _events(an, keep_all=True)
    at_sea = [e for e in events if e.location is not None and e.location.name == "البحر المتوسط"]
    assert at_sea, [e.location for e in events]
    # a sea (the gazetteer has its coordinates, and no country) is not put in Libya
    assert all(e.location.country is None for e in at_sea)


def test_residents_and_workers_fight_no_battle_and_fire_no_shell(make_analysis) -> None:  # type: ignore[no-untyped-def]
    for text in ("قال سكان إن 20 مدنيا قتلوا في بلدة جرابولي في انفجار بمخزن للذخيرة.",
                 "وقتل 20 شخصا في بلدة جرابولي في اشتباكات بين مسلحين مجهولين والعمال."):
        an = make_analysis(text, "2018-06-11", places={"جرابولي": ("LY", "city")}, quantities={"20": 20})
        armed = [e for e in _events(an, keep_all=True) if e.event_type in ("battles", "explosions_remote_violence")]
        assert armed, text
        for e in armed:
            assert all(a.kind != "civilians" for a in e.actors if a.role == "perpetrator"), (text, e.actors)
