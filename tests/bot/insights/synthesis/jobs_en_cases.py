"""English job-extraction cases: each shape jobs_en handles, with the statement it gives,
and hard negatives that give none.

Examples are written for these tests (warehouses, clinics, agencies), not taken from the
labelled benchmark sets.
"""

from __future__ import annotations

Triple = tuple[str, str, str]

SHAPES: list[tuple[str, list[Triple]]] = [
    # a lead-in before the trigger
    (
        "dispatchers keep telling me: when a truck breaks down, they want the backup driver "
        "paged right away, so they can keep the delivery window",
        [
            (
                "a truck breaks down",
                "the backup driver paged right away",
                "keep the delivery window",
            )
        ],
    ),
    # an object before the infinitive
    (
        "When a patient cancels I want the front desk to offer the slot to the waitlist",
        [("a patient cancels", "the front desk to offer the slot to the waitlist", "")],
    ),
    # a noun phrase, no comma, outcome with its own subject
    (
        "whenever a pallet is short we need a photo in the ticket so nobody argues with the "
        "carrier",
        [("a pallet is short", "a photo in the ticket", "nobody argues with the carrier")],
    ),
    # the situation in one sentence, the want in the next
    (
        "every time a client changes the brief, the designers start over from the old file. "
        "I need one live brief so we stop redoing mockups.",
        [("a client changes the brief", "one live brief", "we stop redoing mockups")],
    ),
    # "so they don't have to", "otherwise", "or" + clause
    (
        "When a shipment is delayed I want customers told automatically so they don't have "
        "to call us",
        [
            (
                "a shipment is delayed",
                "customers told automatically",
                "they don't have to call us",
            )
        ],
    ),
    (
        "if a nurse calls in sick I need the roster updated within the hour, otherwise the "
        "ward runs short",
        [
            (
                "a nurse calls in sick",
                "the roster updated within the hour",
                "otherwise the ward runs short",
            )
        ],
    ),
    (
        "as soon as an invoice is disputed I need it frozen or the collections team keeps emailing",
        [
            (
                "an invoice is disputed",
                "it frozen",
                "or the collections team keeps emailing",
            )
        ],
    ),
    # "or" + a clause opened by "a"/"an" or a contracted subject; "or a <noun>" stays
    (
        "when two crews book the same van I need to see it on the board or a job gets dropped",
        [("two crews book the same van", "see it on the board", "or a job gets dropped")],
    ),
    (
        "if the scanner loses signal I want the counts cached or I'm recounting the aisle",
        [("the scanner loses signal", "the counts cached", "or I'm recounting the aisle")],
    ),
    (
        "when a quote goes out I want the pdf or a link in the CRM",
        [("a quote goes out", "the pdf or a link in the CRM", "")],
    ),
    # "something"/"anything" as the trigger clause's object, then the want with its object
    (
        "when a driver flags something I need a photo in the ticket so the depot can check it",
        [("a driver flags something", "a photo in the ticket", "the depot can check it")],
    ),
    # the trigger clause ends where a pronoun and a present verb start the main clause,
    # not after a word that opens a clause ("see what we ship")
    (
        "every time it snows we get 40 calls at once and I need the route list reprinted",
        [("it snows", "the route list reprinted", "")],
    ),
    (
        "when buyers see what we ship they want the tracking link in the same email",
        [("buyers see what we ship", "the tracking link in the same email", "")],
    ),
    # the motivation ends before "and I'm ..." (a clause of its own)
    (
        "when the quarter closes I want the invoices in one folder and I'm done chasing them",
        [("the quarter closes", "the invoices in one folder", "")],
    ),
    # the situation after the want, behind a connective that cannot open a complement
    (
        "honestly I want a slack ping whenever a pallet over 2 tons is rejected, so I can call "
        "the carrier",
        [("a pallet over 2 tons is rejected", "a slack ping", "call the carrier")],
    ),
    (
        "the drivers need the new route on their phone as soon as dispatch changes it",
        [("dispatch changes it", "the new route on their phone", "")],
    ),
    # typed without apostrophes: "dont want" is a negated want, not a subject
    (
        "whenever a parcel ships they dont want to log in, they just want the tracking link "
        "so they dont have to call us",
        [("a parcel ships", "the tracking link", "they dont have to call us")],
    ),
    # "wish I could", "it'd be great to", ", that way ..."
    (
        "when a new intern starts i wish i could give them one link with everything",
        [("a new intern starts", "give them one link with everything", "")],
    ),
    (
        "when a lease renews it'd be great to have the repair costs ready so we can argue the rent",
        [("a lease renews", "have the repair costs ready", "argue the rent")],
    ),
    (
        "when a lead goes cold i want a nudge in slack, that way nothing slips",
        [("a lead goes cold", "a nudge in slack", "nothing slips")],
    ),
    # ", so annoying": an exclamation, not an outcome
    (
        "Whenever I switch shifts I need to re-enter my pin, so annoying lol",
        [("I switch shifts", "re-enter my pin", "")],
    ),
    # no commas: the trigger clause ends where a noun subject and a finite verb start the
    # main clause; a subject may hold "of"
    (
        "every time we sign a new clinic the kickoff call gets booked by whoever is free and "
        "what I want is the contract summary attached to the invite",
        [("we sign a new clinic", "the contract summary attached to the invite", "")],
    ),
    (
        "when someone at one of the depots gets a complaint I want the area manager told",
        [("someone at one of the depots gets a complaint", "the area manager told", "")],
    ),
    # a relative clause with no "that" is no main clause: the trigger clause has no verb yet
    (
        "when the scanner we use breaks I need a loaner the same day",
        [("the scanner we use breaks", "a loaner the same day", "")],
    ),
    (
        "whenever our biggest accounts log a P1 the head of support wants a personal ping",
        [("our biggest accounts log a P1", "a personal ping", "")],
    ),
    (
        "when a patient leaves a bad review we need to reply within a day or the rating drops "
        "and right now nobody owns it",
        [("a patient leaves a bad review", "reply within a day", "or the rating drops")],
    ),
    # notes with no subject: "when X: need Y", "When X. Need Y"
    (
        "when a new vet joins: need their rota and logins ready",
        [("a new vet joins", "their rota and logins ready", "")],
    ),
    (
        "When a load is delayed. Need the customer told before they call",
        [("a load is delayed", "the customer told before they call", "")],
    ),
    # a purpose after ", to"
    (
        "when an auditor visits, the clinic manager wants a log of every fridge reading, to "
        "prove the vaccines were kept cold",
        [
            (
                "an auditor visits",
                "a log of every fridge reading",
                "prove the vaccines were kept cold",
            )
        ],
    ),
    # a past narrative joined to the want
    (
        "Last spring I had 12 drivers starting the same week and needed them all trained on "
        "the scanner before their first route",
        [
            (
                "I had 12 drivers starting the same week",
                "them all trained on the scanner before their first route",
                "",
            )
        ],
    ),
    (
        "our biggest client churned in May and the account lead wanted a weekly health "
        "score so she could spot the next one early",
        [
            (
                "our biggest client churned in May",
                "a weekly health score",
                "spot the next one early",
            )
        ],
    ),
    # a dated event with no verb joined to a past want
    (
        "a big recall last week so we needed every lot traced by lunch",
        [("a big recall last week", "every lot traced by lunch", "")],
    ),
    # "the week ..." opens a situation; an "-ly" adverb before a subjectless want
    (
        "the week our freezer broke, we needed to move 300 kilos of stock to the other site",
        [("our freezer broke", "move 300 kilos of stock to the other site", "")],
    ),
    (
        "we got acquired last year and suddenly needed SOC2 in 3 months",
        [("we got acquired last year", "SOC2 in 3 months", "")],
    ),
    (
        "when school is out I need the week off",
        [("school is out", "the week off", "")],
    ),
    # a past event told in the sentence before a past want
    (
        "The freezer alarm failed over a long weekend. I wanted alerts on my phone so I "
        "could get there before the stock spoiled",
        [
            (
                "The freezer alarm failed over a long weekend",
                "alerts on my phone",
                "get there before the stock spoiled",
            )
        ],
    ),
    # an event, then the state it left behind, then a past want: the event
    (
        "We went from 2 to 9 clinics in a year. scheduling was a shared excel file nobody "
        "trusted. I needed every rota in one place",
        [("We went from 2 to 9 clinics in a year", "every rota in one place", "")],
    ),
    # a dated event, a fragment with no verb, then the want
    (
        "Our walk-in freezer died last month. 300 kilos of stock. I want an alert on my phone "
        "so I can get there before it thaws",
        [
            (
                "Our walk-in freezer died last month",
                "an alert on my phone",
                "get there before it thaws",
            )
        ],
    ),
    # a recurring event told in the present in the sentence before
    (
        "the rota changes every week and I have to re-send it to everyone. I want one link "
        "that always shows the current one so nobody works off an old copy",
        [
            (
                "the rota changes every week",
                "one link that always shows the current one",
                "nobody works off an old copy",
            )
        ],
    ),
    # the event in the sentence before ends where a want told in it starts
    (
        "The clinic had just failed an inspection and the owner wanted a new checklist. I "
        "wanted every fridge log in one place so I could show it next time",
        [
            ("The clinic had just failed an inspection", "a new checklist", ""),
            (
                "The clinic had just failed an inspection",
                "every fridge log in one place",
                "show it next time",
            ),
        ],
    ),
    # an event about to happen ("starting Monday"), in its own comma part
    (
        "Busy week at the depot, 14 new drivers starting Monday. I needed every route loaded "
        "on their scanners before they arrived",
        [
            (
                "14 new drivers starting Monday",
                "every route loaded on their scanners before they arrived",
                "",
            )
        ],
    ),
    # two jobs in one answer
    (
        "when a rush order comes in I want it at the top of the pick list, and when it ships "
        "I need the customer emailed the tracking link",
        [
            ("a rush order comes in", "it at the top of the pick list", ""),
            ("it ships", "the customer emailed the tracking link", ""),
        ],
    ),
    # quoted speech: the job stays inside the quote
    (
        'a buyer told me last week "every time our catalog changes I want the new prices '
        'live the same day" and that was it',
        [("our catalog changes", "the new prices live the same day", "")],
    ),
    # "what I want is when ..."
    (
        "what I want is when a contract expires the owner gets a reminder, not me",
        [("a contract expires", "the owner gets a reminder, not me", "")],
    ),
    (
        "when a courier quits, the one thing I need is their routes reassigned",
        [("a courier quits", "their routes reassigned", "")],
    ),
    # a lead-in with a time before the trigger, and "after" + noun phrase
    (
        "in december when the holiday rush starts I need 5 extra packers",
        [("the holiday rush starts", "5 extra packers", "")],
    ),
    (
        "After the last recall I wanted every batch traced to its supplier",
        [("after the last recall", "every batch traced to its supplier", "")],
    ),
    # a purpose after a second infinitive
    (
        "when the board meets I need revenue to come in above plan to keep the hiring budget",
        [
            (
                "the board meets",
                "revenue to come in above plan",
                "keep the hiring budget",
            )
        ],
    ),
    # a purpose after "to not"
    (
        "when we open a new depot I need every route imported on day one to not lose a week "
        "to setup",
        [
            (
                "we open a new depot",
                "every route imported on day one",
                "not lose a week to setup",
            )
        ],
    ),
    # "That way I can ..." gives the outcome in the next sentence
    (
        "When a courier is late I want to see where he is. That way I can warn the customer.",
        [("a courier is late", "see where he is", "warn the customer")],
    ),
]

NEGATIVES = [
    "when I joined in 2021 we were still on paper",
    "the best deal was when Northwind signed 40 seats in a day",
    "can we get a discount?",
    "they want SSO and audit logs",
    "the export is broken again",
    "office manager at a 12-person dental practice, mid 40s",
    "Monday is when I find out who didn't show up",
    "when I needed a scheduling app I just picked the first free one",
    "if a vendor wants a 3 year contract we walk away",
    "when the CFO joined, nobody wanted to own the rollout",
    "I don't want another dashboard. when reports break I just email finance",
    "that's the thing I needed fixed every month",
    "When we met last week you said you want to see the roadmap",
    "When is the next release? I want to plan the launch",
    "the team runs on spreadsheets. we want fewer tools",
    "when I find something I need I just order it myself",
    "if we send the contract on friday they'll want to read it over the weekend",
    "I need everything in one place any time I want",
    "it would be nice if the export worked",
    "pricing: need a cheaper tier",
    "we lost 3 deals last month. need better battlecards",
    "honestly the main thing they need is a person to call",
    "once in a while we need a custom export",
    "even if it's cheaper they want the big brand",
    "if I'm honest we need a cheaper plan",
    "whenever we can, we want to avoid custom work",
    "if you think about it they need a CRM more than we do",
    "We meet every monday. Honestly I want fewer meetings",
    "I joined last year. 200 people. I want to grow the team",
    "we switched payroll tools in 2021 and needed nothing else",
    "when it comes to pricing they want the cheapest plan",
    "When a new clinic opens, what do they need first? usually logins",
    "when a client churns we dont want another survey",
    "they want answers whenever they feel like it",
    "I want to know if my margin is good compared to other clinics",
    "big recall so we needed every lot traced by lunch",
    "We lost the Contoso renewal. Budget cuts, apparently. they wanted the premium tier for free",
    "once the pilot ends the committee is going to want a second round of demos",
]
