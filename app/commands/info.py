"""`skillshift info CODE`: the full profile of one occupation, as text or JSON."""

from __future__ import annotations

import argparse
import sys
import textwrap
from typing import Any, TextIO

from app.commands.io import write_json
from app.core.catalog import Catalog, SkillKind

TOP_RATINGS = 10
TOP_ESCO_TEXT = 15


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "info",
        help="show an occupation's profile: tasks, skills, wages, outlook, exposure references",
        description="Show everything SkillShift knows about one O*NET-SOC occupation.",
    )
    parser.add_argument("code", metavar="CODE", help="O*NET-SOC code, e.g. 29-1141.00 or 29-1141")
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    parser.add_argument(
        "--top",
        type=int,
        default=TOP_RATINGS,
        metavar="N",
        help=f"how many O*NET skills and knowledge areas to list (default {TOP_RATINGS})",
    )
    parser.set_defaults(handler=run)


def profile(catalog: Catalog, code: str, top: int = TOP_RATINGS) -> dict[str, Any]:
    """The occupation profile as plain data (what `--json` prints)."""
    occ = catalog.occupation(code)
    tasks = catalog.tasks(occ.code)
    ids = [t.task_id for t in tasks]
    labels = catalog.task_exposure(ids)
    usage = catalog.anthropic_usage(ids)
    ref = catalog.exposure_reference(occ.code)
    essential = catalog.esco_skills_for(occ.code, "essential")
    optional = catalog.esco_skills_for(occ.code, "optional")

    def task_entry(task_id: int, text: str, task_type: str | None) -> dict[str, Any]:
        label = labels.get(task_id)
        used = usage.get(task_id)
        return {
            "task_id": task_id,
            "task": text,
            "task_type": task_type,
            "human_label": label.human_label if label else None,
            "gpt4_label": label.gpt4_label if label else None,
            "gpt4_automation": label.gpt4_automation if label else None,
            "human_automation": label.human_automation if label else None,
            "anthropic_usage_pct": used.usage_pct if used else None,
        }

    def ratings(kind: SkillKind) -> list[dict[str, Any]]:
        return [
            {
                "element_id": r.element_id,
                "name": r.name,
                "importance": r.importance,
                "level": r.level,
            }
            for r in catalog.onet_skills(occ.code, kind, top=top)
        ]

    return {
        "code": occ.code,
        "title": occ.title,
        "description": occ.description,
        "job_zone": occ.job_zone,
        "education": occ.education,
        "experience": occ.experience,
        "soc2018": occ.soc2018,
        "isco08": list(occ.isco08),
        "wage": {
            "median": occ.wage_median,
            "p10": occ.wage_p10,
            "p90": occ.wage_p90,
            "employment": occ.employment,
            "basis": occ.wage_basis,
            "topcoded": occ.wage_topcoded,
        },
        "outlook": {
            "growth_pct": occ.growth_pct,
            "openings": occ.openings,
            "bright": occ.bright_outlook,
            "basis": occ.outlook_basis,
        },
        "tasks": [task_entry(t.task_id, t.task, t.task_type) for t in tasks],
        "onet_skills": ratings("skill"),
        "onet_knowledge": ratings("knowledge"),
        "technology": [
            {
                "example": t.example,
                "commodity_title": t.commodity_title,
                "hot": t.hot,
                "in_demand": t.in_demand,
            }
            for t in catalog.technology(occ.code)
        ],
        "esco": {
            "occupations": [
                {
                    "uri": e.uri,
                    "label": e.label,
                    "method": e.method,
                    "score": e.score,
                    "rank": e.rank,
                }
                for e in catalog.esco_occupations(occ.code)
            ],
            "essential_skills": [
                {"uri": s.skill.uri, "label": s.skill.label, "occupations": s.occupations}
                for s in essential
            ],
            "optional_count": len(optional),
        },
        "exposure": {
            "eloundou": {
                "human": {
                    "alpha": ref.human_alpha,
                    "beta": ref.human_beta,
                    "gamma": ref.human_gamma,
                },
                "gpt4": {"alpha": ref.gpt4_alpha, "beta": ref.gpt4_beta, "gamma": ref.gpt4_gamma},
                "tasks_with_labels": ref.tasks_with_labels,
            },
            "microsoft_applicability": ref.ms_applicability,
            "anthropic": {
                "usage_pct": ref.anthropic_usage_pct,
                "tasks_matched": ref.anthropic_tasks_matched,
                "tasks_total": ref.tasks_total,
            },
        },
        "sources": [
            {"id": s.id, "dataset": s.dataset, "licence": s.licence, "attribution": s.attribution}
            for s in catalog.sources()
        ],
    }


def run(args: argparse.Namespace) -> int:
    with Catalog.open() as catalog:
        data = profile(catalog, args.code, top=max(0, args.top))
    if args.json:
        write_json(data)
    else:
        write_text(data, sys.stdout)
    return 0


def _money(value: int | None, topcoded: bool) -> str:
    if value is None:
        return "n/a"
    return f"${value:,}" + ("+" if topcoded and value >= 239_200 else "")


def _num(value: float | None, digits: int = 2) -> str:
    return "n/a" if value is None else f"{value:.{digits}f}"


def write_text(data: dict[str, Any], out: TextIO) -> None:
    """A readable summary of `profile()` output."""
    sections = (_summary, _exposure, _tasks, _ratings, _technology, _esco, _sources)
    for section in sections:
        for text in section(data):
            out.write(text + "\n")


def _summary(data: dict[str, Any]) -> list[str]:
    wrap = textwrap.TextWrapper(width=96, initial_indent="  ", subsequent_indent="  ")
    lines = [f"{data['code']}  {data['title']}"]
    if data["description"]:
        lines.append(wrap.fill(data["description"]))
    lines.append("")
    lines.append(f"Job zone: {data['job_zone'] or 'n/a'}   SOC 2018: {data['soc2018']}   "
                 f"ISCO-08: {', '.join(data['isco08']) or 'n/a'}")  # fmt: skip
    lines.append(f"Typical education: {data['education'] or 'n/a'}")
    lines.append(f"Typical related experience: {data['experience'] or 'n/a'}")
    wage = data["wage"]
    top = bool(wage["topcoded"])
    employment = f"{wage['employment']:,}" if wage["employment"] is not None else "n/a"
    basis = f" (BLS {wage['basis']} code)" if wage["basis"] not in (None, "detailed") else ""
    lines.append(
        f"Annual wage (May 2024): median {_money(wage['median'], top)}, "
        f"10th pct {_money(wage['p10'], top)}, 90th pct {_money(wage['p90'], top)}; "
        f"employment {employment}{basis}"
    )
    outlook = data["outlook"]
    bright = {True: "yes", False: "no", None: "n/a"}[outlook["bright"]]
    openings = "n/a" if outlook["openings"] is None else f"{outlook['openings'] * 1000:,.0f}"
    lines.append(
        f"Outlook 2024–34: growth {_num(outlook['growth_pct'], 1)}%, "
        f"openings {openings} a year, bright outlook: {bright}"
    )
    return lines


def _exposure(data: dict[str, Any]) -> list[str]:
    exposure = data["exposure"]
    human, gpt4 = exposure["eloundou"]["human"], exposure["eloundou"]["gpt4"]
    anthropic = exposure["anthropic"]
    return [
        "",
        "Exposure references",
        f"  Eloundou et al. human  alpha {_num(human['alpha'])} beta {_num(human['beta'])} "
        f"gamma {_num(human['gamma'])}",
        f"  Eloundou et al. GPT-4  alpha {_num(gpt4['alpha'])} beta {_num(gpt4['beta'])} "
        f"gamma {_num(gpt4['gamma'])}",
        f"  Microsoft AI applicability: {_num(exposure['microsoft_applicability'], 3)}",
        f"  Anthropic observed usage: {_num(anthropic['usage_pct'], 3)}% of conversations "
        f"({anthropic['tasks_matched']} of {anthropic['tasks_total']} tasks matched)",
    ]


def _tasks(data: dict[str, Any]) -> list[str]:
    lines = ["", f"Tasks ({len(data['tasks'])})"]
    for task in data["tasks"]:
        marks = [task["task_type"] or "unrated"]
        if task["human_label"]:
            marks.append(f"human {task['human_label']}")
        if task["gpt4_label"]:
            marks.append(f"GPT-4 {task['gpt4_label']}")
        lines.append(f"  [{task['task_id']}] {task['task']} ({', '.join(marks)})")
    return lines


def _ratings(data: dict[str, Any]) -> list[str]:
    lines: list[str] = []
    for key, heading in (("onet_skills", "O*NET skills"), ("onet_knowledge", "O*NET knowledge")):
        lines.append("")
        lines.append(f"{heading} (importance 1–5, level 0–7)")
        for r in data[key]:
            lines.append(f"  {r['name']:<40} {_num(r['importance'])}  {_num(r['level'])}")
    return lines


def _technology(data: dict[str, Any]) -> list[str]:
    tech = data["technology"]
    if not tech:
        return []
    shown = [
        t["example"] + ("*" if t["hot"] else "") + ("+" if t["in_demand"] else "") for t in tech
    ]
    return [
        "",
        f"Technology ({len(tech)}; * hot, + in demand)",
        textwrap.fill(", ".join(shown), width=96, initial_indent="  ", subsequent_indent="  "),
    ]


def _esco(data: dict[str, Any]) -> list[str]:
    esco = data["esco"]
    linked = ", ".join(f"{e['label']} ({e['method']})" for e in esco["occupations"]) or "none"
    lines = [
        "",
        f"ESCO occupations: {linked}",
        f"ESCO essential skills ({len(esco['essential_skills'])}; "
        f"{esco['optional_count']} optional not listed)",
    ]
    lines.extend(f"  {skill['label']}" for skill in esco["essential_skills"][:TOP_ESCO_TEXT])
    if len(esco["essential_skills"]) > TOP_ESCO_TEXT:
        lines.append(
            f"  … {len(esco['essential_skills']) - TOP_ESCO_TEXT} more (use --json for all)"
        )
    return lines


def _sources(data: dict[str, Any]) -> list[str]:
    indented = textwrap.TextWrapper(width=96, initial_indent="    ", subsequent_indent="    ")
    lines = ["", "Sources"]
    for source in data["sources"]:
        lines.append(f"  {source['dataset']} — {source['licence']}")
        lines.append(indented.fill(source["attribution"]))
    return lines
