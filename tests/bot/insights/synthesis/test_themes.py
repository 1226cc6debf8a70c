"""Tests for bot.insights.synthesis.themes and claims: terms, incremental grouping, labels,
job keys, JSON.

The grouping tests feed a synthetic answer set (8 English themes x 8 answers, 4 Korean
themes x 6, mixed lengths, long answers wrapped in filler) one at a time, in a fixed
shuffled order, through claims / assign / add / new_theme, as storage would; the adjusted
Rand index against the true themes measures the result. (Realistic answers are measured
by ``python -m bench.quality`` on labelled sets.)
"""

from __future__ import annotations

import json
import math
import random
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence

import pytest

from bot.insights.synthesis import claims
from bot.insights.synthesis.claims import language_of
from bot.insights.synthesis.jobs import from_parts
from bot.insights.synthesis.model import JobFact
from bot.insights.synthesis.themes import (
    ThemeState,
    add,
    assign,
    job_facts,
    job_key,
    label,
    new_theme,
    remove,
    state_from_json,
    state_to_json,
)


def features(text: str, *, language: str) -> dict[str, float]:
    """An answer's terms as one vector: the sum of its claims' terms."""
    vector: dict[str, float] = {}
    for claim in claims.claims(text):
        for term, weight in claim.terms.items():
            vector[term] = vector.get(term, 0.0) + weight
    return vector


def is_substantive(text: str) -> bool:
    return bool(claims.claims(text))


FILLER_OPEN = "Thanks for asking! So basically, here's what I hear from customers every week."
FILLER_CLOSE = "Hope this helps, happy to chat more if the team wants details."

EN_THEMES: dict[str, list[str]] = {
    "onboarding": [
        "Onboarding takes way too long for new accounts.",
        "The onboarding process is slow and confusing for new users.",
        "It takes new customers weeks to finish onboarding and see any value.",
        f"{FILLER_OPEN} Onboarding drags on for a month before anyone logs in twice. "
        f"The setup wizard asks for data nobody has on day one. {FILLER_CLOSE}",
        "Slow onboarding is the top complaint from new accounts.",
        "New admins get lost during onboarding setup.",
        "Our onboarding needs a faster setup path, the first weeks are painful.",
        "Honestly the onboarding is just slow. Setup requires three calls with us.",
    ],
    "pricing": [
        "The pricing page is confusing.",
        "Nobody understands our pricing tiers.",
        "Pricing is confusing, prospects can't tell which plan they need.",
        f"{FILLER_OPEN} The pricing model confuses buyers, seat pricing plus usage fees "
        f"makes the quote impossible to predict. {FILLER_CLOSE}",
        "Buyers find the plan and pricing tiers confusing to compare.",
        "Confusing pricing slows every deal, they ask us to explain the tiers.",
        "Usage based pricing is hard to predict for their budget.",
        "They complain the pricing plans are confusing and the page hides fees.",
    ],
    "reporting": [
        "CSV exports of reports break all the time.",
        "Report exports fail or time out for large accounts.",
        "The reporting dashboard export breaks when there are many rows.",
        f"{FILLER_OPEN} Every month end their export to Excel breaks and the report "
        f"numbers do not match the dashboard. Finance gives up and rebuilds it by hand. "
        f"{FILLER_CLOSE}",
        "Exports are broken, reports come out empty.",
        "Scheduled report exports keep failing.",
        "They can't trust the reporting because exports break.",
        "Broken CSV export is the biggest reporting issue.",
    ],
    "security": [
        "Security review stalls our enterprise deals for months.",
        "The security questionnaire slows every enterprise deal.",
        "Deals get stuck in security review with their IT team.",
        f"{FILLER_OPEN} Big deals stall when their security team sends a 300 question "
        f"review and we lack a SOC 2 report. {FILLER_CLOSE}",
        "We lose enterprise deals in the security review stage.",
        "Infosec reviews and SOC 2 questions stall deals.",
        "Security review takes months before legal even looks at the contract.",
        "Enterprise security questionnaires stall the deal cycle.",
    ],
    "integrations": [
        "They need a Salesforce integration that actually syncs.",
        "The HubSpot integration keeps dropping contacts.",
        "Our Salesforce sync is unreliable.",
        f"{FILLER_OPEN} Their reps live in Salesforce and HubSpot, so without a solid "
        f"CRM integration the data never lines up. {FILLER_CLOSE}",
        "Integration with HubSpot and Salesforce is the first thing they ask about.",
        "CRM integrations with Salesforce break after every field change.",
        "They want the HubSpot sync to be two way.",
        "Missing Salesforce integration features block renewals.",
    ],
    "mobile": [
        "Reps need mobile access in the field.",
        "There is no mobile app, so managers can't check anything on the go.",
        "They want to approve requests from their phone with a mobile app.",
        f"{FILLER_OPEN} Field staff are never at a desk, they need a mobile app that "
        f"works offline on their phones. {FILLER_CLOSE}",
        "Mobile access is missing and that hurts field sales.",
        "The lack of a mobile app is a deal breaker for field teams.",
        "They ask for phone access and a proper mobile app.",
        "Managers want mobile dashboards on their phones.",
    ],
    "support": [
        "Support response time is too slow.",
        "Tickets wait days for a support response.",
        "Slow support responses frustrate admins.",
        f"{FILLER_OPEN} When something breaks, a support ticket takes two days to get a "
        f"first response and nobody owns the follow up. {FILLER_CLOSE}",
        "Support takes too long to respond to tickets.",
        "The response time from support is the main complaint.",
        "They wait too long on support tickets.",
        "Support response times got worse this quarter.",
    ],
    "budget": [
        "Budget approval from finance takes forever.",
        "Finance has to approve the budget and that delays the purchase.",
        "Deals wait for the CFO to sign off the budget.",
        f"{FILLER_OPEN} The champion loves it but finance controls the budget, and budget "
        f"approval only happens once a quarter. {FILLER_CLOSE}",
        "They need budget approval from finance before buying.",
        "The finance team blocks purchases without budget approval.",
        "Getting budget approved by the CFO is the slowest step.",
        "Budget sign off by finance delays every deal.",
    ],
}

KO_THEMES: dict[str, list[str]] = {
    "onboarding": [
        "온보딩이 너무 오래 걸려요.",
        "신규 고객 온보딩 과정이 느리고 복잡합니다.",
        "온보딩 기간이 길어서 고객이 가치를 늦게 느껴요.",
        "질문 감사합니다. 음 그러니까, 온보딩 설정 단계가 너무 많아서 "
        "첫 달에 다들 지칩니다. 온보딩을 줄여야 해요.",
        "온보딩할 때 초기 설정이 어렵다는 얘기를 많이 들어요.",
        "온보딩 속도가 느린 게 가장 큰 불만이에요.",
    ],
    "pricing": [
        "가격 정책이 너무 복잡해요.",
        "요금제가 헷갈린다는 의견이 많습니다.",
        "가격표를 봐도 어떤 요금제를 골라야 할지 모르겠대요.",
        "질문 감사합니다. 사실 가격 체계가 복잡해서 견적을 설명하는 데만 "
        "한참 걸립니다. 요금제를 단순하게 해야 해요.",
        "요금제 가격 비교가 어렵다고 합니다.",
        "가격이 복잡하고 추가 요금이 숨어 있다고 느껴요.",
    ],
    "reports": [
        "보고서 내보내기가 자주 실패해요.",
        "엑셀로 보고서를 내보내면 깨집니다.",
        "리포트 내보내기 기능이 불안정합니다.",
        "질문 감사합니다. 월말마다 보고서 내보내기가 오류가 나서 "
        "재무팀이 수작업으로 다시 만들어요.",
        "보고서 다운로드가 안 되는 경우가 많아요.",
        "내보내기한 보고서 숫자가 대시보드랑 달라요.",
    ],
    "security": [
        "보안 검토 때문에 계약이 몇 달씩 지연돼요.",
        "보안 심사에서 딜이 멈춥니다.",
        "고객사 보안팀 검토가 길어져서 계약이 늦어져요.",
        "질문 감사합니다. 대기업 고객은 보안 점검 질문지가 수백 개라 "
        "보안 검토 단계에서 계약이 계속 밀립니다.",
        "보안 인증이 없어서 보안 검토를 통과하지 못해요.",
        "보안 검토 절차가 길어서 영업 기간이 늘어납니다.",
    ],
}

Cell = list[ThemeState]


def _shuffled(themes: Mapping[str, list[str]], seed: int) -> list[tuple[str, str]]:
    items = [(name, text) for name, texts in themes.items() for text in texts]
    random.Random(seed).shuffle(items)
    return items


def _group(answers: Sequence[tuple[str, str]], language: str) -> tuple[Cell, list[int]]:
    """Feed answers one by one, as storage does; the theme index of each answer."""
    themes: Cell = []
    found: list[int] = []
    for answer_id, (_, text) in enumerate(answers):
        vector = features(text, language=language)
        index = assign(vector, themes)
        if index is None:
            themes.append(new_theme(f"t{len(themes)}", vector, answer_id=answer_id))
            index = len(themes) - 1
        else:
            themes[index] = add(themes[index], vector, answer_id=answer_id)
        found.append(index)
    return themes, found


def _pairs(n: int) -> float:
    return n * (n - 1) / 2


def adjusted_rand_index(truth: Sequence[object], found: Sequence[object]) -> float:
    """Hubert and Arabie's ARI: 1.0 identical partitions, about 0.0 random ones."""
    table = Counter(zip(truth, found, strict=True))
    index = sum(_pairs(n) for n in table.values())
    rows = sum(_pairs(n) for n in Counter(truth).values())
    cols = sum(_pairs(n) for n in Counter(found).values())
    expected = rows * cols / _pairs(len(truth))
    maximum = (rows + cols) / 2
    return 1.0 if maximum == expected else (index - expected) / (maximum - expected)


def _ari(themes: Mapping[str, list[str]], language: str, seed: int) -> float:
    answers = _shuffled(themes, seed)
    _, found = _group(answers, language)
    return adjusted_rand_index([name for name, _ in answers], found)


def _background(cell: Iterable[ThemeState]) -> dict[str, float]:
    total: dict[str, float] = {}
    for theme in cell:
        for term, weight in theme.centroid.items():
            total[term] = total.get(term, 0.0) + weight
    return total


def _labels(themes: Mapping[str, list[str]], language: str) -> dict[str, str]:
    """True theme name -> label of the found theme holding most of its answers."""
    answers = _shuffled(themes, 7)
    cell, found = _group(answers, language)
    background = _background(cell)
    votes: dict[str, Counter[int]] = {}
    for (name, _), index in zip(answers, found, strict=True):
        votes.setdefault(name, Counter())[index] += 1
    return {
        name: label(cell[count.most_common(1)[0][0]], background=background)
        for name, count in votes.items()
    }


def _vector(*terms: str) -> dict[str, float]:
    return {term: 1.0 / len(terms) ** 0.5 for term in terms}


@pytest.mark.parametrize("language", ["en", "ko"])
def test_languages_are_detected(language: str) -> None:
    themes = EN_THEMES if language == "en" else KO_THEMES
    assert {language_of(text) for texts in themes.values() for text in texts} == {language}
    assert language_of("Salesforce 연동이 자꾸 끊겨요") == "ko"
    assert language_of("We use 카카오톡 for support chats with customers") == "en"


@pytest.mark.parametrize(
    "text",
    [
        ":tada: :+1:",
        "🎉🙏",
        "https://example.com/a https://example.com/b",
        "<@U12345> <@U67890>",
        "thanks!",
        "Thanks so much everyone!",
        "+1",
        "ok",
        "Same here",
        "감사합니다!",
        "네 좋아요",
        "",
    ],
)
def test_non_substantive_answers_are_detected(text: str) -> None:
    assert not is_substantive(text)


@pytest.mark.parametrize(
    "text",
    [
        "Onboarding is slow",
        "<@U12345> security review stalls deals",
        "Need mobile access :iphone:",
        "온보딩이 너무 느려요",
        "보안 검토가 길어요",
        "느려요",
        "<https://example.com/pricing|pricing page>",  # a link's label is words
    ],
)
def test_substantive_answers_pass(text: str) -> None:
    assert is_substantive(text)


def test_english_terms_are_lemmas_without_stop_words_or_filler() -> None:
    vector = features("Security reviews stall our enterprise deals. Thanks!", language="en")
    assert {"security", "review", "stall", "enterprise", "deal"} <= vector.keys()
    assert not {"our", "thanks", "reviews", "deals"} & vector.keys()
    assert vector == features("Security reviews stall our enterprise deals. Thanks!", language="en")
    filler = features(EN_THEMES["onboarding"][3], language="en")
    assert "onboarding" in filler
    assert not {"thanks", "basically", "team", "customer", "people", "hope"} & filler.keys()


def test_short_sentences_join_their_neighbour_into_one_claim() -> None:
    found = claims.claims("Price, mostly. Budget is tight. Per-seat cost comes up on every call.")
    assert len(found) == 1
    assert {"price", "budget", "cost"} <= found[0].terms.keys()
    long = (
        "Onboarding new support agents takes three weeks because the setup wizard asks for "
        "billing data and security documents nobody has. Separately, the mobile app "
        "crashes whenever technicians upload photos from the field."
    )
    assert len(claims.claims(long)) == 2


def test_korean_terms_are_nouns_and_stems_without_particles() -> None:
    vector = features("온보딩이 너무 오래 걸려요.", language="ko")
    assert {"온보딩", "걸리다"} <= vector.keys()  # a loanword the analyser splits stays whole
    assert not {"온보딩이", "너무", "이", "요"} & vector.keys()
    mixed = features("Salesforce 연동이 자꾸 끊겨요", language="ko")
    assert {"salesforce", "연동"} <= mixed.keys()


@pytest.mark.parametrize(("themes", "language"), [(EN_THEMES, "en"), (KO_THEMES, "ko")])
def test_grouping_matches_true_themes(themes: dict[str, list[str]], language: str) -> None:
    ari = _ari(themes, language, seed=7)
    print(f"ARI {language} = {ari:.3f}")
    assert ari >= 0.6


@pytest.mark.parametrize(("themes", "language"), [(EN_THEMES, "en"), (KO_THEMES, "ko")])
def test_grouping_holds_across_orders(themes: dict[str, list[str]], language: str) -> None:
    scores = [_ari(themes, language, seed) for seed in range(12)]
    print(f"ARI {language} over 12 orders: min {min(scores):.3f} max {max(scores):.3f}")
    assert min(scores) >= 0.6


def test_same_order_gives_same_states() -> None:
    answers = _shuffled(EN_THEMES, 3)
    first, _ = _group(answers, "en")
    second, _ = _group(answers, "en")
    assert [state_to_json(t) for t in first] == [state_to_json(t) for t in second]


@pytest.mark.parametrize(
    ("themes", "language", "expected"),
    [
        (
            EN_THEMES,
            "en",
            {
                "onboarding": "onboarding",
                "pricing": "price",
                "reporting": "export",
                "security": "security",
                "integrations": "salesforce",
                "mobile": "mobile",
                "support": "support",
                "budget": "budget",
            },
        ),
        (
            KO_THEMES,
            "ko",
            {"onboarding": "온보딩", "pricing": "가격", "reports": "보고서", "security": "보안"},
        ),
    ],
)
def test_labels_name_the_theme(
    themes: dict[str, list[str]], language: str, expected: dict[str, str]
) -> None:
    labels = _labels(themes, language)
    print(labels)
    for name, word in expected.items():
        assert word in labels[name], (name, labels[name])


def test_labels_are_whole_words_in_both_languages() -> None:
    theme = new_theme("a", features("Security review stalls deals.", language="en"), answer_id=1)
    theme = add(theme, features("The security review is slow.", language="en"), answer_id=2)
    assert label(theme, terms=2) == "security · review"
    ko = new_theme("k", features("온보딩이 느려요", language="ko"), answer_id=1)
    ko = add(ko, features("온보딩 설정이 어려워요", language="ko"), answer_id=2)
    assert label(ko, terms=1) == "온보딩"


def test_assign_picks_nearest_theme_lowest_index_on_ties() -> None:
    a = new_theme("a", _vector("pricing", "confusing"), answer_id=1)
    b = new_theme("b", _vector("export", "broken"), answer_id=2)
    assert assign(_vector("export", "broken", "csv"), [a, b]) == 1
    assert assign(_vector("pricing", "confusing"), [a, a]) == 0
    assert assign(_vector("mobile", "app"), [a, b]) is None
    assert assign({}, [a, b]) is None
    assert assign(_vector("pricing"), []) is None
    assert assign(_vector("pricing", "x", "y"), [a], threshold=0.5) is None


def test_add_sums_members_and_tracks_the_most_typical_answer() -> None:
    theme = new_theme("t", _vector("a", "b"), answer_id=1)
    assert (theme.size, theme.best_answer, theme.best_score) == (1, 1, 1.0)
    theme = add(theme, _vector("c", "d"), answer_id=2)
    theme = add(theme, _vector("a", "c"), answer_id=3)
    assert theme.size == 3
    assert theme.centroid["a"] == pytest.approx(2 / 2**0.5)
    assert theme.best_answer == 3  # shares a term with each of the others


def test_best_answers_are_near_the_centre() -> None:
    """best_answer is estimated (member vectors are not kept): near the top, not always it."""
    gaps: list[float] = []
    for themes, language in ((EN_THEMES, "en"), (KO_THEMES, "ko")):
        for seed in range(4):
            gaps.extend(_best_gaps(_shuffled(themes, seed), language))
    mean = sum(gaps) / len(gaps)
    near = sum(gap <= 0.1 for gap in gaps) / len(gaps)
    print(f"best answer: mean cosine gap to the true nearest {mean:.3f}, within 0.1 {near:.2f}")
    # Whole-word terms make answers' vectors sparser than the character n-grams they
    # replaced, so the along-the-centroid estimate is looser (measured: 0.22 and 0.58).
    assert mean <= 0.25
    assert near >= 0.5


def _best_gaps(answers: Sequence[tuple[str, str]], language: str) -> list[float]:
    """Per theme of 3+ members: true best member's cosine minus best_answer's."""
    cell, found = _group(answers, language)
    vectors = [features(text, language=language) for _, text in answers]
    gaps: list[float] = []
    for index, theme in enumerate(cell):
        members = [i for i, f in enumerate(found) if f == index]
        if len(members) >= 3 and theme.best_answer is not None:
            scores = {i: _cosine(vectors[i], theme.centroid) for i in members}
            gaps.append(max(scores.values()) - scores[theme.best_answer])
    return gaps


def _cosine(a: Mapping[str, float], b: Mapping[str, float]) -> float:
    dot = sum(w * b.get(t, 0.0) for t, w in a.items())
    return dot / math.sqrt(sum(w * w for w in b.values()))


def test_centroids_are_capped() -> None:
    theme = new_theme("t", _vector(*(f"w{i}" for i in range(60))), answer_id=0)
    for n in range(1, 6):
        theme = add(theme, _vector(*(f"w{n}x{i}" for i in range(60))), answer_id=n)
    assert len(theme.centroid) == 200
    assert theme.size == 6


def test_state_round_trips_through_json() -> None:
    cell, _ = _group(_shuffled(KO_THEMES, 1), "ko")
    for theme in cell:
        data = json.loads(json.dumps(state_to_json(theme), ensure_ascii=False))
        back = state_from_json(data)
        assert back == theme
        assert back.norm == theme.norm
    with pytest.raises(ValueError, match="not a theme state"):
        state_from_json({"key": "x", "size": 1})


def test_job_keys_merge_paraphrases_and_separate_jobs() -> None:
    renewal = from_parts(
        situation="When a renewal is coming up",
        motivation="I want to see which accounts are at risk",
        outcome="so I can call them first",
    )
    paraphrase = from_parts(
        situation="whenever renewals are coming up",
        motivation="we need to see the accounts at risk",
        outcome="so nothing slips",
    )
    other = from_parts(
        situation="When a new hire joins",
        motivation="I want to set up their workspace in one click",
        outcome="so they can start fast",
    )
    assert job_key(renewal) == job_key(paraphrase)
    assert job_key(renewal) != job_key(other)
    assert job_key(renewal).startswith("en:")


def test_korean_job_keys_ignore_particles_and_endings() -> None:
    first = job_facts("갱신 시기가 다가올 때, 위험한 계정을 확인하고 싶어요.")
    second = job_facts("갱신 시기가 다가올 때 위험 계정 확인하고 싶습니다.")
    other = job_facts("신규 직원이 입사할 때 계정을 한 번에 만들고 싶어요.")
    assert first[0].key == second[0].key
    assert first[0].key != other[0].key


def test_job_facts_carry_key_text_and_problems() -> None:
    text = (
        "When a renewal is coming up, I want to see which accounts are at risk, so I can "
        "call them first. When a renewal is coming up, I want to see accounts at risk."
    )
    facts = job_facts(text)
    assert len(facts) == 1  # the same job twice in one answer counts once
    fact = facts[0]
    assert isinstance(fact, JobFact)
    assert fact.text.startswith("When a renewal is coming up, I want to see")
    assert fact.problems == ()
    assert job_facts(text) == facts
    assert job_facts("Onboarding is slow.") == ()


def test_remove_takes_a_member_out() -> None:
    first = features("Onboarding new agents takes weeks", language="en")
    second = features("Agent onboarding is slow and takes weeks", language="en")
    one = new_theme("t", first, answer_id=1)
    both = add(one, second, answer_id=2)
    back = remove(both, second, answer_id=2)
    assert back.size == 1
    assert back.centroid == pytest.approx(one.centroid)
    emptied = remove(back, first, answer_id=1)
    assert (emptied.size, emptied.best_answer, dict(emptied.centroid)) == (0, None, {})
