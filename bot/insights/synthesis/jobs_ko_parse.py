"""Korean job extraction from morphemes (kiwipiepy): situations, wants, outcomes.

An answer is read sentence by sentence (``jobs_ko_morph.sentences``). In a sentence:

- a *want* closes the motivation: "-고 싶다" (싶어요, 싶대요, 싶어 하세요, 고파요), a wish
  "-었으면 좋겠다 / 했으면 해요 / -었음 좋겠다", "-면 좋겠다 / 좋을 것 같다", "-면 돼요",
  "N이/가 필요하다", "N(을) 원하다", "-기를 원하다 / 바라다", "-어야 하다/되다", a request
  "-게 해 주세요 / -어 달라", an intention "-려고 하다" (see ``jobs_ko_want``);
- a *situation* is a clause closed by an adnominal before 때/순간/경우/후/다음 (때마다, 때요),
  by "-면", "-자마자", "-고 나서", "N 시" (strong), or by "-는데" / "-면서", "..끝나고", a
  time before 전에, "N 때", or a reported event "-대요 / -다고." (weak); a lead-in "..보면"
  and a hedge "가능하면" are none (see ``jobs_ko_situation``);
- an *outcome* follows the want: after 그래야 / 안 그러면 / 그러면 / 그럼, or as a clause
  closed by a purpose or result ending (-게, -도록, -려고, -기 위해, -기 전에), in the same
  sentence or the next (see ``jobs_ko_outcome``).

A want takes, in this order: a strong situation before it in its clause; a situation that
stood as a sentence (or a question) of its own ("신규 지점 열었을 때요."); a weak one
before it in its sentence; a recurring time ("월요일 아침마다"); a strong one left over
from an earlier sentence (the first told); a time before 전에 or "N 때"; the clause that
"그때" / "그럴 때" points back to; a weak one of the sentence before (unless that sentence
gave a job). A want left without one takes the moment said
after it: last in its sentence ("..받고 싶어요, 월말 되면요"), or a clear, not past, one in
the next sentence. A situation with no want, and questions give nothing.

This module pairs them over an answer; the pieces live in ``jobs_ko_clause`` (sentences,
clause breaks), ``jobs_ko_lead`` (span starts), ``jobs_ko_want``, ``jobs_ko_situation`` (and
``jobs_ko_situation_text``, their spans), ``jobs_ko_outcome`` and ``jobs_ko_sentence``
(what the reader asks of one sentence).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from bot.insights.synthesis.jobs_ko_clause import (
    Sentence,
    is_question,
    tagged,
    usable,
)
from bot.insights.synthesis.jobs_ko_morph import sentences
from bot.insights.synthesis.jobs_ko_outcome import (
    causal_result,
    closed_purpose,
    outcome_in,
    outcome_marker,
    outcome_stop,
    purpose_before,
)
from bot.insights.synthesis.jobs_ko_sentence import (
    after_quote,
    aim_of_before,
    also,
    closed,
    consequence,
    fragment,
    grown,
    marked,
    motivation_text,
    purpose_want,
)
from bot.insights.synthesis.jobs_ko_situation import (
    Situation,
    after_marker,
    find_situations,
    reported_event,
    stands_alone,
)
from bot.insights.synthesis.jobs_ko_situation_text import (
    clause_before,
    first_clause,
    situation_text,
)
from bot.insights.synthesis.jobs_ko_want import Want, asked, find_wants
from bot.insights.synthesis.languages import has_hangul

Parts = tuple[str, str, str]


@dataclass
class _Reader:
    """Pairs wants with situations over the sentences of one answer."""

    sentences: list[Sentence]
    found: list[Parts] = field(default_factory=list)
    pending: tuple[Sentence, Situation, int] | None = None
    frame: str = ""  # a moment that stood as a sentence of its own, once a want took it
    standalone: bool = False
    consumed: set[int] = field(default_factory=set)
    paired: set[int] = field(default_factory=set)  # sentences that gave a job
    orphan: tuple[int, Sentence, Want, int] | None = None  # a want that found no moment

    def read(self) -> list[Parts]:
        for n, s in enumerate(self.sentences):
            if not is_question(s):
                self._sentence(n, s)
                continue
            strong = [x for x in find_situations(s, set())[0] if x.strong]
            if strong and stands_alone(s, strong[0]):  # "점검 끝나면요? 결과를 .."
                self.pending, self.standalone = (s, strong[0], 0), True
        return self.found

    def _sentence(self, n: int, s: Sentence) -> None:
        wants = [] if n in self.consumed else find_wants(s.morphs)
        wants = [
            w
            for w in wants
            if not asked(s, w)
            and not (w.kind == "plea" and s.depth[w.first])
            and not consequence(s, w)
            and not (w.kind == "must" and self._wanted_next(n))
        ]
        situations, anaphor = find_situations(s, {w.first for w in wants})
        if any(x.strong for x in situations):
            self.frame = ""  # a new moment ends the one that framed the answer
        if not wants and n not in self.consumed:
            wants = purpose_want(s, situations)
        orphan, self.orphan = self.orphan, None
        if (
            orphan is not None
            and not wants
            and orphan[0] == n - 1
            and self._moment_after(n, s, situations, orphan)
        ):
            return
        lower = 0
        aims = aim_of_before(s, wants, situations)
        for k, w in enumerate(wants):
            if k in aims:
                lower = w.after
                continue
            aim = motivation_text(s, wants[k + 1], w.after) if k + 1 in aims else ""
            before = [x for x in situations if lower <= x.first < w.first]
            chosen = self._situation(n, s, before, anaphor, lower, w)
            if chosen is not None:
                situation, mot_lower = chosen
                self._add(n, s, w, situation, (lower, mot_lower), aim)
            elif w.kind in ("want", "wish", "need", "hope"):
                self.orphan = (n, s, w, lower)
            elif w.kind == "must_then":
                continue  # "..오픈해야 했는데, ..": with no clear moment, it is the moment
            lower = w.after
        rest = [x for x in situations if x.first >= lower and x.strong]
        rest = [x for x in rest if not after_marker(s, x)]
        if rest and self.orphan is not None and self.orphan[0] == n and stands_alone(s, rest[-1]):
            m, ws, w, floor = self.orphan  # "..받고 싶어요, 월말 되면요": the moment said last
            self._add(m, ws, w, situation_text(s, rest[-1], lower), (floor, floor))
            self.orphan = None
        elif rest:
            alone = stands_alone(s, rest[0])
            if alone or self.pending is None:
                self.pending, self.standalone = (s, rest[0], lower), alone

    def _wanted_next(self, n: int) -> bool:
        """True when the next sentence holds a want ("..강사를 봐야 돼요. 그 신호를 빨리 알고
        싶어요"): the obligation before it tells what they do now, not the job."""
        nxt = self.sentences[n + 1] if n + 1 < len(self.sentences) else None
        kinds = ("want", "wish", "need", "hope")
        return nxt is not None and any(w.kind in kinds for w in find_wants(nxt.morphs))

    def _moment_after(
        self,
        n: int,
        s: Sentence,
        situations: list[Situation],
        orphan: tuple[int, Sentence, Want, int],
    ) -> bool:
        """ "..엑셀로 뽑고 싶다고. 주간회의 자료 만들 때마다 손으로 합치셨대요": a want with no
        moment takes the clear moment the next sentence tells (with no want of its own)."""
        strong = [x for x in situations if x.strong and not after_marker(s, x)]
        if (
            not strong
            or s.morphs[strong[0].first - 1].tag == "EP"
            or (strong[0].first >= 2 and s.morphs[strong[0].first - 2].tag == "EP")
        ):
            return False  # not a past story ("작년에 계약했을 때 너무 비쌌거든요")
        m, ws, w, lower = orphan
        nxt = self.sentences[n + 1] if n + 1 < len(self.sentences) else None
        if nxt is not None and stands_alone(s, strong[0]) and find_wants(nxt.morphs):
            return False  # "신규 지점 열 때요." opens the want that follows it
        outcome = ""
        if nxt is not None and not find_wants(nxt.morphs) and not is_question(nxt):
            outcome = outcome_in(nxt, 0, len(nxt.morphs))
        self._add(m, ws, w, situation_text(s, strong[0], 0), (lower, lower), outcome)
        self.pending = None
        return True

    def _situation(
        self,
        n: int,
        s: Sentence,
        before: list[Situation],
        anaphor: int | None,
        lower: int,
        want: Want,
    ) -> tuple[str, int] | None:
        strong = [x for x in before if x.strong]
        weak = [x for x in before if not x.strong and not x.noun]
        weak = [x for x in weak if s.depth[x.first] <= s.depth[want.first]]  # not a quoted title
        nouns = [x for x in before if x.noun]
        pending, self.pending = self.pending, None
        standalone, self.standalone = self.standalone, False
        if strong:  # the first one after a closed stretch ("..반짝 ㅋㅋ 회의 있을 때 ..")
            near = [x for x in strong if not any(closed(s, j) for j in range(x.after, want.first))]
            first = near[0] if near else strong[0]
            if want.kind == "plea" and tagged(s.morphs[first.first - 1], "있", ("VA", "VV")):
                return None  # "..방법 있으면 알려주세요": asking if there is one, no moment
            return situation_text(s, first, lower), first.after
        if pending is not None and standalone:
            self.frame = situation_text(*pending)
            return self.frame, lower
        if want.kind in ("request", "plea", "must_past", "must_then"):
            return None  # "깎아 달라", "합쳐야 했어요": only with a clear moment
        if weak:
            return situation_text(s, weak[-1], lower), weak[-1].after
        recurring = [x for x in nouns if s.morphs[x.first].form == "마다"]
        if recurring:  # "매주 월요일 아침마다 ..": the want's own time beats an older moment
            return situation_text(s, recurring[-1], lower), recurring[-1].after
        if pending is not None:
            return situation_text(*pending), lower
        if nouns:
            return situation_text(s, nouns[-1], lower), nouns[-1].after
        if anaphor is not None and lower <= anaphor < want.first:
            back = clause_before(s, anaphor, lower)
            if back:
                return back, anaphor + 1
        previous = self._previous(n, anaphor is not None and lower <= anaphor < want.first, lower)
        if previous is None and self.frame and also(s, want, lower):
            return self.frame, lower  # "특강 모집할 때요. ..넣고 싶었는데 .. ..도 보고 싶었는데"
        return previous

    def _previous(self, n: int, anaphor: bool, lower: int) -> tuple[str, int] | None:
        """A weak situation of the sentence before (a reported event, a "-는데" clause)."""
        if n == 0:
            return None
        prev = self.sentences[n - 1]
        if anaphor and n > 1 and fragment(prev):
            n, prev = n - 1, self.sentences[n - 2]  # "..다니고 있더라고요 대표가.. 그때 .."
        if is_question(prev) or n - 1 in self.paired:
            return None  # (a want there that found no moment, "합쳐야 했어요", leaves it free)
        reported = reported_event(prev)
        if reported is not None:
            return situation_text(prev, reported, 0), lower
        weak = [x for x in find_situations(prev, set())[0] if not x.strong and not x.noun]
        weak = [x for x in weak if not prev.depth[x.first]]  # not in a quoted title
        if weak:
            return situation_text(prev, weak[0], 0), lower
        if anaphor or grown(prev):
            return first_clause(prev), lower  # "지점이 3개 되니까 제가 .. 몰라요. .."
        return None

    def _add(
        self, n: int, s: Sentence, w: Want, situation: str, lows: tuple[int, int], found: str = ""
    ) -> None:
        """Add the job of want w; lows: the end of the want before, the motivation's floor;
        found: an outcome already found elsewhere."""
        floor, mot_lower = lows
        motivation = motivation_text(s, w, mot_lower)
        stop = outcome_stop(s, w)
        outcome = found or outcome_in(s, w.after, stop) or causal_result(s, w, stop)
        if not outcome and s.depth[w.first] and stop < len(s.morphs):
            outcome = after_quote(s, stop)  # '"..보여줄 수 있으면 좋겠다" 그래야 ..'
        if not outcome and w.kind != "purpose":
            outcome = purpose_before(s, w.first, mot_lower, floor)
        if not outcome and n + 1 < len(self.sentences):
            nxt = self.sentences[n + 1]
            wants = find_wants(nxt.morphs)
            if not wants:
                outcome = outcome_in(nxt, 0, len(nxt.morphs))
                after = self.sentences[n + 2] if n + 2 < len(self.sentences) else None
                if not outcome and after is not None and outcome_marker(after.morphs, 0):
                    outcome = outcome_in(after, 0, len(after.morphs))  # "그래야 .." a step on
            elif leading := closed_purpose(nxt, 0, wants[0].first):
                outcome = leading  # "..싶었는데 그게 되더라고요, 안 틀리려고요 ㅎㅎ 그리고 .."
            elif marked(nxt) and all(x.kind in ("must", "must_past") for x in wants):
                outcome = outcome_in(nxt, 0, len(nxt.morphs))  # "안 그러면 ..해야 돼요"
                self.consumed.add(n + 1)
            elif wants[0].kind == "intent" and not find_situations(nxt, set())[0]:
                outcome = motivation_text(nxt, wants[0], 0)  # "..보여주려고 하신 거죠"
                self.consumed.add(n + 1)
        if usable(situation) and usable(motivation):
            parts = (situation, motivation, outcome)
            self.paired.add(n)
            if not any(p[:2] == parts[:2] or p[1] == parts[1] for p in self.found):
                self.found.append(parts)


def extract(text: str) -> list[Parts]:
    """Job statements in the Korean sentences of a normalised answer ("떄", a common slip
    for 때, read as 때: one character for one, so spans stay where they were)."""
    read = [
        Sentence(line, morphs)
        for line in text.replace("떄", "때").split("\n")
        if has_hangul(line)
        for morphs in sentences(line)
    ]
    return _Reader(read).read()
