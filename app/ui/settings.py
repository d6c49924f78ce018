"""Typed access to the app's settings, stored as an INI file in the user data folder."""

from __future__ import annotations

from enum import StrEnum

from PySide6.QtCore import QSettings

from app import paths


class Key(StrEnum):
    PROVIDER = "compute/provider"
    THREADS = "compute/threads"
    LANGUAGE = "ui/language"
    GEOMETRY = "ui/geometry"
    LAST_PROFILE = "profiles/last"
    REPORT_DIR = "report/folder"


PROVIDERS = ("auto", "cpu", "cuda", "directml", "coreml")
LANGUAGES = ("en", "zh_CN")


class Settings:
    def __init__(self) -> None:
        self._qs = QSettings(str(paths.settings_file()), QSettings.Format.IniFormat)

    def _str(self, key: Key, default: str) -> str:
        value = self._qs.value(key.value, default)
        return value if isinstance(value, str) else default

    def provider(self) -> str:
        value = self._str(Key.PROVIDER, "auto")
        return value if value in PROVIDERS else "auto"

    def set_provider(self, value: str) -> None:
        if value not in PROVIDERS:
            raise ValueError(f"unknown compute provider: {value}")
        self._qs.setValue(Key.PROVIDER.value, value)

    def threads(self) -> int:
        try:
            value = int(self._str(Key.THREADS, "0"))
        except ValueError:
            return 0
        return max(0, min(value, 64))

    def set_threads(self, value: int) -> None:
        self._qs.setValue(Key.THREADS.value, str(max(0, min(int(value), 64))))

    def language(self) -> str:
        value = self._str(Key.LANGUAGE, "en")
        return value if value in LANGUAGES else "en"

    def set_language(self, value: str) -> None:
        if value not in LANGUAGES:
            raise ValueError(f"unknown language: {value}")
        self._qs.setValue(Key.LANGUAGE.value, value)

    def last_client(self) -> str:
        return self._str(Key.LAST_PROFILE, "")

    def set_last_client(self, value: str) -> None:
        self._qs.setValue(Key.LAST_PROFILE.value, value)

    def report_dir(self) -> str:
        return self._str(Key.REPORT_DIR, "")

    def set_report_dir(self, value: str) -> None:
        self._qs.setValue(Key.REPORT_DIR.value, value)

    def geometry(self) -> bytes | None:
        value = self._qs.value(Key.GEOMETRY.value)
        if value is None:
            return None
        try:
            return bytes(value)
        except TypeError:
            return None

    def set_geometry(self, value: bytes) -> None:
        self._qs.setValue(Key.GEOMETRY.value, value)

    def sync(self) -> None:
        self._qs.sync()
