"""Errors the core raises with a message meant for the person using the app."""

from __future__ import annotations


class SkillShiftError(Exception):
    """A problem the user can understand and act on (bad input, missing file, unknown code)."""

    exit_code = 2


class UnknownCodeError(SkillShiftError):
    def __init__(self, code: str) -> None:
        super().__init__(f"unknown occupation code: {code}")
        self.code = code


class ResourceError(SkillShiftError):
    """A bundled file (database, model) is missing, corrupt or modified."""
