"""English words for grouping claims: lemmas from ``lemminflect``, stop words from
scikit-learn's list plus the filler people type in Slack."""

from __future__ import annotations

from functools import lru_cache

from lemminflect import getAllLemmas, getLemma
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

# What people add in chat that says nothing about the customer.
SLACK_FILLER = frozenset(
    [
        "honestly",
        "basically",
        "really",
        "actually",
        "literally",
        "lol",
        "lmao",
        "tbh",
        "imo",
        "imho",
        "ok",
        "okay",
        "yeah",
        "yep",
        "yes",
        "nope",
        "hmm",
        "um",
        "uh",
        "like",
        "just",
        "pretty",
        "kinda",
        "sorta",
        "thing",
        "things",
        "stuff",
        "lot",
        "lots",
        "bit",
        "guess",
        "think",
        "thanks",
        "thank",
        "pls",
        "please",
        "btw",
        "fyi",
        "also",
        "maybe",
        "probably",
        "definitely",
        "totally",
        "super",
        "sure",
        "etc",
        "mostly",
        "usually",
        "always",
        "often",
        "say",
        "says",
        "said",
        "tell",
        "told",
        "customer",
        "client",
        "people",
        "team",
        "folks",
        "guy",
        "guys",
        "hope",
        "help",
        "happy",
        "chat",
        "want",
        "need",
        "ask",
        "hear",
        "make",
        "way",
        "https",
        "http",
        "www",
        "com",
    ]
)
_STOP = ENGLISH_STOP_WORDS | SLACK_FILLER
_ORDER = ("VERB", "NOUN", "ADJ", "ADV", "PROPN")


def is_english_stop_word(word: str) -> bool:
    return word in _STOP


@lru_cache(maxsize=65536)
def english_lemma(word: str) -> str:
    """``word``'s lemma (a noun's or a verb's first), or the word when it has none."""
    lemmas = getAllLemmas(word)
    for upos in _ORDER:
        if upos in lemmas:
            return str(lemmas[upos][0])
    if not word.endswith("s") or word.endswith("ss"):
        return word  # a name or a word lemminflect does not know ("olivia", not "olivium")
    guessed = getLemma(word, upos="NOUN", lemmatize_oov=True)  # "reps" -> "rep"
    return str(guessed[0]) if guessed else word
