"""Deterministic held-out splits used to validate the model and the search honestly.

Training never sees any data of a validation occupation; evaluation queries titles that are
also removed from the search index. The rule is a hash of the code, so it needs no stored list.
"""

from __future__ import annotations

import hashlib

VALIDATION_SHARE_PERCENT = 20
HELD_OUT_REPORTED_PERCENT = 20
_SALT = "skillshift-validation-v1"


def _bucket(key: str) -> int:
    digest = hashlib.sha256(f"{_SALT}:{key}".encode()).digest()
    return int.from_bytes(digest[:4], "big") % 100


def is_validation_occupation(code: str) -> bool:
    """True for about one occupation in five (by O*NET-SOC 2019 code)."""
    return _bucket(code.strip()) < VALIDATION_SHARE_PERCENT


def is_held_out_title(code: str, title: str, source: str) -> bool:
    """Titles of validation occupations that evaluation queries and the index must not contain.

    Every reported title and about half of the alternate titles of a validation occupation are
    held out; its official title and the rest stay in the index, as they would for a real user.
    """
    if not is_validation_occupation(code) or source == "occupation":
        return False
    if source == "reported":
        return True
    return _bucket(f"{code}|{title.strip().lower()}") < 50


def is_held_out_reported(code: str, title: str) -> bool:
    """About one reported job title in five, of every occupation, kept from training and search.

    Mirrors how titles are withheld for an independent check: the occupation stays known (its
    other titles, tasks and description), only this title is new. The alternate title that
    repeats a held-out reported title is held out with it (the caller pairs them by text).
    """
    return _bucket(f"reported|{code.strip()}|{title.strip().lower()}") < HELD_OUT_REPORTED_PERCENT
