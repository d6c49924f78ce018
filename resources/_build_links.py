"""O*NET occupation -> ESCO occupation links: candidates, one scoring rule, the kept links ranked."""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import numpy as np
from _build_common import Row, Tables, columns, number, read_csv

# -- The rule (resources/SCHEMA.md and docs/engine.md explain it; weights and thresholds were
# chosen on the `tune` half of resources/esco_link_judgements.tsv and never on the `report` half).
# score = TITLE + 0.25 EXACT + 1.0 DESCRIPTION + 0.5 CONTENT + 0.1 ISCO + 0.3 NESTA
WEIGHTS = {
    "title": 1.0,
    "exact": 0.25,
    "description": 1.0,
    "content": 0.5,
    "isco": 0.1,
    "nesta": 0.3,
}
# A part of a multi-part O*NET title ("Translators" in "Interpreters and Translators") counts
# with (its share of the title's word weight) ** this, so one generic word cannot win alone.
TITLE_PART_EXPONENT = 0.5
# Candidates besides Nesta's links and the ISCO unit groups: title matches at least this good,
# any exact title match, and the best few by description-and-task text.
CANDIDATE_TITLE_MIN = 0.5
CANDIDATE_TEXT_TOP = 8
# Candidates that only the text brought in (no title match, outside the ISCO groups, not linked by
# Nesta) count at this share of their score: they are there for occupations nothing else reaches
# (an empty ISCO group, titles ESCO does not use), not to outrank a same-group occupation
# ("doctors' surgery assistant" for anesthesiologists instead of "specialised doctor").
TEXT_ONLY_FACTOR = 0.5
# Links kept: the best always; another only if it scores at least KEEP_RATIO x the best, this
# O*NET occupation is the one it scores highest with (so "court clerk" stays with court clerks),
# and it shares at least KEEP_SKILL_OVERLAP of its skills with the best (weighted Jaccard,
# essential 1, optional 0.5), at most KEEP_MAX links in all.
KEEP_RATIO = 0.8
KEEP_SKILL_OVERLAP = 0.05
KEEP_MAX = 4
SCORE_DIGITS = 6

_WORD = re.compile(r"[a-z0-9]+")
_PARENS = re.compile(r"\([^)]*\)")
_TAIL = re.compile(r",?\s*\b(except|including)\b.*$", re.IGNORECASE)
_PARTS = re.compile(r",\s*(?:and\s+|or\s+)?|\s+and\s+|\s+or\s+")
_TITLE_STOP = frozenset(
    {
        "a", "an", "and", "or", "of", "the", "in", "for", "to", "on", "with", "by", "at", "all",
        "other", "except", "including", "general",
    }
)  # fmt: skip
_TEXT_STOP = _TITLE_STOP | {
    "such", "as", "may", "be", "are", "is", "their", "they", "them", "this", "that", "these",
    "those", "from", "into", "use", "used", "using", "ensure", "also", "which", "who", "its",
    "it", "well", "include", "includes", "work", "works", "worker", "workers", "perform",
    "performs",
}  # fmt: skip
_SUFFIXES = ("ation", "ing", "ers", "er", "ed", "ly", "ion", "al", "ive", "ment", "ist", "or")


@cache
def _fold(word: str) -> str:
    """Plural to singular, roughly: 'nurses' -> 'nurse', 'midwives' -> 'midwife'."""
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if word.endswith(("wives", "knives")):
        return word[:-3] + "fe"
    if len(word) > 4 and word.endswith(("sses", "shes", "ches", "xes")):
        return word[:-2]
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


@cache
def _stem(word: str) -> str:
    """A crude stem for description text ('designs', 'designer', 'designing' meet)."""
    word = _fold(word)
    for suffix in _SUFFIXES:
        if len(word) - len(suffix) >= 4 and word.endswith(suffix):
            return word[: -len(suffix)]
    return word


def title_words(value: str) -> list[str]:
    return [_fold(w) for w in _WORD.findall(value.lower()) if w not in _TITLE_STOP]


@cache
def title_key(value: str) -> str:
    """A title or label reduced for exact comparison: no bracketed part, folded words."""
    return " ".join(title_words(_PARENS.sub(" ", value)))


def title_variants(title: str) -> list[str]:
    """The O*NET title, its parts, and one-word parts completed by the last word.

    "Bookkeeping, Accounting, and Auditing Clerks" -> the whole, "Bookkeeping", "Bookkeeping
    Clerks", "Accounting", "Accounting Clerks", "Auditing Clerks"; "…, Except …" is dropped.
    """
    title = _TAIL.sub("", _PARENS.sub(" ", title)).strip()
    parts = [p.strip() for p in _PARTS.split(title) if p.strip()]
    out = [title]
    if len(parts) > 1:
        last = parts[-1].split()
        for part in parts:
            out.append(part)
            if part is not parts[-1] and len(part.split()) == 1 and len(last) >= 2:
                out.append(f"{part} {last[-1]}")
    return out


def _bag(value: str) -> Counter[str]:
    return Counter(
        _stem(w) for w in _WORD.findall(value.lower()) if len(w) > 2 and w not in _TEXT_STOP
    )


@dataclass
class _Text:
    """IDF-weighted, length-normalised word vectors over one shared vocabulary."""

    bags: list[Counter[str]]
    vocab: dict[str, int] = field(init=False)
    idf: np.ndarray = field(init=False)

    def __post_init__(self) -> None:
        df: Counter[str] = Counter()
        for bag in self.bags:
            df.update(bag.keys())
        # A word in a single document cannot make two documents similar.
        words = sorted(w for w, n in df.items() if n >= 2)
        self.vocab = {w: i for i, w in enumerate(words)}
        docs = len(self.bags)
        self.idf = np.array([math.log((docs + 1) / (df[w] + 1)) + 1 for w in words])

    def vectors(self, bags: Iterable[Counter[str]]) -> list[tuple[np.ndarray, np.ndarray]]:
        """Each bag as (word indices, unit-length weights); words outside the vocabulary drop."""
        out = []
        for bag in bags:
            pairs = sorted(
                (self.vocab[w], (1 + math.log(n)) * self.idf[self.vocab[w]])
                for w, n in bag.items()
                if w in self.vocab
            )
            index = np.array([j for j, _ in pairs], dtype=np.int64)
            value = np.array([v for _, v in pairs], dtype=np.float64)
            norm = float(np.sqrt(value @ value))
            out.append((index, value / norm if norm else value))
        return out

    def cosines(
        self, rows: list[tuple[np.ndarray, np.ndarray]], cols: list[tuple[np.ndarray, np.ndarray]]
    ) -> np.ndarray:
        """Cosine of every row against every column, through an inverted index of the columns
        (the vectors are sparse: a dense product would hold 3,007 x 7,000 weights)."""
        owner: list[list[int]] = [[] for _ in self.vocab]
        weight: list[list[float]] = [[] for _ in self.vocab]
        for c, (index, value) in enumerate(cols):
            for j, v in zip(index.tolist(), value.tolist(), strict=True):
                owner[j].append(c)
                weight[j].append(v)
        post_owner = [np.array(o, dtype=np.int64) for o in owner]
        post_weight = [np.array(w, dtype=np.float64) for w in weight]
        out = np.zeros((len(rows), len(cols)))
        for r, (index, value) in enumerate(rows):
            if not len(index):
                continue
            hits = np.concatenate([post_owner[j] for j in index.tolist()])
            contrib = np.concatenate(
                [post_weight[j] * v for j, v in zip(index.tolist(), value.tolist(), strict=True)]
            )
            out[r] = np.bincount(hits, weights=contrib, minlength=len(cols))
        return out


class _Titles:
    """IDF-weighted Dice between an O*NET title and every ESCO occupation's labels (best label)."""

    def __init__(self, labels: list[list[frozenset[str]]], onet: list[frozenset[str]]) -> None:
        df: Counter[str] = Counter()
        for sets in labels:
            df.update(frozenset().union(*sets))
        for words in onet:
            df.update(words)
        docs = len(labels) + len(onet)
        self.idf = {w: math.log((docs + 1) / (n + 1)) + 1 for w, n in df.items()}
        self.unseen = math.log(docs + 1) + 1
        owner: list[int] = []
        weight: list[float] = []
        postings: dict[str, list[int]] = defaultdict(list)
        for i, sets in enumerate(labels):
            for words in sorted(set(sets), key=sorted):
                if not words:
                    continue
                for w in words:
                    postings[w].append(len(owner))
                owner.append(i)
                weight.append(self.weight(words))
        self.owner = np.array(owner)
        self.label_weight = np.array(weight)
        self.postings = {w: np.array(p) for w, p in postings.items()}
        # Labels are grouped by occupation, so a segmented max gives each occupation's best.
        self.starts = np.flatnonzero(np.r_[True, self.owner[1:] != self.owner[:-1]])
        self.count = len(labels)

    def weight(self, words: Iterable[str]) -> float:
        return sum(self.idf.get(w, self.unseen) for w in words)

    def dice(self, words: frozenset[str]) -> np.ndarray:
        shared = np.zeros(len(self.owner))
        for w in words:
            hits = self.postings.get(w)
            if hits is not None:
                shared[hits] += self.idf.get(w, self.unseen)
        per_label = 2 * shared / (self.weight(words) + self.label_weight)
        out = np.zeros(self.count)
        out[self.owner[self.starts]] = np.maximum.reduceat(per_label, self.starts)
        return out


def _nesta_links(
    source: Path, occ: dict[str, dict[str, Any]], known: set[str], tables: Tables
) -> dict[tuple[str, str], tuple[float | None, float | None]]:
    """Nesta's crosswalk with O*NET-SOC 2010 codes turned into 2019 codes."""
    to2019: dict[str, set[str]] = defaultdict(set)
    x19 = read_csv(source / "crosswalks" / "2010_to_2019_soc_crosswalk.csv")
    for old, new in columns(x19, "O*NET-SOC 2010 Code", "O*NET-SOC 2019 Code"):
        to2019[old.strip()].add(new.strip())
    nesta = read_csv(source / "nesta" / "esco_onet_crosswalk_Nov2020.csv")
    links: dict[tuple[str, str], tuple[float | None, float | None]] = {}
    unknown_uri = 0
    for old, uri, similarity, confidence in columns(
        nesta, "onet_code", "concept_uri", "semantic_similarity", "confidence"
    ):
        if uri not in known:
            unknown_uri += 1
            continue
        for code in sorted(to2019.get(old.strip(), set())):
            if code not in occ:
                continue
            score = number(similarity)
            held = links.get((code, uri))
            # Two 2010 codes can fold into one 2019 code; keep the stronger evidence.
            if held is None or (score or 0.0) > (held[0] or 0.0):
                links[(code, uri)] = (score, number(confidence))
    tables.coverage["nesta_rows_in_file"] = len(nesta)
    tables.coverage["nesta_rows_unknown_esco_uri"] = unknown_uri
    return links


@dataclass(frozen=True)
class Candidate:
    uri: str
    score: float
    method: str  # nesta | isco | title | text: how the candidate was found (first that applies)
    parts: dict[str, float]


def build_onet_esco(
    source: Path,
    tables: Tables,
    occ: dict[str, dict[str, Any]],
    lookups: dict[str, Any],
) -> None:
    """Score every candidate pair with one rule and keep each occupation's best links, ranked."""
    occ_id: dict[str, int] = lookups["occ_id"]
    uris = sorted(occ_id)
    upos = {u: i for i, u in enumerate(uris)}
    codes = sorted(occ)
    nesta = _nesta_links(source, occ, set(occ_id), tables)
    nesta_of: dict[str, list[str]] = defaultdict(list)
    for code, uri in sorted(nesta):
        nesta_of[code].append(uri)

    isco: dict[str, set[str]] = defaultdict(set)
    for code, group in tables.rows["occupation_isco"]:
        isco[code].add(group)
    by_isco: dict[str, list[str]] = lookups["by_isco"]
    esco_isco = {u: g for g, members in by_isco.items() for u in members}

    # Titles: O*NET titles, alternate and short titles; ESCO preferred and alternative labels.
    onet_titles: dict[str, list[str]] = defaultdict(list)
    for _id, code, title, kind in tables.rows["titles"]:
        if kind in ("occupation", "alternate", "short"):
            onet_titles[code].append(title)
    names: dict[str, list[str]] = lookups["occ_names"]
    label_sets = [[frozenset(title_words(n)) for n in names[u] if n.strip()] for u in uris]
    titles = _Titles(
        label_sets, [frozenset(w for t in onet_titles[c] for w in title_words(t)) for c in codes]
    )
    by_key: dict[str, set[str]] = defaultdict(set)
    for u in uris:
        for name in names[u]:
            if name.strip():
                by_key[title_key(name)].add(u)
    sharing: Counter[str] = Counter()
    for c in codes:
        sharing.update({title_key(t) for t in onet_titles[c]})

    # Text: descriptions; O*NET tasks; the labels of each ESCO occupation's essential skills.
    skill_label = {row[0]: row[2] for row in tables.rows["esco_skills"]}
    id_uri = {i: u for u, i in occ_id.items()}
    essentials: dict[str, list[str]] = defaultdict(list)
    skills: dict[str, dict[int, float]] = defaultdict(dict)
    for oid, sid, essential in tables.rows["esco_occupation_skill_ids"]:
        skills[id_uri[oid]][sid] = 1.0 if essential else 0.5
        if essential:
            essentials[id_uri[oid]].append(skill_label[sid])
    tasks: dict[str, list[str]] = defaultdict(list)
    for _tid, code, task, _kind in tables.rows["tasks"]:
        tasks[code].append(task)
    descriptions: dict[str, str] = lookups["occ_descriptions"]
    e_desc = [_bag(descriptions[u]) for u in uris]
    e_skill = [_bag(" ".join(sorted(essentials[u]))) for u in uris]
    o_desc = [_bag(occ[c].get("description") or "") for c in codes]
    o_task = [_bag(" ".join(tasks[c])) for c in codes]
    text = _Text(e_desc + e_skill + o_desc + o_task)
    description = text.cosines(text.vectors(o_desc), text.vectors(e_desc))
    content = text.cosines(
        text.vectors(d + t for d, t in zip(o_desc, o_task, strict=True)),
        text.vectors(d + s for d, s in zip(e_desc, e_skill, strict=True)),
    )

    scored: dict[str, list[Candidate]] = {}
    for ci, code in enumerate(codes):
        variants = title_variants(occ[code]["title"])
        whole = titles.weight(title_words(variants[0])) or 1.0
        title = np.zeros(len(uris))
        for variant in variants:
            words = frozenset(title_words(variant))
            if words:
                share = min(1.0, titles.weight(words) / whole) ** TITLE_PART_EXPONENT
                title = np.maximum(title, titles.dice(words) * share)
        exact: dict[str, float] = {}
        for t in onet_titles[code]:
            key = title_key(t)
            for u in by_key.get(key, ()):
                # A title many O*NET occupations share says less about any one of them.
                exact[u] = max(exact.get(u, 0.0), 1 / math.sqrt(sharing[key]))
        groups = isco.get(code, set())
        found: dict[str, str] = {}
        for u in nesta_of.get(code, []):
            found[u] = "nesta"
        for g in sorted(groups):
            for u in by_isco.get(g, []):
                found.setdefault(u, "isco")
        for hit in np.flatnonzero(title >= CANDIDATE_TITLE_MIN):
            found.setdefault(uris[hit], "title")
        for u in sorted(exact):
            found.setdefault(u, "title")
        for hit in np.argsort(-content[ci], kind="stable")[:CANDIDATE_TEXT_TOP]:
            found.setdefault(uris[hit], "text")
        out = []
        for u, method in found.items():
            j = upos[u]
            parts = {
                "title": float(title[j]),
                "exact": exact.get(u, 0.0),
                "description": float(description[ci, j]),
                "content": float(content[ci, j]),
                "isco": float(esco_isco.get(u) in groups),
                "nesta": float((code, u) in nesta),
            }
            score = sum(WEIGHTS[k] * v for k, v in parts.items())
            if method == "text":
                score *= TEXT_ONLY_FACTOR
            score = round(score, SCORE_DIGITS)
            out.append(Candidate(u, score, method, parts))
        out.sort(key=lambda c: (-c.score, c.uri))
        scored[code] = out

    # Each ESCO occupation's highest score over all O*NET occupations.
    owner_score: dict[str, float] = {}
    for candidates in scored.values():
        for cand in candidates:
            owner_score[cand.uri] = max(owner_score.get(cand.uri, 0.0), cand.score)

    def overlap(a: str, b: str) -> float:
        sa, sb = skills[a], skills[b]
        keys = sa.keys() | sb.keys()
        top = sum(max(sa.get(k, 0.0), sb.get(k, 0.0)) for k in keys)
        return sum(min(sa.get(k, 0.0), sb.get(k, 0.0)) for k in keys) / top if top else 0.0

    rows: list[Row] = []
    kept_by_method: Counter[str] = Counter()
    best_by_method: Counter[str] = Counter()
    per_code: Counter[int] = Counter()
    for code in codes:
        candidates = scored[code]
        if not candidates:
            continue
        best = candidates[0]
        kept = [best]
        for cand in candidates[1:]:
            if len(kept) >= KEEP_MAX:
                break
            if (
                cand.score >= KEEP_RATIO * best.score
                and cand.score >= owner_score[cand.uri]
                and overlap(cand.uri, best.uri) >= KEEP_SKILL_OVERLAP
            ):
                kept.append(cand)
        for rank, cand in enumerate(kept, start=1):
            confidence = nesta[(code, cand.uri)][1] if (code, cand.uri) in nesta else None
            rows.append((code, cand.uri, rank, cand.method, cand.score, confidence))
            kept_by_method[cand.method] += 1
        best_by_method[best.method] += 1
        per_code[len(kept)] += 1
    tables.put("onet_esco", rows)

    coded_tasks = {row[1] for row in tables.rows["tasks"]}
    linked = {row[0] for row in rows}
    nesta_codes = {code for code, _u in nesta}
    cov = tables.coverage
    cov["onet_esco_nesta_occupations"] = len(nesta_codes)
    cov["onet_esco_nesta_occupations_with_tasks"] = len(nesta_codes & coded_tasks)
    cov["onet_esco_nesta_links_in_crosswalk"] = len(nesta)
    cov["onet_esco_occupations"] = len(linked)
    cov["onet_esco_occupations_with_tasks"] = len(linked & coded_tasks)
    cov["occupations_with_tasks_total"] = len(coded_tasks)
    cov["onet_esco_links"] = len(rows)
    cov["onet_esco_links_by_method"] = dict(sorted(kept_by_method.items()))
    cov["onet_esco_best_link_by_method"] = dict(sorted(best_by_method.items()))
    cov["onet_esco_links_per_occupation"] = {str(k): v for k, v in sorted(per_code.items())}
    cov["onet_esco_rule"] = {
        "weights": WEIGHTS,
        "title_part_exponent": TITLE_PART_EXPONENT,
        "candidate_title_min": CANDIDATE_TITLE_MIN,
        "candidate_text_top": CANDIDATE_TEXT_TOP,
        "text_only_factor": TEXT_ONLY_FACTOR,
        "keep_ratio": KEEP_RATIO,
        "keep_skill_overlap": KEEP_SKILL_OVERLAP,
        "keep_max": KEEP_MAX,
    }
