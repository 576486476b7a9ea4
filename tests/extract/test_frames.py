from marsad.extract.candidates import find_candidates
from marsad.extract.views import sentence_views


def _places_by_trigger(an):  # type: ignore[no-untyped-def]
    return {c.trigger.mention: c.frame.place.text if c.frame.place else None
            for c in find_candidates(an, sentence_views(an))}


def test_a_place_after_the_actor_who_carried_out_the_act_locates_the_act(make_analysis) -> None:  # type: ignore[no-untyped-def]
    text = "وقالت الجماعة إن الهجوم جاء ردا على غارة شنها الجيش الفرنسي في شمال مالي."
    an = make_analysis(text, actors={"الجماعة": "group", "الجيش الفرنسي": "state_force"},
                       places={"شمال مالي": ("ML", "region")})
    assert _places_by_trigger(an)["غارة"] == "شمال مالي"


def test_a_place_after_an_actor_that_only_locates_the_actor_is_not_the_place(make_analysis) -> None:  # type: ignore[no-untyped-def]
    text = "وأعلنت قيادة الجيش الفرنسي في شمال مالي أن انفجارا وقع قرب القاعدة."
    an = make_analysis(text, actors={"الجيش الفرنسي": "state_force"}, places={"شمال مالي": ("ML", "region")})
    assert _places_by_trigger(an)["انفجارا"] is None
