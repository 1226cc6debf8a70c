"""More English job-extraction cases (the shapes taught from the dev_en_d/e sets): each
shape with the statement it gives, and hard negatives that give none.

Examples are written for these tests (clinics, schools, warehouses), not taken from the
labelled benchmark sets.
"""

from __future__ import annotations

Triple = tuple[str, str, str]

MORE_SHAPES: list[tuple[str, list[Triple]]] = [
    # "wanna": a want with its infinitive
    (
        "when a parent emails the office I wanna see the reply before it goes out",
        [("a parent emails the office", "see the reply before it goes out", "")],
    ),
    # a whim trigger ("whenever they feel like it") before the real one
    (
        "patients show up whenever they feel like it and the nurse keeps saying whenever a "
        "walk-in arrives she just wants a heads up so she can free a room",
        [("a walk-in arrives", "a heads up", "free a room")],
    ),
    # the main clause after the trigger opens with an adverb ("I either ...")
    (
        "when we don't know who's sick tomorrow we either overbook or cancel. I need the "
        "rota a day ahead so I can call cover early",
        [("we don't know who's sick tomorrow", "the rota a day ahead", "call cover early")],
    ),
    # a clause reported inside the trigger ("a parent swears she sent ...")
    (
        "whenever a parent swears she sent the form and we can't find it, the office wants "
        "to search by pupil name",
        [
            (
                "a parent swears she sent the form and we can't find it",
                "search by pupil name",
                "",
            )
        ],
    ),
]

MORE_NEGATIVES: list[str] = [
    "if I'd known how little the nurses needed I'd have switched a year ago",
    "if we had signed in may the pilot would be done. the clinic wants a refund now",
]
