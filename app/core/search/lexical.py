"""Lexical search: word and trigram features, an IDF-weighted inverted index (titles, skills)."""

from __future__ import annotations

import hashlib
import math
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

import numpy as np

from app.core.index import pack_texts, texts_digest, unpack_texts
from app.core.search.cache import cached_arrays
from app.core.search.lexicon import raw_tokens
from app.core.search.normalise import NORMALISER_VERSION, Analysed, finish_reading


def word_features(core: Sequence[str]) -> list[str]:
    """The whole-word features of `lexical_features`, without the trigrams."""
    return [f"w:{word}" for word in core]


def head_features(reading: Analysed) -> list[str]:
    """The head word of a reading, its last singular word ("Middle School *Principal*")."""
    words = reading.key.split()
    return [f"h:{words[-1]}"] if words else []


def lexical_features(core: Sequence[str]) -> list[str]:
    """Whole words plus character trigrams of each padded word (trigrams carry typo tolerance)."""
    features: list[str] = []
    for word in core:
        features.append(f"w:{word}")
        padded = f" {word} "
        features.extend([padded[i : i + 3] for i in range(len(padded) - 2)])
    return features


class LexicalIndex:
    """Inverted index of features with IDF-weighted cosine similarity, all in numpy."""

    def __init__(
        self,
        vocabulary: dict[str, int],
        idf: np.ndarray,
        doc_norm: np.ndarray,
        postings: np.ndarray,
        indptr: np.ndarray,
    ) -> None:
        self.vocabulary = vocabulary
        self.idf = idf
        self.doc_norm = doc_norm
        self.postings = postings
        self.indptr = indptr
        self.size = len(doc_norm)
        self._idf2 = idf.astype(np.float64) ** 2
        self._unknown = math.log(self.size + 1.0) ** 2

    @classmethod
    def build(cls, docs: Sequence[Sequence[str]]) -> LexicalIndex:
        vocabulary: dict[str, int] = {}
        doc_ids: list[int] = []
        feature_ids: list[int] = []
        for doc, features in enumerate(docs):
            ids = {vocabulary.setdefault(f, len(vocabulary)) for f in features}
            feature_ids.extend(ids)
            doc_ids.extend([doc] * len(ids))
        size = len(docs)
        docs_arr = np.asarray(doc_ids, dtype=np.int32)
        feats_arr = np.asarray(feature_ids, dtype=np.int32)
        df = np.bincount(feats_arr, minlength=len(vocabulary)).astype(np.float32)
        idf = np.log((size + 1.0) / (df + 0.5)).astype(np.float32)
        doc_norm = np.sqrt(np.bincount(docs_arr, weights=idf[feats_arr] ** 2, minlength=size))
        doc_norm[doc_norm == 0] = 1.0
        order = np.argsort(feats_arr, kind="stable")
        indptr = np.zeros(len(vocabulary) + 1, dtype=np.int64)
        np.cumsum(np.bincount(feats_arr, minlength=len(vocabulary)), out=indptr[1:])
        return cls(vocabulary, idf, doc_norm, docs_arr[order], indptr)

    def to_arrays(self, prefix: str) -> dict[str, np.ndarray]:
        words = sorted(self.vocabulary, key=self.vocabulary.__getitem__)
        return {
            f"{prefix}vocab": pack_texts(words),
            f"{prefix}idf": self.idf,
            f"{prefix}norm": self.doc_norm,
            f"{prefix}postings": self.postings,
            f"{prefix}indptr": self.indptr,
        }

    @classmethod
    def from_arrays(cls, arrays: Any, prefix: str) -> LexicalIndex:
        idf = arrays[f"{prefix}idf"]
        words = unpack_texts(arrays[f"{prefix}vocab"], len(idf))
        return cls(
            {w: i for i, w in enumerate(words)},
            idf,
            arrays[f"{prefix}norm"],
            arrays[f"{prefix}postings"],
            arrays[f"{prefix}indptr"],
        )

    def scores(self, features: Iterable[str]) -> np.ndarray:
        """Cosine similarity of the query features to every document, float32 [size]."""
        unique = set(features)
        known = [self.vocabulary[f] for f in unique if f in self.vocabulary]
        if not known:
            return np.zeros(self.size, dtype=np.float32)
        # Features no title has still count in the query's norm: an unknown word lowers the score.
        weights = self._idf2[known]
        query_norm = math.sqrt(float(weights.sum()) + self._unknown * (len(unique) - len(known)))
        slices = [self.postings[self.indptr[f] : self.indptr[f + 1]] for f in known]
        docs = np.concatenate(slices)
        dot = np.bincount(
            docs, weights=np.repeat(weights, [len(s) for s in slices]), minlength=self.size
        )
        return (dot / (self.doc_norm * query_norm)).astype(np.float32)

    def coverage(self, features: Iterable[str]) -> np.ndarray:
        """IDF-weighted share of the query's distinct features each document has, float32 [size].

        Unlike the cosine, a long document loses nothing for its other features: it answers
        "are these words used here", not "is this the same text".
        """
        unique = set(features)
        known = [self.vocabulary[f] for f in unique if f in self.vocabulary]
        if not known:
            return np.zeros(self.size, dtype=np.float32)
        weights = self.idf[known].astype(np.float64)
        total = float(weights.sum()) + math.sqrt(self._unknown) * (len(unique) - len(known))
        slices = [self.postings[self.indptr[f] : self.indptr[f + 1]] for f in known]
        hits = np.bincount(
            np.concatenate(slices),
            weights=np.repeat(weights, [len(s) for s in slices]),
            minlength=self.size,
        )
        return (hits / total).astype(np.float32)


# Short forms people type for skills, spelt out before a skill is looked up.
SKILL_ABBREVIATIONS: dict[str, str] = {
    "hazmat": "hazardous materials",
    "hr": "human resources",
    "qa": "quality assurance",
    "seo": "search engine optimisation",
    "ux": "user experience",
}


def spell_out_skill(text: str) -> str:
    """The text with known short forms spelt out; unchanged (as typed) when it has none."""
    words = text.split()
    if not any(w.lower() in SKILL_ABBREVIATIONS for w in words):
        return text
    return " ".join(SKILL_ABBREVIATIONS.get(w.lower(), w) for w in words)


def skill_key(text: str) -> str:
    """How a typed skill and an ESCO label are compared for an exact match: short forms spelt
    out, lower case, single spaces."""
    return " ".join(spell_out_skill(text).lower().split())


def skill_features(label: str) -> list[str]:
    return lexical_features(finish_reading(raw_tokens(label.lower())).core)


def load_skill_lexical(labels: Sequence[str], cache_dir: Path | None) -> LexicalIndex:
    digest = hashlib.sha256(f"skills-{NORMALISER_VERSION}:{texts_digest(labels)}".encode())
    return cached_arrays(
        cache_dir / f"skill-lexical-{digest.hexdigest()[:20]}.npz" if cache_dir else None,
        lambda: LexicalIndex.build([skill_features(label) for label in labels]),
        lambda index: index.to_arrays("lex_"),
        lambda arrays: LexicalIndex.from_arrays(arrays, "lex_"),
    )
