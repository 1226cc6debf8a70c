"""English job statements: (situation, motivation, outcome) from an answer's clause structure.

A job is anchored on a *want*: a subject and a want verb ("I need", "they want", "the ops
VP wanted", "what I want is", a dropped subject in "... and wanted" or a sentence that
opens with "Needed ..."). Negated wants ("I don't need"), wants in relative clauses ("the
thing I needed"), wants inside the situation ("when I needed an app ...") and questions are
not jobs.

The situation is found, in this order:
1. a trigger clause before the want in its sentence (when, whenever, every time, each time,
   any time, the moment, next time, as soon as, once, after, before, if), wherever it
   starts ("procurement folks keep saying: when ...", "in june when ...");
2. "After that ..." / "Then ...": the sentence before;
3. a past narrative joined to the want: "a cook no-showed and she needed ...";
4. a trigger clause in one of the two sentences before ("every time legal changes a
   clause, half the team sends the old contract. I need ...");
5. for a want told in the past ("I wanted", "needed"), the event told in the sentence
   before ("our forecast said +40% at 8 stores. I wanted ...").
A want inside a quotation takes its situation from inside the same quotation.

The motivation runs from after the want verb (keeping its object: "them to find the deck")
to the outcome connective (so, so that, otherwise, or + clause, in order to, ", to"), or
the end of the clause. The outcome drops "I can"/"they could"; "otherwise"/"or" stay in
front of the outcome so that it renders the right way round.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from bot.insights.synthesis.jobs_en_text import (
    Piece,
    pieces,
    quote_start,
    tidy,
    without_parentheses,
)
from bot.insights.synthesis.jobs_words import (
    DETERMINERS,
    NEGATIVE_SUBJECTS,
    PREPOSITIONS,
    PRONOUNS,
    is_finite_form,
    is_past,
    is_verb,
    parts_of_speech,
    verb_tags,
    words,
)

Parts = tuple[str, str, str]

_I = re.IGNORECASE
_WANT = re.compile(
    r"\b(?:(?P<what>what|all)\s+(?:i|we|they|he|she)\s+(?:really\s+|just\s+)?"
    r"(?:want|need)(?:ed|s)?\s+is\b|"
    r"(?P<verb>wants?|wanted|needs?|needed|(?:would|'d)\s+(?:really\s+)?(?:like|love|prefer)|"
    r"wish(?:es|ed)?)\b(?P<to>\s+to\b)?)",
    _I,
)
_PAST_WANT = words("wanted needed wished")
_ADVERBS = words(
    """just really also always basically honestly only actually still all both usually
    typically mostly literally desperately then now simply badly definitely obviously
    ideally seriously generally often kinda kind of sort"""
)
_NEGATION = re.compile(r"(?:n't|\bnot|\bnever|\bno\s+longer|\bnor)$", _I)
_RELATIVE = words(
    """that which who whom whose what thing things anything everything something stuff one
    ones where why how if whether"""
)
_OTHER_SUBJECTS = words("everyone everybody someone somebody i'd we'd they'd he'd she'd you'd")
_LEAD_WORDS = words("and so but also then plus or because bc cause since")

# Triggers open a situation clause.
_TRIGGER = re.compile(
    r"\b(?P<trig>when(?:ever)?|every\s+(?:single\s+)?time|each\s+time|any\s*time|"
    r"the\s+(?:moment|minute|second|day)|(?:the\s+)?next\s+time|as\s+soon\s+as|once|"
    r"(?:right\s+|just\s+|shortly\s+)?(?:after|before)|if)\s+(?P<body>\S)",
    _I,
)
_COPULA_BEFORE = re.compile(r"\b(?:was|were|been)\s*$", _I)
_NOT_TRIGGER_AFTER = re.compile(
    r"^(?:needed|necessary|possible|in\s+doubt|any|ever|that|this|so|not|at\s+all|"
    r"you\s+(?:can|could|get|have|find|want|need|like|ask)\b|"
    r"(?:a|per|an)\s+(?:week|month|day|year|quarter)\b|again|more|then|it\s+(?:works|helps)|"
    r"they'?re\s+not|that's)(?![\w'])",
    _I,
)
_REPORTING = re.compile(
    r"\b(?:said|says|told|tells|mentioned|asked)\s+(?:me\s+|us\s+)?(?:that\s+)?$", _I
)
_SELF_OPENING_TRIGGER = re.compile(r"^(?:right\s+|just\s+|shortly\s+)?(before|after)$", _I)
_ANAPHORA = re.compile(
    r"^(?:(?:and|so|but)\s+)?(?:(?:right\s+|just\s+|shortly\s+)?after\s+(?:that|this|it)|"
    r"since\s+then|then|that's\s+when|at\s+that\s+point)\b\s*,?\s*",
    _I,
)
# Clause boundaries inside a situation found in an earlier sentence.
_CLAUSE_CUT = re.compile(r",\s+|\s+-\s+|\s+(?:and\s+then|but|because|bc|so)\s+", _I)
_MAIN_SUBJECT = re.compile(r"\s+(?P<subj>i|we|they|he|she|it|there|you)\s+(?P<next>[\w']+)", _I)
_AUX = words(
    """can could will would should must may might do does did don't doesn't didn't can't
    won't is are was were am has have had 'm 're 's 'd 'll gotta just still always never
    really also kept keep"""
)
_NARRATIVE_JOIN = re.compile(r"(?:,?\s+and|\s+-|,\s+so|\s+so)\s*$", _I)
_CONNECTIVE_END = re.compile(
    r"(?:,?\s+(?:and|so|but|then|or|because|bc|since|cause))+\s*$|[,;:\s-]+$", _I
)

# The outcome follows the motivation after one of these.
_OUTCOME = re.compile(
    r"(?:,?\s+(?P<so>so\s+that|so(?!\s+(?:much|many|far|long|often|well|bad|badly|quickly|"
    r"fast|little|few|yeah|ok|okay|good|great|hard|easy|annoying|slow|i\s+guess)\b)|"
    r"in\s+order\s+to|so\s+as\s+to)|,?\s+(?P<else>otherwise|or\s+else)|"
    r",?\s+(?P<or>or)(?=\s+(?:i|we|they|you|he|she|it|the|our|my|their|his|her|nobody|someone|"
    r"everyone|people|reps|deals?)\s+\S+)|,\s+to(?=\s+[a-z]))\s+(?P<rest>.+)$",
    _I,
)
_END_OF_CLAUSE = re.compile(
    r",?\s+but\s+(?=(?:i|we|they|he|she|it|the|my|our|their|that|this|there|nobody|no|only|"
    r"then|now|honestly|also)\b).*$|"
    r",?\s+(?:because|since|bc|cuz|cause|although|though|unless|whereas|lol|lmao|haha|"
    r"tbh|btw|imo|which\s+is|that's\s+(?:what|why|the|how|it|literally)|and\s+then|"
    r"and\s+(?:also|honestly|plus)|then\s+(?:i|we|they|he|she))\b.*$|"
    r",\s+(?:and|then|that's|thats|it's|i'm|i|we|we're|they|they're|he|she|you|also|plus|"
    r"which|with|same|no|nothing|both|anyway|ended)\b.*$|\s+-\s+.*$",
    _I,
)
_CAN = re.compile(
    r"^(?:i|we|they|you|he|she)\s+(?:can|could|(?:will|would|'ll)\s+(?:be\s+able\s+to)|"
    r"(?:am|are|is|'m|'re)\s+able\s+to|get\s+to)\s+",
    _I,
)
_QUESTION_START = re.compile(
    r"^(?:(?:do|does|did|can|could|would|will|should|is|are|was|were)\s+(?:you|we|i|they|it)|"
    r"(?:when|where|why|how|what|who)\s+(?:is|are|was|were|do|does|did|will|can|could|should)"
    r")\b",
    _I,
)
_NOT_SITUATION = re.compile(
    r"^(?:you\s+(?:get|have|find)\s+(?:a\s+)?(?:chance|minute|moment|sec|second|time)|"
    r"you\s+can|you(?:'re|\s+are)\s+free|possible|needed|necessary)\b|"
    r"\b(?:said|says|say|mentioned|told\s+\w+|asked|think|thinks|thought|feel|felt|guess)$",
    _I,
)
_WORD = re.compile(r"[\w'&+%$#/.-]+")
_LEAD_FILLER = re.compile(
    r"^(?:(?:and|so|but|also|then|honestly|basically|well|ok|okay|yeah|yes|like|plus|"
    r"typical(?:\s+story)?|anyway)\b[\s,:]*)+",
    _I,
)
_DATED = re.compile(
    r"\b(?:last\s+(?:week|month|year|night|quarter|spring|summer|fall|winter|monday|tuesday|"
    r"wednesday|thursday|friday|saturday|sunday)|yesterday|ago|this\s+morning|recently)\b",
    _I,
)
_REACTION = re.compile(r"\s+and\s+(?=(?:i|we)\s+(?:had\s+to|have\s+to|ended|was|were|spent)\b)", _I)
_TIME_LEAD = re.compile(r"^[^,]{1,25},\s+(?=\S)")


@dataclass(frozen=True)
class _Want:
    """One want found in a piece: where its subject starts, where its object starts."""

    subject_start: int
    verb_end: int
    past: bool
    subjectless: bool
    what_is: bool
    verbal: bool = False


def extract(text: str) -> list[Parts]:
    """Job statements in the English sentences of a normalised answer."""
    found: list[Parts] = []
    seen: set[tuple[str, str]] = set()
    english = pieces(text)
    for index, piece in enumerate(english):
        jobs = _jobs_in(text, english, index, piece)
        following = english[index + 1].text if index + 1 < len(english) else ""
        continued = _CONTINUE.match(following)
        if jobs and continued and not jobs[-1][2]:
            # "... I want to get an alert. That way I can follow up": the next sentence
            # gives the outcome.
            outcome = clean_outcome(following[continued.end() :])
            jobs[-1] = (jobs[-1][0], jobs[-1][1], outcome)
        for parts in jobs:
            key = (parts[0].lower(), parts[1].lower())
            if key not in seen:
                seen.add(key)
                found.append(parts)
    return found


def _jobs_in(text: str, english: list[Piece], index: int, piece: Piece) -> list[Parts]:
    sentence = piece.text
    jobs: list[Parts] = []
    window_start = 0
    for want in _wants(sentence):
        if want.subject_start < window_start:
            continue
        if "?" in sentence[: want.verb_end] or _QUESTION_START.match(sentence):
            break
        rest = sentence[want.verb_end :]
        if quote_start(text, piece.start + want.verb_end) > 0:
            rest = rest.split('"')[0]  # a quoted want ends with its quotation
        situation: str | None = None
        if want.what_is:
            situation, rest = _what_is(rest)
        mot_out = _motivation_outcome(rest, verbal=want.verbal)
        if mot_out is None:
            window_start = want.verb_end
            continue
        span_end = len(sentence) - len(rest) + mot_out[2]
        if situation is None:
            quote = max(quote_start(text, piece.start + want.subject_start) - piece.start, 0)
            situation = _situation(
                sentence, max(window_start, quote), want, english[:index], text, piece
            )
        window_start = span_end
        if situation:
            jobs.append((situation, mot_out[0], mot_out[1]))
    return jobs


# -- wants -------------------------------------------------------------------------------


def _wants(sentence: str) -> list[_Want]:
    found = []
    for match in _WANT.finditer(sentence):
        want = _want(sentence, match)
        if want is not None:
            found.append(replace(want, verbal=match.group("to") is not None))
    return found


def _want(sentence: str, match: re.Match[str]) -> _Want | None:
    left = sentence[: match.start()]
    if match.group("what"):
        if _NEGATION.search(left.rstrip()):
            return None
        return _Want(match.start(), match.end(), past=False, subjectless=False, what_is=True)
    verb = match.group("verb").lower()
    if not sentence[match.end() :].strip(" .,!;:"):
        return None
    past = verb.split()[0] in _PAST_WANT
    tokens = list(_WORD.finditer(left))
    # Adverbs between the subject and the verb ("I just want", "they also wanted").
    while tokens and tokens[-1].group().lower() in _ADVERBS:
        tokens.pop()
    if not tokens:
        return _Want(0, match.end(), past=past, subjectless=True, what_is=False) if past else None
    before = left[: tokens[-1].end()]
    if _NEGATION.search(before.rstrip()) or before.rstrip().endswith("n't"):
        return None
    last = tokens[-1].group().lower()
    if last in _LEAD_WORDS:
        # "... and wanted", "and need": a dropped subject shared with the clause before.
        if last == "and" or (past and last in {"so", "then"}):
            return _Want(
                tokens[-1].start(), match.end(), past=past, subjectless=True, what_is=False
            )
        return None
    if left[tokens[-1].end() :].strip().startswith(","):
        # "..., wanted auto-built schedules": past want after a comma, subject dropped.
        if past:
            return _Want(tokens[-1].end(), match.end(), past=True, subjectless=True, what_is=False)
        return None
    start = _subject_start(tokens, left)
    if start is None:
        return None
    return _Want(start, match.end(), past=past, subjectless=False, what_is=False)


def _subject_start(tokens: list[re.Match[str]], left: str) -> int | None:
    """Where the subject before a want verb starts; None when there is none."""
    last = tokens[-1].group().lower().rstrip(",")
    previous = tokens[-2].group().lower() if len(tokens) > 1 else ""
    if last in NEGATIVE_SUBJECTS or last in {"no-one", "noone"}:
        return None
    if last in PRONOUNS or last in _OTHER_SUBJECTS:
        before_previous = tokens[-3].group().lower() if len(tokens) > 2 else ""
        if previous in {"the", "a"}:
            return None
        if previous in _RELATIVE and before_previous not in PREPOSITIONS:
            return None
        return tokens[-1].start()
    if last in DETERMINERS or last in _RELATIVE or last in PREPOSITIONS:
        return None
    if last in {"it", "this", "that", "me", "him", "her", "us", "them", "there", "here"}:
        return None
    start: int | None = None
    for taken, token in enumerate(reversed(tokens)):
        word = token.group().lower().rstrip(",")
        if taken and left[token.end() : token.end() + 1] in {",", ":", ";"}:
            break
        if word in DETERMINERS:
            if word in _RELATIVE:
                return None
            return token.start()
        if word in PRONOUNS or word in PREPOSITIONS or word in _RELATIVE or word in _LEAD_WORDS:
            break
        if taken and (is_finite_form(word) or word in {"is", "are", "was", "were"}):
            break
        if not taken and _only_verb(word):
            return None
        start = token.start()
        if taken == 3:
            break
    return start


def _only_verb(word: str) -> bool:
    pos = parts_of_speech(word)
    return bool(pos) and pos <= {"VERB", "AUX", "ADV"}


# -- motivation and outcome --------------------------------------------------------------


def _motivation_outcome(rest: str, *, verbal: bool) -> tuple[str, str, int] | None:
    """(motivation, outcome, how much of ``rest`` they cover) or None."""
    lead = len(rest) - len(rest.lstrip())
    rest = _DASH_OUTCOME.sub(" ", rest.strip())
    outcome = ""
    match = _OUTCOME.search(rest)
    motivation = _end_clause(rest)
    used = len(motivation)
    if match is not None and match.start() < len(motivation):
        motivation = _end_clause(rest[: match.start()])
        outcome = _end_clause(match.group("rest"))
        used = match.start("rest") + len(outcome)
        if match.group("else") or match.group("or"):
            word = "otherwise" if match.group("else") else "or"
            outcome = f"{word} {outcome}"
    motivation = _AND_CLAUSE.sub("", motivation)
    if not outcome and not verbal:
        motivation, outcome = _split_purpose(motivation)
    words_ = motivation.split()
    while words_ and words_[0].lower() in _ADVERBS - {"all", "both"} and len(words_) > 1:
        words_ = words_[1:]
    motivation = tidy(" ".join(words_))
    if not _WORD.search(motivation) or motivation.lower() in {"it", "that", "this"}:
        return None
    if _TRIGGER.match(motivation):
        return None
    return motivation, clean_outcome(outcome), lead + used


def _end_clause(part: str) -> str:
    return _END_OF_CLAUSE.sub("", part)


_CONTINUE = re.compile(
    r"^(?:that\s+way|this\s+way|so|then)\s*,?\s+(?=(?:i|we|they|you|he|she)\s+(?:can|could)\b)",
    _I,
)
_DASH_OUTCOME = re.compile(r"\s+-\s+(?=(?:so|otherwise|or)\s)", _I)
_AND_CLAUSE = re.compile(r"\s+and\s+(?:i|we|they|he|she)\s+\S.*$", _I)
_INFINITIVE = re.compile(r"\s+to\s+(?P<verb>[a-z][\w-]*)", _I)
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
    return motivation[: cut.start()], motivation[cut.start("verb") :]


def clean_outcome(outcome: str) -> str:
    """Drop "I can"/"we could" from an outcome; keep clauses with their own subject."""
    outcome = _end_clause(outcome.strip())
    outcome = _NEXT_TIME.sub("", outcome)
    outcome = _CAN.sub("", outcome)
    return clean(outcome)


def clean(part: str) -> str:
    """Trim whitespace and trailing punctuation from a part."""
    return tidy(part)


def _what_is(rest: str) -> tuple[str | None, str]:
    """ "what I want is when X, Y": the situation and the motivation clause."""
    trigger = _TRIGGER.match(rest.strip())
    if trigger is None:
        return None, rest
    body = rest.strip()[trigger.start("body") :]
    for pronoun in re.finditer(r"(?:,\s+|\s+)(?=(?:their|the|my|our|his|her|i|we|they)\s)", body):
        head = body[: pronoun.start()]
        if len(head.split()) >= 3:
            return tidy(head), body[pronoun.end() :]
    return None, rest


# -- situation ---------------------------------------------------------------------------


def _situation(
    sentence: str,
    window_start: int,
    want: _Want,
    earlier: list[Piece],
    text: str,
    piece: Piece,
) -> str | None:
    window = sentence[window_start : want.subject_start]
    found = _trigger_situation(window, same_sentence=True)
    if found:
        return found
    if window_start == 0 and _ANAPHORA.match(sentence):
        return _narrative(earlier[-1].text) if earlier else None
    if want.subjectless and not want.past and not _has_finite_verb(window):
        return None
    narrative = _joined_narrative(window, want)
    if narrative:
        return narrative
    quote = quote_start(text, piece.start + want.subject_start)
    before = [p for p in earlier if p.start >= quote and not p.text.endswith("?")][-2:]
    for previous in reversed(before):
        first_want = _WANT.search(previous.text)
        head = previous.text[: first_want.start()] if first_want else previous.text
        wants = _wants(previous.text)
        if wants and wants[0].subject_start < len(head):
            head = head[: wants[0].subject_start]
        found = _trigger_situation(head, same_sentence=False)
        if found and (not _SELF_OPENING_TRIGGER.match(found.split()[0]) or len(found.split()) > 3):
            return found
    recent = bool(before) and before[-1] is earlier[-1]
    if recent and (want.past or _DATED.search(before[-1].text)):
        return _narrative(before[-1].text)
    return None


def _trigger_situation(window: str, *, same_sentence: bool) -> str | None:
    """The earliest real trigger clause in ``window``."""
    for trigger in _TRIGGER.finditer(window):
        head = window[: trigger.start()]
        if _COPULA_BEFORE.search(head):
            continue
        body = window[trigger.start("body") :]
        if _NOT_TRIGGER_AFTER.match(body):
            continue
        if '"' in head and head.count('"') % 2 == 1 and '"' in body and not same_sentence:
            continue
        word = " ".join(trigger.group("trig").lower().split())
        if same_sentence and _REPORTING.search(body):
            continue  # "when we met you said you want ...": the want is reported later
        body = _clause_end(body, cut_commas=not same_sentence)
        body = _CONNECTIVE_END.sub("", without_parentheses(body))
        situation = tidy(body)
        opening = _SELF_OPENING_TRIGGER.match(word)
        size = len(situation.split())
        if opening is None and word.startswith("when") and size < 2:
            continue
        if size < 1 or _NOT_SITUATION.search(situation):
            continue
        if size < 2 and not opening:
            continue
        if opening is not None and not (
            opening.group(1).lower() == "after" and _has_finite_verb(f"x {situation}")
        ):
            # "after the second audit" keeps its word; "after a demo goes well" reads
            # "when a demo goes well".
            situation = f"{opening.group(1)} {situation}"
        return situation
    return None


def _clause_end(body: str, *, cut_commas: bool) -> str:
    """A trigger clause up to where the main clause starts: a comma or dash (in an earlier
    sentence), or a pronoun subject followed by a verb ("... a class it takes 7 months")."""
    end = len(body)
    if cut_commas:
        for cut in _CLAUSE_CUT.finditer(body):
            if len(body[: cut.start()].split()) >= 2:
                end = cut.start()
                break
    for subject in _MAIN_SUBJECT.finditer(body, 0, end):
        nxt = subject.group("next").lower()
        if len(body[: subject.start()].split()) < 2:
            continue
        if "'" in nxt[:1] or nxt.split("'")[0] in _AUX or is_finite_form(nxt) or is_past(nxt):
            end = subject.start()
            break
    return body[:end]


def _joined_narrative(window: str, want: _Want) -> str | None:
    """ "a cook no-showed and she needed ...": the event clause joined to the want."""
    joint = _NARRATIVE_JOIN.search(window) if not want.subjectless else None
    if joint is None and not want.subjectless:
        return None
    head = window[: joint.start()] if joint else window
    if want.subjectless:
        head = _CONNECTIVE_END.sub("", head)
    if not head.strip():
        return None
    head = re.split(r"[:;]\s+|\s+-\s+|(?:^|\s)'(?=\w)|\"", head)[-1]
    clause = head.split(", ")
    situation = clause[-1]
    if len(situation.split()) < 3 and len(clause) > 1:
        situation = ", ".join(clause[-2:])
    situation = _drop_time_lead(tidy(_LEAD_FILLER.sub("", without_parentheses(situation))))
    if not (_is_event(situation) or (want.subjectless and _has_finite_verb(situation))):
        return None
    return situation


def _narrative(sentence: str) -> str | None:
    """The event told in a whole earlier sentence, trimmed of lead-ins and asides."""
    text = without_parentheses(sentence)
    text = re.split(r":\s+", text)[-1]
    text = re.split(r"\s+-\s+", text)[0]
    conjuncts = re.split(r",\s+(?:and|but|so)\s+", text)
    events = [c for c in conjuncts if _is_event(c)]
    text = events[-1] if events else conjuncts[0]
    # "... and I had to rebuild it": the narrator's reaction follows the event.
    text = _LEAD_FILLER.sub("", _REACTION.split(text)[0])
    lead = _TIME_LEAD.match(text)
    if lead is not None and not any(_is_verb_form(w) for w in text[: lead.end()].split()):
        text = text[lead.end() :]
    situation = _drop_time_lead(tidy(text))
    if "?" in situation or not _is_event(situation) or len(situation.split()) < 4:
        return None
    if is_past(situation.split()[0]) and not _lemmas_other_than_verb(situation.split()[0]):
        return None  # a headline with no subject: "Lost a bank last quarter"
    return situation


_TIME_ADVERB = re.compile(
    r"^(?:(?:last|this|next|that)\s+(?:week|month|year|night|quarter|spring|summer|fall|winter|"
    r"january|february|march|april|may|june|july|august|september|october|november|december|"
    r"monday|tuesday|wednesday|thursday|friday|saturday|sunday|morning)|yesterday|today)"
    r"\s*,?\s+(?=(?:i|we|they|he|she|a|an|the|my|our|their|his|her|one|two|some)\b)",
    _I,
)


def _drop_time_lead(situation: str) -> str:
    """ "last month a server complained ..." -> "a server complained ..."."""
    return _TIME_ADVERB.sub("", situation)


def _lemmas_other_than_verb(word: str) -> bool:
    return bool(parts_of_speech(word) - {"VERB", "AUX"})


def _is_event(clause: str) -> bool:
    """A clause that tells something that happened: it has a past-tense verb."""
    tokens = [t.lower() for t in _WORD.findall(clause)]
    if len(tokens) < 2:
        return False
    return any(is_past(t.split("'")[0]) for t in tokens) or "just" in tokens


def _has_finite_verb(clause: str) -> bool:
    tokens = [t.lower() for t in _WORD.findall(clause)]
    return any(is_finite_form(t) and t not in {"is", "was", "has"} for t in tokens[1:])


def _is_verb_form(word: str) -> bool:
    return bool(verb_tags(word.strip(",").lower()) - {"VB"})


# -- rendering ---------------------------------------------------------------------------

_CLAUSE_AUX = words(
    """can could will would is are was were has have had does do doesn't don't won't isn't
    aren't wasn't weren't didn't gets get needs must should stops stop 're 'm"""
)
_CLAUSE_START = words(
    """nobody nothing no everyone everybody everything someone somebody they he she it we
    you i the our their my his her its this that these those customers"""
)


def outcome_is_clause(outcome: str) -> bool:
    """True when the outcome has its own subject ("nothing is missed", "CS can start")."""
    tokens = outcome.lower().split()
    if not tokens:
        return False
    if tokens[0].split("'")[0] in _CLAUSE_START or _TRIGGER.match(outcome):
        return True
    if any(w in _CLAUSE_AUX or w.endswith("n't") for w in tokens[1:3]):
        return True
    return not is_verb(tokens[0]) and any(is_finite_form(w) for w in tokens[1:4])


_PARTICLES = words("in up out over back off down on away through around")


def motivation_is_verbal(motivation: str) -> bool:
    """True when the motivation starts with a verb ("see ...", "plug in ...") rather than a
    noun phrase ("the usage numbers ...", "them to find ...", "access killed ...")."""
    tokens = [t.lower().strip(",") for t in motivation.split()]
    if not tokens or not is_verb(tokens[0]):
        return False
    first = tokens[0]
    if parts_of_speech(first) <= {"VERB", "AUX"} or first.startswith("re-"):
        return True
    second = tokens[1] if len(tokens) > 1 else ""
    third = tokens[2] if len(tokens) > 2 else ""
    if second in DETERMINERS or second in _PARTICLES or second in _OBJECTS:
        return True
    if second == "to" or (third == "to" and is_verb(tokens[3] if len(tokens) > 3 else "")):
        return False  # "labour to come in", "content permissions to follow"
    if verb_tags(second) & {"VBN", "VBD"} and not is_verb(second):
        return third not in DETERMINERS and third not in PREPOSITIONS
    return True


def motivation_is_clause(motivation: str) -> bool:
    """ "their manager gets the slack ping": a wanted state told as a clause."""
    tokens = [t.lower() for t in motivation.split()[:5]]
    for index, word in enumerate(tokens[1:], start=1):
        if word == "to":
            return False
        if _is_present_verb(word) and not is_verb(tokens[0]):
            return tokens[index - 1] not in DETERMINERS
    return False


def _is_present_verb(word: str) -> bool:
    """ "gets", "sees": a third-person verb that is not also a plural noun ("numbers")."""
    return "VBZ" in verb_tags(word) and "NOUN" not in parts_of_speech(word)


_OBJECTS = words("it them him her us me everyone everything something anything this that")
_LOWER_FIRST = PRONOUNS | DETERMINERS | words("last next every")


_NEGATED_VERB = re.compile(r"^(?:don't|didn't|won't|never|no\s+longer|not)\b", _I)
_SELF_OPENING = ("before ", "after ", "during ", "as ", "while ")
_DOWNER = ("otherwise ", "or ")


def render(situation: str, motivation: str, outcome: str) -> str:
    """ "When {situation}, I want to {motivation}, so I can {outcome}." A noun-phrase
    motivation reads "I want {motivation}"; an outcome with its own subject reads "so that
    {outcome}", one kept as "otherwise ..."/"or ..." reads as written; a situation kept as
    "before ..."/"after ..." opens the sentence itself."""
    parts: list[str] = []
    if situation:
        first = situation.split()[0]
        if first.lower() in _LOWER_FIRST and first != "I" and first[1:].islower():
            situation = first.lower() + situation[len(first) :]
        opens = situation.lower().startswith(_SELF_OPENING)
        parts.append(situation if opens else f"When {situation}")
    if motivation_is_verbal(motivation):
        parts.append(f"I want to {motivation}")
    elif motivation_is_clause(motivation):
        parts.append(f"I want it so that {motivation}")
    else:
        parts.append(f"I want {motivation}")
    if outcome:
        if outcome.lower().startswith(_DOWNER):
            parts.append(outcome)
        elif _NEGATED_VERB.match(outcome):
            parts.append(f"so I {outcome}")
        elif outcome_is_clause(outcome):
            parts.append(f"so that {outcome}")
        else:
            parts.append(f"so I can {outcome}")
    sentence = ", ".join(parts) + "."
    return sentence[0].upper() + sentence[1:]
