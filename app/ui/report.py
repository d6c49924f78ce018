"""The report as a QTextDocument: profile, exposure chart, moves, learning plan, sources, caveats."""

from __future__ import annotations

import html
import math
from collections.abc import Collection, Sequence
from datetime import date

from PySide6.QtCore import QCoreApplication, QMarginsF, QSize, QUrl
from PySide6.QtGui import (
    QFont,
    QFontMetricsF,
    QImage,
    QPageLayout,
    QPageSize,
    QPdfWriter,
    QTextDocument,
)

from app import __version__
from app.core.catalog import Source
from app.ui.analysis import AnalysisResult
from app.ui.widgets.charts import DistributionChart, render_image
from app.ui.wording import label_name, measure_name, reason_text, verdict_text

CHART_URL = "skillshift://distribution.png"
MOVES_IN_REPORT = 8


def _t(text: str) -> str:
    return QCoreApplication.translate("Report", text)


def _e(value: object) -> str:
    return html.escape(str(value))


# Numbers and column headings never break inside a word ("$102,61 / 0", "Exposu / re"). Qt's
# table layout lets a column shrink below its longest word and then breaks the word, so each
# column of numbers gets a fixed width that fits its widest word or number (in the 96-dpi
# pixels QTextDocument scales to the printer), and the text columns share the rest.
FONT_PT = 10
CELL_PADDING = 3


def _fixed_width(texts: Sequence[str]) -> str:
    image = QImage(1, 1, QImage.Format.Format_RGB32)
    image.setDotsPerMeterX(3780)  # 96 dpi
    image.setDotsPerMeterY(3780)
    font = QFont("sans-serif")
    font.setPointSizeF(FONT_PT)
    font.setBold(True)  # headings are bold: measure every word as if it were
    metrics = QFontMetricsF(font, image)
    words = [w for t in texts for w in t.split()] or [""]
    widest = max(metrics.horizontalAdvance(w) for w in words)
    return f" width='{math.ceil(widest) + 2 * CELL_PADDING + 8}'"


def _th(text: str, width: str = "") -> str:
    return f"<th{width}>{_e(text)}</th>"


def _num(text: str) -> str:
    return f"<td align='right'>{_e(text)}</td>"


def _numbers_table(
    headers: Sequence[str], rows: Sequence[Sequence[str]], text_columns: Collection[int]
) -> list[str]:
    """A table whose columns not in `text_columns` hold numbers or short codes."""
    out = ["<table border='1' cellspacing='0' cellpadding='3' width='100%'><tr>"]
    for i, header in enumerate(headers):
        texts = [header, *(row[i] for row in rows)]
        width = "" if i in text_columns else _fixed_width(texts)
        out.append(_th(header, width))
    out.append("</tr>")
    for row in rows:
        cells = [f"<td>{_e(v)}</td>" if i in text_columns else _num(v) for i, v in enumerate(row)]
        out.append("<tr>" + "".join(cells) + "</tr>")
    out.append("</table>")
    return out


def chart_image(result: AnalysisResult) -> QImage:
    chart = DistributionChart()
    chart.set_data(
        result.distribution, result.beta, result.exposure.occupation_beta, result.occupation.title
    )
    image = render_image(chart, QSize(640, 240))
    chart.deleteLater()
    return image


def report_html(result: AnalysisResult, sources: Sequence[Source], notes: str = "") -> str:
    e = result.exposure
    p = result.profile
    occ = result.occupation
    who = p.alias or _t("Your profile")
    own = sum(t.task_id is None for t in p.tasks)
    counts = QCoreApplication.translate("Report", "%n task(s)", "", len(p.tasks))
    counts += QCoreApplication.translate("Report", " (%n in their own words), ", "", own)
    counts += QCoreApplication.translate("Report", "%n skill(s) listed.", "", len(p.skills))
    out: list[str] = [
        "<html><body style='font-family: sans-serif; font-size: 10pt;'>",
        f"<h1>{_e(_t('SkillShift report'))}: {_e(who)}</h1>",
        f"<p>{_e(_t('Prepared on {day} with SkillShift {version}, entirely on this computer.').format(day=date.today().isoformat(), version=__version__))}</p>",
        f"<h2>{_e(_t('Profile'))}</h2>",
        f"<p><b>{_e(occ.title)}</b> ({_e(occ.code)})"
        + (f" · {_e(_t('job zone'))} {occ.job_zone}" if occ.job_zone else "")
        + (f" · {_e(_t('median wage'))} ${occ.wage_median:,}" if occ.wage_median else "")
        + "</p>",
        f"<p>{_e(counts)}</p>",
        f"<h2>{_e(_t('AI exposure'))}</h2>",
        f"<p style='font-size: 14pt;'><b>{e.beta:.2f}</b> {_e(_t('of 1'))}"
        + (
            f" — {_e(_t('more exposed than {p:.0f}% of occupations').format(p=e.percentile))}"
            if e.percentile is not None
            else ""
        )
        + "</p>",
        f"<p><img src='{CHART_URL}' width='560'></p>",
        f"<p><i>{_e(_t('Exposure is not job loss: it estimates how much of the work a language model could do or speed up. It is one input to plan with, not a forecast.'))}</i></p>",
    ]
    out += _numbers_table(
        [_t("Task"), _t("Share"), _t("Model"), _t("Score"), _t("Human / GPT-4")],
        [
            [
                t.text,
                f"{t.share:.0%}",
                label_name(t.label),
                f"{t.beta:.2f}",
                f"{t.human_label or '—'} / {t.gpt4_label or '—'}",
            ]
            for t in e.tasks
        ],
        text_columns={0, 2},
    )
    out.append(f"<h3>{_e(_t('Published measures'))}</h3><ul>")
    for r in e.references:
        value = "—" if r.value is None else f"{r.value:.3g}"
        out.append(f"<li>{_e(measure_name(r.measure))}: {value}</li>")
    out.append(f"</ul><p>{_e(verdict_text(e.verdict))}</p>")
    out.append(f"<h2>{_e(_t('Top moves'))}</h2>")
    moves = result.moves[:MOVES_IN_REPORT]
    out += _numbers_table(
        [_t("Occupation"), _t("Fit"), _t("Exposure"), _t("Median wage"), _t("Skills to learn")],
        [
            [
                f"{m.title} ({m.code})",
                f"{m.score:.2f}",
                "—" if m.exposure_beta is None else f"{m.exposure_beta:.2f}",
                "—" if m.wage_median is None else f"${m.wage_median:,.0f}",
                ", ".join(g.skill for g in m.gap[:4]) or "—",
            ]
            for m in moves
        ],
        text_columns={0, 4},
    )
    if result.moves:
        top = result.moves[0]
        steps = result.learning.get(top.code, ())
        out.append(
            f"<h2>{_e(_t('Learning plan towards {title}').format(title=top.title))}</h2><ol>"
        )
        for step in steps:
            out.append(f"<li><b>{_e(step.skill)}</b> — {_e(reason_text(step))}</li>")
        out.append("</ol>")
    if result.paths:
        out.append(f"<h3>{_e(_t('Multi-step paths to safer occupations'))}</h3><ul>")
        for path in result.paths:
            out.append("<li>" + " → ".join(_e(s.title) for s in path) + "</li>")
        out.append("</ul>")
    if notes.strip():
        out.append(f"<h2>{_e(_t('Notes'))}</h2><p>{_e(notes).replace(chr(10), '<br>')}</p>")
    out.append(f"<h2>{_e(_t('Sources, licences and attribution'))}</h2><ul>")
    for s in sources:
        out.append(
            f"<li><b>{_e(s.dataset)}</b> ({_e(s.version)}), {_e(s.publisher)} — {_e(s.licence)}. "
            f"{_e(s.attribution)}</li>"
        )
    out.append("</ul>")
    out.append(f"<h2>{_e(_t('Caveats'))}</h2><ul>")
    for line in (
        _t(
            "Exposure scores come from a small model trained on published task labels; they can be wrong for any single task."
        ),
        _t("Exposure measures what AI could do with the work, not whether a job will disappear."),
        _t(
            "Moves are ranked by overlap of skills, knowledge, activities and technology; they ignore local demand, licences and personal circumstances."
        ),
        _t("Wages and outlook are U.S. national figures (BLS) and may differ where you live."),
    ):
        out.append(f"<li>{_e(line)}</li>")
    out.append("</ul></body></html>")
    return "".join(out)


def build_document(
    result: AnalysisResult, sources: Sequence[Source], notes: str = ""
) -> QTextDocument:
    doc = QTextDocument()
    doc.addResource(QTextDocument.ResourceType.ImageResource, QUrl(CHART_URL), chart_image(result))
    doc.setHtml(report_html(result, sources, notes))
    return doc


def write_pdf(document: QTextDocument, path: str) -> None:
    writer = QPdfWriter(path)
    writer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    writer.setPageLayout(
        QPageLayout(
            QPageSize(QPageSize.PageSizeId.A4),
            QPageLayout.Orientation.Portrait,
            QMarginsF(15, 15, 15, 15),
            QPageLayout.Unit.Millimeter,
        )
    )
    writer.setResolution(150)
    writer.setTitle("SkillShift report")
    writer.setCreator(f"SkillShift {__version__}")
    document.print_(writer)
