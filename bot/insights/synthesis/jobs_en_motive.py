"""English motivation and outcome: what follows a want verb, up to the outcome connective
(so, so that, otherwise, or + clause, in order to, ", to") or the end of the clause. The
outcome drops "I can"/"they could"; "otherwise"/"or" stay in front of the outcome so that it
renders the right way round."""

from __future__ import annotations

import re

from bot.insights.synthesis.jobs_en_text import TRIGGER, WORD, tidy
from bot.insights.synthesis.jobs_en_wants import ADVERBS
from bot.insights.synthesis.jobs_words import PREPOSITIONS, is_finite_form, is_verb, words

_I = re.IGNORECASE
_OUTCOME = re.compile(
    r"(?:,?\s+(?P<so>so\s+that|so(?!\s+(?:when|whenever|every\s+time|each\s+time|once|much|"
    r"many|far|long|often|well|bad|badly|quickly|"
    r"fast|little|few|yeah|ok|okay|good|great|hard|easy|annoying|slow|i\s+guess)\b)|"
    r"in\s+order\s+to|so\s+as\s+to)|(?:,|\s+-)\s+(?:that|this)\s+way,?|"
    r",?\s+(?P<else>otherwise|or\s+else)|"
    r",?\s+(?P<or>or)(?=\s+(?:(?:i|we|they|you|he|she|it)(?:'[a-z]+)?|the|our|my|their|his|"
    r"her|nobody|someone|everyone|people|reps|deals?)\s+\S+|\s+(?P<det>an?|this|that|every|"
    r"some)\s)|,\s+to(?=\s+[a-z]))\s+(?P<rest>.+)$",
    _I,
)
_END_OF_CLAUSE = re.compile(
    r",?\s+but\s+(?=(?:i|we|they|he|she|it|the|my|our|their|that|this|there|nobody|no|only|"
    r"then|now|honestly|also)\b).*$|"
    r",?\s+(?:because|since|bc|cuz|cause|although|though|unless|whereas|lol|lmao|haha|"
    r"tbh|btw|imo|which\s+is|that's\s+(?:what|why|the|how|it|literally)|and\s+then|"
    r"and\s+(?:also|honestly|plus|(?:right\s+)?now|currently|meanwhile)|"
    r"(?:and|so|but|then)\s+(?:when(?:ever)?|every\s+time|each\s+time|once|as\s+soon\s+as)|"
    r"then\s+(?:i|we|they|he|she))\b.*$|"
    r",\s+(?:and|then|that's|thats|it's|i'm|i|we|we're|they|they're|he|she|you|also|plus|"
    r"with|same|no|nothing|both|anyway|ended)\b.*$|\s+-\s+.*$|"
    # ", which is ...", but not a list: "which door, which truck, what happened"
    r",\s+which\b(?!\s+[\w-]+\s*,).*$",
    _I,
)
_CAN = re.compile(
    r"^(?:i|we|they|you|he|she)\s+(?:can|could|(?:will|would|'ll)\s+(?:be\s+able\s+to)|"
    r"(?:am|are|is|'m|'re)\s+able\s+to|get\s+to)\s+",
    _I,
)


def motivation_outcome(rest: str, *, verbal: bool) -> tuple[str, str, int] | None:
    """(motivation, outcome, how much of ``rest`` they cover) or None."""
    lead = len(rest) - len(rest.lstrip())
    rest = _DASH_OUTCOME.sub(" ", rest.strip())
    outcome = ""
    match = _OUTCOME.search(rest)
    while match is not None and match.group("det") and not _is_clause(match.group("rest")):
        match = _OUTCOME.search(rest, match.end("or"))  # "or a dashboard": not a clause
    motivation = _end_clause(_EXCLAMATION.sub("", rest))
    used = len(motivation)
    if match is not None and match.start() < len(motivation):
        motivation = _end_clause(rest[: match.start()])
        outcome = _end_clause(match.group("rest"))
        used = match.start("rest") + len(outcome)
        if match.group("else") or match.group("or"):
            word = "otherwise" if match.group("else") else "or"
            outcome = f"{word} {outcome}"
    motivation = _WISH_SUBJECT.sub("", _AND_CLAUSE.sub("", motivation))
    if not outcome and not verbal:
        motivation, outcome = _split_purpose(motivation)
    words_ = motivation.split()
    while words_ and words_[0].lower() in ADVERBS - {"all", "both"} and len(words_) > 1:
        words_ = words_[1:]
    motivation = tidy(" ".join(words_))
    if not WORD.search(motivation) or motivation.lower() in {"it", "that", "this"}:
        return None
    if _NOTHING.match(motivation):
        return None  # "needed nothing else": no want
    trigger = TRIGGER.match(motivation)
    if trigger and not trigger.group("trig").lower().startswith("the "):
        return None  # "I want when ...", not "I need the week off"
    return motivation, clean_outcome(outcome), lead + used


_CLAUSE_VERB = words("is are was were will would won't can can't could may might must should")


def _is_clause(text: str) -> bool:
    """ "a move-in gets missed": a subject with a finite verb within its first words."""
    tokens = [t.lower() for t in WORD.findall(text)[1:5]]
    return any(t in _CLAUSE_VERB or is_finite_form(t) for t in tokens)


def _end_clause(part: str) -> str:
    return _END_OF_CLAUSE.sub("", part)


CONTINUE = re.compile(
    r"^(?:that\s+way|this\s+way|so|then)\s*,?\s+(?=(?:i|we|they|you|he|she)\s+(?:can|could)\b)",
    _I,
)
_DASH_OUTCOME = re.compile(r"\s+-\s+(?=(?:so|otherwise|or)\s)", _I)
_NOTHING = re.compile(r"^(?:nothing|none|nada)(?:\s+(?:else|more|at\s+all|really))?$", _I)
# ", so annoying", "so frustrating lol": a one-word exclamation, not an outcome.
_EXCLAMATION = re.compile(
    r",?\s+so\s+(?!(?:i|we|they|you|he|she|it|nobody|everyone|people)\b)[\w-]+[\s!.]*"
    r"(?:lol|lmao|haha|ugh)?[\s!.]*$",
    _I,
)
# "I wish I could give them one link", "wish we had one view": the wish's own subject.
_WISH_SUBJECT = re.compile(r"^\s*(?:i|we|they|he|she|you)\s+(?:could|can|had)\s+(?=\S)", _I)
_AND_CLAUSE = re.compile(
    r"\s+and\s+(?:(?:i|we|they|he|she)(?:'[a-z]+)?\s+\S|"
    # "... and half these sites won't let you": a noun subject with its own auxiliary
    r"(?:[\w-]+\s+){1,3}(?:won't|can't|don't|doesn't|didn't|wouldn't|isn't|aren't)\s).*$",
    _I,
)
_INFINITIVE = re.compile(r"\s+to\s+(?P<body>(?:(?:not|never)\s+)?(?P<verb>[a-z][\w-]*))", _I)
_NEXT_TIME = re.compile(
    r"^(?:the\s+)?(?:next\s+time|when(?:ever)?|if|every\s+time)\b.*?\b(?:i|we|they|he|she|you)\s+"
    r"(?:can|could)\s+",
    _I,
)


def _split_purpose(motivation: str) -> tuple[str, str]:
    """Where a noun-phrase motivation's purpose starts. "want X to <verb>" mostly wants X
    to do something ("the schedule to build itself", "them to find"), so the infinitive
    stays; it is the purpose after a second infinitive ("labour to come in under 28% to
    justify the spend") or after an indefinite, long or prepositional noun phrase ("a quick
    win to prove ...", "pipeline numbers in one spreadsheet to save a day")."""
    found = [m for m in _INFINITIVE.finditer(motivation) if is_verb(m.group("verb"))]
    if not found:
        return motivation, ""
    cut = found[1] if len(found) > 1 else found[0]
    if len(found) == 1:
        head = motivation[: cut.start()].lower().split()
        indefinite = head[0] in {"a", "an"}
        long_or_pp = len(head) >= 4 or any(w in PREPOSITIONS for w in head[1:])
        if not (indefinite or long_or_pp) or len(head) == 0:
            return motivation, ""
    return motivation[: cut.start()], motivation[cut.start("body") :]


def clean_outcome(outcome: str) -> str:
    """Drop "I can"/"we could" from an outcome; keep clauses with their own subject."""
    outcome = _end_clause(outcome.strip())
    outcome = _NEXT_TIME.sub("", outcome)
    outcome = _CAN.sub("", outcome)
    return clean(outcome)


def clean(part: str) -> str:
    """Trim whitespace and trailing punctuation from a part."""
    return tidy(part)


def what_is(rest: str) -> tuple[str | None, str]:
    """ "what I want is when X, Y": the situation and the motivation clause."""
    trigger = TRIGGER.match(rest.strip())
    if trigger is None:
        return None, rest
    body = rest.strip()[trigger.start("body") :]
    for pronoun in re.finditer(r"(?:,\s+|\s+)(?=(?:their|the|my|our|his|her|i|we|they)\s)", body):
        head = body[: pronoun.start()]
        if len(head.split()) >= 3:
            return tidy(head), body[pronoun.end() :]
    return None, rest
