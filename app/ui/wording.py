"""UI words for the core's codes, shared by the pages and the report (the core returns codes)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from app.core.transitions import LearningStep


# The translation contexts are the pages' own, where these words first appeared.
def _exposure(text: str) -> str:
    return QCoreApplication.translate("ExposurePage", text)


def _pathways(text: str) -> str:
    return QCoreApplication.translate("PathwaysPage", text)


def measure_name(code: str) -> str:
    return {
        "human_beta": _exposure("Human raters (Eloundou)"),
        "gpt4_beta": _exposure("GPT-4 raters (Eloundou)"),
        "ms_applicability": _exposure("AI applicability (Microsoft)"),
        "anthropic_usage": _exposure("Observed AI use (Anthropic)"),
        "model_beta": _exposure("SkillShift model (all its tasks)"),
    }.get(code, code)


def label_name(label: str | None) -> str:
    return {
        "E0": _exposure("E0 · not exposed"),
        "E1": _exposure("E1 · exposed"),
        "E2": _exposure("E2 · exposed with tools"),
    }.get(label or "", "—")


def verdict_text(verdict: str) -> str:
    return {
        "agree": _exposure(
            "The published measures agree with the model: all put this occupation in the same third."
        ),
        "disagree": _exposure(
            "The published measures disagree with the model: none puts this occupation in the model's third."
        ),
        "mixed": _exposure(
            "The published measures partly agree: some put this occupation in the model's third, others do not."
        ),
        "insufficient": _exposure(
            "There are not enough published measures for this occupation to compare."
        ),
    }.get(verdict, verdict)


def reason_text(step: LearningStep) -> str:
    if step.reason == "prerequisite":
        return _pathways("learn first: other skills on this list build on it")
    if step.reason == "opens_moves":
        opens = QCoreApplication.translate(
            "PathwaysPage", "opens %n other move(s)", "", step.unlocks
        )
        if step.unlocks_safer:
            safer = step.unlocks_safer
            return opens + QCoreApplication.translate(
                "PathwaysPage", ", %n of them safer", "", safer
            )
        return opens
    if step.reason == "essential_for_target":
        return _pathways("essential for this occupation")
    return _pathways("useful for this occupation")
