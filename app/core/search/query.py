"""A typed query read every plausible way: abbreviations and acronyms expanded, typos corrected."""

from __future__ import annotations

from collections.abc import Callable, Sequence

import numpy as np

from app.core.search.lexicon import (
    LEVEL_WORDS,
    NOISE_WORDS,
    is_acronym_token,
    raw_tokens,
    split_parenthetical,
)
from app.core.search.normalise import Analysed, finish_reading, spelt_out
from app.core.search.titles import TitleIndex

MAX_VARIANTS = 4
MAX_QUERY_CHARS = 300
MAX_QUERY_TOKENS = 24


def _query_tokens(query: str) -> list[str]:
    """Tokens of a query; "Registered Nurse (RN)" keeps only the spelt-out form, as titles do
    (expanding the acronym again could pick another reading: CPC, Certified Professional Coder).
    """
    parts = split_parenthetical(query)
    if parts is not None:
        long = spelt_out(*(raw_tokens(p) for p in parts))
        if long is not None:
            return long
    return raw_tokens(query)


def analyse_query(query: str, index: TitleIndex) -> list[Analysed]:
    """Readings of a typed query: abbreviations and acronyms expanded, typos corrected.

    Ambiguous words ("tech": technician or technology) give more than one reading.
    """
    lexicon = index.lexicon
    # Titles are short: a pasted paragraph is cut rather than expanded word by word.
    query = query[:MAX_QUERY_CHARS]
    options: list[tuple[str, ...]] = []
    for token in _query_tokens(query)[:MAX_QUERY_TOKENS]:
        lower = token.lower()
        choices: list[str] = []
        acronym = lexicon.acronyms.get(lower)
        abbreviation = lexicon.abbreviations.get(lower)
        # Typed in lowercase, a common abbreviation wins over an acronym some title spells out
        # ("eng": engineer, not Electronic News Gathering); in capitals the acronym wins.
        if acronym and (is_acronym_token(token) or not abbreviation):
            choices.extend(acronym[:2])
            # A real word as well ("art"): keep the literal reading too.
            if lower in index.spelling.counts:
                choices.append(lower)
        elif abbreviation:
            choices.extend(abbreviation[:2])
            if lower in index.spelling.counts and len(lower) >= 3:
                choices.append(lower)
        elif lower in NOISE_WORDS or lower in LEVEL_WORDS:
            choices.append(lower)  # dropped later; never "corrected" ("trainee" is no "trainer")
        else:
            # An unknown word one edit from two known ones gives both readings ("sacle").
            choices.extend(index.spelling.candidates(lower, 2))
        options.append(tuple(dict.fromkeys(choices)))
    # The likeliest readings: each word's first choice, then those departing from it in the
    # fewest places ("paino tech": paint or piano before technician or technology).
    readings: list[tuple[int, list[str]]] = [(0, [])]
    for alternatives in options:
        grown = [
            (cost + j, r + c.split()) for cost, r in readings for j, c in enumerate(alternatives)
        ]
        readings = sorted(grown, key=lambda reading: reading[0])[:MAX_VARIANTS]
    seen: set[str] = set()
    out: list[Analysed] = []
    for _, words in readings:
        reading = finish_reading(words, lexicon.kept_noise) if words else Analysed((), "", ())
        if reading.text and reading.text not in seen:
            seen.add(reading.text)
            out.append(reading)
    # Text without Latin letters or digits gives no reading: the model and the titles are
    # English, and a guess from an unknown script would only look like an answer.
    return out


def best_reading(reads: Sequence[Analysed], score: Callable[[Analysed], np.ndarray]) -> np.ndarray:
    """The element-wise best of `score` over a query's readings."""
    best = score(reads[0])
    for reading in reads[1:]:
        np.maximum(best, score(reading), out=best)
    return best
