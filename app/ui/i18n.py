"""Translations: the app's own .qm files (app/ui/i18n) and Qt's, loaded for the chosen language.

Update after changing UI strings (then translate in Qt Linguist and compile):
    pyside6-lupdate $(find app/ui -name '*.py') -ts app/ui/i18n/skillshift_zh_CN.ts -locations relative
    pyside6-lrelease app/ui/i18n/skillshift_zh_CN.ts -qm app/ui/i18n/skillshift_zh_CN.qm

English needs a translation only for counts: every `tr("%n task(s)", "", n)` has its one and
many forms in skillshift_en.ts (context = the class, or the context given to translate()),
compiled the same way to skillshift_en.qm.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QLibraryInfo, QLocale, QTranslator
from PySide6.QtWidgets import QApplication

I18N_DIR = Path(__file__).resolve().parent / "i18n"


def install_translators(app: QApplication, language: str) -> list[QTranslator]:
    """Install translators for `language`; returns them to keep them alive. English loads only
    its plural forms ("1 task", "2 tasks")."""
    installed: list[QTranslator] = []
    if language == "en":
        own = QTranslator(app)
        if own.load("skillshift_en", str(I18N_DIR)):
            app.installTranslator(own)
            installed.append(own)
        return installed
    locale = QLocale(language)
    qt = QTranslator(app)
    if qt.load(locale, "qtbase", "_", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
        app.installTranslator(qt)
        installed.append(qt)
    own = QTranslator(app)
    if own.load(f"skillshift_{language}", str(I18N_DIR)):
        app.installTranslator(own)
        installed.append(own)
    QLocale.setDefault(locale)
    return installed
