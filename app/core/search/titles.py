"""The title index: title texts, codes, vectors, readings, spelling; its lexical half cached."""

from __future__ import annotations

import hashlib
import json
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from app.core.db import TitleRow
from app.core.index import pack_texts, unpack_texts
from app.core.search.cache import cached_arrays
from app.core.search.corpus import title_texts
from app.core.search.lexical import LexicalIndex, head_features, lexical_features, word_features
from app.core.search.lexicon import Lexicon
from app.core.search.normalise import NORMALISER_VERSION, analyse_title
from app.core.search.spelling import SpellingIndex
from app.core.search.vector import VectorIndex
from app.core.title_head import TitleHead


@dataclass
class TitleIndex:
    """Unique title texts with their codes, embeddings and lexical readings."""

    codes: list[str]  # occupation codes (sorted)
    official: list[str]  # official title per code
    texts: list[str]  # unique title texts
    vectors: np.ndarray  # [len(texts), dim]
    semantic: VectorIndex
    pair_text: np.ndarray  # title index per (title, code) pair, grouped by code
    pair_code: np.ndarray  # code index per pair
    code_starts: np.ndarray  # first pair of each code
    official_text: np.ndarray  # index in texts of each code's official title
    centroids: np.ndarray  # [len(codes), dim]: unit mean of each code's title vectors
    keys: dict[str, list[int]]  # exact key → title indices
    lexical: LexicalIndex
    code_words: LexicalIndex  # one document per code: the words of all its titles
    lexicon: Lexicon
    spelling: SpellingIndex
    head: TitleHead | None = None  # the title classifier, when one fits this model and these codes


@dataclass
class TitleLexical:
    """Everything about the titles except their vectors: derived once, cached in the user cache."""

    codes: list[str]
    official: list[str]
    texts: list[str]
    pair_text: np.ndarray
    code_starts: np.ndarray
    official_text: np.ndarray
    title_keys: list[str]
    lexical: LexicalIndex
    code_words: LexicalIndex
    lexicon: Lexicon
    counts: dict[str, int]

    def to_arrays(self) -> dict[str, np.ndarray]:
        meta = {
            "acronyms": self.lexicon.acronyms,
            "abbreviations": self.lexicon.abbreviations,
            "kept_noise": sorted(self.lexicon.kept_noise),
            "counts": self.counts,
            "sizes": [len(self.codes), len(self.texts)],
        }
        return {
            "meta": np.frombuffer(json.dumps(meta).encode("utf-8"), dtype=np.uint8),
            "codes": pack_texts(self.codes),
            "official": pack_texts(self.official),
            "texts": pack_texts(self.texts),
            "keys": pack_texts(self.title_keys),
            "pair_text": self.pair_text,
            "code_starts": self.code_starts,
            "official_text": self.official_text,
            **self.lexical.to_arrays("lex_"),
            **self.code_words.to_arrays("codew_"),
        }

    @classmethod
    def from_arrays(cls, arrays: Any) -> TitleLexical:
        meta = json.loads(arrays["meta"].tobytes().decode("utf-8"))
        n_codes, n_texts = meta["sizes"]
        return cls(
            codes=unpack_texts(arrays["codes"], n_codes),
            official=unpack_texts(arrays["official"], n_codes),
            texts=unpack_texts(arrays["texts"], n_texts),
            pair_text=arrays["pair_text"],
            code_starts=arrays["code_starts"],
            official_text=arrays["official_text"],
            title_keys=unpack_texts(arrays["keys"], n_texts),
            lexical=LexicalIndex.from_arrays(arrays, "lex_"),
            code_words=LexicalIndex.from_arrays(arrays, "codew_"),
            lexicon=Lexicon(
                {k: tuple(v) for k, v in meta["acronyms"].items()},
                {k: tuple(v) for k, v in meta["abbreviations"].items()},
                frozenset((str(a), str(b)) for a, b in meta["kept_noise"]),
            ),
            counts={str(k): int(v) for k, v in meta["counts"].items()},
        )

    def with_vectors(self, vectors: np.ndarray) -> TitleIndex:
        keys: dict[str, list[int]] = defaultdict(list)
        for i, key in enumerate(self.title_keys):
            keys[key].append(i)
        pair_code = np.repeat(
            np.arange(len(self.codes)), np.diff(np.r_[self.code_starts, len(self.pair_text)])
        )
        return TitleIndex(
            codes=self.codes,
            official=self.official,
            texts=self.texts,
            vectors=vectors,
            semantic=VectorIndex(vectors),
            pair_text=self.pair_text,
            pair_code=pair_code,
            code_starts=self.code_starts,
            official_text=self.official_text,
            centroids=code_centroids(vectors, self.pair_text, pair_code, len(self.codes)),
            keys=dict(keys),
            lexical=self.lexical,
            code_words=self.code_words,
            lexicon=self.lexicon,
            spelling=SpellingIndex(self.counts),
        )


def code_centroids(
    vectors: np.ndarray, pair_text: np.ndarray, pair_code: np.ndarray, codes: int
) -> np.ndarray:
    """Unit mean of each code's title vectors; pairs come grouped by code (chunked: no full copy)."""
    sums = np.zeros((codes, vectors.shape[1]), dtype=np.float64)
    for start in range(0, len(pair_text), 8192):
        owners = pair_code[start : start + 8192]
        block = vectors[pair_text[start : start + 8192]]
        firsts = np.flatnonzero(np.r_[True, owners[1:] != owners[:-1]])
        sums[owners[firsts]] += np.add.reduceat(block, firsts, axis=0)
    norms = np.linalg.norm(sums, axis=1, keepdims=True)
    return (sums / np.maximum(norms, 1e-12)).astype(np.float32)


def build_title_lexical(rows: Sequence[TitleRow], occupations: dict[str, str]) -> TitleLexical:
    """Derive the lexical side of the title index from title rows (the evaluation filters them)."""
    codes = sorted(occupations)
    code_pos = {code: i for i, code in enumerate(codes)}
    kept = [r for r in rows if r.code in code_pos]
    texts = title_texts(kept, occupations)
    text_pos = {t: i for i, t in enumerate(texts)}
    pairs = {(code_pos[r.code], text_pos[r.title]) for r in kept}
    pairs.update((code_pos[c], text_pos[occupations[c]]) for c in codes)
    ordered = sorted(pairs)
    pair_code = np.array([c for c, _ in ordered], dtype=np.int64)
    lexicon = Lexicon.from_titles(texts)
    analysed = [analyse_title(t, lexicon) for t in texts]
    counts: Counter[str] = Counter()
    for reading in analysed:
        counts.update(reading.words)
        counts.update(reading.key.split())
    code_words: list[set[str]] = [set() for _ in codes]
    for code, text in ordered:
        code_words[code].update(word_features(analysed[text].core))
        code_words[code].update(head_features(analysed[text]))
    return TitleLexical(
        codes=codes,
        official=[occupations[c] for c in codes],
        texts=texts,
        pair_text=np.array([t for _, t in ordered], dtype=np.int64),
        code_starts=np.searchsorted(pair_code, np.arange(len(codes))),
        official_text=np.array([text_pos[occupations[c]] for c in codes], dtype=np.int64),
        title_keys=[r.key for r in analysed],
        lexical=LexicalIndex.build([lexical_features(r.core) for r in analysed]),
        code_words=LexicalIndex.build([sorted(words) for words in code_words]),
        lexicon=lexicon,
        counts=dict(counts),
    )


def title_rows_digest(rows: Sequence[TitleRow], occupations: dict[str, str]) -> str:
    """Identifies the derived lexical data: the rows, the occupations and this code's version."""
    digest = hashlib.sha256(f"normaliser-{NORMALISER_VERSION}".encode())
    for row in rows:
        digest.update(f"{row.code}\x1f{row.title}\x1f{row.source}\x1e".encode())
    for code, title in occupations.items():
        digest.update(f"{code}\x1f{title}\x1e".encode())
    return digest.hexdigest()


def load_title_lexical(
    rows: Sequence[TitleRow], occupations: dict[str, str], cache_dir: Path | None
) -> TitleLexical:
    """From the user cache when it was derived from the same rows, else built (and cached)."""
    name = f"title-lexical-{title_rows_digest(rows, occupations)[:20]}.npz"
    return cached_arrays(
        cache_dir / name if cache_dir is not None else None,
        lambda: build_title_lexical(rows, occupations),
        TitleLexical.to_arrays,
        TitleLexical.from_arrays,
    )
