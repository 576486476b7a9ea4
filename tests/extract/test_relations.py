from marsad.extract.models import default_models
from marsad.extract.network import extract_relations
from marsad.extract.relations import pattern_matches, relation_actors
from marsad.extract.views import sentence_views


def _relations(an):  # type: ignore[no-untyped-def]
    return {(r.type, r.source.name, r.target.name)
            for r in extract_relations(an.text, sentence_views(an), default_models())}


def test_spokesman_role_and_call_to_action(make_analysis) -> None:  # type: ignore[no-untyped-def]
    text = ("وفي تسجيل صوتي، دعا أبو محمد العدناني، المتحدث باسم تنظيم الدولة، "
            "الجماعات المسلحة في سيناء إلى تصعيد هجماتها.")
    an = make_analysis(text, actors={"تنظيم الدولة": "group"}, persons=["أبو محمد العدناني"],
                       places={"سيناء": ("EG", "region")})
    rels = _relations(an)
    assert ("role", "أبو محمد العدناني", "تنظيم الدولة") in rels
    assert ("call_to_action", "أبو محمد العدناني", "الجماعات المسلحة في سيناء") in rels


def test_allegiance_support_and_supply(make_analysis) -> None:  # type: ignore[no-untyped-def]
    text = ("أعلنت جماعة جند الخلافة مبايعتها لتنظيم الدولة. "
            "وتقاتل قوات سوريا الديمقراطية بدعم من التحالف الدولي. "
            "وتتلقى جماعة الحوثي أسلحة من إيران عبر البحر.")
    an = make_analysis(text, actors={"جند الخلافة": "group", "تنظيم الدولة": "group",
                                     "قوات سوريا الديمقراطية": "group", "التحالف الدولي": "group",
                                     "الحوثي": "group"},
                       places={"إيران": ("IR", "country")})
    rels = _relations(an)
    assert ("allegiance", "جند الخلافة", "تنظيم الدولة") in rels
    assert ("support", "التحالف الدولي", "قوات سوريا الديمقراطية") in rels
    assert ("supply", "إيران", "الحوثي") in rels


def test_leader_before_and_after_name(make_analysis) -> None:  # type: ignore[no-untyped-def]
    text = "قال زعيم جماعة نصرة الإسلام والمسلمين إياد أغ غالي إن الهدنة انتهت."
    an = make_analysis(text, actors={"جماعة نصرة الإسلام والمسلمين": "group"}, persons=["إياد أغ غالي"])
    assert ("role", "إياد أغ غالي", "جماعة نصرة الإسلام والمسلمين") in _relations(an)


def test_no_relation_without_a_cue(make_analysis) -> None:  # type: ignore[no-untyped-def]
    text = "التقى وزير الخارجية بنظيره في القاهرة لبحث ملف حركة حماس."
    an = make_analysis(text, actors={"حركة حماس": "group"}, persons=["وزير الخارجية"])
    assert _relations(an) == set()


def test_roles_and_memberships_in_apposition(make_analysis) -> None:  # type: ignore[no-untyped-def]
    text = ("وقال سامي العلي، المسؤول الإعلامي في جبهة الصمود، إن القصف استمر. "
            "وأعلنت كتائب النصر، الجناح المسلح لحركة الفجر، مسؤوليتها عن الهجوم.")
    an = make_analysis(text, actors={"جبهة الصمود": "group", "كتائب النصر": "group", "حركة الفجر": "group"},
                       persons=["سامي العلي"])
    rels = _relations(an)
    assert ("role", "سامي العلي", "جبهة الصمود") in rels
    assert ("membership", "كتائب النصر", "حركة الفجر") in rels


def test_backing_stated_after_the_backed_group(make_analysis) -> None:  # type: ignore[no-untyped-def]
    text = "واشتبكت قوات الحكومة مع ميليشيا الوادي المدعومة من إيران قرب الحدود."
    an = make_analysis(text, actors={"قوات الحكومة": "state_force", "ميليشيا الوادي": "group"},
                       places={"إيران": ("IR", "country")})
    assert ("support", "إيران", "ميليشيا الوادي") in _relations(an)


def _proposed(an):  # type: ignore[no-untyped-def]
    """What the patterns propose, before the learned filter."""
    from marsad.extract.relations import pattern_matches
    return {(m.type, m.source.name, m.target.name) for m in pattern_matches(an.text, sentence_views(an))}


def test_backing_in_a_relative_clause_after_the_backed(make_analysis) -> None:  # type: ignore[no-untyped-def]
    text = "وأعلنت قوات الوادي، التي تدعمها فرنسا، أنها سيطرت على البلدة."
    an = make_analysis(text, actors={"قوات الوادي": "group"}, places={"فرنسا": ("FR", "country")})
    assert ("support", "فرنسا", "قوات الوادي") in _proposed(an)


def test_wing_and_leader_among_fighters(make_analysis) -> None:  # type: ignore[no-untyped-def]
    wing = make_analysis("وأعلنت جماعة كتائب النصر جناح حركة الفجر في المدينة مسؤوليتها عن الهجوم.",
                         actors={"كتائب النصر": "group", "حركة الفجر": "group"})
    assert ("membership", "كتائب النصر", "حركة الفجر") in _proposed(wing)
    leader = make_analysis("وقتل عشرة مسلحين من حركة الفجر بينهم القيادي سامي العلي.",
                           actors={"حركة الفجر": "group"}, persons=["سامي العلي"])
    assert ("role", "سامي العلي", "حركة الفجر") in _proposed(leader)
    own_wing = make_analysis("وأكدت حركة الفجر أن ثلاثة من أعضاء جناحها المسلح (كتائب النصر) قتلوا.",
                             actors={"كتائب النصر": "group", "حركة الفجر": "group"})
    assert ("membership", "كتائب النصر", "حركة الفجر") in _proposed(own_wing)


def test_spokesman_named_after_his_rank(make_analysis) -> None:  # type: ignore[no-untyped-def]
    text = "وقال الناطق الرسمي باسم جيش الجنوب الوطني العميد سامي العلي إن المعارك متواصلة."
    an = make_analysis(text, actors={"جيش الجنوب الوطني": "group"}, persons=["سامي العلي"])
    assert ("role", "سامي العلي", "جيش الجنوب الوطني") in _proposed(an)
    # a long name, where it operates, a comma and the rank before the person
    text = "وكشف المتحدث باسم تحالف دعم الشرعية في اليمن، العقيد سامي العلي، تفاصيل الضربة."
    an = make_analysis(text, actors={"تحالف دعم الشرعية": "state_force"}, persons=["سامي العلي"],
                       places={"اليمن": ("YE", "country")})
    assert ("role", "سامي العلي", "تحالف دعم الشرعية") in _proposed(an)


def test_arming_is_supply_not_support(make_analysis) -> None:  # type: ignore[no-untyped-def]
    an = make_analysis("ويثير تسليح إيران لجماعة الحوثي قلق الجيران.", actors={"جماعة الحوثي": "group"},
                       places={"إيران": ("IR", "country")})
    proposed = _proposed(an)
    assert ("supply", "إيران", "جماعة الحوثي") in proposed
    assert not any(kind == "support" for kind, _, _ in proposed)


def test_a_leaders_name_after_regime_stands_for_his_government(make_analysis) -> None:  # type: ignore[no-untyped-def]
    text = "وأيدت روسيا، الحليف الرئيسي لنظام الرئيس بشار الأسد، القرار. وقال الرئيس بشار الأسد إن الحرب طويلة."
    an = make_analysis(text, persons=["بشار الأسد"], places={"روسيا": ("RU", "country")})
    views = sentence_views(an)
    [regime] = [m for m in relation_actors(views[0], an.text) if m.text == "بشار الأسد"]
    assert regime.kind == "state_force" and regime.label != "PERS"
    assert all(m.label == "PERS" for m in relation_actors(views[1], an.text) if m.text == "بشار الأسد")  # the man himself
    assert ("support", "روسيا", "بشار الأسد") in _relations(an)


def test_the_head_of_a_group_named_after_it(make_analysis) -> None:  # type: ignore[no-untyped-def]
    # a leader named after "يرأس …" and after "كبير مفاوضي …"
    text = ("ويرأس حركة العدالة الوطنية، سامي حداد، منذ سنوات. "
            "والتقى المبعوث كبير مفاوضي جماعة الحوثي خالد يوسف.")
    an = make_analysis(text, actors={"حركة العدالة الوطنية": "group", "جماعة الحوثي": "group"},
                       persons=["سامي حداد", "خالد يوسف"])
    found = {(m.type, m.source.name, m.target.name) for m in pattern_matches(an.text, sentence_views(an))}
    assert ("role", "سامي حداد", "حركة العدالة الوطنية") in found
    assert ("role", "خالد يوسف", "جماعة الحوثي") in found


def test_a_leader_named_after_his_title_in_the_group(make_analysis) -> None:  # type: ignore[no-untyped-def]
    # "القيادي في حركة … سامي حداد": title, group, then the person
    text = "وقال القيادي في حركة العدالة الوطنية سامي حداد إن الحركة لن تتراجع."
    an = make_analysis(text, actors={"حركة العدالة الوطنية": "group"}, persons=["سامي حداد"])
    found = {(m.type, m.source.name, m.target.name) for m in pattern_matches(an.text, sentence_views(an))}
    assert ("role", "سامي حداد", "حركة العدالة الوطنية") in found


def test_generic_sides_take_part_in_backing_only(make_analysis) -> None:  # type: ignore[no-untyped-def]
    text = ("وتقاتل الحكومة المدعومة من السعودية المتمردين، بينما تدعم إيران المتمردين. "
            "وقال رئيس الحكومة سامي حداد إن الحرب طويلة.")
    an = make_analysis(text, persons=["سامي حداد"],
                       places={"السعودية": ("SA", "country"), "إيران": ("IR", "country")})
    views = sentence_views(an)
    sides = [m for m in relation_actors(views[0], an.text) if m.source == "side"]
    assert [m.name for m in sides] == ["الحكومة", "المتمردين", "المتمردين"]
    assert all(text[m.start:m.end] == m.text for m in sides)
    found = {(m.type, m.source.name, m.target.name) for m in pattern_matches(an.text, views)}
    assert ("support", "السعودية", "الحكومة") in found
    assert ("support", "إيران", "المتمردين") in found
    # a head of government holds an office; the side is no argument of a role
    assert not any(kind == "role" for kind, _, _ in found)


def test_a_side_after_a_preposition_keeps_its_article_in_its_name(make_analysis) -> None:  # type: ignore[no-untyped-def]
    text = "وروسيا هي الحليف الرئيسي للحكومة."
    an = make_analysis(text, places={"روسيا": ("RU", "country")})
    [side] = [m for m in relation_actors(sentence_views(an)[0], an.text) if m.source == "side"]
    assert (side.text, side.name, text[side.start:side.end]) == ("لحكومة", "الحكومة", "لحكومة")


def test_a_cue_whose_preposition_is_written_on_the_next_word(make_analysis) -> None:  # type: ignore[no-untyped-def]
    # "التحق ب" and "التابع ل" are written "التحق بحركة", "التابع لحركة"
    text = "وقال المسؤول إن سامي حداد التحق بحركة العدالة الوطنية. وهاجم لواء الفجر التابع لجبهة الخلاص موقعا."
    an = make_analysis(text, actors={"حركة العدالة الوطنية": "group", "لواء الفجر": "group", "جبهة الخلاص": "group"},
                       persons=["سامي حداد"])
    found = {(m.type, m.source.name, m.target.name) for m in pattern_matches(an.text, sentence_views(an))}
    assert ("membership", "سامي حداد", "حركة العدالة الوطنية") in found
    assert ("membership", "لواء الفجر", "جبهة الخلاص") in found
    # the verb and participle forms of belonging ("ينتميان إلى", "المنتمون ل")
    text = "وقال المسؤول إن سامي حداد وخالد يوسف ينتميان إلى جبهة الخلاص."
    an = make_analysis(text, actors={"جبهة الخلاص": "group"}, persons=["سامي حداد", "خالد يوسف"])
    found = {(m.type, m.source.name, m.target.name) for m in pattern_matches(an.text, sentence_views(an))}
    assert ("membership", "خالد يوسف", "جبهة الخلاص") in found
    # the word carrying the preposition is its object, never the doer of the backing
    text = "وتقدم القوات دعما لليمن لتخليصه من المخطط الإيراني."
    an = make_analysis(text, places={"يمن": ("YE", "country"), "الإيراني": ("IR", "country")})
    assert not any(m.source.name == "يمن" for m in pattern_matches(an.text, sentence_views(an)))


def test_actors_joined_by_a_waw_written_on_the_word_share_the_relation(make_analysis) -> None:  # type: ignore[no-untyped-def]
    text = "روسيا وإيران هما الحليفتان الرئيسيتان لحكومة دمشق، بينما تدعم أمريكا وتركيا المتمردين."
    an = make_analysis(text, actors={"حكومة دمشق": "state_force", "المتمردين": "group"},
                       places={"روسيا": ("RU", "country"), "إيران": ("IR", "country"), "أمريكا": ("US", "country"),
                               "تركيا": ("TR", "country")})
    proposed = _proposed(an)
    assert {("support", "روسيا", "حكومة دمشق"), ("support", "إيران", "حكومة دمشق"),
            ("support", "أمريكا", "المتمردين"), ("support", "تركيا", "المتمردين")} <= proposed


def test_a_nationality_after_a_name_qualifies_it_and_joins_nothing(make_analysis) -> None:  # type: ignore[no-untyped-def]
    # adjacent names with no "و" between are not joined; "السورية" says whose opposition, not who backs it
    text = "وتدعم أميركا المعارضة السورية منذ سنوات."
    an = make_analysis(text, actors={"المعارضة": "group"}, places={"أميركا": ("US", "country")},
                       demonyms={"السورية": "SY"})
    assert _proposed(an) == {("support", "أميركا", "المعارضة")}


def test_a_cue_inside_a_name_proposes_nothing(make_analysis) -> None:  # type: ignore[no-untyped-def]
    text = 'وجرى الحديث حول ملف اليمن وتحالف "دعم الشرعية" الذي تقوده المملكة.'
    an = make_analysis(text, actors={"دعم الشرعية": "group"}, places={"اليمن": ("YE", "country")})
    assert _proposed(an) == set()


def test_an_adjective_of_belonging_ties_the_noun_right_before_it(make_analysis) -> None:  # type: ignore[no-untyped-def]
    text = ("وأعلنت كتائب النصر التابعة لحركة الفجر مسؤوليتها. "
            "وفجرت قوات الوادي عربة تابعة لجبهة الصمود.")
    an = make_analysis(text, actors={"كتائب النصر": "group", "حركة الفجر": "group", "قوات الوادي": "group",
                                     "جبهة الصمود": "group"})
    assert _proposed(an) == {("membership", "كتائب النصر", "حركة الفجر")}


def test_a_preposition_ending_a_cue_takes_the_name_right_after_it(make_analysis) -> None:  # type: ignore[no-untyped-def]
    text = ("وقال سامي العلي، وهو عضو في مجلس المحافظة، لجبهة الصمود إن القصف استمر. "
            "وأكد أن خالد يوسف عضو في حركة الفجر منذ سنوات.")
    an = make_analysis(text, actors={"جبهة الصمود": "group", "حركة الفجر": "group"},
                       persons=["سامي العلي", "خالد يوسف"])
    assert _proposed(an) == {("membership", "خالد يوسف", "حركة الفجر")}


def test_a_verbal_noun_after_a_preposition_is_no_verb(make_analysis) -> None:  # type: ignore[no-untyped-def]
    # "الحصول على دعم حلف الأطلسي": the alliance backs him; the United States backs nobody here
    text = "وتوصل إلى اتفاق مع الولايات المتحدة والحصول على دعم حلف شمال الأطلسي لحربه."
    an = make_analysis(text, actors={"حلف شمال الأطلسي": "state_force"}, places={"الولايات المتحدة": ("US", "country")})
    assert ("support", "الولايات المتحدة", "حلف شمال الأطلسي") not in _proposed(an)
    text = "وتدعم الولايات المتحدة قوات الوادي منذ سنوات."
    an = make_analysis(text, actors={"قوات الوادي": "group"}, places={"الولايات المتحدة": ("US", "country")})
    assert ("support", "الولايات المتحدة", "قوات الوادي") in _proposed(an)


def test_a_yes_no_question_is_no_confirmed_relation(make_analysis) -> None:  # type: ignore[no-untyped-def]
    text = "هل تدعم فرنسا قوات الوادي في الشمال؟"
    an = make_analysis(text, actors={"قوات الوادي": "group"}, places={"فرنسا": ("FR", "country")})
    relations = extract_relations(an.text, sentence_views(an), default_models())
    assert [(r.type, r.source.name, r.target.name, r.certainty) for r in relations] == \
        [("support", "فرنسا", "قوات الوادي", "hedged")]


def test_the_doer_before_a_cue_is_no_object_of_a_preposition(make_analysis) -> None:  # type: ignore[no-untyped-def]
    # "من جبهة الصمود وحركة الفجر": both are what the city is taken from; the doer is named earlier
    text = "وأكد المصدر أن قوات الوادي ستواصل عملية تحرير المدينة من جبهة الصمود وحركة الفجر، بالتنسيق مع التحالف الدولي."
    an = make_analysis(text, actors={"قوات الوادي": "group", "جبهة الصمود": "group", "حركة الفجر": "group",
                                     "التحالف الدولي": "state_force"})
    assert _proposed(an) == {("cooperation", "قوات الوادي", "التحالف الدولي")}


def test_the_head_of_a_relative_clause_is_its_doer(make_analysis) -> None:  # type: ignore[no-untyped-def]
    # "لجبهة الصمود التي تقاتل": the front fights, though a preposition governs its name
    text = "وقصفت حركة الفجر مواقع لجبهة الصمود التي تقاتل إلى جانب قوات الوادي."
    an = make_analysis(text, actors={"حركة الفجر": "group", "جبهة الصمود": "group", "قوات الوادي": "group"})
    assert _proposed(an) == {("cooperation", "جبهة الصمود", "قوات الوادي")}


def test_a_participle_of_backing_ends_an_unnamed_group(make_analysis) -> None:  # type: ignore[no-untyped-def]
    text = "واشتبكت قوات الوادي مع الميليشيات المسلحة المدعومة من إيران قرب الحدود."
    an = make_analysis(text, actors={"قوات الوادي": "group"}, places={"إيران": ("IR", "country")})
    # named by its whole description, the participle read as the cue
    assert ("support", "إيران", "الميليشيات المسلحة المدعومة من إيران") in _proposed(an)
    [group] = [m for m in relation_actors(sentence_views(an)[0], an.text) if m.source == "phrase"]
    assert (group.text, an.text[group.start:group.end]) == ("الميليشيات المسلحة", "الميليشيات المسلحة")


def test_a_leader_title_takes_the_name_right_before_or_after_it(make_analysis) -> None:  # type: ignore[no-untyped-def]
    # the officer who confirmed the death is named before "أمير" but is not its emir
    text = "وأكد آمر غرفة العمليات محمد علوان خبر مقتل أمير تنظيم جبهة الصمود سامي العلي في اشتباكات."
    an = make_analysis(text, actors={"جبهة الصمود": "group"}, persons=["محمد علوان", "سامي العلي"])
    assert _proposed(an) == {("role", "سامي العلي", "جبهة الصمود")}


def test_a_verbal_noun_with_both_arguments_after_it_names_the_doer_first(make_analysis) -> None:  # type: ignore[no-untyped-def]
    text = "وقال المندوب إن التقاعس سمح لحركة الفجر بتزويد إيران لجبهة الصمود بأسلحة متقدمة."
    an = make_analysis(text, actors={"حركة الفجر": "group", "جبهة الصمود": "group"},
                       places={"إيران": ("IR", "country")})
    assert _proposed(an) == {("supply", "إيران", "جبهة الصمود")}


def test_a_deputy_holds_a_role(make_analysis) -> None:  # type: ignore[no-untyped-def]
    text = "وقال سامي العلي، نائب رئيس حركة الفجر، إن الوفد وصل."
    an = make_analysis(text, actors={"حركة الفجر": "group"}, persons=["سامي العلي"])
    assert _proposed(an) == {("role", "سامي العلي", "حركة الفجر")}


def test_what_follows_a_prepositional_cue_is_its_object_not_the_doer(make_analysis) -> None:  # type: ignore[no-untyped-def]
    # the leaders who coordinate are not named; Russia and China do not coordinate with each other here
    text = "ويعمل قادة الدول الثلاث بالتنسيق مع روسيا والصين على الحفاظ على الاتفاق."
    an = make_analysis(text, places={"روسيا": ("RU", "country"), "الصين": ("CN", "country")})
    assert _proposed(an) == set()


def test_a_definite_participle_qualifies_the_noun_before_it_whatever_governs_it(make_analysis) -> None:  # type: ignore[no-untyped-def]
    text = "وتدور اشتباكات بين جيش الوادي المبايع لتنظيم الدولة وقوات الحكومة."
    an = make_analysis(text, actors={"جيش الوادي": "group", "الدولة": "group", "قوات الحكومة": "state_force"})
    proposed = _proposed(an)
    assert ("allegiance", "جيش الوادي", "الدولة") in proposed
    assert {source for _, source, _ in proposed} == {"جيش الوادي"}


def test_a_news_outlet_is_told_not_a_party(make_analysis) -> None:  # type: ignore[no-untyped-def]
    text = "وقال قائد شرطة المدينة لوكالة الأنباء الفرنسية إن قنبلة وضعت في الخيمة. وتدعم إيران صحيفة الوادي."
    an = make_analysis(text, actors={"شرطة": "state_force", "وكالة الأنباء الفرنسية": "group",
                                     "صحيفة الوادي": "group"}, places={"إيران": ("IR", "country")})
    assert _proposed(an) == set()


def test_a_force_named_with_its_city_keeps_the_city(make_analysis) -> None:  # type: ignore[no-untyped-def]
    text = "وقال سامي العلي المتحدث باسم شرطة كابل إن الهجوم أسفر عن مقتل خمسة مدنيين."
    an = make_analysis(text, actors={"شرطة": "state_force"}, persons=["سامي العلي"],
                       places={"كابل": ("AF", "city")})
    assert _proposed(an) == {("role", "سامي العلي", "شرطة كابل")}


def test_allies_left_unnamed_back_nobody(make_analysis) -> None:  # type: ignore[no-untyped-def]
    # "قوات النظام وحلفائها": the regime's allies are not named; the faction after "مقابل" is its enemy
    text = "وقتل 60 عنصرا من قوات الوادي وحلفائها مقابل 34 مقاتلا من جبهة الصمود."
    an = make_analysis(text, actors={"قوات الوادي": "state_force", "جبهة الصمود": "group"})
    assert _proposed(an) == set()


def test_killing_with_weapons_is_no_supply(make_analysis) -> None:  # type: ignore[no-untyped-def]
    text = "وتتحمل روسيا مسؤولية استهداف السوريين بالأسلحة الكيماوية، وفق قوات الوادي."
    an = make_analysis(text, actors={"قوات الوادي": "group"}, places={"روسيا": ("RU", "country")})
    assert not {t for t, _, _ in _proposed(an)} & {"supply"}


def test_a_second_relative_clause_has_the_head_of_the_first(make_analysis) -> None:  # type: ignore[no-untyped-def]
    text = "ويقاتل المتمردون قوات التحالف الذي تتزعمه السعودية والإمارات، والذي يدعم حكومة اليمن منذ سنوات."
    an = make_analysis(text, actors={"قوات التحالف": "state_force"},
                       places={"السعودية": ("SA", "country"), "الإمارات": ("AE", "country"), "اليمن": ("YE", "country")})
    proposed = {(t, s, tgt) for t, s, tgt in _proposed(an) if t == "support"}
    assert proposed == {("support", "قوات التحالف", "اليمن")}
    [state] = [m for m in relation_actors(sentence_views(an)[0], an.text) if m.name == "اليمن"]
    assert (state.text, an.text[state.start:state.end]) == ("حكومة اليمن", "حكومة اليمن")


def test_the_subject_of_a_verb_of_leading_leads(make_analysis) -> None:  # type: ignore[no-untyped-def]
    text = "وكان سامي العلي يرأس ما يسمى جبهة الصمود في المدينة قبل أن يعلن حلها."
    an = make_analysis(text, actors={"جبهة الصمود": "group"}, persons=["سامي العلي"])
    assert _proposed(an) == {("role", "سامي العلي", "جبهة الصمود")}


def test_groups_listed_after_a_known_group_are_groups(make_analysis) -> None:  # type: ignore[no-untyped-def]
    text = "وأصدرت غرفة العمليات التي تضم حركة الفجر ولواء الحرية ولواء صقور الجبل بدورها بيانا."
    an = make_analysis(text, actors={"غرفة العمليات": "group", "حركة الفجر": "group"})
    assert _proposed(an) == {("membership", name, "غرفة العمليات")
                             for name in ("حركة الفجر", "لواء الحرية", "لواء صقور الجبل")}


def test_actors_joined_by_a_waw_on_their_machines_share_the_relation(make_analysis) -> None:  # type: ignore[no-untyped-def]
    text = "وتقدمت قوات الوادي المدعومة بجبهة الصمود وطائرات التحالف الدولي نحو المدينة."
    an = make_analysis(text, actors={"قوات الوادي": "group", "جبهة الصمود": "group", "التحالف الدولي": "state_force"})
    assert _proposed(an) == {("support", "جبهة الصمود", "قوات الوادي"), ("support", "التحالف الدولي", "قوات الوادي")}


def test_a_quoted_name_between_title_and_person_does_not_part_them(make_analysis) -> None:  # type: ignore[no-untyped-def]
    text = 'ويرأس حركة "الفجر الجديد للتغيير"، سامي العلي، الذي خاض الانتخابات.'
    an = make_analysis(text, actors={"الفجر الجديد للتغيير": "group"}, persons=["سامي العلي"])
    assert _proposed(an) == {("role", "سامي العلي", "الفجر الجديد للتغيير")}


def test_groups_that_claim_together_cooperate_once(make_analysis) -> None:  # type: ignore[no-untyped-def]
    text = "وأعلنت جبهة الصمود وحركة الفجر مسؤوليتهما عن قصف المواقع العسكرية."
    an = make_analysis(text, actors={"جبهة الصمود": "group", "حركة الفجر": "group"})
    assert _proposed(an) == {("cooperation", "جبهة الصمود", "حركة الفجر"), ("cooperation", "حركة الفجر", "جبهة الصمود")}
    # cooperation has no direction: one relation for the pair
    assert len([r for r in extract_relations(an.text, sentence_views(an), default_models())
                if r.type == "cooperation"]) == 1


def test_a_verb_of_allying_takes_its_partner_after_with(make_analysis) -> None:  # type: ignore[no-untyped-def]
    text = "وتتحالف جبهة الصمود وحركة الفجر مع قوات الوادي ضد المتمردين."
    an = make_analysis(text, actors={"جبهة الصمود": "group", "حركة الفجر": "group", "قوات الوادي": "group"})
    assert {("cooperation", "جبهة الصمود", "قوات الوادي"), ("cooperation", "حركة الفجر", "قوات الوادي")} <= _proposed(an)


def test_a_backer_left_unnamed_after_the_verb_is_the_partner_before(make_analysis) -> None:  # type: ignore[no-untyped-def]
    text = "وسيطرت قوات الوادي وجبهة الصمود، التي تدعمها، على البلدة."
    an = make_analysis(text, actors={"قوات الوادي": "group", "جبهة الصمود": "group"})
    assert _proposed(an) == {("support", "قوات الوادي", "جبهة الصمود")}


def test_a_prepositional_cue_with_waw_does_not_open_a_clause(make_analysis) -> None:  # type: ignore[no-untyped-def]
    # "وبالتعاون مع": the ministry of the country named before acts, with the two after it
    text = "وأدرجت وزارة خارجية مملكة البحرين وبالتعاون مع الولايات المتحدة والمملكة العربية السعودية أسماء عشرة أفراد."
    an = make_analysis(text, places={"مملكة البحرين": ("BH", "country"), "الولايات المتحدة": ("US", "country"),
                                     "المملكة العربية السعودية": ("SA", "country")})
    assert _proposed(an) == {("cooperation", "مملكة البحرين", "الولايات المتحدة"),
                             ("cooperation", "مملكة البحرين", "المملكة العربية السعودية")}
