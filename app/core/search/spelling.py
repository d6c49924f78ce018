"""Typo correction against the words of all titles."""

from __future__ import annotations

from collections import defaultdict


def _osa_distance(a: str, b: str, limit: int) -> int:
    """Optimal string alignment distance (a swap of neighbours costs 1), early exit past limit."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    prev2: list[int] = []
    prev = list(range(len(b) + 1))
    for i in range(1, len(a) + 1):
        cur = [i] + [0] * len(b)
        for j in range(1, len(b) + 1):
            cost = 0 if a[i - 1] == b[j - 1] else 1
            value = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                value = min(value, prev2[j - 2] + 1)
            cur[j] = value
        if min(cur) > limit:
            return limit + 1
        prev2, prev = prev, cur
    return prev[-1]


class SpellingIndex:
    """Corrects one typo per word against the words of all titles (deletion-neighbour lookup)."""

    def __init__(self, counts: dict[str, int]) -> None:
        self.counts = counts
        self._deletes: dict[str, list[str]] | None = None  # built on the first unknown word

    @staticmethod
    def _variants(word: str) -> set[str]:
        return {word[:i] + word[i + 1 :] for i in range(len(word))} | {word}

    def _neighbours(self) -> dict[str, list[str]]:
        if self._deletes is None:
            deletes: dict[str, list[str]] = defaultdict(list)
            for word in self.counts:
                if len(word) >= 4:
                    for variant in self._variants(word):
                        deletes[variant].append(word)
            self._deletes = dict(deletes)
        return self._deletes

    def correct(self, word: str) -> str:
        return self.candidates(word, 1)[0]

    def candidates(self, word: str, limit: int = 2) -> list[str]:
        """The word itself when known (or too short to judge), else up to `limit` known words one
        edit away, most frequent first ("sacle": sale, scale), else the word unchanged.
        """
        if word in self.counts or len(word) < 4 or not word.isalpha():
            return [word]
        neighbours = self._neighbours()
        found: set[str] = set()
        for variant in self._variants(word):
            found.update(neighbours.get(variant, ()))
        ranked = sorted((-self.counts[c], c) for c in found if _osa_distance(word, c, 1) <= 1)
        return [c for _, c in ranked[:limit]] or [word]
