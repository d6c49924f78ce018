"""The Chinese catalogue: every message translated, placeholders kept, every string the UI asks
for present, and the compiled .qm the app loads answering each message."""

from __future__ import annotations

import ast
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]
UI = ROOT / "app" / "ui"
TS = UI / "i18n" / "skillshift_zh_CN.ts"
LIVE = (None, "unfinished")  # the other types, vanished and obsolete, are not compiled

# Placeholders the code fills: str.format fields ({beta:.2f}) and Qt's (%1, %L1, %n).
FORMAT_FIELD = re.compile(r"\{[^{}]*\}")
QT_ARG = re.compile(r"%(?:L?\d{1,2}|n)")
HTML_TAG = re.compile(r"</?[A-Za-z][^<>]*>")


@dataclass(frozen=True)
class Message:
    context: str
    source: str
    kind: str | None  # the translation's type attribute: None (finished), unfinished, vanished…
    forms: tuple[str, ...]  # one text, or one per plural form

    def __str__(self) -> str:
        return f"{self.context}: {self.source!r}"


def read_catalogue(path: Path) -> list[Message]:
    messages = []
    for context in ET.parse(path).getroot().iter("context"):
        name = context.findtext("name") or ""
        for m in context.iter("message"):
            tr = m.find("translation")
            assert tr is not None, f"{name}: a message without a translation element"
            if m.get("numerus") == "yes":
                forms = tuple(f.text or "" for f in tr.iter("numerusform"))
            else:
                forms = (tr.text or "",)
            messages.append(Message(name, m.findtext("source") or "", tr.get("type"), forms))
    return messages


def live_messages() -> list[Message]:
    return [m for m in read_catalogue(TS) if m.kind in LIVE]


def mnemonics(text: str) -> list[str]:
    """The letters marked with a single & (&& is a literal ampersand)."""
    return [c.lower() for c in re.findall(r"&(.)", text.replace("&&", ""))]


def markup(text: str) -> Counter[str]:
    return Counter(
        FORMAT_FIELD.findall(text)
        + QT_ARG.findall(text)
        + [tag.lower() for tag in HTML_TAG.findall(text)]
    )


def wrapped_strings(folder: Path) -> set[tuple[str, str]]:
    """Literals passed to module-level wrappers `def _t(text): return X.translate("Ctx", text)`.

    lupdate cannot see them (it does not know the wrapper's context), so they are checked here.
    """
    found: set[tuple[str, str]] = set()
    for path in sorted(folder.rglob("*.py")):
        tree = ast.parse(path.read_text("utf-8"))
        wrappers: dict[str, str] = {}
        for node in tree.body:
            if not (isinstance(node, ast.FunctionDef) and len(node.body) == 1):
                continue
            ret = node.body[0]
            if not (isinstance(ret, ast.Return) and isinstance(ret.value, ast.Call)):
                continue
            call = ret.value
            if (
                isinstance(call.func, ast.Attribute)
                and call.func.attr == "translate"
                and call.args
                and isinstance(call.args[0], ast.Constant)
                and isinstance(call.args[0].value, str)
            ):
                wrappers[node.name] = call.args[0].value
        for use in ast.walk(tree):
            if (
                isinstance(use, ast.Call)
                and isinstance(use.func, ast.Name)
                and use.func.id in wrappers
                and use.args
                and isinstance(use.args[0], ast.Constant)
                and isinstance(use.args[0].value, str)
            ):
                found.add((wrappers[use.func.id], use.args[0].value))
    return found


def lupdate_tool() -> str | None:
    beside = Path(sys.executable).with_name("pyside6-lupdate")
    return str(beside) if beside.is_file() else shutil.which("pyside6-lupdate")


def test_every_message_is_translated() -> None:
    messages = live_messages()
    assert len(messages) > 300
    bad = [
        str(m) for m in messages if m.kind == "unfinished" or not all(f.strip() for f in m.forms)
    ]
    assert not bad, f"{len(bad)} unfinished or empty translations:\n" + "\n".join(bad)


def test_plurals_have_their_one_chinese_form() -> None:
    tree = ET.parse(TS).getroot()
    for m in tree.iter("message"):
        if m.get("numerus") == "yes":
            forms = m.findall("translation/numerusform")
            assert len(forms) == 1, f"{m.findtext('source')!r}: Chinese has one plural form"


def test_translations_keep_placeholders_markup_and_mnemonics() -> None:
    bad = []
    for m in live_messages():
        for form in (f for f in m.forms if f):  # an empty one is reported above
            if markup(form) != markup(m.source):
                bad.append(f"{m}: placeholders or tags {dict(markup(m.source))} -> {form!r}")
            if mnemonics(form) != mnemonics(m.source):
                bad.append(f"{m}: mnemonic {mnemonics(m.source)} -> {form!r}")
    assert not bad, "\n".join(bad)


def test_the_checks_catch_what_they_are_for() -> None:
    """The helpers above see a lost placeholder, a changed tag, a lost mnemonic."""
    assert markup("Save {alias}.") != markup("已保存。")
    assert markup("{p:.0f}% of occupations") != markup("{p}% 的职业")
    assert markup("<b>{title}</b>") != markup("<i>{title}</i>")
    assert markup("%n moves") != markup("个转型方向")
    assert markup(" % of yours") == markup(" %")
    assert mnemonics("&Settings && About") == mnemonics("设置与关于(&S)") == ["s"]
    assert mnemonics("&Open") != mnemonics("打开")


def test_every_string_the_interface_asks_for_is_in_the_catalogue(tmp_path: Path) -> None:
    """What lupdate extracts from app/ui today, plus the wrapped literals it cannot see.

    When this fails after a UI change, refresh the catalogue (see app/ui/i18n.py) and translate.
    """
    tool = lupdate_tool()
    if tool is None:
        pytest.skip("pyside6-lupdate is not installed")
    fresh = tmp_path / "fresh.ts"
    sources = [str(p) for p in sorted(UI.rglob("*.py"))]
    subprocess.run(
        [tool, *sources, "-ts", str(fresh), "-locations", "none", "-silent"],
        check=True,
        capture_output=True,
        timeout=120,
    )
    wanted = {(m.context, m.source) for m in read_catalogue(fresh)}
    wanted |= wrapped_strings(UI)
    assert len(wanted) > 300
    have = {(m.context, m.source) for m in live_messages()}
    missing = sorted(wanted - have)
    vanished = {(m.context, m.source) for m in read_catalogue(TS) if m.kind not in LIVE}
    hint = (
        "\nSome are in the catalogue as vanished: lupdate does not see strings passed through "
        "a wrapper such as _t(); pass the literal to QCoreApplication.translate(context, text) "
        "or mark it with QT_TRANSLATE_NOOP(context, text), and lupdate revives the translation."
        if vanished & set(missing)
        else ""
    )
    assert not missing, (
        f"{len(missing)} UI strings are not in the catalogue:\n"
        + "\n".join(f"{c}: {s!r}" for c, s in missing)
        + hint
    )


def test_the_app_loads_the_compiled_catalogue(qapp: Any) -> None:
    """The .qm the app installs for zh_CN answers every message as the .ts says (not stale)."""
    from PySide6.QtCore import QCoreApplication, QLocale

    from app.ui.i18n import install_translators
    from app.ui.settings import LANGUAGES

    assert "zh_CN" in LANGUAGES
    default = QLocale()
    installed = install_translators(qapp, "zh_CN")
    try:
        assert installed, "no translator was installed for zh_CN"
        wrong = []
        for m in (m for m in live_messages() if all(m.forms)):
            if len(m.forms) == 1:
                got = QCoreApplication.translate(m.context, m.source)
            else:
                got = QCoreApplication.translate(m.context, m.source, None, 2)
            if got != m.forms[0]:
                wrong.append(f"{m}: the .qm gives {got!r}, the .ts {m.forms[0]!r}")
        assert not wrong, "recompile the .qm (see app/ui/i18n.py):\n" + "\n".join(wrong)
    finally:
        for translator in installed:
            qapp.removeTranslator(translator)
        QLocale.setDefault(default)
