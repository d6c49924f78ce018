"""Exposure page: your AI exposure, where it sits among occupations, per task, and the references."""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QScrollArea,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from app.core.exposure import ExposureProfile, Reference, TaskScore, tercile_cuts
from app.ui import theme
from app.ui.analysis import AnalysisResult
from app.ui.context import AppContext
from app.ui.models.records_table_model import Column, RecordsTableModel
from app.ui.widgets.charts import Bar, DistributionChart, ExposureGauge, PercentileBars, SplitBar
from app.ui.widgets.common import heading, table, wrapped
from app.ui.wording import label_name, measure_name, verdict_text


def _t(text: str) -> str:
    return QCoreApplication.translate("ExposurePage", text)


def percentile_text(percentile: float | None, count: int) -> str:
    if percentile is None:
        return _t("No comparison with other occupations is available.")
    return _t("More exposed than {p:.0f}% of the {n} occupations scored by the model.").format(
        p=percentile, n=f"{count:,}"
    )


class ExposurePage(QWidget):
    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        outer = QVBoxLayout(self)
        outer.setContentsMargins(12, 10, 12, 6)
        self.placeholder = wrapped(
            self.tr(
                "Choose your occupation and tick at least one task on the Profile page; "
                "your exposure appears here."
            ),
            self,
        )
        outer.addWidget(self.placeholder)
        # In a small window the page scrolls rather than squeezing its explanations out of view.
        self.body = QScrollArea(self)
        self.body.setWidgetResizable(True)
        self.body.setFrameShape(QFrame.Shape.NoFrame)
        content = QWidget(self.body)
        self.body.setWidget(content)
        outer.addWidget(self.body, 1)
        body = QVBoxLayout(content)
        body.setContentsMargins(0, 0, 0, 0)

        head = QHBoxLayout()
        left = QVBoxLayout()
        self.headline = heading("", self.body, 1.5)
        self.headline.setAccessibleName(self.tr("Your exposure"))
        self.subline = wrapped("", self.body)
        self.gauge = ExposureGauge(self.body)
        left.addWidget(self.headline)
        left.addWidget(self.subline)
        # The page's terms in plain words, on the page (not only in tooltips).
        self.glossary = wrapped(
            self.tr(
                "How to read this: each task is E0 (a language model would not make it much "
                "faster), E1 (a model alone could halve its time) or E2 (it could with tools built "
                "on a model). Exposure, also called beta, counts your time on E1 tasks plus half "
                "your time on E2 tasks; alpha counts E1 time only and gamma counts E1 and E2 in "
                "full. “SkillShift model” means this app's own estimate."
            ),
            self.body,
            muted=True,
        )
        left.addWidget(self.glossary)
        left.addWidget(self.gauge)
        self.caveat = wrapped(
            self.tr(
                "<b>Exposure is not job loss.</b> It estimates how much of the work a language model "
                "could do or speed up. Employers may use that to help you, to change the job or to hire "
                "differently: plan with it, it is not a forecast."
            ),
            self.body,
        )
        self.caveat.setTextFormat(Qt.TextFormat.RichText)
        self.caveat.setObjectName("caveat")
        left.addWidget(self.caveat)
        auto = QGroupBox(self.tr("Automation or augmentation?"), self.body)
        al = QVBoxLayout(auto)
        al.setContentsMargins(8, 4, 8, 4)
        self.automation_text = wrapped("", auto)
        self.split_bar = SplitBar(auto)
        al.addWidget(self.automation_text)
        al.addWidget(self.split_bar)
        left.addWidget(auto)
        left.addStretch(1)
        head.addLayout(left, 2)
        self.chart = DistributionChart(self.body)
        head.addWidget(self.chart, 3)
        body.addLayout(head, 0)

        split = QSplitter(Qt.Orientation.Horizontal, self.body)
        tasks_box = QGroupBox(
            self.tr("Your tasks, one by one (hover a task for its evidence)"), split
        )
        tl = QVBoxLayout(tasks_box)
        self.tasks: RecordsTableModel[TaskScore] = RecordsTableModel(
            [
                Column(self.tr("Task"), lambda t: t.text, tooltip=self._task_tip),
                Column(
                    self.tr("Share"),
                    lambda t: t.share,
                    display=lambda t: f"{t.share:.0%}",
                    align_right=True,
                ),
                Column(
                    self.tr("Model"),
                    lambda t: t.beta,
                    display=lambda t: f"{t.label} · {t.beta:.2f}",
                    foreground=lambda t: theme.label_colour(t.label),
                    tooltip=lambda t: (
                        label_name(t.label)
                        + " · "
                        + self.tr("P(E0) {a:.2f}, P(E1) {b:.2f}, P(E2) {c:.2f}").format(
                            a=t.probs[0], b=t.probs[1], c=t.probs[2]
                        )
                    ),
                    header_tip=self.tr(
                        "The model's class (E0 not exposed, E1 exposed, E2 exposed with "
                        "tools) and score: P(E1) + half P(E2)"
                    ),
                ),
                Column(
                    self.tr("Human"),
                    lambda t: t.human_label,
                    foreground=lambda t: theme.label_colour(t.human_label),
                    header_tip=self.tr("Label published by Eloundou et al. (human annotators)"),
                ),
                Column(
                    self.tr("GPT-4"),
                    lambda t: t.gpt4_label,
                    foreground=lambda t: theme.label_colour(t.gpt4_label),
                    header_tip=self.tr("Label published by Eloundou et al. (GPT-4 as annotator)"),
                ),
                Column(
                    self.tr("Evidence:\nnearest O*NET task"),
                    lambda t: t.evidence.task if t.evidence else None,
                    tooltip=self._task_tip,
                ),
            ],
            self,
        )
        self.tasks_view = table(self.tasks, tasks_box, self.tr("Exposure of each task"), stretch=0)
        header = self.tasks_view.horizontalHeader()
        header.setSectionResizeMode(5, QHeaderView.ResizeMode.Stretch)
        self.tasks_view.setWordWrap(True)
        tl.addWidget(self.tasks_view)
        split.addWidget(tasks_box)

        refs_box = QGroupBox(self.tr("Published measures side by side"), split)
        rl = QVBoxLayout(refs_box)
        self.verdict = wrapped("", refs_box)
        rl.addWidget(self.verdict)
        self.bars = PercentileBars(refs_box)
        self.bars.setToolTip(
            self.tr(
                "The measures use different scales, so each bar shows your occupation's "
                "percentile among all occupations on that measure (longer = more exposed). "
                "Orange: not in the model's third."
            )
        )
        rl.addWidget(self.bars)
        self.references: RecordsTableModel[Reference] = RecordsTableModel(
            [
                Column(self.tr("Measure"), lambda r: measure_name(r.measure)),
                Column(
                    self.tr("Value"),
                    lambda r: r.value,
                    display=lambda r: "—" if r.value is None else f"{r.value:.3g}",
                    align_right=True,
                ),
                Column(
                    self.tr("Percentile"),
                    lambda r: r.percentile,
                    display=lambda r: "—" if r.percentile is None else f"{r.percentile:.0f}",
                    align_right=True,
                    header_tip=self.tr(
                        "Percent of occupations this measure scores at or below yours"
                    ),
                ),
                Column(
                    self.tr("Third"),
                    lambda r: r.tercile,
                    display=lambda r: {
                        1: self.tr("lower"),
                        2: self.tr("middle"),
                        3: self.tr("upper"),
                    }.get(r.tercile or 0, "—"),
                ),
                Column(
                    self.tr("Agrees"),
                    lambda r: r.agrees_with_model,
                    display=lambda r: self._agrees(r.agrees_with_model),
                    header_tip=self.tr("Same third of occupations as the SkillShift model"),
                ),
            ],
            self,
        )
        self.references_view = table(
            self.references, refs_box, self.tr("Reference measures"), sortable=False
        )
        self.references_view.setMinimumHeight(110)
        rl.addWidget(self.references_view, 1)
        split.addWidget(refs_box)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        split.setSizes([780, 360])
        split.setMinimumHeight(320)
        body.addWidget(split, 1)
        self.body.setVisible(False)
        context.analysis_ready.connect(self.show_result)
        context.analysis_cleared.connect(self.clear)

    def clear(self) -> None:
        """No analysis for the open profile: nothing of an earlier one stays on the page."""
        self.body.setVisible(False)
        self.placeholder.setVisible(True)
        self.headline.setText("")
        self.subline.setText("")
        self.gauge.set_values(None, None, None)
        self.chart.set_data(np.zeros(0), None, None, "")
        self.tasks.set_rows([])
        self.references.set_rows([])
        self.verdict.setText("")
        self.bars.set_bars([])
        self.automation_text.setText("")
        self.split_bar.set_parts([])

    def _task_tip(self, t: TaskScore) -> str:
        tip = t.text
        if t.evidence is not None:
            tip += "\n\n" + self.tr(
                "Evidence, the nearest O*NET task ({code}, similarity {s:.2f}): {task}"
            ).format(code=t.evidence.code, s=t.evidence.similarity, task=t.evidence.task)
        return tip

    def _agrees(self, value: bool | None) -> str:
        if value is None:
            return ""
        return self.tr("yes") if value else self.tr("no")

    def show_result(self, result: AnalysisResult) -> None:
        e: ExposureProfile = result.exposure
        self.placeholder.setVisible(False)
        self.body.setVisible(True)
        self.headline.setText(self.tr("Your AI exposure: {beta:.2f} of 1").format(beta=e.beta))
        occ = e.occupation_beta
        compare = ""
        if occ is not None:
            compare = self.tr(" Your occupation's O*NET tasks as a whole score {occ:.2f}.").format(
                occ=occ
            )
        count = int(np.isfinite(result.distribution).sum())
        self.subline.setText(
            percentile_text(e.percentile, count)
            + compare
            + " "
            + self.tr(
                "Time on directly exposed tasks (alpha) {a:.0%}; counting tasks that need extra tools "
                "(gamma) {g:.0%}."
            ).format(a=e.alpha, g=e.gamma)
        )
        values = result.distribution
        self.gauge.set_values(e.beta, occ, tercile_cuts(values))
        self.chart.set_data(values, e.beta, occ, result.occupation.title)
        self.tasks.set_rows(e.tasks)
        self.references.set_rows(e.references)
        self.verdict.setText(verdict_text(e.verdict))
        bars: list[Bar] = []
        for r in e.references:
            position = None if r.percentile is None else r.percentile / 100.0
            text = "—" if r.percentile is None else f"{r.percentile:.0f}"
            bars.append(
                Bar(
                    measure_name(r.measure),
                    position,
                    text,
                    r.measure == "model_beta",
                    r.agrees_with_model,
                )
            )
        self.bars.set_bars(bars)
        self._show_automation(e)

    def _show_automation(self, e: ExposureProfile) -> None:
        """Only what the sources say about the person's own tasks, and whose figures they are."""
        a = e.automation
        lines = []
        if a.gpt4_mean_level is not None:
            lines.append(
                self.tr(
                    "Your tasks: GPT-4 raters put their automation level at {lvl:.1f} of 4 "
                    "(0 = AI only assists, 4 = AI could do the task alone), on the tasks they "
                    "rated ({cov:.0%} of your time)."
                ).format(lvl=a.gpt4_mean_level, cov=a.labelled_share)
            )
        if a.observed_share > 0:
            lines.append(
                self.tr(
                    "{share:.0%} of your time is on tasks people already bring to Claude "
                    "(Anthropic Economic Index). Anthropic publishes its automation and "
                    "augmentation split for all conversations together, not per task: the bar "
                    "below is that overall split, not yours."
                ).format(share=a.observed_share)
            )
            split = a.published_split
            self.split_bar.set_parts(
                [
                    (
                        self.tr("augmentation"),
                        split.get("augmentation", 0.0),
                        theme.colour("accent"),
                    ),
                    (self.tr("automation"), split.get("automation", 0.0), theme.colour("riskier")),
                ]
            )
            self.split_bar.setToolTip(
                self.tr("Anthropic's split over all conversations in its sample, not your tasks")
            )
            self.split_bar.setVisible(True)
        else:
            lines.append(
                self.tr(
                    "None of your tasks was seen in Anthropic's sample of AI conversations, so "
                    "there is no data on whether people automate or augment them."
                )
            )
            self.split_bar.set_parts([])
            self.split_bar.setVisible(False)
        self.automation_text.setText(" ".join(lines))
