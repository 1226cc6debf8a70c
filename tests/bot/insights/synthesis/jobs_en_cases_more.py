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
    # "so when ..." opens a new clause, not an outcome
    (
        "the board wanted proof first so when I pitched it I needed a cost sheet on real "
        "invoices or it wasn't getting signed",
        [
            (
                "I pitched it",
                "a cost sheet on real invoices",
                "or it wasn't getting signed",
            )
        ],
    ),
    # "so if ..." and "so every ..." stay outcomes
    (
        "when a nurse leaves I want her notes in the chart so if the next nurse starts she "
        "has them",
        [
            (
                "a nurse leaves",
                "her notes in the chart",
                "if the next nurse starts she has them",
            )
        ],
    ),
    (
        "when a teacher quits I want the lesson plans in one drive so every class keeps its "
        "materials",
        [
            (
                "a teacher quits",
                "the lesson plans in one drive",
                "every class keeps its materials",
            )
        ],
    ),
    # a list of "which ..." stays in the motivation; "and <noun> won't" ends it
    (
        "when a parent calls about a missed bus I need to know which route, which driver, "
        "what happened so I can answer on the spot",
        [
            (
                "a parent calls about a missed bus",
                "know which route, which driver, what happened",
                "answer on the spot",
            )
        ],
    ),
    (
        "when a lab result is late I need to move the appointment and half the clinics "
        "won't let you do it online",
        [("a lab result is late", "move the appointment", "")],
    ),
    # a "when" clause after the want (not after "know"/"tell me")
    (
        "I want to log the dose when I give it so the chart is actually right",
        [("I give it", "log the dose", "the chart is actually right")],
    ),
    (
        "the nurses need the allergy list on one screen when a new patient is admitted, to "
        "avoid a bad reaction",
        [
            (
                "a new patient is admitted",
                "the allergy list on one screen",
                "avoid a bad reaction",
            )
        ],
    ),
    (
        "teachers want to swap the room themselves when the projector's broken instead of "
        "calling facilities",
        [("the projector's broken", "swap the room themselves", "")],
    ),
    # "After that ...": the event before, past a fragment ("Awful.")
    (
        "We failed a fire inspection at the east campus in 2023. Awful. After that I wanted "
        "every extinguisher check logged in one place",
        [
            (
                "We failed a fire inspection at the east campus in 2023",
                "every extinguisher check logged in one place",
                "",
            )
        ],
    ),
    # ", and at that point they want ...": the event joined to the want
    (
        "they've just lost a big grant, and at that point they want to see every cost line "
        "by program so they can cut the right one",
        [
            (
                "they've just lost a big grant",
                "see every cost line by program",
                "cut the right one",
            )
        ],
    ),
    # "after <noun phrase>" inside an earlier sentence is part of its event; a counted
    # detail (", one was ...") is dropped
    (
        "Our malpractice premium came in 30% higher after three claims, one was a missed "
        "allergy that nobody flagged. I wanted every allergy confirmed at check-in so I "
        "could show the insurer we fixed it",
        [
            (
                "Our malpractice premium came in 30% higher after three claims",
                "every allergy confirmed at check-in",
                "show the insurer we fixed it",
            )
        ],
    ),
    # a month before "last year" is part of the time lead
    (
        "March last year we had 4 freezers fail in one week, two of them with alarms nobody "
        "heard. I needed the alarms to reach my phone the same night",
        [
            (
                "we had 4 freezers fail in one week",
                "the alarms to reach my phone the same night",
                "",
            )
        ],
    ),
    # the clause after a dash tells the event
    (
        "The district asked for help last month - they'd just merged two schools with "
        "different timetables. They wanted one timetable for both sites so teachers stop "
        "double-booking rooms",
        [
            (
                "they'd just merged two schools with different timetables",
                "one timetable for both sites",
                "teachers stop double-booking rooms",
            )
        ],
    ),
    # a quotation opened after a lead-in: the trigger sentence starts at the quote
    (
        'from a visit last month, head nurse at a clinic in Leeds: "every time a patient '
        "calls to move their slot I have to find the book, cross it out, rewrite it. I just "
        'want it to update itself so I stop being the bottleneck"',
        [
            (
                "a patient calls to move their slot",
                "it to update itself",
                "I stop being the bottleneck",
            )
        ],
    ),
]

MORE_NEGATIVES: list[str] = [
    "if they run 2 rooms and 10 patients a day I walk away. nice people but they need a diary",
    "if referrals don't sync into the EHR my nurses re-type everything. I needed your "
    "integration lead on the call before signing",
    "notes got typed up at the end of the day from memory. they want notes on the tablet",
    "The best example was when a hospital signed in 2021. 300 beds, wanted a free pilot, "
    "then cancelled.",
    "I want to know when the lab results come back",
    "they need the app to tell them when a slot opens up",
    "if I'd known how little the nurses needed I'd have switched a year ago",
    "if we had signed in may the pilot would be done. the clinic wants a refund now",
]
