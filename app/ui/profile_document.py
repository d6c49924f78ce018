"""The profile being edited: occupation, ticked and own tasks, skill chips, preferences, notes."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Signal

from app.core.profile import Preferences, Profile
from app.ui.models.task_checklist_model import TaskChecklistModel, TaskRow, default_weight

if TYPE_CHECKING:
    from app.core.catalog import Catalog, Task
    from app.core.search import OccupationMatch

# Two candidates whose match scores differ by less than this are both plausible readings.
AMBIGUITY_MARGIN = 0.06
AMBIGUITY_CANDIDATES = 3
TASKS_PER_CANDIDATE = 8
SKILL_KINDS = ("esco", "onet", "technology", "text")


@dataclass(frozen=True)
class SkillChip:
    kind: str  # esco | onet | technology | text (as in the core's ProfileSkill)
    value: str  # URI, element ID, technology example or the free text
    label: str
    origin: str  # where it came from, shown on the chip: "ESCO", "O*NET", "technology", "own words"

    def key(self) -> tuple[str, str]:
        return self.kind, self.value.lower()


def is_ambiguous(matches: list[OccupationMatch]) -> bool:
    return len(matches) >= 2 and matches[0].score - matches[1].score < AMBIGUITY_MARGIN


class ProfileDocument(QObject):
    """One editable profile; `changed` fires on every edit (autosave, live analysis)."""

    changed = Signal()
    occupation_changed = Signal()
    skills_changed = Signal()
    candidates_changed = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.alias = ""
        self.role_query = ""
        self.occupation_code: str | None = None
        self.occupation_title = ""
        self.candidates: tuple[OccupationMatch, ...] = ()  # set while a title is ambiguous
        self.skills: list[SkillChip] = []
        self.preferences = Preferences()
        self.include_occupation_skills = True
        self.notes = ""  # the current session's notes (the Clients page edits them)
        self.tasks = TaskChecklistModel(self)
        self.tasks.edited.connect(self._on_tasks_edited)
        self.tasks.edited.connect(self.changed)
        # Edited since it was last created, opened or saved (New and Quit ask before discarding).
        self.modified = False
        self._loading = False
        self.changed.connect(self._on_changed)

    def _on_changed(self) -> None:
        if not self._loading:
            self.modified = True

    @property
    def empty(self) -> bool:
        """Nothing a person entered: no occupation, task, skill, name or note."""
        return (
            self.occupation_code is None
            and not self.candidates
            and not self.tasks.checked()
            and not self.skills
            and not self.alias.strip()
            and not self.notes.strip()
        )

    # ---- occupation and tasks

    def set_occupation(self, catalog: Catalog, code: str, *, keep_ticked: bool = True) -> None:
        """Show `code`'s tasks; ticked tasks of other occupations and own tasks are kept."""
        occupation = catalog.occupation(code)
        kept = [r for r in self.tasks.rows() if r.own or (keep_ticked and r.checked)]
        kept_ids = {r.task_id for r in kept if r.task_id is not None}
        rows = [
            _unticked_row(t) for t in catalog.tasks(occupation.code) if t.task_id not in kept_ids
        ]
        own = [r for r in kept if r.own]
        ticked = [r for r in kept if not r.own]
        self.occupation_code = occupation.code
        self.occupation_title = occupation.title
        self.candidates = ()
        self.tasks.set_rows(own + ticked + rows, {occupation.code: occupation.title})
        self.occupation_changed.emit()
        self.candidates_changed.emit()
        self.changed.emit()

    def set_candidates(self, catalog: Catalog, matches: list[OccupationMatch]) -> None:
        """An ambiguous title: show the tasks of the top candidates together to choose by."""
        chosen = tuple(matches[:AMBIGUITY_CANDIDATES])
        titles: dict[str, str] = {}
        rows: list[TaskRow] = []
        kept = [r for r in self.tasks.rows() if r.own or r.checked]
        kept_ids = {r.task_id for r in kept}
        for match in chosen:
            titles[match.code] = match.title
            # Core tasks come first in the catalog; a few per candidate are enough to tell them apart.
            rows.extend(
                _unticked_row(t)
                for t in catalog.tasks(match.code)[:TASKS_PER_CANDIDATE]
                if t.task_id not in kept_ids
            )
        self.candidates = chosen
        # Until the person chooses, there is no occupation to analyse.
        self.occupation_code = None
        self.occupation_title = ""
        # Interleave so the first screen shows every candidate's tasks, not one occupation's.
        by_code: dict[str, list[TaskRow]] = {}
        for r in rows:
            by_code.setdefault(r.code or "", []).append(r)
        mixed: list[TaskRow] = []
        while any(by_code.values()):
            for code in list(by_code):
                if by_code[code]:
                    mixed.append(by_code[code].pop(0))
        self.tasks.set_rows(
            [r for r in kept if r.own] + [r for r in kept if not r.own] + mixed, titles
        )
        self.occupation_changed.emit()
        self.candidates_changed.emit()
        self.changed.emit()

    def ranked_candidates(self) -> list[tuple[OccupationMatch, int]]:
        """Candidates with how many of their tasks are ticked, most ticked first, then by match."""
        ticked: dict[str, int] = {}
        for r in self.tasks.checked():
            if r.code:
                ticked[r.code] = ticked.get(r.code, 0) + 1
        ranked = [(m, ticked.get(m.code, 0)) for m in self.candidates]
        ranked.sort(key=lambda pair: (-pair[1], -pair[0].score))
        return ranked

    def _on_tasks_edited(self) -> None:
        if self.candidates:
            self.candidates_changed.emit()

    # ---- skills

    def add_skill(self, chip: SkillChip) -> bool:
        if chip.kind not in SKILL_KINDS or not chip.value.strip():
            return False
        if any(s.key() == chip.key() for s in self.skills):
            return False
        self.skills.append(chip)
        self.skills_changed.emit()
        self.changed.emit()
        return True

    def remove_skill(self, chip: SkillChip) -> None:
        before = len(self.skills)
        self.skills = [s for s in self.skills if s.key() != chip.key()]
        if len(self.skills) != before:
            self.skills_changed.emit()
            self.changed.emit()

    # ---- simple fields

    def set_alias(self, alias: str) -> None:
        if alias != self.alias:
            self.alias = alias
            self.changed.emit()

    def set_preferences(self, preferences: Preferences) -> None:
        if preferences != self.preferences:
            self.preferences = preferences
            self.changed.emit()

    def set_notes(self, notes: str) -> None:
        if notes != self.notes:
            self.notes = notes
            self.changed.emit()

    # ---- conversion

    @property
    def ready(self) -> bool:
        """True when there is something to analyse: an occupation and at least one task."""
        return self.occupation_code is not None and bool(self.tasks.checked())

    def profile_dict(self) -> dict[str, Any]:
        occupation: dict[str, Any] = {}
        if self.occupation_code:
            occupation["code"] = self.occupation_code
        elif self.role_query.strip():
            occupation["role"] = self.role_query.strip()
        tasks: list[dict[str, Any]] = []
        for r in self.tasks.checked():
            item: dict[str, Any] = (
                {"task_id": r.task_id} if r.task_id is not None else {"text": r.text}
            )
            item["share"] = float(r.weight)
            tasks.append(item)
        return {
            "schema": 1,
            "alias": self.alias.strip(),
            "occupation": occupation,
            "tasks": tasks,
            "skills": [{"kind": s.kind, "value": s.value} for s in self.skills],
            "include_occupation_skills": self.include_occupation_skills,
            "preferences": self.preferences.to_dict(),
        }

    def to_profile(self) -> Profile:
        """The core profile (validated, so a bad value is a ProfileError naming the field)."""
        return Profile.from_dict(self.profile_dict())

    def load(self, catalog: Catalog, profile: Profile, *, notes: str = "") -> None:
        """Replace everything with `profile` (labels for skill chips come from the catalog)."""
        self._loading = True
        try:
            self._load(catalog, profile, notes)
        finally:
            self._loading = False
        self.modified = False

    def _load(self, catalog: Catalog, profile: Profile, notes: str) -> None:
        self.alias = profile.alias
        self.role_query = profile.role or ""
        self.preferences = profile.preferences
        self.include_occupation_skills = profile.include_occupation_skills
        self.notes = notes
        self.candidates = ()
        self.tasks.set_rows([])
        wanted = {t.task_id: t for t in profile.tasks if t.task_id is not None}
        # Shares are relative weights of any size; the sliders run 1-100.
        given_shares = [t.share for t in profile.tasks if t.share is not None]
        peak = max(given_shares, default=0.0)
        scale = 100.0 / peak if peak > 0 and not 1 <= peak <= 100 else 1.0

        def _weight(share: float | None, kind: str) -> int:
            if share is None:
                return default_weight(kind)
            return max(1, min(100, round(share * scale)))

        extra: list[TaskRow] = []
        if profile.occupation_code and catalog.has_occupation(profile.occupation_code):
            occupation = catalog.occupation(profile.occupation_code)
            self.occupation_code, self.occupation_title = occupation.code, occupation.title
            own_ids = set()
            rows: list[TaskRow] = []
            for t in catalog.tasks(occupation.code):
                own_ids.add(t.task_id)
                given = wanted.get(t.task_id)
                weight = _weight(given.share if given else None, t.task_type or "")
                rows.append(
                    TaskRow(
                        t.task_id, t.task, t.task_type or "Other", t.code, given is not None, weight
                    )
                )
            for task_id, given in wanted.items():
                if task_id in own_ids:
                    continue
                found = catalog.task(task_id)
                if found is not None:
                    kind = found.task_type or "Other"
                    extra.append(
                        TaskRow(
                            task_id, found.task, kind, found.code, True, _weight(given.share, kind)
                        )
                    )
            titles = {occupation.code: occupation.title}
            for r in extra:
                if r.code and r.code not in titles:
                    titles[r.code] = catalog.occupation(r.code).title
        else:
            self.occupation_code, self.occupation_title = None, ""
            rows, titles = [], {}
        own = [
            TaskRow(None, t.text or "", "Own", None, True, _weight(t.share, "Own"))
            for t in profile.tasks
            if t.task_id is None and t.text
        ]
        self.tasks.set_rows(own + extra + rows, titles)
        self.skills = [_chip(catalog, s.kind, s.value) for s in profile.skills]
        self.occupation_changed.emit()
        self.candidates_changed.emit()
        self.skills_changed.emit()
        self.changed.emit()

    def clear(self) -> None:
        self._loading = True
        try:
            self._clear()
        finally:
            self._loading = False
        self.modified = False

    def _clear(self) -> None:
        self.alias = ""
        self.role_query = ""
        self.occupation_code = None
        self.occupation_title = ""
        self.candidates = ()
        self.skills = []
        self.preferences = Preferences()
        self.notes = ""
        self.tasks.set_rows([])
        self.occupation_changed.emit()
        self.candidates_changed.emit()
        self.skills_changed.emit()
        self.changed.emit()


def _unticked_row(t: Task) -> TaskRow:
    """A catalogue task as offered for ticking: not ticked yet, its type's default weight."""
    return TaskRow(
        t.task_id, t.task, t.task_type or "Other", t.code, False, default_weight(t.task_type or "")
    )


def _chip(catalog: Catalog, kind: str, value: str) -> SkillChip:
    if kind == "esco":
        skill = catalog.esco_skill(value)
        return SkillChip(kind, value, skill.label if skill else value, "ESCO")
    if kind == "onet":
        # O*NET element names are the same for every occupation; look one up where it is rated.
        name = _onet_name(catalog, value)
        return SkillChip(kind, value, name or value, "O*NET")
    if kind == "technology":
        return SkillChip(kind, value, value, "technology")
    return SkillChip(kind, value, value, "own words")


def _onet_name(catalog: Catalog, element_id: str) -> str | None:
    rows = catalog._rows("SELECT name FROM onet_elements WHERE element_id = ?", (element_id,))
    return str(rows[0][0]) if rows else None
