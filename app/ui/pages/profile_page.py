"""Profile page: find your occupation, tick your tasks and their time, add your own, list skills."""

from __future__ import annotations

from typing import Any, Literal

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QStringListModel, Qt, QTimer
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCompleter,
    QFrame,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.core.search import OccupationMatch, SkillMatch, title_confidence
from app.core.transitions.config import exposure_beta
from app.ui.context import AppContext
from app.ui.models.records_table_model import Column, RecordsTableModel
from app.ui.models.task_checklist_model import TaskColumn
from app.ui.profile_document import SkillChip, is_ambiguous
from app.ui.tasks import TaskState
from app.ui.widgets.chips import ChipBox
from app.ui.widgets.common import source_row, table, wrapped
from app.ui.widgets.delegates import BarDelegate, SliderDelegate

SEARCH_DELAY_MS = 150
PREVIEW_DELAY_MS = 300
SUGGESTIONS = 5
SKILL_SUGGESTIONS = 4


class ProfilePage(QWidget):
    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.document = context.document
        self.runner = context.runner
        self._skill_options: dict[str, SkillChip] = {}
        self._pending_skill_text = ""
        outer = QVBoxLayout(self)
        outer.setContentsMargins(12, 10, 12, 6)

        # ---- who and which occupation
        top = QGridLayout()
        alias_label = QLabel(self.tr("&Name or alias:"), self)
        self.alias = QLineEdit(self)
        self.alias.setPlaceholderText(self.tr("optional, e.g. a client's initials"))
        self.alias.setAccessibleName(self.tr("Name or alias"))
        alias_label.setBuddy(self.alias)
        title_label = QLabel(self.tr("&Job title:"), self)
        self.search = QLineEdit(self)
        self.search.setPlaceholderText(
            self.tr("type your job title, e.g. bookkeeper or sr accounts payable clerk")
        )
        self.search.setAccessibleName(self.tr("Job title"))
        self.search.setClearButtonEnabled(True)
        title_label.setBuddy(self.search)
        top.addWidget(alias_label, 0, 0)
        top.addWidget(self.alias, 0, 1)
        top.addWidget(title_label, 0, 2)
        top.addWidget(self.search, 0, 3)
        top.setColumnStretch(1, 1)
        top.setColumnStretch(3, 3)
        outer.addLayout(top)

        self.suggestions: RecordsTableModel[OccupationMatch] = RecordsTableModel(
            [
                Column(self.tr("Suggested occupation"), lambda m: m.title),
                Column(self.tr("O*NET code"), lambda m: m.code),
                Column(
                    self.tr("Match"),
                    lambda m: m.score,
                    display=lambda m: confidence_text(m.score),
                    header_tip=self.tr(
                        "How sure the search is that this is your occupation (its score, 0-1, "
                        "is the bar)"
                    ),
                ),
            ],
            self,
        )
        self.suggestions_view = table(
            self.suggestions, self, self.tr("Suggested occupations"), sortable=False
        )
        self.suggestions_view.setItemDelegateForColumn(2, BarDelegate(self.suggestions_view))
        self.suggestions_view.horizontalHeader().setSectionResizeMode(
            2, QHeaderView.ResizeMode.Fixed
        )
        self.suggestions_view.setColumnWidth(2, 120)
        self.suggestions_view.setMaximumHeight(150)
        self.suggestions_view.setVisible(False)
        # One click (or Enter) picks a suggestion; the hint above the list says so.
        self.suggestions_view.activated.connect(lambda _i: self.choose_suggestion())
        self.suggestions_view.clicked.connect(lambda _i: self.choose_suggestion())
        self.search_hint = wrapped("", self)
        self.search_hint.setVisible(False)
        outer.addWidget(self.search_hint)
        outer.addWidget(self.suggestions_view)

        # Ambiguous title: the candidates, re-ranked by the tasks ticked below.
        self.ambiguity = QFrame(self)
        self.ambiguity.setFrameShape(QFrame.Shape.StyledPanel)
        amb = QHBoxLayout(self.ambiguity)
        amb_text = wrapped(
            self.tr(
                "<b>Your title fits several occupations.</b> Tick the tasks you really do below; "
                "the occupation whose tasks you tick rises to the top. Then choose it."
            ),
            self.ambiguity,
        )
        self.candidates: RecordsTableModel[tuple[OccupationMatch, int]] = RecordsTableModel(
            [
                Column(self.tr("Candidate"), lambda c: c[0].title),
                Column(
                    self.tr("Match"),
                    lambda c: c[0].score,
                    display=lambda c: f"{c[0].score:.2f}",
                    align_right=True,
                ),
                Column(self.tr("Tasks ticked"), lambda c: c[1], align_right=True),
            ],
            self,
        )
        self.candidates_view = table(
            self.candidates, self.ambiguity, self.tr("Candidate occupations"), sortable=False
        )
        self.candidates_view.setMaximumHeight(110)
        self.choose_candidate = QPushButton(self.tr("&Use this occupation"), self.ambiguity)
        self.choose_candidate.clicked.connect(self._use_candidate)
        amb.addWidget(amb_text, 2)
        amb.addWidget(self.candidates_view, 3)
        amb.addWidget(self.choose_candidate)
        self.ambiguity.setVisible(False)
        outer.addWidget(self.ambiguity)

        self.occupation_label = wrapped(self.tr("No occupation chosen yet."), self)
        self.occupation_label.setTextFormat(Qt.TextFormat.RichText)
        outer.addWidget(self.occupation_label)

        # ---- tasks (left) and skills (right)
        split = QSplitter(Qt.Orientation.Horizontal, self)
        tasks_box = QGroupBox(self.tr("Your tasks"), split)
        tasks_layout = QVBoxLayout(tasks_box)
        self.tasks_view = QTableView(tasks_box)
        self.tasks_view.setModel(self.document.tasks)
        self.tasks_view.setAccessibleName(self.tr("Task checklist"))
        self.tasks_view.setItemDelegateForColumn(TaskColumn.TIME, SliderDelegate(self.tasks_view))
        self.tasks_view.setEditTriggers(
            QAbstractItemView.EditTrigger.CurrentChanged
            | QAbstractItemView.EditTrigger.SelectedClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
        )
        self.tasks_view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.tasks_view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.tasks_view.setWordWrap(True)
        self.tasks_view.setTabKeyNavigation(False)
        self.tasks_view.verticalHeader().setVisible(False)
        self.tasks_view.verticalHeader().setSectionResizeMode(
            QHeaderView.ResizeMode.ResizeToContents
        )
        header = self.tasks_view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(TaskColumn.TASK, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(TaskColumn.TIME, QHeaderView.ResizeMode.Fixed)
        self.tasks_view.setColumnWidth(TaskColumn.TIME, 110)
        self.tasks_view.setColumnHidden(TaskColumn.OCCUPATION, True)
        tasks_layout.addWidget(self.tasks_view, 1)
        self.task_summary = wrapped("", tasks_box, muted=True)
        tasks_layout.addWidget(self.task_summary)
        own_row = QHBoxLayout()
        own_label = QLabel(self.tr("Add &my own task:"), tasks_box)
        self.own_task = QLineEdit(tasks_box)
        self.own_task.setPlaceholderText(
            self.tr("in your words, e.g. reconcile supplier statements")
        )
        self.own_task.setAccessibleName(self.tr("Your own task"))
        own_label.setBuddy(self.own_task)
        self.add_own = QPushButton(self.tr("&Add task"), tasks_box)
        self.remove_own = QPushButton(self.tr("&Remove own task"), tasks_box)
        self.remove_own.setEnabled(False)
        own_row.addWidget(own_label)
        own_row.addWidget(self.own_task, 1)
        own_row.addWidget(self.add_own)
        own_row.addWidget(self.remove_own)
        tasks_layout.addLayout(own_row)
        self.own_preview = wrapped("", tasks_box, muted=True)
        tasks_layout.addWidget(self.own_preview)

        skills_box = QGroupBox(self.tr("Your skills"), split)
        skills_layout = QVBoxLayout(skills_box)
        skill_row = QHBoxLayout()
        skill_label = QLabel(self.tr("S&kill:"), skills_box)
        self.skill_input = QLineEdit(skills_box)
        self.skill_input.setPlaceholderText(
            self.tr("search ESCO, O*NET and technology skills, or type your own")
        )
        self.skill_input.setAccessibleName(self.tr("Add a skill"))
        skill_label.setBuddy(self.skill_input)
        self.skill_options = QStringListModel(self)
        self.completer = QCompleter(self.skill_options, self)
        self.completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.completer.setMaxVisibleItems(12)
        self.skill_input.setCompleter(self.completer)
        self.add_skill_button = QPushButton(self.tr("Add s&kill"), skills_box)
        skill_row.addWidget(skill_label)
        skill_row.addWidget(self.skill_input, 1)
        skill_row.addWidget(self.add_skill_button)
        skills_layout.addLayout(skill_row)
        self.skill_matches: RecordsTableModel[SkillMatch] = RecordsTableModel(
            [
                Column(self.tr("Closest ESCO skill"), lambda s: s.label),
                Column(
                    self.tr("Match"),
                    lambda s: s.score,
                    display=lambda s: f"{s.score:.2f}",
                    align_right=True,
                ),
            ],
            self,
        )
        self.skill_matches_view = table(
            self.skill_matches,
            skills_box,
            self.tr("ESCO skills matching your words"),
            sortable=False,
        )
        self.skill_matches_view.setMaximumHeight(130)
        self.skill_matches_view.activated.connect(lambda _i: self._add_matched_skill())
        self.skill_matches_view.doubleClicked.connect(lambda _i: self._add_matched_skill())
        match_buttons = QHBoxLayout()
        self.use_match = QPushButton(self.tr("Add the &selected ESCO skill"), skills_box)
        self.keep_words = QPushButton(self.tr("Keep m&y words"), skills_box)
        self.keep_words.setToolTip(
            self.tr("Add the text as typed; the analysis matches it to ESCO")
        )
        match_buttons.addWidget(self.use_match)
        match_buttons.addWidget(self.keep_words)
        match_buttons.addStretch(1)
        self.match_panel = QWidget(skills_box)
        mp = QVBoxLayout(self.match_panel)
        mp.setContentsMargins(0, 0, 0, 0)
        self.match_hint = wrapped("", self.match_panel, muted=True)
        mp.addWidget(self.match_hint)
        mp.addWidget(self.skill_matches_view)
        mp.addLayout(match_buttons)
        self.match_panel.setVisible(False)
        skills_layout.addWidget(self.match_panel)
        self.chips = ChipBox(skills_box)
        scroll = QScrollArea(skills_box)
        # Not a Tab stop: it takes no typing (the chips' own buttons keep theirs).
        scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(self.chips)
        skills_layout.addWidget(scroll, 2)
        self.suggested_label = QLabel(
            self.tr("Suggested for your occupation (Enter or double-click adds):"), skills_box
        )
        self.suggested_label.setWordWrap(True)  # it must not hold the skills column wide
        skills_layout.addWidget(self.suggested_label)
        self.suggested: RecordsTableModel[SkillChip] = RecordsTableModel(
            [
                Column(self.tr("Skill"), lambda c: c.label),
                Column(self.tr("From"), lambda c: c.origin),
            ],
            self,
        )
        self.suggested_view = table(
            self.suggested, skills_box, self.tr("Suggested skills"), sortable=False
        )
        self.suggested_view.activated.connect(lambda _i: self._add_suggested())
        self.suggested_view.doubleClicked.connect(lambda _i: self._add_suggested())
        self.suggested_label.setBuddy(self.suggested_view)
        skills_layout.addWidget(self.suggested_view, 3)
        self.skill_note = wrapped(
            self.tr(
                "Your occupation's usual ESCO skills count as yours too; add what else you can do."
            ),
            skills_box,
            muted=True,
        )
        skills_layout.addWidget(self.skill_note)
        split.addWidget(tasks_box)
        split.addWidget(skills_box)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        # Tasks get about two thirds of the width at any window size (the task text wraps).
        split.setSizes([660, 320])
        outer.addWidget(split, 1)

        # ---- behaviour
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(self.run_search)
        self._preview_timer = QTimer(self)
        self._preview_timer.setSingleShot(True)
        self._preview_timer.setInterval(PREVIEW_DELAY_MS)
        self._preview_timer.timeout.connect(self._preview_own)
        self.search.textEdited.connect(self._on_search_edited)
        self.search.returnPressed.connect(self._on_search_return)
        self.search.installEventFilter(self)
        self.alias.textEdited.connect(self.document.set_alias)
        self.own_task.textEdited.connect(lambda _t: self._preview_timer.start())
        self.own_task.returnPressed.connect(self.add_own_task)
        self.add_own.clicked.connect(self.add_own_task)
        self.remove_own.clicked.connect(self._remove_own)
        self.tasks_view.selectionModel().currentRowChanged.connect(self._on_task_row)
        delete = QShortcut(QKeySequence(QKeySequence.StandardKey.Delete), self.tasks_view)
        delete.setContext(Qt.ShortcutContext.WidgetShortcut)
        delete.activated.connect(self._remove_own)
        self.skill_input.returnPressed.connect(self.add_skill_from_input)
        self.add_skill_button.clicked.connect(self.add_skill_from_input)
        self.completer.activated.connect(self._on_completion)
        self.use_match.clicked.connect(self._add_matched_skill)
        self.keep_words.clicked.connect(self._keep_words)
        self.chips.remove_requested.connect(self._remove_chip)
        self.document.occupation_changed.connect(self._on_occupation_changed)
        self.document.candidates_changed.connect(self._on_candidates_changed)
        self.document.skills_changed.connect(self._on_skills_changed)
        self.document.tasks.edited.connect(self._update_task_summary)
        self.document.tasks.modelReset.connect(self._update_task_summary)
        context.analysis_ready.connect(self._on_analysis)
        self.setTabOrder(self.alias, self.search)
        self.setTabOrder(self.search, self.suggestions_view)
        self.setTabOrder(self.suggestions_view, self.tasks_view)
        self.setTabOrder(self.tasks_view, self.own_task)
        self.setTabOrder(self.own_task, self.add_own)
        self.setTabOrder(self.add_own, self.skill_input)
        self._on_skills_changed()
        self._update_task_summary()

    # ---- search

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.search and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            if event.key() == Qt.Key.Key_Down and self.suggestions.rowCount():
                self.suggestions_view.setFocus()
                self.suggestions_view.selectRow(0)
                return True
        return super().eventFilter(watched, event)

    def _on_search_edited(self, text: str) -> None:
        self.document.role_query = text
        self._search_timer.start()

    def run_search(self) -> None:
        query = self.search.text().strip()
        if not query:
            self.suggestions.set_rows([])
            self.suggestions_view.setVisible(False)
            self.search_hint.setVisible(False)
            return
        services = self.context.services

        def job(state: TaskState) -> list[OccupationMatch]:
            return services.matcher().match_title(query, top_k=SUGGESTIONS)

        self.runner.submit(
            job, self.tr("Searching occupations"), kind="search", on_done=self._show_suggestions
        )

    def _show_suggestions(self, matches: object) -> None:
        assert isinstance(matches, list)
        offered = [m for m in matches if title_confidence(m.score) is not None]
        self.suggestions.set_rows(offered)
        self.suggestions_view.setVisible(bool(offered))
        query = self.search.text().strip()
        if offered:
            self.search_hint.setText(
                self.tr("Click the occupation that fits you (or use ↓ and Enter).")
            )
            self.suggestions_view.selectRow(0)
        elif query:
            self.search_hint.setText(
                self.tr(
                    "<b>No occupation matches “{query}”.</b> Check the spelling, or try the "
                    "title you would put on a CV or a broader one (nurse, driver, clerk)."
                ).format(query=query)
            )
        self.search_hint.setVisible(bool(query))
        if self._enter_pending:
            self._enter_pending = False
            self._resolve_enter()

    _enter_pending = False

    def _on_search_return(self) -> None:
        if self._search_timer.isActive() or self.runner.busy:
            # The suggestions for what was just typed are not in yet: decide when they are.
            self._search_timer.stop()
            self._enter_pending = True
            self.run_search()
            return
        self._resolve_enter()

    def _resolve_enter(self) -> None:
        matches = list(self.suggestions.rows())
        if not matches:
            return
        if is_ambiguous(matches):
            self.document.set_candidates(self.context.services.catalog(), matches)
            # The candidates panel takes the suggestions' place.
            self.suggestions_view.setVisible(False)
            self.search_hint.setVisible(False)
        else:
            self.choose(matches[0].code)

    def choose_suggestion(self) -> None:
        row = source_row(self.suggestions_view)
        if row is None and self.suggestions.rowCount():
            row = 0
        if row is not None:
            self.choose(self.suggestions.row_at(row).code)

    def choose(self, code: str) -> None:
        """Make `code` the person's occupation (tasks already ticked are kept)."""
        try:
            self.document.set_occupation(self.context.services.catalog(), code)
        except Exception as exc:  # an unknown code or a damaged database: tell the person
            self.context.error.emit(str(exc))
            return
        self.suggestions_view.setVisible(False)
        self.search_hint.setVisible(False)
        self.tasks_view.setFocus()

    def _use_candidate(self) -> None:
        row = source_row(self.candidates_view)
        ranked = self.candidates.rows()
        if not ranked:
            return
        chosen = ranked[row if row is not None else 0][0]
        self.choose(chosen.code)

    def _on_candidates_changed(self) -> None:
        ranked = self.document.ranked_candidates()
        self.candidates.set_rows(ranked)
        if ranked:
            self.candidates_view.selectRow(0)
        self.ambiguity.setVisible(bool(ranked))
        self.tasks_view.setColumnHidden(TaskColumn.OCCUPATION, not ranked)
        if ranked:  # a readable width that leaves the task text its room (titles wrap)
            self.tasks_view.horizontalHeader().setSectionResizeMode(
                TaskColumn.OCCUPATION, QHeaderView.ResizeMode.Interactive
            )
            self.tasks_view.setColumnWidth(TaskColumn.OCCUPATION, 120)

    def _on_occupation_changed(self) -> None:
        doc = self.document
        self.alias.setText(doc.alias)
        if doc.role_query and not self.search.text():
            self.search.setText(doc.role_query)
        if doc.occupation_code is None:
            self.occupation_label.setText(
                self.tr("No occupation chosen yet: type your job title above.")
            )
            self.skill_options.setStringList([])
            self._skill_options = {}
            self._update_suggested()
            if self.document.candidates:
                self.occupation_label.setText(
                    self.tr("Choose your occupation from the candidates above.")
                )
            return
        catalog = self.context.services.catalog()
        occ = catalog.occupation(doc.occupation_code)
        wage = (
            self.tr("median wage ${wage:,}").format(wage=occ.wage_median) if occ.wage_median else ""
        )
        zone = self.tr("job zone {zone} of 5").format(zone=occ.job_zone) if occ.job_zone else ""
        facts = " · ".join(x for x in (zone, wage) if x)
        self.occupation_label.setText(
            self.tr(
                "<b>{title}</b> ({code}) {facts} — tick the tasks you do and set how much time each "
                "takes."
            ).format(title=occ.title, code=occ.code, facts=("· " + facts) if facts else "")
        )
        self._load_skill_options(occ.code)

    def _update_task_summary(self) -> None:
        ticked = self.document.tasks.checked()
        own = sum(1 for r in ticked if r.own)
        self.task_summary.setText(
            self.tr("%n task(s) ticked", "", len(ticked))
            + self.tr(", %n of them your own.", "", own)
            + " "
            + self.tr("Space ticks a task; the Time slider follows the arrow keys.")
        )

    # ---- own tasks

    def _preview_own(self) -> None:
        text = self.own_task.text().strip()
        if len(text) < 4:
            self.own_preview.setText("")
            return
        services = self.context.services

        def job(state: TaskState) -> tuple[str, float]:
            return _score(services, text)

        def show(result: object) -> None:
            assert isinstance(result, tuple)
            label, beta = result
            self.own_preview.setText(
                self.tr("Live estimate for “{text}”: {label}, exposure {beta:.2f}").format(
                    text=text[:60], label=label, beta=beta
                )
            )

        self.runner.submit(job, self.tr("Scoring your task"), kind="own-preview", on_done=show)

    def add_own_task(self) -> None:
        text = self.own_task.text().strip()
        if not text:
            return
        model = self.document.tasks
        row = model.add_own(text)
        clean = model.row_at(row).text
        self.own_task.clear()
        self.own_preview.setText("")
        services = self.context.services

        def job(state: TaskState) -> tuple[str, float]:
            return _score(services, clean)

        self.runner.submit(
            job,
            self.tr("Scoring your task"),
            kind=f"own-score:{clean}",
            on_done=lambda r: model.set_score(clean, *r),
        )
        self.tasks_view.scrollTo(model.index(row, 0))

    def _on_task_row(self, current: Any, _previous: Any) -> None:
        ok = current.isValid() and self.document.tasks.row_at(current.row()).own
        self.remove_own.setEnabled(bool(ok))

    def _remove_own(self) -> None:
        index = self.tasks_view.currentIndex()
        if index.isValid() and self.document.tasks.row_at(index.row()).own:
            self.document.tasks.remove(index.row())

    # ---- skills

    def _load_skill_options(self, code: str) -> None:
        catalog = self.context.services.catalog()
        options: dict[str, SkillChip] = {}
        for linked in catalog.esco_skills_for(code, "essential") + catalog.esco_skills_for(
            code, "optional"
        ):
            chip = SkillChip("esco", linked.skill.uri, linked.skill.label, "ESCO")
            options.setdefault(
                self.tr("{label}  · ESCO {relation}").format(
                    label=linked.skill.label, relation=linked.relation
                ),
                chip,
            )
        kinds: tuple[Literal["skill"], Literal["knowledge"]] = ("skill", "knowledge")
        for kind in kinds:
            for rating in catalog.onet_skills(code, kind):
                chip = SkillChip("onet", rating.element_id, rating.name, "O*NET")
                options.setdefault(
                    self.tr("{label}  · O*NET {kind}").format(label=rating.name, kind=kind), chip
                )
        for tech in catalog.technology(code):
            chip = SkillChip("technology", tech.example, tech.example, "technology")
            options.setdefault(self.tr("{label}  · technology").format(label=tech.example), chip)
        self._skill_options = options
        self.skill_options.setStringList(list(options))
        self._update_suggested()

    def _on_completion(self, text: str) -> None:
        chip = self._skill_options.get(text)
        if chip is not None:
            self.document.add_skill(chip)
            QTimer.singleShot(0, self.skill_input.clear)

    def add_skill_from_input(self) -> None:
        text = self.skill_input.text().strip()
        if not text:
            return
        chip = self._skill_options.get(text)
        if chip is None:
            lowered = text.lower()
            chip = next(
                (c for c in self._skill_options.values() if c.label.lower() == lowered), None
            )
        if chip is not None:
            self.document.add_skill(chip)
            self.skill_input.clear()
            return
        self._pending_skill_text = text
        services = self.context.services

        def job(state: TaskState) -> list[SkillMatch]:
            return services.matcher().match_skill(text, top_k=SKILL_SUGGESTIONS)

        self.runner.submit(
            job,
            self.tr("Matching your skill to ESCO"),
            kind="skill-match",
            on_done=self._show_skill_matches,
        )

    def _show_skill_matches(self, matches: object) -> None:
        assert isinstance(matches, list)
        if matches and matches[0].exact:
            # The text is an ESCO skill's own name (or one of its other names): take it.
            best = matches[0]
            self.document.add_skill(SkillChip("esco", best.uri, best.label, "ESCO"))
            self.context.status.emit(
                self.tr("Added the ESCO skill “{label}”.").format(label=best.label)
            )
            self._close_match_panel()
            return
        self.skill_matches.set_rows(matches)
        self.match_hint.setText(
            self.tr(
                "“{text}” is not the name of an ESCO skill. The closest ones are below: add one, "
                "or keep your words."
            ).format(text=self._pending_skill_text)
        )
        self.match_panel.setVisible(True)
        self.context.status.emit(self.tr("Closest ESCO skills found."))
        if matches:
            self.skill_matches_view.selectRow(0)
            self.skill_matches_view.setFocus()

    def _add_matched_skill(self) -> None:
        row = source_row(self.skill_matches_view)
        if row is None:
            return
        match = self.skill_matches.row_at(row)
        self.document.add_skill(SkillChip("esco", match.uri, match.label, "ESCO"))
        self._close_match_panel()

    def _keep_words(self) -> None:
        if self._pending_skill_text:
            self.document.add_skill(
                SkillChip("text", self._pending_skill_text, self._pending_skill_text, "own words")
            )
        self._close_match_panel()

    def _close_match_panel(self) -> None:
        self.match_panel.setVisible(False)
        self.skill_matches.set_rows([])
        self._pending_skill_text = ""
        self.skill_input.clear()
        self.skill_input.setFocus()

    def _remove_chip(self, chip: object) -> None:
        if isinstance(chip, SkillChip):
            self.document.remove_skill(chip)

    def _on_skills_changed(self) -> None:
        self.chips.set_chips(self.document.skills)
        self._update_suggested()

    def _update_suggested(self) -> None:
        have = {c.key() for c in self.document.skills}
        picks: list[SkillChip] = []
        counts = {"ESCO": 0, "O*NET": 0, "technology": 0}
        limits = {"ESCO": 10, "O*NET": 5, "technology": 5}
        for chip in self._skill_options.values():
            if chip.key() in have or counts[chip.origin] >= limits[chip.origin]:
                continue
            counts[chip.origin] += 1
            picks.append(chip)
        self.suggested.set_rows(picks)

    def _add_suggested(self) -> None:
        row = source_row(self.suggested_view)
        if row is not None:
            self.document.add_skill(self.suggested.row_at(row))

    # ---- analysis

    def _on_analysis(self, result: Any) -> None:
        scores = {(t.task_id, t.text): (t.label, t.beta) for t in result.exposure.tasks}
        self.document.tasks.set_scores(scores)

    def sync_from_document(self) -> None:
        """After a profile was loaded: show its alias and title."""
        self.alias.setText(self.document.alias)
        self.search.setText(self.document.role_query)
        self.suggestions_view.setVisible(False)
        self.search_hint.setVisible(False)


def confidence_text(score: float) -> str:
    """A title match's confidence in plain words (the rule is the core's title_confidence)."""
    return {
        "very_likely": _t("very likely"),
        "likely": _t("likely"),
        "possible": _t("possible"),
        "unlikely": _t("unlikely"),
    }.get(title_confidence(score) or "", _t("no match"))


def _t(text: str) -> str:
    return QCoreApplication.translate("ProfilePage", text)


def _score(services: Any, text: str) -> tuple[str, float]:
    encoder = services.encoder()
    _emb, probs = encoder.score([text])
    p = services.engine().exposure_blend.probs([text], probs)[0]
    labels = encoder.labels
    best = max(range(len(p)), key=lambda i: float(p[i]))
    return str(labels[best]), float(exposure_beta(p))
