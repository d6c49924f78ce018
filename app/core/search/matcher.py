"""The search façade: free text → occupations (job titles), ESCO skills and O*NET tasks."""

from __future__ import annotations

import math
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from app import paths
from app.core.db import TitleRow, database
from app.core.encoder import Encoder
from app.core.index import EmbeddingStore
from app.core.progress import NULL_PROGRESS, Progress
from app.core.search.corpus import (
    OccupationMatch,
    SkillMatch,
    TaskMatch,
    load_skill_names,
    title_texts,
)
from app.core.search.lexical import (
    LexicalIndex,
    head_features,
    lexical_features,
    load_skill_lexical,
    skill_features,
    skill_key,
    spell_out_skill,
    word_features,
)
from app.core.search.lexicon import unreadable_reason
from app.core.search.normalise import Analysed
from app.core.search.query import MAX_QUERY_CHARS, analyse_query, best_reading
from app.core.search.titles import TitleIndex, load_title_lexical
from app.core.search.vector import VectorIndex
from app.core.title_head import HEAD_FILE, load_title_head


@dataclass(frozen=True)
class MatchWeights:
    """How the signals combine; tuned on training-occupation titles (`skillshift eval match
    --split tuning`), never on the validation occupations.
    """

    embedding: float = 0.5  # cosine to the title's embedding
    lexical: float = 0.2  # IDF-weighted word + character-trigram cosine
    exact: float = 0.1  # same normalised title
    official: float = 0.05  # cosine to the occupation's official title (breaks ties)
    # Cosine to the mean of the occupation's title embeddings: what its titles share, where the
    # best single title may be an odd one (0.25 of 0.1 / 0.25 / 0.5 / 1 on the tuning titles).
    centroid: float = 0.25
    # Probability of the code under the title classifier (app/core/title_head.py), when the
    # bundled one fits this model (0.1 of 0.05 / 0.1 / 0.15 / 0.2 / 0.3 on the tuning titles).
    classifier: float = 0.1
    # IDF-weighted share of the query's words that any title of the occupation uses: the
    # occupation's vocabulary, where no single title has all the words ("Room Cleaner");
    # 0.13 of 0.05 / 0.1 / 0.13 / 0.2 / 0.3 on the tuning titles (top-1, clean + messy).
    vocabulary: float = 0.13
    # Whether a title of the occupation ends in the query's head word: "Corporate Controller" is
    # a controller, whatever else the occupation's vocabulary covers (0.05 of 0.03 / 0.05 /
    # 0.065 / 0.1 on the tuning titles).
    head: float = 0.05
    # A code with several good titles beats one with a single odd listing: a soft maximum over
    # each code's best `spread_titles` titles with temperature `spread` (0 = plain maximum).
    spread: float = 0.08
    spread_titles: int = 5
    use_lexical: bool = True

    @property
    def total(self) -> float:
        """The highest score a code can reach, without the classifier (scores are divided by it
        plus `classifier` where a classifier is used, so they keep one range either way)."""
        bonus = self.spread * math.log(self.spread_titles) if self.spread > 0 else 0.0
        return (
            self.embedding
            + self.lexical
            + self.exact
            + self.official
            + self.centroid
            + self.vocabulary
            + self.head
            + bonus
        )


_SPREAD_CANDIDATES = 200
_LEXICAL_CANDIDATES = 300


class Matcher:
    """Search over the bundled titles, tasks and skills; parts are built on first use.

    Thread-safe for concurrent readers; building happens once under a lock.
    """

    def __init__(
        self,
        encoder: Encoder,
        *,
        db_path: Path | None = None,
        store: EmbeddingStore | None = None,
        title_filter: Callable[[TitleRow], bool] | None = None,
        weights: MatchWeights | None = None,
        head_file: Path | None = None,
    ) -> None:
        self.encoder = encoder
        self.head_file = head_file if head_file is not None else paths.model_path(HEAD_FILE)
        self.db_path = db_path
        self.store = store if store is not None else EmbeddingStore(encoder)
        self.title_filter = title_filter
        self.weights = weights if weights is not None else MatchWeights()
        self._lock = threading.Lock()
        self._titles: TitleIndex | None = None
        self._tasks: tuple[VectorIndex, list[tuple[int, str, str]]] | None = None
        self._skills: tuple[VectorIndex, list[tuple[str, str]], LexicalIndex] | None = None
        self._skill_names: dict[str, tuple[str, str]] | None = None

    # ---- building

    def titles(self, progress: Progress = NULL_PROGRESS) -> TitleIndex:
        if self._titles is None:
            with self._lock:
                if self._titles is None:
                    self._titles = self._build_titles(progress)
        return self._titles

    def _build_titles(self, progress: Progress) -> TitleIndex:
        db = database(self.db_path)
        occupations = db.occupations()
        all_rows = db.title_rows()
        rows = [r for r in all_rows if self.title_filter(r)] if self.title_filter else all_rows
        # Vectors always come for the full title set (that is what the bundle stores).
        stored = self.store.vectors("title", title_texts(all_rows, occupations), progress=progress)
        lexical = load_title_lexical(rows, occupations, self.store.cache_dir)
        if lexical.texts == stored.texts:
            index = lexical.with_vectors(stored.vectors)
        else:
            position = {t: i for i, t in enumerate(stored.texts)}
            index = lexical.with_vectors(stored.vectors[[position[t] for t in lexical.texts]])
        if self.weights.classifier > 0:
            head = load_title_head(self.head_file, self.encoder.model_sha256)
            index.head = head.aligned(index.codes) if head is not None else None
        return index

    def tasks(
        self, progress: Progress = NULL_PROGRESS
    ) -> tuple[VectorIndex, list[tuple[int, str, str]]]:
        if self._tasks is None:
            with self._lock:
                if self._tasks is None:
                    rows = database(self.db_path).tasks()
                    stored = self.store.vectors("task", [t for _, _, t in rows], progress=progress)
                    self._tasks = (VectorIndex(stored.vectors), rows)
        return self._tasks

    def skills(
        self, progress: Progress = NULL_PROGRESS
    ) -> tuple[VectorIndex, list[tuple[str, str]], LexicalIndex]:
        if self._skills is None:
            with self._lock:
                if self._skills is None:
                    rows = database(self.db_path).skills()
                    stored = self.store.vectors(
                        "skill", [lab for _, lab in rows], progress=progress
                    )
                    lexical = load_skill_lexical(stored.texts, self.store.cache_dir)
                    self._skills = (VectorIndex(stored.vectors), rows, lexical)
        return self._skills

    def prepare(self, progress: Progress = NULL_PROGRESS) -> None:
        """Build everything now (e.g. in a background task with progress) instead of lazily."""
        self.titles(progress)
        self.tasks(progress)
        self.skills(progress)

    # ---- titles

    def match_title(self, query: str, top_k: int = 5) -> list[OccupationMatch]:
        return self.match_titles([query], top_k)[0]

    def match_titles(self, queries: Sequence[str], top_k: int = 5) -> list[list[OccupationMatch]]:
        """Best occupations for each query, one entry per code, best first."""
        index = self.titles()
        results: list[list[OccupationMatch]] = []
        for query in queries:
            reads = analyse_query(query, index) if unreadable_reason(query) is None else []
            if not reads:
                results.append([])
                continue
            # One query's readings are one batch of their own: int8 activations are quantised
            # per batch, so a title matched in a long list gets exactly what it gets alone.
            query_vectors = self.encoder.embed([r.text for r in reads])
            scores = self._code_scores(index, reads, query_vectors)
            results.append(self._top_codes(index, scores, top_k))
        return results

    def _code_scores(
        self, index: TitleIndex, reads: list[Analysed], query_vectors: np.ndarray
    ) -> np.ndarray:
        w = self.weights
        query = query_vectors.mean(axis=0)
        query /= max(float(np.linalg.norm(query)), 1e-12)
        exact_rows = [index.official_text]
        lexical: np.ndarray | None = None
        exact_hits: list[int] = []
        if w.use_lexical:
            lexical = best_reading(reads, lambda r: index.lexical.scores(lexical_features(r.core)))
            exact_hits = sorted({t for reading in reads for t in index.keys.get(reading.key, ())})
            count = min(_LEXICAL_CANDIDATES, len(lexical))
            exact_rows.append(np.argpartition(-lexical, count - 1)[:count])
            exact_rows.append(np.asarray(exact_hits, dtype=np.int64))
        semantic = index.semantic.similarities(query, np.concatenate(exact_rows))
        title_scores = w.embedding * semantic
        if lexical is not None:
            title_scores += w.lexical * lexical
            for t in exact_hits:
                title_scores[t] += w.exact
        pair_scores = title_scores[index.pair_text]
        per_code = np.maximum.reduceat(pair_scores, index.code_starts)
        if w.spread > 0:
            per_code += self._spread_bonus(index, pair_scores, per_code)
        per_code += w.official * semantic[index.official_text]
        if w.use_lexical:
            words = index.code_words
            if w.vocabulary:
                coverage = best_reading(reads, lambda r: words.coverage(word_features(r.core)))
                per_code += w.vocabulary * coverage
            if w.head:
                # 1 where a title of the code ends in the head word of one of the readings.
                per_code += w.head * best_reading(reads, lambda r: words.coverage(head_features(r)))
        if w.centroid:
            per_code += w.centroid * np.einsum("ij,j->i", index.centroids, query)
        if w.classifier and index.head is not None:
            per_code += w.classifier * index.head.probabilities(query)
            return per_code / (w.total + w.classifier)
        return per_code / w.total

    def _spread_bonus(
        self, index: TitleIndex, pair_scores: np.ndarray, per_code: np.ndarray
    ) -> np.ndarray:
        """spread * log(sum of exp((s - best) / spread)) over each code's best few titles.

        Only the best pairs overall can change the ranking, so only they are looked at.
        """
        w = self.weights
        count = min(_SPREAD_CANDIDATES, len(pair_scores))
        top = np.argpartition(-pair_scores, count - 1)[:count]
        codes, values = index.pair_code[top], pair_scores[top]
        order = np.lexsort((-values, codes))
        codes, values = codes[order], values[order]
        starts = np.flatnonzero(np.r_[True, codes[1:] != codes[:-1]])
        rank = np.arange(len(codes)) - np.repeat(starts, np.diff(np.r_[starts, len(codes)]))
        weights = np.exp((values - per_code[codes]) / w.spread) * (rank < w.spread_titles)
        total = np.bincount(codes, weights=weights, minlength=len(per_code))
        return w.spread * np.log(np.maximum(total, 1.0))

    @staticmethod
    def _top_codes(index: TitleIndex, scores: np.ndarray, top_k: int) -> list[OccupationMatch]:
        k = max(0, min(top_k, len(scores)))
        if k == 0:
            return []
        top = np.argpartition(-scores, k - 1)[:k]
        top = top[np.lexsort((top, -scores[top]))]
        return [
            OccupationMatch(index.codes[i], index.official[i], round(float(scores[i]), 4))
            for i in top
        ]

    # ---- skills and tasks

    def match_skill(self, text: str, top_k: int = 5) -> list[SkillMatch]:
        return self.match_skills([text], top_k)[0]

    def match_skills(self, texts: Sequence[str], top_k: int = 5) -> list[list[SkillMatch]]:
        """ESCO skills nearest to each free-text skill ("excel", "forklift driving"). A text that
        is a skill's ESCO label or alternative label ("typography", "hazmat transport") finds
        that skill first, with score 1 and `exact` set."""
        vectors, rows, lexical = self.skills()
        names = self.skill_names()
        live = [i for i, t in enumerate(texts) if t.strip()]
        out: list[list[SkillMatch]] = [[] for _ in texts]
        if not live:
            return out
        # Short forms spelt out, so "hazmat transport" reads as "hazardous materials transport".
        spelt = {i: spell_out_skill(texts[i][:MAX_QUERY_CHARS]) for i in live}
        # One skill per batch, so a skill gets the same match whatever else is in the list
        # (batch mates share int8 activation scales).
        embedded = self.encoder.embed([spelt[i] for i in live], batch_size=1)
        for row, i in enumerate(live):
            lex = lexical.scores(skill_features(spelt[i]))
            count = min(_LEXICAL_CANDIDATES, len(lex))
            semantic = vectors.similarities(embedded[row], np.argpartition(-lex, count - 1)[:count])
            scores = 0.75 * semantic + 0.25 * lex
            k = min(top_k, len(scores))
            top = np.argpartition(-scores, k - 1)[:k]
            top = top[np.lexsort((top, -scores[top]))]
            found = [SkillMatch(rows[j][0], rows[j][1], round(float(scores[j]), 4)) for j in top]
            exact = names.get(skill_key(spelt[i]))
            if exact is not None:
                rest = [m for m in found if m.uri != exact[0]][: max(0, top_k - 1)]
                found = [SkillMatch(exact[0], exact[1], 1.0, True), *rest]
            out[i] = found
        return out

    def skill_names(self) -> dict[str, tuple[str, str]]:
        if self._skill_names is None:
            with self._lock:
                if self._skill_names is None:
                    self._skill_names = load_skill_names(self.db_path)
        return self._skill_names

    def nearest_tasks(self, embeddings: np.ndarray, top_k: int = 1) -> list[list[TaskMatch]]:
        """O*NET tasks most similar to each embedding (rows from the same encoder)."""
        vectors, rows = self.tasks()
        if len(embeddings) == 0:
            return []
        found, similarity = vectors.top(np.asarray(embeddings, dtype=np.float32), top_k)
        return [
            [
                TaskMatch(rows[j][0], rows[j][2], rows[j][1], round(float(sim), 4))
                for j, sim in zip(indices, sims, strict=True)
            ]
            for indices, sims in zip(found, similarity, strict=True)
        ]
