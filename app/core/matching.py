"""Free text → occupations (job titles), ESCO skills and O*NET tasks: embeddings + lexical signal."""

from __future__ import annotations

import contextlib
import hashlib
import itertools
import json
import math
import os
import re
import sqlite3
import threading
import unicodedata
import zipfile
import zlib
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, NamedTuple, TypeVar

import numpy as np

from app import paths
from app.core.activity_vote import VOTE_FILE, ActivityVote, load_activity_vote
from app.core.encoder import Encoder
from app.core.errors import ResourceError
from app.core.index import EmbeddingStore, pack_texts, texts_digest, unpack_texts
from app.core.progress import NULL_PROGRESS, Progress
from app.core.title_head import HEAD_FILE, TitleHead, load_title_head

# --------------------------------------------------------------------------- results


class OccupationMatch(NamedTuple):
    code: str
    title: str  # the occupation's official O*NET title
    score: float


# How sure a title match is, in plain words, from its score alone. Chosen on the tuning titles
# (held out of the index; 800 clean and 800 messy queries) and 350 nonsense strings: below 0.50
# lie 88 % of the nonsense and 1 of the 1,126 right answers; the top answer is right for 0.20
# of queries scoring 0.50-0.60, 0.48 at 0.60-0.70, 0.81 at 0.70-0.80 and 0.94 from 0.80.
TITLE_CONFIDENCE: tuple[tuple[float, str], ...] = (
    (0.80, "very_likely"),
    (0.70, "likely"),
    (0.60, "possible"),
    (0.50, "unlikely"),
)


def title_confidence(score: float) -> str | None:
    """The confidence code of a title match, or None when it is too weak to offer at all
    (then no occupation matches the title)."""
    for floor, code in TITLE_CONFIDENCE:
        if score >= floor:
            return code
    return None


class SkillMatch(NamedTuple):
    uri: str
    label: str
    score: float
    exact: bool = False  # the text is the skill's ESCO label or one of its alternative labels


class TaskMatch(NamedTuple):
    task_id: int
    task: str
    code: str
    similarity: float


# --------------------------------------------------------------------------- database


def connect_readonly(db_path: Path | None = None) -> sqlite3.Connection:
    if db_path is None:
        from app.core.catalog import verify_database

        verify_database()  # the app's own database: refuse a modified one (cached per file)
    path = db_path if db_path is not None else paths.database_path()
    if not path.is_file():
        raise ResourceError(
            f"database {path} is missing; reinstall SkillShift "
            "(in a source checkout: `make resources`)"
        )
    try:
        return sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    except sqlite3.Error as exc:
        raise ResourceError(f"database {path} cannot be opened ({exc})") from None


def _query(db_path: Path | None, sql: str) -> list[tuple[object, ...]]:
    connection = connect_readonly(db_path)
    try:
        return connection.execute(sql).fetchall()
    except sqlite3.Error as exc:
        raise ResourceError(
            f"database is damaged or outdated ({exc}); reinstall SkillShift"
        ) from None
    finally:
        connection.close()


@dataclass(frozen=True)
class TitleRow:
    code: str
    title: str
    source: str


def load_occupations(db_path: Path | None = None) -> dict[str, str]:
    """code → official title, in code order."""
    return {
        str(c): str(t)
        for c, t in _query(db_path, "SELECT code, title FROM occupations ORDER BY code")
    }


def load_title_rows(db_path: Path | None = None) -> list[TitleRow]:
    rows = _query(db_path, "SELECT code, title, source FROM titles ORDER BY id")
    return [TitleRow(str(c), str(t).strip(), str(s)) for c, t, s in rows if str(t).strip()]


def load_tasks(db_path: Path | None = None) -> list[tuple[int, str, str]]:
    """(task_id, code, task) in task_id order."""
    rows = _query(db_path, "SELECT task_id, code, task FROM tasks ORDER BY task_id")
    return [(int(i), str(c), str(t)) for i, c, t in rows]  # type: ignore[call-overload]


def load_skills(db_path: Path | None = None) -> list[tuple[str, str]]:
    """(uri, preferred label) in uri order."""
    return [
        (str(u), str(lab))
        for u, lab in _query(db_path, "SELECT uri, label FROM esco_skills ORDER BY uri")
    ]


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


def load_skill_names(db_path: Path | None = None) -> dict[str, tuple[str, str]]:
    """Every ESCO skill label and alternative label (by skill_key) → (uri, preferred label).
    A preferred label wins over another skill's alternative label."""
    names: dict[str, tuple[str, str]] = {}
    rows = _query(db_path, "SELECT uri, label, alt_labels FROM esco_skills ORDER BY uri")
    for uri, label, alts in rows:
        for alt in str(alts or "").splitlines():
            if alt.strip():
                names.setdefault(skill_key(alt), (str(uri), str(label)))
    for uri, label, _alts in rows:
        names[skill_key(str(label))] = (str(uri), str(label))
    return names


def database_content_hash(db_path: Path | None = None) -> str | None:
    rows = _query(db_path, "SELECT value FROM meta WHERE key = 'content_hash'")
    return str(rows[0][0]) if rows else None


def title_texts(rows: Iterable[TitleRow], occupations: dict[str, str]) -> list[str]:
    """Every distinct title text, sorted: the row order of the stored title embeddings."""
    return sorted({r.title for r in rows} | set(occupations.values()))


def corpus_texts(kind: str, db_path: Path | None = None) -> list[str]:
    """The texts whose embeddings the index stores for `kind`, in row order."""
    if kind == "title":
        return title_texts(load_title_rows(db_path), load_occupations(db_path))
    if kind == "task":
        return [task for _, _, task in load_tasks(db_path)]
    if kind == "skill":
        return [label for _, label in load_skills(db_path)]
    raise ValueError(f"unknown index kind {kind!r}")


# --------------------------------------------------------------------------- normalisation

# Part of the cache key of derived title/skill data: bump it whenever normalisation changes.
NORMALISER_VERSION = 6

# Abbreviations people type in job titles; the first expansion is the usual reading.
ABBREVIATIONS: dict[str, tuple[str, ...]] = {
    "mgr": ("manager",),
    "mngr": ("manager",),
    "mgrs": ("managers",),
    "mgmt": ("management",),
    "sr": ("senior",),
    "snr": ("senior",),
    "jr": ("junior",),
    "jnr": ("junior",),
    "asst": ("assistant",),
    "assist": ("assistant",),
    "tech": ("technician", "technology"),
    "techs": ("technicians",),
    "eng": ("engineer", "engineering"),
    "engr": ("engineer",),
    "engg": ("engineering",),
    "admin": ("administrator", "administrative"),
    "adm": ("administrator",),
    "acct": ("accountant", "accounting", "account"),
    "accts": ("accounts",),
    "acctg": ("accounting",),
    "rep": ("representative",),
    "reps": ("representatives",),
    "coord": ("coordinator",),
    "coordr": ("coordinator",),
    "dir": ("director",),
    "supv": ("supervisor",),
    "supvr": ("supervisor",),
    "supr": ("supervisor",),
    "spvr": ("supervisor",),
    "spv": ("supervisor",),
    "spec": ("specialist",),
    "ops": ("operations",),
    "oper": ("operator",),
    "op": ("operator",),
    "dev": ("developer", "development"),
    "devs": ("developers",),
    "mktg": ("marketing",),
    "svc": ("service",),
    "svcs": ("services",),
    "serv": ("service",),
    "cust": ("customer",),
    "assoc": ("associate",),
    "exec": ("executive",),
    "ofc": ("office",),
    "ofcr": ("officer",),
    "dept": ("department",),
    "govt": ("government",),
    "intl": ("international",),
    "natl": ("national",),
    "med": ("medical",),
    "pharm": ("pharmacy",),
    "maint": ("maintenance",),
    "mech": ("mechanic", "mechanical"),
    "elec": ("electrical", "electrician"),
    "constr": ("construction",),
    "prod": ("production",),
    "anlst": ("analyst",),
    "sw": ("software",),
    "hw": ("hardware",),
    "prog": ("programmer",),
    "progr": ("programmer",),
    "info": ("information",),
    "sys": ("systems",),
    "sci": ("scientist",),
    "tchr": ("teacher",),
    "instr": ("instructor",),
    "prof": ("professor",),
    "gen": ("general",),
    "ctr": ("center",),
    "hosp": ("hospital",),
    "drvr": ("driver",),
    "whse": ("warehouse",),
    "clk": ("clerk",),
    "secy": ("secretary",),
    "recept": ("receptionist",),
    "nurs": ("nursing",),
    "lab": ("laboratory",),
    "auto": ("automotive",),
    "pres": ("president",),
    "vp": ("vice president",),
    "svp": ("senior vice president",),
    "evp": ("executive vice president",),
    "avp": ("assistant vice president",),
    "mfg": ("manufacturing",),
    "qlty": ("quality",),
    "trans": ("transportation",),
    "equip": ("equipment",),
    "env": ("environmental",),
    "mgt": ("management",),
}

# Acronyms common in job titles; the titles data adds many more ("Chief Technology Officer (CTO)").
ACRONYMS: dict[str, tuple[str, ...]] = {
    "rn": ("registered nurse",),
    "lpn": ("licensed practical nurse",),
    "lvn": ("licensed vocational nurse",),
    "cna": ("certified nursing assistant",),
    "np": ("nurse practitioner",),
    "pa": ("physician assistant",),
    "emt": ("emergency medical technician",),
    "cpa": ("certified public accountant",),
    "ceo": ("chief executive officer",),
    "cfo": ("chief financial officer",),
    "coo": ("chief operating officer",),
    "cto": ("chief technology officer",),
    "cio": ("chief information officer",),
    "cmo": ("chief marketing officer",),
    "hr": ("human resources",),
    "it": ("information technology",),
    "qa": ("quality assurance",),
    "qc": ("quality control",),
    "ot": ("occupational therapist",),
    "slp": ("speech language pathologist",),
    "dba": ("database administrator",),
    "ux": ("user experience",),
    "ui": ("user interface",),
    "gm": ("general manager",),
    "hvac": ("heating ventilation and air conditioning",),
    "cdl": ("commercial drivers license",),
    "md": ("medical doctor",),
    "dds": ("doctor of dental surgery",),
    "crna": ("certified registered nurse anesthetist",),
    "sre": ("site reliability engineer",),
}

# Remote/contract/schedule words say nothing about the occupation.
NOISE_WORDS = frozenset(
    {
        "remote",
        "hybrid",
        "contract",
        "temp",
        "temporary",
        "wfh",
        "onsite",
        "freelance",
        "trainee",
        "fulltime",
        "parttime",
        "seasonal",
        "urgent",
        "hiring",
        "immediate",
        "start",
        "nights",
        "weekends",
        "weekend",
        "overnight",
        "prn",
    }
)
NOISE_PHRASES: tuple[tuple[str, ...], ...] = (
    ("part", "time"),
    ("full", "time"),
    ("work", "from", "home"),
    ("on", "site"),
    ("entry", "level"),
    ("per", "diem"),
    ("night", "shift"),
    ("day", "shift"),
)
LEVEL_WORDS = frozenset(
    {"i", "ii", "iii", "iv", "v", "vi", "1", "2", "3", "4", "5", "l1", "l2", "l3", "l4"}
)
SENIORITY_WORDS = frozenset(
    {
        "senior",
        "junior",
        "lead",
        "chief",
        "head",
        "principal",
        "staff",
        "experienced",
        "master",
    }
)
_STOP = frozenset({"and", "of", "the", "for", "in", "to", "a", "an", "or", "with", "on", "at"})

_PAREN_RE = re.compile(r"^(?P<before>[^()]*)\((?P<inside>[^()]*)\)(?P<after>[^()]*)$")
_TOKEN_RE = re.compile(r"[A-Za-z0-9]+")


def _ascii_fold(text: str) -> str:
    if text.isascii():
        return text
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def raw_tokens(text: str) -> list[str]:
    """Alphanumeric tokens with their case kept (case marks acronyms); & → and, ' dropped."""
    folded = _ascii_fold(unicodedata.normalize("NFKC", text))
    folded = folded.replace("&", " and ").replace("'", "").replace("’", "")
    return _TOKEN_RE.findall(folded)


def unreadable_reason(text: str) -> str | None:
    """Why the model and the search cannot read `text`, or None when they can.

    "blank", or "no_readable_text": no Latin letter or digit (another script, zero-width
    spaces, control characters). The model and the titles are English, and a guess from text
    it cannot read would only look like an answer. The one place this rule lives.
    """
    if not text.strip():
        return "blank"
    if not raw_tokens(text):
        return "no_readable_text"
    return None


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


def _is_acronym_token(token: str) -> bool:
    return 2 <= len(token) <= 6 and token.isalpha() and token.isupper()


def _acronym_spans(letters: str, words: Sequence[str], start: int) -> list[int]:
    """Ends k such that words[start:k] spell `letters` by initials (stop words may be skipped)."""
    ends: list[int] = []

    def walk(li: int, k: int) -> None:
        if li == len(letters):
            ends.append(k)
            return
        if k >= len(words):
            return
        word = words[k]
        if word[0] == letters[li]:
            walk(li + 1, k + 1)
        if word in _STOP:
            walk(li, k + 1)

    walk(0, start)
    return ends


def _is_abbreviation(short: str, long: str) -> bool:
    """True for "tech" and "technician": same first letter, a proper subsequence of the long word."""
    if len(short) < 2 or len(short) >= len(long) or short[0] != long[0]:
        return False
    it = iter(long)
    return all(ch in it for ch in short)


def align_forms(short: Sequence[str], long: Sequence[str]) -> list[tuple[str, str, str]] | None:
    """Explain a short title form word by word from a long one ("CTO" ↔ "Chief Technology Officer").

    Returns (kind, short word, long phrase) for every acronym/abbreviation used, or None when the
    forms do not line up. `short` keeps its case; `long` is lowercase.
    """
    found: list[tuple[str, str, str]] = []

    def walk(i: int, j: int) -> bool:
        if i == len(short):
            return j == len(long)
        token = short[i]
        lower = token.lower()
        if j < len(long) and lower == long[j] and walk(i + 1, j + 1):
            return True
        if _is_acronym_token(token):
            for end in _acronym_spans(lower, long, j):
                if end - j >= 2 and walk(i + 1, end):
                    found.append(("acronym", lower, " ".join(long[j:end])))
                    return True
        if j < len(long) and _is_abbreviation(lower, long[j]) and walk(i + 1, j + 1):
            found.append(("abbreviation", lower, long[j]))
            return True
        return False

    if sum(map(len, short)) >= sum(map(len, long)) or not walk(0, 0):
        return None
    return found


@dataclass
class Lexicon:
    """Acronyms and abbreviations: the built-in lists plus what the titles data spells out."""

    acronyms: dict[str, tuple[str, ...]]
    abbreviations: dict[str, tuple[str, ...]]
    # (noise word, next word) pairs that titles use as a job name: "contract manager".
    kept_noise: frozenset[tuple[str, str]] = frozenset()

    @classmethod
    def builtin(cls) -> Lexicon:
        return cls(dict(ACRONYMS), dict(ABBREVIATIONS))

    @classmethod
    def from_titles(cls, titles: Iterable[str]) -> Lexicon:
        counts: dict[str, Counter[str]] = {"acronym": Counter(), "abbreviation": Counter()}
        for title in titles:
            parts = _split_parenthetical(title)
            if parts is None:
                continue
            first, second = (raw_tokens(p) for p in parts)
            for short, long in ((first, second), (second, first)):
                aligned = align_forms(short, [w.lower() for w in long])
                if aligned:
                    for kind, word, phrase in aligned:
                        counts[kind][f"{word}\t{phrase}"] += 1
                    break
        acronyms: dict[str, list[str]] = defaultdict(list)
        abbreviations: dict[str, list[str]] = defaultdict(list)
        for kind, target, minimum in (("acronym", acronyms, 1), ("abbreviation", abbreviations, 2)):
            for key, count in counts[kind].most_common():
                word, phrase = key.split("\t")
                if count >= minimum and len(target[word]) < 2:
                    target[word].append(phrase)
        lexicon = cls.builtin()
        lexicon.kept_noise = frozenset(
            (first, second)
            for title in titles
            for first, second in itertools.pairwise(w.lower() for w in raw_tokens(title))
            if first in NOISE_WORDS
        )
        for word, phrases in acronyms.items():
            known = list(lexicon.acronyms.get(word, ()))
            lexicon.acronyms[word] = tuple(dict.fromkeys(known + phrases))[:3]
        for word, phrases in abbreviations.items():
            if word not in lexicon.abbreviations and word not in lexicon.acronyms:
                lexicon.abbreviations[word] = tuple(phrases)
        return lexicon


def _split_parenthetical(title: str) -> tuple[str, str] | None:
    """Split "Certified Public Accountant (CPA)" into ("Certified Public Accountant", "CPA")."""
    found = _PAREN_RE.match(title)
    if not found:
        return None
    before, inside, after = found["before"].strip(), found["inside"].strip(), found["after"].strip()
    if not before or not inside:
        return None
    outside = f"{before} {after}".strip()
    # "Cath Lab Tech (Catheterization Laboratory Technician) Supervisor" is rare: keep the tail.
    return outside, f"{inside} {after}".strip() if after else inside


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
        if _is_acronym_token(token) and lower in lexicon.acronyms:
            words.extend(lexicon.acronyms[lower][0].split())
        elif lower in ABBREVIATIONS:
            words.extend(ABBREVIATIONS[lower][0].split())
        else:
            words.append(lower)
    return words


def _finish(words: list[str], kept_noise: frozenset[tuple[str, str]] = frozenset()) -> Analysed:
    cleaned = _strip_noise(words, kept_noise)
    singulars = tuple(singular(w) for w in cleaned)
    core = tuple(w for w in singulars if w not in SENIORITY_WORDS) or singulars
    return Analysed(tuple(cleaned), " ".join(singulars), core)


def _spelt_out(first: list[str], second: list[str]) -> list[str] | None:
    """The long form of "X (Y)" when one side abbreviates the other ("CTO" and its words)."""
    if align_forms(first, [w.lower() for w in second]) is not None:
        return second
    if align_forms(second, [w.lower() for w in first]) is not None:
        return first
    return None


def analyse_title(title: str, lexicon: Lexicon) -> Analysed:
    """The canonical reading of a title from the data: long form of "X (ACR)", acronyms expanded."""
    parts = _split_parenthetical(title)
    if parts is not None:
        first, second = (raw_tokens(p) for p in parts)
        long = _spelt_out(first, second)
        tokens = long if long is not None else first + second
    else:
        tokens = raw_tokens(title)
    return _finish(_expand_title_tokens(tokens, lexicon), lexicon.kept_noise)


# --------------------------------------------------------------------------- spelling


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


# --------------------------------------------------------------------------- lexical index


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


# --------------------------------------------------------------------------- vector search


class VectorIndex:
    """Unit vectors with a quick first pass over their leading principal components.

    A full pass over 47,000 x 384 floats is bound by memory bandwidth; the first 128
    components hold most of the variance, so they pick the candidates and only those (plus
    any rows the caller names) get the exact cosine.
    """

    def __init__(self, vectors: np.ndarray, reduced_dim: int = 128, min_rows: int = 4096) -> None:
        self.vectors = vectors
        self.basis: np.ndarray | None = None
        self.head: np.ndarray | None = None
        if len(vectors) >= min_rows and vectors.shape[1] > reduced_dim:
            # A strided sample gives the same components at a fraction of the cost.
            sample = vectors[:: max(1, len(vectors) // 8192)]
            _, eigenvectors = np.linalg.eigh(sample.T @ sample)
            self.basis = np.ascontiguousarray(eigenvectors[:, ::-1][:, :reduced_dim], np.float32)
            self.head = np.ascontiguousarray(vectors @ self.basis)

    def similarities(
        self, query: np.ndarray, exact_rows: np.ndarray | None = None, candidates: int = 1000
    ) -> np.ndarray:
        """Cosine of `query` to every row: exact for the best candidates and `exact_rows`."""
        # einsum, not BLAS: a threaded BLAS gemv waits milliseconds for its threads to wake
        # whenever another process holds a core (measured 8 ms vs 0.15 ms for 2,400 rows).
        if self.basis is None or self.head is None:
            return np.einsum("ij,j->i", self.vectors, query)
        approx = np.einsum("ij,j->i", self.head, np.einsum("j,jk->k", query, self.basis))
        count = min(candidates, len(approx))
        rows = np.argpartition(-approx, count - 1)[:count]
        if exact_rows is not None and len(exact_rows):
            rows = np.union1d(rows, exact_rows)
        approx[rows] = np.einsum("ij,j->i", self.vectors[rows], query)
        return approx

    def top(
        self, queries: np.ndarray, k: int, margin: float = 0.1
    ) -> tuple[np.ndarray, np.ndarray]:
        """The k most similar rows for each query with exact cosines, best first: [B, k] each.

        Candidates are the rows whose approximate cosine lies within `margin` of the k-th best
        approximate one (the discarded components move a cosine by far less than that).
        """
        queries = np.asarray(queries, dtype=np.float32)
        k = max(1, min(k, len(self.vectors)))
        if self.basis is None or self.head is None:
            approx = queries @ self.vectors.T
            margin = 0.0
        else:
            approx = (queries @ self.basis) @ self.head.T
        # k-th best per row by repeated maxima: far cheaper than a partition of the whole row.
        if k == 1:
            kth = approx.max(axis=1)
        else:
            work = approx.copy()
            for _ in range(k - 1):
                work[np.arange(len(work)), work.argmax(axis=1)] = -np.inf
            kth = work.max(axis=1)
        # 1-D flatnonzero + divmod: the 2-D np.nonzero is eight times slower on [1000, 18796].
        rows, cols = np.divmod(np.flatnonzero(approx >= (kth - margin)[:, None]), approx.shape[1])
        if self.basis is None:
            exact = approx[rows, cols]
        else:
            exact = np.einsum("ij,ij->i", self.vectors[cols], queries[rows])
        order = np.lexsort((cols, -exact, rows))
        rows, cols, exact = rows[order], cols[order], exact[order]
        starts = np.searchsorted(rows, np.arange(len(queries)))
        picks = starts[:, None] + np.arange(k)[None, :]
        return cols[picks], exact[picks]


# --------------------------------------------------------------------------- title matcher


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


_T = TypeVar("_T")


def _cached(
    path: Path | None,
    build: Callable[[], _T],
    to_arrays: Callable[[_T], dict[str, np.ndarray]],
    from_arrays: Callable[[Any], _T],
) -> _T:
    """Derived data from an .npz in the user cache, or built and written there."""
    if path is None:
        return build()
    if path.is_file():
        try:
            with np.load(path, allow_pickle=False) as arrays:
                return from_arrays(arrays)
        except (OSError, KeyError, ValueError, EOFError, zipfile.BadZipFile, zlib.error):
            pass  # damaged: rebuild below
    value = build()
    tmp = path.with_name(f"{path.name}.{os.getpid()}.tmp")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with tmp.open("wb") as handle:
            np.savez(handle, **to_arrays(value))  # type: ignore[arg-type]
        tmp.replace(path)
    except OSError:
        # An unwritable cache only costs a rebuild next time (and on a read-only folder even
        # removing the temp file fails).
        with contextlib.suppress(OSError):
            tmp.unlink(missing_ok=True)
    return value


def load_title_lexical(
    rows: Sequence[TitleRow], occupations: dict[str, str], cache_dir: Path | None
) -> TitleLexical:
    """From the user cache when it was derived from the same rows, else built (and cached)."""
    name = f"title-lexical-{title_rows_digest(rows, occupations)[:20]}.npz"
    return _cached(
        cache_dir / name if cache_dir is not None else None,
        lambda: build_title_lexical(rows, occupations),
        TitleLexical.to_arrays,
        TitleLexical.from_arrays,
    )


def skill_features(label: str) -> list[str]:
    return lexical_features(_finish(raw_tokens(label.lower())).core)


def load_skill_lexical(labels: Sequence[str], cache_dir: Path | None) -> LexicalIndex:
    digest = hashlib.sha256(f"skills-{NORMALISER_VERSION}:{texts_digest(labels)}".encode())
    return _cached(
        cache_dir / f"skill-lexical-{digest.hexdigest()[:20]}.npz" if cache_dir else None,
        lambda: LexicalIndex.build([skill_features(label) for label in labels]),
        lambda index: index.to_arrays("lex_"),
        lambda arrays: LexicalIndex.from_arrays(arrays, "lex_"),
    )


MAX_VARIANTS = 4
MAX_QUERY_CHARS = 300
MAX_QUERY_TOKENS = 24
_SPREAD_CANDIDATES = 200
_LEXICAL_CANDIDATES = 300


def _query_tokens(query: str) -> list[str]:
    """Tokens of a query; "Registered Nurse (RN)" keeps only the spelt-out form, as titles do
    (expanding the acronym again could pick another reading: CPC, Certified Professional Coder).
    """
    parts = _split_parenthetical(query)
    if parts is not None:
        long = _spelt_out(*(raw_tokens(p) for p in parts))
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
        if acronym and (_is_acronym_token(token) or not abbreviation):
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
        reading = _finish(words, lexicon.kept_noise) if words else Analysed((), "", ())
        if reading.text and reading.text not in seen:
            seen.add(reading.text)
            out.append(reading)
    # Text without Latin letters or digits gives no reading: the model and the titles are
    # English, and a guess from an unknown script would only look like an answer.
    return out


def _best_reading(reads: Sequence[Analysed], score: Callable[[Analysed], np.ndarray]) -> np.ndarray:
    """The element-wise best of `score` over a query's readings."""
    best = score(reads[0])
    for reading in reads[1:]:
        np.maximum(best, score(reading), out=best)
    return best


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
        vote_file: Path | None = None,
    ) -> None:
        self.encoder = encoder
        self.vote_file = vote_file if vote_file is not None else paths.model_path(VOTE_FILE)
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
        self._vote: tuple[ActivityVote | None] | None = None

    # ---- building

    def titles(self, progress: Progress = NULL_PROGRESS) -> TitleIndex:
        if self._titles is None:
            with self._lock:
                if self._titles is None:
                    self._titles = self._build_titles(progress)
        return self._titles

    def _build_titles(self, progress: Progress) -> TitleIndex:
        occupations = load_occupations(self.db_path)
        all_rows = load_title_rows(self.db_path)
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
                    rows = load_tasks(self.db_path)
                    stored = self.store.vectors("task", [t for _, _, t in rows], progress=progress)
                    self._tasks = (VectorIndex(stored.vectors), rows)
        return self._tasks

    def skills(
        self, progress: Progress = NULL_PROGRESS
    ) -> tuple[VectorIndex, list[tuple[str, str]], LexicalIndex]:
        if self._skills is None:
            with self._lock:
                if self._skills is None:
                    rows = load_skills(self.db_path)
                    stored = self.store.vectors(
                        "skill", [lab for _, lab in rows], progress=progress
                    )
                    lexical = load_skill_lexical(stored.texts, self.store.cache_dir)
                    self._skills = (VectorIndex(stored.vectors), rows, lexical)
        return self._skills

    def activity_vote(self) -> ActivityVote | None:
        """The work-activity vote for O*NET task statements (None without one for this model)."""
        if self._vote is None:
            with self._lock:
                if self._vote is None:
                    self._vote = (
                        load_activity_vote(self.db_path, self.vote_file, self.encoder.model_sha256),
                    )
        return self._vote[0]

    def exposure_probs(self, texts: Sequence[str], probs: np.ndarray) -> np.ndarray:
        """The model's exposure probabilities with the work-activity vote where it applies."""
        vote = self.activity_vote()
        return vote.blend(texts, probs) if vote is not None else probs

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
            lexical = _best_reading(reads, lambda r: index.lexical.scores(lexical_features(r.core)))
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
                coverage = _best_reading(reads, lambda r: words.coverage(word_features(r.core)))
                per_code += w.vocabulary * coverage
            if w.head:
                # 1 where a title of the code ends in the head word of one of the readings.
                per_code += w.head * _best_reading(
                    reads, lambda r: words.coverage(head_features(r))
                )
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
