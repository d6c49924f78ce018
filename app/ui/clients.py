"""Saved clients (counsellor mode), session notes, dated snapshots, and the autosaved draft."""

from __future__ import annotations

import contextlib
import json
import os
import re
import shutil
import tempfile
import uuid
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import datetime
from pathlib import Path
from typing import Any

from app import paths
from app.core.errors import SkillShiftError
from app.core.profile import Profile

CLIENT_SCHEMA = 1
EXPORT_KIND = "skillshift-client"
PROFILE_FILE = "profile.json"
CLIENT_FILE = "client.json"
DRAFT_FILE = "draft.json"
_ID = re.compile(r"^[a-z0-9][a-z0-9-]{0,63}$")


class ClientError(SkillShiftError):
    """A client file that cannot be read or written; the message says which and why."""


def now() -> str:
    return datetime.now().astimezone().isoformat(timespec="seconds")


def today() -> str:
    return datetime.now().astimezone().date().isoformat()


def atomic_write(path: Path, text: str) -> None:
    """Temp file in the same folder, fsync, rename: a crash never leaves half a file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        tmp.replace(path)
    finally:
        tmp.unlink(missing_ok=True)


@dataclass(frozen=True)
class SessionNote:
    date: str  # ISO date of the session
    text: str


@dataclass(frozen=True)
class Snapshot:
    taken: str  # ISO timestamp
    profile: dict[str, Any]
    summary: dict[str, Any]  # beta, percentile, occupation, counts, top moves (see summarise)


@dataclass(frozen=True)
class Client:
    id: str
    alias: str
    created: str
    modified: str
    occupation: str = ""  # title, for the list
    sessions: tuple[SessionNote, ...] = ()
    snapshots: tuple[Snapshot, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "schema": CLIENT_SCHEMA,
            "id": self.id,
            "alias": self.alias,
            "created": self.created,
            "modified": self.modified,
            "occupation": self.occupation,
            "sessions": [{"date": s.date, "text": s.text} for s in self.sessions],
            "snapshots": [
                {"taken": s.taken, "profile": s.profile, "summary": s.summary}
                for s in self.snapshots
            ],
        }

    @classmethod
    def from_dict(cls, data: Any, where: str) -> Client:
        if not isinstance(data, Mapping) or data.get("schema") != CLIENT_SCHEMA:
            raise ClientError(f"{where}: not a SkillShift client file (schema {CLIENT_SCHEMA})")
        try:
            sessions = tuple(
                SessionNote(str(s["date"]), str(s["text"])) for s in data.get("sessions", [])
            )
            snapshots = tuple(
                Snapshot(str(s["taken"]), dict(s["profile"]), dict(s["summary"]))
                for s in data.get("snapshots", [])
            )
            return cls(
                id=str(data["id"]),
                alias=str(data.get("alias", "")),
                created=str(data.get("created", "")),
                modified=str(data.get("modified", "")),
                occupation=str(data.get("occupation", "")),
                sessions=sessions,
                snapshots=snapshots,
            )
        except (KeyError, TypeError, ValueError) as exc:
            raise ClientError(f"{where}: damaged client file ({exc})") from None

    def note_for(self, date: str) -> str:
        return next((s.text for s in self.sessions if s.date == date), "")

    def with_note(self, date: str, text: str) -> Client:
        """The session note for `date` replaced (an empty note removes the session)."""
        others = [s for s in self.sessions if s.date != date]
        if text.strip():
            others.append(SessionNote(date, text))
        others.sort(key=lambda s: s.date)
        return replace(self, sessions=tuple(others))


def summarise(result: Any) -> dict[str, Any]:
    """What a snapshot keeps of an analysis (an AnalysisResult), for later comparison."""
    exposure = result.exposure
    profile = result.profile
    return {
        "occupation_code": result.occupation.code,
        "occupation_title": result.occupation.title,
        "alpha": round(exposure.alpha, 4),
        "beta": round(exposure.beta, 4),
        "gamma": round(exposure.gamma, 4),
        "percentile": exposure.percentile,
        "tasks": sum(1 for t in profile.tasks if t.task_id is not None),
        "own_tasks": sum(1 for t in profile.tasks if t.task_id is None),
        "skills": len(profile.skills),
        "top_moves": [
            {"code": m.code, "title": m.title, "score": round(m.score, 4), "beta": m.exposure_beta}
            for m in result.moves[:5]
        ],
    }


@dataclass(frozen=True)
class ComparisonRow:
    measure: str  # a code; the page translates it
    before: Any
    after: Any
    change: str  # "up" | "down" | "same" | "" (not comparable)


def compare(first: Snapshot, second: Snapshot) -> list[ComparisonRow]:
    """Measure by measure, `first` (the earlier snapshot) against `second`."""
    rows: list[ComparisonRow] = []
    for key in (
        "occupation_title",
        "beta",
        "percentile",
        "alpha",
        "gamma",
        "tasks",
        "own_tasks",
        "skills",
    ):
        x, y = first.summary.get(key), second.summary.get(key)
        if isinstance(x, int | float) and isinstance(y, int | float):
            change = "same" if abs(float(x) - float(y)) < 1e-9 else ("up" if y > x else "down")
        else:
            change = "same" if x == y else ""
        rows.append(ComparisonRow(key, x, y, change))
    moves_a = [m["title"] for m in first.summary.get("top_moves", [])]
    moves_b = [m["title"] for m in second.summary.get("top_moves", [])]
    rows.append(
        ComparisonRow(
            "top_move",
            moves_a[0] if moves_a else None,
            moves_b[0] if moves_b else None,
            "same" if moves_a[:1] == moves_b[:1] else "",
        )
    )
    common = len(set(moves_a) & set(moves_b))
    rows.append(ComparisonRow("moves_in_common", len(moves_a), common, ""))
    return rows


def _slug(alias: str) -> str:
    base = re.sub(r"[^a-z0-9]+", "-", alias.lower()).strip("-")[:40] or "client"
    return f"{base}-{uuid.uuid4().hex[:6]}"


class ClientStore:
    """One folder per client under the profiles folder: profile.json (the CLI reads it) and
    client.json (notes per session, snapshots)."""

    def __init__(self, root: Path | None = None) -> None:
        self.root = root if root is not None else paths.profiles_dir()

    def _dir(self, client_id: str) -> Path:
        if not _ID.match(client_id):
            raise ClientError(f"not a client id: {client_id!r}")
        return self.root / client_id

    def list(self) -> list[Client]:
        out: list[Client] = []
        if not self.root.is_dir():
            return out
        for folder in sorted(self.root.iterdir()):
            file = folder / CLIENT_FILE
            if folder.is_dir() and file.is_file():
                with contextlib.suppress(ClientError, OSError, ValueError):
                    out.append(Client.from_dict(json.loads(file.read_text("utf-8")), str(file)))
        out.sort(key=lambda c: c.modified, reverse=True)
        return out

    def new(self, alias: str) -> Client:
        stamp = now()
        return Client(id=_slug(alias), alias=alias, created=stamp, modified=stamp)

    def load(self, client_id: str) -> tuple[Client, Profile]:
        folder = self._dir(client_id)
        file = folder / CLIENT_FILE
        try:
            client = Client.from_dict(json.loads(file.read_text("utf-8")), str(file))
        except FileNotFoundError:
            raise ClientError(f"client {client_id} no longer exists") from None
        except (OSError, ValueError) as exc:
            raise ClientError(f"{file} cannot be read ({exc})") from None
        return client, Profile.load(folder / PROFILE_FILE)

    def save(self, client: Client, profile: Profile) -> Client:
        folder = self._dir(client.id)
        saved = replace(client, modified=now(), alias=profile.alias or client.alias)
        try:
            profile.save(folder / PROFILE_FILE)
            atomic_write(
                folder / CLIENT_FILE,
                json.dumps(saved.to_dict(), ensure_ascii=False, indent=2) + "\n",
            )
        except OSError as exc:
            raise ClientError(
                f"client {client.alias!r} cannot be saved ({exc.strerror or exc})"
            ) from None
        return saved

    def duplicate(self, client_id: str) -> Client:
        client, profile = self.load(client_id)
        copy = replace(
            self.new(client.alias),
            alias=f"{client.alias} (copy)",
            occupation=client.occupation,
            sessions=client.sessions,
            snapshots=client.snapshots,
        )
        return self.save(copy, replace(profile, alias=copy.alias))

    def delete(self, client_id: str) -> None:
        folder = self._dir(client_id)
        if folder.is_dir():
            shutil.rmtree(folder)

    def export(self, client_id: str, target: Path) -> None:
        client, profile = self.load(client_id)
        bundle = {
            "kind": EXPORT_KIND,
            "schema": CLIENT_SCHEMA,
            "client": client.to_dict(),
            "profile": profile.to_dict(),
        }
        try:
            atomic_write(target, json.dumps(bundle, ensure_ascii=False, indent=2) + "\n")
        except OSError as exc:
            raise ClientError(f"{target} cannot be written ({exc.strerror or exc})") from None

    def import_file(self, source: Path) -> Client:
        """A client exported by SkillShift, or a plain profile JSON (as `skillshift analyze` reads)."""
        try:
            data = json.loads(source.read_bytes().decode("utf-8-sig"))
        except (OSError, UnicodeDecodeError, ValueError) as exc:
            raise ClientError(f"{source} cannot be imported ({exc})") from None
        if isinstance(data, Mapping) and data.get("kind") == EXPORT_KIND:
            old = Client.from_dict(data.get("client"), str(source))
            profile = Profile.from_dict(data.get("profile"))
            client = replace(
                self.new(old.alias),
                occupation=old.occupation,
                sessions=old.sessions,
                snapshots=old.snapshots,
                created=old.created or now(),
            )
        else:
            profile = Profile.from_dict(data)
            client = self.new(profile.alias or source.stem)
        return self.save(client, profile)


@dataclass(frozen=True)
class Draft:
    saved: str
    clean: bool  # False while the app runs: a draft found unclean at start means a crash
    client_id: str | None
    state: dict[str, Any] = field(default_factory=dict)  # profile dict, role query, notes


class DraftStore:
    """The autosaved working copy, rewritten a few seconds after each change."""

    def __init__(self, path: Path | None = None) -> None:
        self.path = path if path is not None else paths.data_dir() / DRAFT_FILE

    def write(self, draft: Draft) -> None:
        body = {
            "saved": draft.saved,
            "clean": draft.clean,
            "client_id": draft.client_id,
            "state": draft.state,
        }
        atomic_write(self.path, json.dumps(body, ensure_ascii=False) + "\n")

    def read(self) -> Draft | None:
        try:
            data = json.loads(self.path.read_text("utf-8"))
            return Draft(
                str(data["saved"]), bool(data["clean"]), data.get("client_id"), dict(data["state"])
            )
        except (OSError, ValueError, KeyError, TypeError):
            return None

    def clear(self) -> None:
        self.path.unlink(missing_ok=True)
