"""build_digest: support, the mirror check, conflicts, confidence, freshness, changes."""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest

from bot.insights.render.lines import conflict_text
from bot.insights.render.report import digest_json
from bot.insights.synthesis.digest import FIELD_ORDER, build_digest
from bot.insights.synthesis.model import (
    NO_PERSONA,
    AnswerFact,
    Conflict,
    Digest,
    FieldSummary,
    GroupRate,
    JobFact,
    PersonaInfo,
    Snapshot,
    ThemeInfo,
    ThemeLine,
)

NOW = datetime(2025, 3, 10, 9, 0, tzinfo=UTC)

OLIVIA = PersonaInfo("1", "Ops Olivia", "Runs operations at a 200-person SaaS company", False)
KIM = PersonaInfo("2", "재무 김팀장", "중견 제조사의 재무팀장", False)
BOB = PersonaInfo("3", "Bargain Bob", "Wants everything free, churns in a month", True)
PERSONAS = (OLIVIA, KIM, BOB)


def theme(
    key: str, label: str, quote: str, language: str = "en", neighbours: frozenset[str] = frozenset()
) -> ThemeInfo:
    link = f"https://acme.slack.com/archives/C1/p{key}"
    return ThemeInfo(key, language, label, quote, link, "U9", neighbours)


THEMES = {
    t.key: t
    for t in (
        theme("pricing", "pricing · seat cost", "Per-seat pricing kills us at 50 users"),
        theme("onboarding", "onboarding · slow setup", "Setup took our team three weeks"),
        theme("reports", "weekly reports", "I need the numbers before Monday"),
        theme("budget", "예산 승인 · 보고서", "예산 승인을 받으려면 숫자가 필요해요", "ko"),
        theme("erp", "ERP 연동", "ERP랑 바로 연결되면 좋겠어요", "ko"),
        theme("discounts", "discount hunting", "Only here for the coupon"),
        theme("role-ops", "head of operations", "I run ops and IT"),
    )
}

JOB_REPORT = JobFact(
    "report|monday",
    "the week closes",
    "send one report",
    "the board sees the numbers",
    "en",
    "When the week closes, I want to send one report, so I can show the board the numbers.",
)
JOB_KO = JobFact(
    "budget|approve",
    "분기 예산을 짤",
    "지난 분기 숫자를 한 번에 보",
    "승인을 빨리 받을 수 있다",
    "ko",
    "분기 예산을 짤 때, 지난 분기 숫자를 한 번에 보고 싶다. 그래야 승인을 빨리 받을 수 있다.",
)


def ans(
    answer_id: int,
    persona: str,
    field: str,
    group: str | None,
    author: str,
    days_ago: float,
    theme_key: str | tuple[str, ...] | None,
    jobs: tuple[JobFact, ...] = (),
) -> AnswerFact:
    """An answer whose claims joined ``theme_key`` (one key, several, or None for none)."""
    at = NOW - timedelta(days=days_ago)
    keys = () if theme_key is None else (theme_key,) if isinstance(theme_key, str) else theme_key
    return AnswerFact(answer_id, persona, field, group, author, at, keys, jobs)


def sample_answers() -> list[AnswerFact]:
    """Olivia: internal teams say pricing, customers say onboarding. Kim: Korean answers.
    Every theme has at least two supporters, so every one is shown."""
    rows = [
        ans(1, "1", "pains", "sales", "U1", 3, "pricing"),
        ans(2, "1", "pains", "sales", "U2", 4, "pricing"),
        ans(3, "1", "pains", "marketing", "U3", 5, "pricing"),
        ans(4, "1", "pains", "customers", "C1", 2, "onboarding"),
        ans(5, "1", "pains", "customers", "C2", 6, "onboarding"),
        ans(6, "1", "pains", "focus_group", "", 1, "onboarding"),
        ans(7, "1", "goals", "customers", "C1", 2, "reports", (JOB_REPORT,)),
        ans(8, "1", "goals", "customer_success", "U4", 3, "reports", (JOB_REPORT,)),
        ans(9, "1", "role", "leadership", "U5", 45, "role-ops"),
        ans(10, "2", "pains", "customers", "K1", 1, "budget", (JOB_KO,)),
        ans(11, "2", "pains", "sales", "U1", 2, "budget"),
        ans(12, "2", "goals", "sales", "U2", 2, "erp"),
        ans(13, "2", "goals", "marketing", "U3", 3, "erp"),
        ans(14, "3", "traits_to_avoid", "sales", "U1", 8, "discounts"),
        ans(15, NO_PERSONA, "unsorted", None, "", 1, None),
        ans(16, "1", "role", "sales", "U1", 50, "role-ops"),
        ans(17, "3", "traits_to_avoid", "customer_success", "U4", 9, "discounts"),
    ]
    return rows


def build(
    answers: Sequence[AnswerFact] | None = None,
    *,
    previous: Snapshot | None = None,
    since: datetime | None = None,
    **kwargs: object,
) -> Digest:
    return build_digest(
        answers=sample_answers() if answers is None else answers,
        themes=THEMES,
        personas=PERSONAS,
        previous=previous,
        now=NOW,
        since=since,
        rates=(GroupRate("sales", 8, 5, 9), GroupRate("customers", 4, 3, 4)),
        unanswered=("What made you switch from spreadsheets?",),
        **kwargs,  # type: ignore[arg-type]
    )


def field_of(digest: Digest, persona: str, field: str) -> FieldSummary:
    for summary in digest.personas:
        key = summary.persona.key if summary.persona else NO_PERSONA
        if key == persona:
            return next(f for f in summary.fields if f.field == field)
    raise AssertionError(f"no {persona}|{field}")


def line_of(f: FieldSummary, key: str) -> ThemeLine:
    return next(t for t in f.themes if t.theme.key == key)


def test_personas_in_order_then_unlinked_answers() -> None:
    digest = build()
    keys = [s.persona.key if s.persona else None for s in digest.personas]
    assert keys == ["1", "2", "3", None]
    assert digest.personas[2].persona is not None
    assert digest.personas[2].persona.negative
    assert digest.answers == 17
    assert [s.answers for s in digest.personas] == [10, 4, 2, 1]
    assert [f.field for f in digest.personas[0].fields] == ["role", "goals", "pains"]


def test_persona_without_answers_is_listed_empty_and_unknown_personas_fold_in() -> None:
    extra = PersonaInfo("9", "Quiet Quinn", "", False)
    answers = [
        ans(1, "77", "pains", "sales", "U1", 1, "pricing"),
        ans(2, "77", "pains", "sales", "U2", 1, "pricing"),
    ]
    digest = build_digest(answers=answers, themes=THEMES, personas=(extra,), previous=None, now=NOW)
    assert digest.personas[0].fields == ()
    assert digest.personas[0].answers == 0
    assert digest.personas[1].persona is None
    assert digest.personas[1].fields[0].themes[0].theme.key == "pricing"


def test_support_counts_distinct_people_and_each_anonymous_answer() -> None:
    answers = [
        ans(1, "1", "pains", "customers", "C1", 1, "onboarding"),
        ans(2, "1", "pains", "customers", "C1", 2, "onboarding"),
        ans(3, "1", "pains", "focus_group", "", 3, "onboarding"),
        ans(4, "1", "pains", "focus_group", "", 4, "onboarding"),
        ans(5, "1", "pains", "sales", "U1", 5, "onboarding"),
    ]
    line = build(answers).personas[0].fields[0].themes[0]
    assert line.support.people == 4
    assert line.support.groups == ("customers", "focus_group", "sales")
    assert not line.support.internal_only
    assert line.support.suggest is None


def test_themes_ranked_by_people_then_key() -> None:
    pains = field_of(build(), "1", "pains")
    assert [t.theme.key for t in pains.themes] == ["onboarding", "pricing"]
    answers = [*sample_answers(), ans(20, "1", "pains", "sales", "U7", 1, "pricing")]
    pains = field_of(build(answers), "1", "pains")
    assert [t.theme.key for t in pains.themes] == ["pricing", "onboarding"]
    assert len(field_of(build(top_themes=1), "1", "pains").themes) == 1


def test_mirror_check_flags_internal_only_claims() -> None:
    pricing = line_of(field_of(build(), "1", "pains"), "pricing")
    assert pricing.support.internal_only
    assert pricing.support.groups == ("marketing", "sales")
    # customers of this persona already spoke: ask the focus group to check this one
    assert pricing.support.suggest == "focus_group"
    erp = line_of(field_of(build(), "2", "goals"), "erp")
    assert erp.support.internal_only
    assert erp.support.groups == ("marketing", "sales")
    assert erp.support.suggest == "focus_group"  # a customer spoke of Kim's pains
    # no customer ever spoke of Bob: ask customers
    discounts = line_of(field_of(build(), "3", "traits_to_avoid"), "discounts")
    assert discounts.support.internal_only
    assert discounts.support.suggest == "customers"
    # the persona's own theme list carries the same flags
    olivia = build().personas[0]
    assert [t.theme.key for t in olivia.themes if t.support.internal_only] == [
        "pricing",
        "role-ops",
    ]


def test_a_single_customer_answer_clears_the_flag() -> None:
    answers = [*sample_answers(), ans(30, "2", "goals", "customers", "K2", 1, "erp")]
    erp = line_of(field_of(build(answers), "2", "goals"), "erp")
    assert not erp.support.internal_only
    assert erp.support.suggest is None


@pytest.mark.parametrize(
    ("groups", "flagged"),
    [
        ((None, None, None), False),
        (("sales", None, None), True),
        (("sales", "sales", None), True),
        (("sales", None, "customers"), False),
    ],
)
def test_unknown_groups_neither_clear_nor_raise_the_flag(
    groups: tuple[str | None, ...], flagged: bool
) -> None:
    answers = [ans(i, "1", "goals", g, f"U{i}", 1, "reports") for i, g in enumerate(groups)]
    line = build(answers).personas[0].fields[0].themes[0]
    assert line.support.people == 3
    assert line.support.internal_only is flagged
    assert None not in line.support.groups


@pytest.mark.parametrize(
    ("groups", "flagged"),
    [
        (("sales", "sales"), False),  # two voices of one team: not yet the team's belief
        (("sales", "marketing"), True),  # two teams
        (("sales", "sales", "sales"), True),  # three people
        (("sales", None), False),  # an unknown group counts as a person, not a team
    ],
)
def test_an_assumption_is_three_internal_people_or_two_internal_teams(
    groups: tuple[str | None, ...], flagged: bool
) -> None:
    answers = [ans(i, "1", "goals", g, f"U{i}", 1, "reports") for i, g in enumerate(groups)]
    line = build(answers).personas[0].fields[0].themes[0]
    assert line.support.internal_only is flagged
    assert line.support.suggest == ("customers" if flagged else None)
    assert None not in line.support.groups


PAINS_CONFLICT = Conflict(
    field="pains",
    internal_theme="pricing",
    internal_groups=("marketing", "sales"),
    customer_theme="onboarding",
    customer_groups=("customers", "focus_group"),
    internal_label="pricing · seat cost",
    customer_label="onboarding · slow setup",
)


def test_conflict_when_internal_and_customers_point_elsewhere() -> None:
    digest = build()
    pains = field_of(digest, "1", "pains")
    assert pains.conflict == PAINS_CONFLICT
    assert digest.personas[0].conflicts == (PAINS_CONFLICT,)
    assert conflict_text(PAINS_CONFLICT, "en") == (
        "Marketing and sales point to pricing · seat cost; "
        "customers and focus group point to onboarding · slow setup."
    )
    assert pains.by_group == {
        "customers": ("onboarding · slow setup",),
        "focus_group": ("onboarding · slow setup",),
        "marketing": ("pricing · seat cost",),
        "sales": ("pricing · seat cost",),
    }


def test_conflict_sentence_in_korean() -> None:
    pains = field_of(build(locale="ko"), "1", "pains")
    assert pains.conflict == PAINS_CONFLICT  # the structure is the same in any locale
    assert conflict_text(PAINS_CONFLICT, "ko") == (
        "마케팅·영업이 꼽는 것은 ‘pricing · seat cost’, "
        "고객·포커스 그룹이 꼽는 것은 ‘onboarding · slow setup’입니다."
    )


def test_no_conflict_when_customers_share_the_internal_view() -> None:
    answers = [*sample_answers(), ans(40, "1", "pains", "customers", "C3", 1, "pricing")]
    assert field_of(build(answers), "1", "pains").conflict is None
    # customers alone, or internal teams alone, are no conflict either
    assert field_of(build(), "1", "goals").conflict is None
    assert field_of(build(), "2", "goals").conflict is None


@pytest.mark.parametrize(
    ("groups", "expected"),
    [
        (("sales", "sales", "marketing", "customers", "customers"), "high"),
        (("sales", "sales", "marketing", "leadership", "customer_success"), "medium"),
        (("sales", "customers"), "medium"),
        (("sales", "sales", "sales"), "medium"),
        (("sales", "sales"), "low"),
        (("customers",), "low"),
    ],
)
def test_confidence(groups: tuple[str, ...], expected: str) -> None:
    answers = [ans(i, "1", "goals", g, f"U{i}", 1, "reports") for i, g in enumerate(groups)]
    assert build(answers).personas[0].fields[0].confidence == expected


def test_freshness_marks_old_fields_stale() -> None:
    digest = build()
    assert field_of(digest, "1", "role").stale
    assert not field_of(digest, "1", "pains").stale
    assert field_of(digest, "1", "role").last_answer == NOW - timedelta(days=45)


def with_role_answer(days_ago: float) -> list[AnswerFact]:
    answers = [a for a in sample_answers() if a.answer_id not in (9, 16)]
    return [
        *answers,
        ans(9, "1", "role", "leadership", "U5", days_ago, "role-ops"),
        ans(16, "1", "role", "sales", "U1", days_ago + 5, "role-ops"),
    ]


def test_stale_fields_lists_only_fields_that_went_stale_since_last_time() -> None:
    since = NOW - timedelta(days=7)
    # last answer 35 days ago: 28 days old at the last digest, stale now
    role_at = (NOW - timedelta(days=35)).isoformat()
    previous = Snapshot(fields={"1|role": role_at, "1|pains": since.isoformat()})
    digest = build(with_role_answer(35), previous=previous, since=since)
    assert digest.stale_fields == ("Ops Olivia: role",)
    # 45 days ago: already stale at the last digest, so not news
    previous = Snapshot(fields={"1|role": (NOW - timedelta(days=45)).isoformat()})
    assert build(with_role_answer(45), previous=previous, since=since).stale_fields == ()
    # without since, the last digest's time is read from the snapshot's latest answer
    assert build(with_role_answer(35), previous=previous).stale_fields == ("Ops Olivia: role",)
    assert build(with_role_answer(35), freshness=timedelta(days=90)).stale_fields == ()
    naive = Snapshot(fields={"1|role": "2025-02-03T00:00:00", "x|y": "not a time"})
    assert build(with_role_answer(35), previous=naive, since=since).stale_fields == (
        "Ops Olivia: role",
    )


def test_first_digest_lists_no_changes() -> None:
    digest = build()
    assert digest.stale_fields == ()
    role = next(f for s in digest.personas for f in s.fields if f.field == "role")
    assert role.stale
    assert all(t.change is None for s in digest.personas for f in s.fields for t in f.themes)
    assert all(j.change is None for s in digest.personas for j in s.jobs)


def test_changes_against_the_previous_snapshot() -> None:
    previous = Snapshot(
        themes={"1|pricing": 1, "1|onboarding": 2, "1|reports": 2, "2|budget": 2},
        jobs={"1|report|monday": 2},
        fields={"1|role": (NOW - timedelta(days=45)).isoformat()},
    )
    digest = build(previous=previous, since=NOW - timedelta(days=7))
    pains = field_of(digest, "1", "pains")
    assert line_of(pains, "pricing").change == "grown"  # 1 -> 3
    assert line_of(pains, "onboarding").change == "grown"  # 2 -> 3 is +50%
    assert line_of(field_of(digest, "1", "goals"), "reports").change is None
    assert line_of(field_of(digest, "2", "goals"), "erp").change == "new"
    assert line_of(field_of(digest, "2", "pains"), "budget").change is None
    assert [j.change for j in digest.personas[0].jobs] == [None]
    assert [j.change for j in digest.personas[1].jobs] == ["new"]


def test_since_without_a_snapshot_compares_with_answers_before_it() -> None:
    digest = build(since=NOW - timedelta(days=3.5))
    pains = field_of(digest, "1", "pains")
    assert line_of(pains, "pricing").change == "grown"  # 2 before, 3 now: +50%
    assert line_of(pains, "onboarding").change == "grown"  # 1 -> 3
    assert line_of(field_of(digest, "1", "role"), "role-ops").change is None
    assert line_of(field_of(digest, "2", "pains"), "budget").change == "new"
    digest = build(since=NOW - timedelta(days=2.5))
    assert line_of(field_of(digest, "1", "pains"), "pricing").change is None  # 3 -> 3
    assert line_of(field_of(digest, "1", "pains"), "onboarding").change == "grown"  # 1 -> 3


def test_snapshot_for_next_time() -> None:
    snap = build().snapshot
    assert snap.themes["1|pricing"] == 3
    assert snap.themes["1|onboarding"] == 3
    assert snap.jobs == {"1|report|monday": 2, "2|budget|approve": 1}
    assert snap.fields["1|role"] == (NOW - timedelta(days=45)).isoformat()
    assert "|unsorted" in snap.fields
    again = build(previous=snap, since=NOW)
    assert all(t.change is None for s in again.personas for f in s.fields for t in f.themes)


def test_jobs_grouped_by_key_with_a_representative_and_problems_last() -> None:
    short = replace(JOB_REPORT, text="When the week closes, I want one report.")
    vague = JobFact("vague", "", "be better", "", "en", "I want to be better.", ("no_situation",))
    answers = [
        ans(1, "1", "goals", "customers", "C1", 1, None, (JOB_REPORT,)),
        ans(2, "1", "goals", "customers", "C2", 1, None, (JOB_REPORT, vague)),
        ans(3, "1", "goals", "sales", "U1", 1, None, (short, vague)),
        ans(4, "1", "goals", "sales", "U2", 1, None, (short, vague)),
        ans(5, "1", "goals", "sales", "U3", 1, None, (vague,)),
    ]
    jobs = build(answers).personas[0].jobs
    assert [j.job.key for j in jobs] == ["report|monday", "vague"]
    assert jobs[0].support.people == 4
    assert jobs[0].job.text == short.text  # two each: the shorter wins
    assert jobs[1].support.people == 4
    assert jobs[1].support.internal_only is False
    assert len(build(answers, top_jobs=1).personas[0].jobs) == 1


def test_same_input_in_any_order_gives_the_same_digest() -> None:
    previous = Snapshot(themes={"1|pricing": 1}, jobs={}, fields={})
    first = build(previous=previous, since=NOW - timedelta(days=7))
    for seed in range(5):
        shuffled = sample_answers()
        random.Random(seed).shuffle(shuffled)
        again = build(shuffled, previous=previous, since=NOW - timedelta(days=7))
        assert again == first
        assert digest_json(again) == digest_json(first)


def test_empty_digest() -> None:
    digest = build([])
    assert digest.empty
    assert digest.answers == 0
    assert all(s.fields == () for s in digest.personas)
    assert digest.stale_fields == ()
    assert digest.snapshot == Snapshot()


def test_field_order_is_fixed() -> None:
    answers = [
        ans(i, "1", field, "customers", f"C{i}", 1, None)
        for i, field in enumerate(reversed(FIELD_ORDER))
    ]
    assert [f.field for f in build(answers).personas[0].fields] == list(FIELD_ORDER)


def test_a_claim_made_in_two_fields_counts_once_per_person_and_is_listed_under_both() -> None:
    answers = [
        ans(1, "1", "pains", "sales", "U1", 3, "pricing"),
        ans(2, "1", "objections", "sales", "U1", 2, "pricing"),  # the same person again
        ans(3, "1", "objections", "customers", "C1", 1, "pricing"),
        ans(4, "1", "objections", "customers", "C1", 1, ("pricing", "onboarding")),
    ]
    digest = build(answers)
    olivia = digest.personas[0]
    [line] = [t for t in olivia.themes if t.theme.key == "pricing"]
    assert line.support.people == 2
    assert line.support.groups == ("customers", "sales")
    assert line.fields == ("pains", "objections")
    pains, objections = field_of(digest, "1", "pains"), field_of(digest, "1", "objections")
    # each field lists the claim with the persona-wide support
    assert line_of(pains, "pricing") == line
    assert line_of(objections, "pricing") == line
    assert (pains.people, objections.people) == (1, 2)
    # who says what is the field's own: sales raised pricing in both, customers only here
    assert pains.by_group == {"sales": ("pricing · seat cost",)}
    assert objections.by_group == {
        "customers": ("pricing · seat cost",),
        "sales": ("pricing · seat cost",),
    }
    assert digest.snapshot.themes["1|pricing"] == 2
    # onboarding, raised by one customer alone, is only something also said
    assert [t.theme.key for t in olivia.also_said] == ["onboarding"]


def test_a_one_person_claim_goes_to_also_said_and_is_not_flagged() -> None:
    answers = [
        ans(1, "1", "pains", "sales", "U1", 3, "pricing"),
        ans(2, "1", "pains", "sales", "U1", 2, "pricing"),  # one person, twice
        ans(3, "1", "goals", "marketing", "U2", 1, "reports"),
        ans(4, "1", "pains", "customers", "C1", 1, "onboarding"),
        ans(5, "1", "pains", "customers", "C2", 1, "onboarding"),
    ]
    olivia = build(answers).personas[0]
    # newest first
    assert [t.theme.key for t in olivia.also_said] == ["reports", "pricing"]
    for line in olivia.also_said:
        assert line.support.people == 1
        assert not line.support.internal_only
        assert line.support.suggest is None
    assert [t.theme.key for t in olivia.themes] == ["onboarding"]
    pains = field_of(build(answers), "1", "pains")
    assert [t.theme.key for t in pains.themes] == ["onboarding"]
    assert field_of(build(answers), "1", "goals").themes == ()
    # one person is no side of a conflict
    assert pains.conflict is None
    assert olivia.conflicts == ()
    # a second person of another team makes it a theme, and an internal-only one
    answers.append(ans(6, "1", "objections", "marketing", "U2", 1, "pricing"))
    olivia = build(answers).personas[0]
    assert [t.theme.key for t in olivia.also_said] == ["reports"]
    pricing = next(t for t in olivia.themes if t.theme.key == "pricing")
    assert pricing.support.internal_only
    # but one internal voice in pains is no side of a conflict there
    assert field_of(build(answers), "1", "pains").conflict is None
    answers.append(ans(7, "1", "pains", "sales", "U3", 1, "pricing"))
    assert field_of(build(answers), "1", "pains").conflict == Conflict(
        field="pains",
        internal_theme="pricing",
        internal_groups=("sales",),
        customer_theme="onboarding",
        customer_groups=("customers",),
        internal_label="pricing · seat cost",
        customer_label="onboarding · slow setup",
    )


def test_a_customer_claim_in_a_neighbouring_theme_clears_the_flag() -> None:
    themes = {
        **THEMES,
        "pricing": replace(THEMES["pricing"], neighbours=frozenset({"cost"})),
        "cost": theme("cost", "licence cost · budget", "The licence eats our budget", "en"),
    }
    internal = [
        ans(1, "1", "pains", "sales", "U1", 3, "pricing"),
        ans(2, "1", "pains", "marketing", "U2", 2, "pricing"),
    ]

    def pricing(answers: Sequence[AnswerFact]) -> ThemeLine:
        digest = build_digest(
            answers=answers, themes=themes, personas=PERSONAS, previous=None, now=NOW
        )
        return line_of(field_of(digest, "1", "pains"), "pricing")

    assert pricing(internal).support.internal_only
    # one customer of this persona says much the same in other words, in another field
    echoed = pricing([*internal, ans(3, "1", "objections", "customers", "C1", 1, "cost")])
    assert not echoed.support.internal_only
    assert echoed.support.suggest is None
    assert echoed.support.groups == ("marketing", "sales")  # support itself is unchanged
    # a customer of another persona, or an internal voice, in the neighbour does not
    elsewhere = ans(3, "2", "pains", "customers", "K1", 1, "cost")
    assert pricing([*internal, elsewhere]).support.internal_only
    assert pricing(
        [*internal, ans(3, "1", "pains", "sales", "U3", 1, "cost")]
    ).support.internal_only
    # nor does a customer in a theme that is not a neighbour
    assert pricing(
        [*internal, ans(3, "1", "pains", "customers", "C1", 1, "reports")]
    ).support.internal_only
