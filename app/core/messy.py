"""Synthetic 'as typed' variants of job titles: lowercase, abbreviations, typos, level suffixes."""

from __future__ import annotations

import re

import numpy as np

_ABBREVIATIONS = {
    "manager": "mgr",
    "senior": "sr",
    "junior": "jr",
    "assistant": "asst",
    "technician": "tech",
    "engineer": "eng",
    "associate": "assoc",
    "supervisor": "supv",
    "administrator": "admin",
    "representative": "rep",
    "coordinator": "coord",
    "specialist": "spec",
    "director": "dir",
    "department": "dept",
    "development": "dev",
    "operator": "op",
    "executive": "exec",
    "management": "mgmt",
    "information": "info",
    "technology": "tech",
    "maintenance": "maint",
    "vice president": "vp",
    "president": "pres",
    "registered nurse": "rn",
    "customer": "cust",
    "service": "svc",
    "services": "svcs",
    "general": "gen",
    "international": "intl",
    "accountant": "acct",
    "accounting": "acctg",
    "mechanic": "mech",
    "mechanical": "mech",
    "electrical": "elec",
    "analyst": "anlst",
    "and": "&",
    "software": "sw",
    "human resources": "hr",
    "officer": "ofcr",
    "production": "prod",
    "quality assurance": "qa",
    "laboratory": "lab",
}
_SUFFIXES = (
    " - remote",
    " II",
    " III",
    " I",
    " trainee",
    " (remote)",
    " - part time",
    " lead",
    " - contract",
    " apprentice",
    " 2",
    " level 1",
)
_PREFIXES = ("senior ", "sr ", "junior ", "lead ", "trainee ", "assistant ", "head ")


def _abbreviate(text: str, rs: np.random.Generator) -> str:
    words = list(_ABBREVIATIONS.items())
    rs.shuffle(words)
    out = text
    for full, short in words:
        pattern = re.compile(rf"\b{re.escape(full)}\b", re.IGNORECASE)
        if pattern.search(out) and rs.random() < 0.8:
            out = pattern.sub(short, out)
    return out


def _typo(text: str, rs: np.random.Generator) -> str:
    letters = [i for i in range(len(text) - 1) if text[i].isalpha() and text[i + 1].isalpha()]
    if not letters:
        return text
    i = int(rs.choice(letters))
    kind = rs.integers(0, 3)
    if kind == 0:  # transposition
        return text[:i] + text[i + 1] + text[i] + text[i + 2 :]
    if kind == 1:  # dropped letter
        return text[:i] + text[i + 1 :]
    return text[:i] + text[i] + text[i:]  # doubled letter


def messy_variant(title: str, rs: np.random.Generator) -> str:
    """One random noisy rendering of `title`; always differs from it when possible."""
    out = title
    for _ in range(3):
        if rs.random() < 0.5:
            out = _abbreviate(out, rs)
        if rs.random() < 0.4:
            out = _typo(out, rs)
        if rs.random() < 0.35:
            out = out + str(rs.choice(_SUFFIXES))
        elif rs.random() < 0.15:
            out = str(rs.choice(_PREFIXES)) + out
        if rs.random() < 0.7:
            out = out.lower()
        if out != title:
            return out
    return _typo(title.lower(), rs)
