"""One reading of a title: words expanded, noise and levels dropped, singular keys."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from app.core.search.lexicon import (
    ABBREVIATIONS,
    LEVEL_WORDS,
    NOISE_PHRASES,
    NOISE_WORDS,
    SENIORITY_WORDS,
    Lexicon,
    align_forms,
    is_acronym_token,
    raw_tokens,
    split_parenthetical,
)

# Part of the cache key of derived title/skill data: bump it whenever normalisation changes.
NORMALISER_VERSION = 6


def singular(word: str) -> str:
    """Crude singular so "Registered Nurses" and "registered nurse" meet; applied to both sides."""
    if len(word) <= 3 or word.isdigit():
        return word
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith(("sses", "xes", "ches", "shes")):
        return word[:-2]
    if word.endswith("s") and not word.endswith(("ss", "us", "is", "ics", "ys")):
        return word[:-1]
    return word


_NOISE_STARTS = NOISE_WORDS | {p[0] for p in NOISE_PHRASES} | {"level"}


def _strip_noise(words: list[str], kept: frozenset[tuple[str, str]] = frozenset()) -> list[str]:
    """Drop employment-type words and trailing levels; a noise word that starts a job name the
    titles spell out ("contract manager", "remote sensing", pairs in `kept`) stays.
    """
    if words and words[-1] not in LEVEL_WORDS and _NOISE_STARTS.isdisjoint(words):
        return words  # the common case: nothing to remove
    out: list[str] = []
    i = 0
    while i < len(words):
        for phrase in NOISE_PHRASES:
            if tuple(words[i : i + len(phrase)]) == phrase:
                i += len(phrase)
                break
        else:
            word = words[i]
            if word in NOISE_WORDS and (i + 1 >= len(words) or (word, words[i + 1]) not in kept):
                i += 1
                continue
            if word == "level" and i + 1 < len(words) and words[i + 1] in LEVEL_WORDS:
                i += 2
                continue
            out.append(word)
            i += 1
    # Level markers count only at the end ("Accountant II"), never inside ("Class V Operator").
    while len(out) > 1 and out[-1] in LEVEL_WORDS:
        out.pop()
    return out or words


@dataclass(frozen=True)
class Analysed:
    """One reading of a title or query: words for the embedding, keys for lexical matching."""

    words: tuple[str, ...]  # expanded, lowercase, in order
    key: str  # singular words joined: exact-match key
    core: tuple[str, ...]  # singular words without seniority words: lexical features

    @property
    def text(self) -> str:
        return " ".join(self.words)


def _expand_title_tokens(tokens: Sequence[str], lexicon: Lexicon) -> list[str]:
    """Title side: only UPPERCASE acronyms and known abbreviations are expanded."""
    words: list[str] = []
    for token in tokens:
        lower = token.lower()
        if is_acronym_token(token) and lower in lexicon.acronyms:
            words.extend(lexicon.acronyms[lower][0].split())
        elif lower in ABBREVIATIONS:
            words.extend(ABBREVIATIONS[lower][0].split())
        else:
            words.append(lower)
    return words


def finish_reading(
    words: list[str], kept_noise: frozenset[tuple[str, str]] = frozenset()
) -> Analysed:
    cleaned = _strip_noise(words, kept_noise)
    singulars = tuple(singular(w) for w in cleaned)
    core = tuple(w for w in singulars if w not in SENIORITY_WORDS) or singulars
    return Analysed(tuple(cleaned), " ".join(singulars), core)


def spelt_out(first: list[str], second: list[str]) -> list[str] | None:
    """The long form of "X (Y)" when one side abbreviates the other ("CTO" and its words)."""
    if align_forms(first, [w.lower() for w in second]) is not None:
        return second
    if align_forms(second, [w.lower() for w in first]) is not None:
        return first
    return None


def analyse_title(title: str, lexicon: Lexicon) -> Analysed:
    """The canonical reading of a title from the data: long form of "X (ACR)", acronyms expanded."""
    parts = split_parenthetical(title)
    if parts is not None:
        first, second = (raw_tokens(p) for p in parts)
        long = spelt_out(first, second)
        tokens = long if long is not None else first + second
    else:
        tokens = raw_tokens(title)
    return finish_reading(_expand_title_tokens(tokens, lexicon), lexicon.kept_noise)
