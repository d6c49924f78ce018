"""The words of job titles: abbreviation, acronym and noise tables, tokens, the titles' lexicon."""

from __future__ import annotations

import itertools
import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

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


def is_acronym_token(token: str) -> bool:
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
        if is_acronym_token(token):
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
            parts = split_parenthetical(title)
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


def split_parenthetical(title: str) -> tuple[str, str] | None:
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
