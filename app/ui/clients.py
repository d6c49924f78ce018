"""Saved clients (counsellor mode), session notes, dated snapshots, and the autosaved draft."""

from __future__ import annotations

import contextlib
import json
import re
import shutil
import uuid
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import datetime
from pathlib import Path
from typing import Any

from app import paths
from app.core import crypto
from app.core.atomic import (
    JOURNAL_FILE,
    commit_files,
    recover,
    remove_leftover_temp_files,
    write_atomic,
)
from app.core.errors import SkillShiftError
from app.core.inputs import FileTooLargeError, JsonInputError, parse_json, read_limited
from app.core.profile import Profile
from app.core.storage import load_profile, locked, restore_backup

CLIENT_SCHEMA = 1
EXPORT_KIND = "skillshift-client"
PROFILE_FILE = "profile.json"
CLIENT_FILE = "client.json"
DRAFT_FILE = "draft.json"
# A protected client: the two files encrypted (.enc) and a marker that holds no personal data,
# so the list can show that the client exists without knowing who it is.
ENC_SUFFIX = ".enc"
PROTECTED_FILE = "protected.json"
_ID = re.compile(r"^[a-z0-9][a-z0-9-]{0,63}$")
# A client file (notes, snapshots; encrypted or not) or an export: real ones are kilobytes; a
# bigger one is not read whole (a crafted or damaged file must not exhaust memory).
MAX_CLIENT_BYTES = 64 * 1024 * 1024
# Passphrases of protected clients opened in this process, by client id: the autosaved draft of
# such a client is encrypted with it (memory only; after a crash the draft needs the passphrase).
_draft_keys: dict[str, str] = {}


class ClientError(SkillShiftError):
    """A client file that cannot be read or written; the message says which and why."""


class PassphraseRequiredError(ClientError):
    """The client is protected; open it again with its passphrase."""


def now() -> str:
    return datetime.now().astimezone().isoformat(timespec="seconds")


def today() -> str:
    return datetime.now().astimezone().date().isoformat()


def atomic_write(path: Path, text: str | bytes) -> None:
    """Temp file in the same folder, fsync, rename: a crash never leaves half a file."""
    write_atomic(path, text.encode("utf-8") if isinstance(text, str) else text)


def tidy_data_folder(root: Path | None = None) -> list[Path]:
    """At start: finish saves a crash interrupted, then delete the temp files crashes left (they
    are plain copies of profiles, notes and drafts). Returns the removed temp files."""
    folder = root if root is not None else paths.data_dir(create=False)
    profiles = folder / "profiles"
    if profiles.is_dir():
        with contextlib.suppress(OSError):
            for client in profiles.iterdir():
                if client.is_dir() and (client / JOURNAL_FILE).is_file():
                    # Another SkillShift saving this client right now finishes it itself.
                    with (
                        contextlib.suppress(SkillShiftError, OSError),
                        locked(client / CLIENT_FILE, wait=0.5),
                    ):
                        recover(client)
    return remove_leftover_temp_files(folder)


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
    protected: bool = False  # encrypted at rest; only the id is known until it is opened

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
                Snapshot(str(s["taken"]), dict(s["profile"]), _summary(s["summary"]))
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


def _summary(value: Any) -> dict[str, Any]:
    """A snapshot's summary as read from a file: its numbers must be ones a float can hold
    (the pages compare and format them; JSON allows a whole number of 4,000 digits)."""
    summary = dict(value)
    for key, item in summary.items():
        if isinstance(item, int | float) and not isinstance(item, bool):
            try:
                float(item)
            except OverflowError:
                raise ValueError(f"snapshot summary {key}: too large a number") from None
    return summary


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
    client.json (notes per session, snapshots). A protected client keeps both encrypted with a
    passphrase (profile.json.enc, client.json.enc) and a marker file without personal data."""

    def __init__(self, root: Path | None = None, drafts: DraftStore | None = None) -> None:
        self.root = root if root is not None else paths.profiles_dir()
        self._drafts = drafts
        # Passphrases of protected clients opened in this session, so saving re-encrypts; they
        # live only in memory.
        self._keys: dict[str, str] = {}

    def _dir(self, client_id: str) -> Path:
        if not _ID.match(client_id):
            raise ClientError(f"not a client id: {client_id!r}")
        return self.root / client_id

    def is_protected(self, client_id: str) -> bool:
        return (self._dir(client_id) / PROTECTED_FILE).is_file()

    def list(self) -> list[Client]:
        out: list[Client] = []
        if not self.root.is_dir():
            return out
        for folder in sorted(self.root.iterdir()):
            file = folder / CLIENT_FILE
            marker = folder / PROTECTED_FILE
            if folder.is_dir() and marker.is_file() and _ID.match(folder.name):
                with contextlib.suppress(OSError, ValueError, TypeError, AttributeError):
                    info = parse_json(read_limited(marker, MAX_CLIENT_BYTES))
                    stamp = str(info.get("modified", ""))
                    out.append(Client(folder.name, "", stamp, stamp, protected=True))
            elif folder.is_dir() and file.is_file():
                with contextlib.suppress(ClientError, OSError, ValueError):
                    raw = read_limited(file, MAX_CLIENT_BYTES)
                    out.append(Client.from_dict(parse_json(raw), str(file)))
        out.sort(key=lambda c: c.modified, reverse=True)
        return out

    def new(self, alias: str) -> Client:
        stamp = now()
        return Client(id=_slug(alias), alias=alias, created=stamp, modified=stamp)

    def _finish_interrupted_save(self, folder: Path) -> None:
        """profile.json and client.json (or their .enc) go together: a save a crash cut short is
        finished before they are read (not possible in a read-only folder: read as they are)."""
        if (folder / JOURNAL_FILE).is_file():
            with contextlib.suppress(SkillShiftError, OSError), locked(folder / CLIENT_FILE):
                recover(folder)

    def load(self, client_id: str, passphrase: str | None = None) -> tuple[Client, Profile]:
        folder = self._dir(client_id)
        self._finish_interrupted_save(folder)
        if (folder / PROTECTED_FILE).is_file():
            return self._load_protected(client_id, folder, passphrase)
        file = folder / CLIENT_FILE
        try:
            client = Client.from_dict(parse_json(read_limited(file, MAX_CLIENT_BYTES)), str(file))
        except FileNotFoundError:
            raise ClientError(f"client {client_id} no longer exists") from None
        except OSError as exc:
            raise ClientError(f"{file} cannot be read ({exc.strerror or exc})") from None
        except ValueError as exc:
            raise ClientError(f"{file} cannot be read ({exc})") from None
        # A damaged profile is set aside (never overwritten); the error offers profile.json.bak.
        return client, load_profile(folder / PROFILE_FILE)

    def restore_backup(self, client_id: str) -> tuple[Client, Profile]:
        """After a CorruptProfileError: put the previous profile version back and open it."""
        folder = self._dir(client_id)
        with locked(folder / CLIENT_FILE):
            restore_backup(folder / PROFILE_FILE)
        return self.load(client_id)

    def _load_protected(
        self, client_id: str, folder: Path, passphrase: str | None
    ) -> tuple[Client, Profile]:
        key = passphrase if passphrase is not None else self._keys.get(client_id)
        if key is None:
            raise PassphraseRequiredError(f"client {client_id} is protected; enter its passphrase")
        client_file = folder / (CLIENT_FILE + ENC_SUFFIX)
        profile_file = folder / (PROFILE_FILE + ENC_SUFFIX)
        try:
            client_raw = crypto.decrypt(read_limited(client_file, MAX_CLIENT_BYTES), key)
            profile_raw = crypto.decrypt(read_limited(profile_file, MAX_CLIENT_BYTES), key)
        except FileNotFoundError as exc:
            raise ClientError(f"client {client_id}: {exc.filename} is missing") from None
        except OSError as exc:
            raise ClientError(
                f"client {client_id} cannot be read ({exc.strerror or exc})"
            ) from None
        try:
            client = Client.from_dict(parse_json(client_raw), str(client_file))
            profile = Profile.from_dict(parse_json(profile_raw))
        except (UnicodeDecodeError, ValueError) as exc:
            raise ClientError(f"client {client_id} is damaged ({exc})") from None
        self._keys[client_id] = key
        _draft_keys[client_id] = key
        return replace(client, protected=True), profile

    def save(self, client: Client, profile: Profile) -> Client:
        folder = self._dir(client.id)
        saved = replace(client, modified=now(), alias=profile.alias or client.alias)
        key = self._keys.get(client.id)
        try:
            with locked(folder / CLIENT_FILE):
                if key is not None:
                    self._write_protected(folder, saved, profile, key)
                else:
                    # Both files in one commit: a crash leaves both old or both new.
                    commit_files(
                        folder,
                        {
                            PROFILE_FILE: _json(profile.to_dict()).encode("utf-8"),
                            CLIENT_FILE: _json(saved.to_dict()).encode("utf-8"),
                        },
                        backups=[PROFILE_FILE],
                    )
        except OSError as exc:
            raise ClientError(
                f"client {client.alias!r} cannot be saved ({exc.strerror or exc})"
            ) from None
        return replace(saved, protected=key is not None)

    def _write_protected(self, folder: Path, client: Client, profile: Profile, key: str) -> None:
        # The encrypted files, the marker, and the removal of the plain files are one commit:
        # a crash leaves the plain client or the protected one, never both or neither.
        commit_files(
            folder,
            {
                PROFILE_FILE + ENC_SUFFIX: crypto.encrypt(
                    _json(profile.to_dict()).encode("utf-8"), key
                ),
                CLIENT_FILE + ENC_SUFFIX: crypto.encrypt(
                    _json(client.to_dict()).encode("utf-8"), key
                ),
                PROTECTED_FILE: _json(
                    {"schema": CLIENT_SCHEMA, "format": crypto.FORMAT_VERSION, "modified": now()}
                ).encode("utf-8"),
            },
            removals=[PROFILE_FILE, PROFILE_FILE + ".bak", CLIENT_FILE],
        )

    def protect(self, client_id: str, passphrase: str) -> Client:
        """Encrypt a saved client with `passphrase` under a new random id; the plain folder goes."""
        crypto.check_passphrase(passphrase)
        client, profile = self.load(client_id)
        if client_id in self._keys:
            raise ClientError(f"client {client_id} is already protected")
        # The folder name comes from the alias; a protected client gets a random one instead.
        hidden = replace(client, id=f"client-{uuid.uuid4().hex[:12]}")
        self._keys[hidden.id] = passphrase
        try:
            saved = self.save(hidden, profile)
        except SkillShiftError:
            self._keys.pop(hidden.id, None)
            raise
        _draft_keys[hidden.id] = passphrase
        old = self._dir(client_id)
        try:
            shutil.rmtree(old)
        except OSError as exc:
            raise ClientError(
                f"client {client.alias!r} was encrypted, but its unencrypted folder {old} could "
                f"not be removed ({exc.strerror or exc}); delete it by hand"
            ) from None
        self._reseal_draft(client_id, hidden.id)
        return saved

    def _reseal_draft(self, old_id: str, new_id: str) -> None:
        """The autosaved working copy of a client just protected is encrypted too (under its new
        id); plain temp copies a crash left beside it go."""
        drafts = self._drafts if self._drafts is not None else DraftStore()
        draft = drafts.read()
        if draft is not None and draft.client_id == old_id:
            try:
                drafts.write(replace(draft, client_id=new_id))
            except OSError:
                drafts.clear()  # never leave it in plain text
        remove_leftover_temp_files(drafts.path.parent)

    def forget_passphrases(self) -> None:
        for client_id in self._keys:
            _draft_keys.pop(client_id, None)
        self._keys.clear()
        crypto.forget_keys()

    def duplicate(self, client_id: str) -> Client:
        client, profile = self.load(client_id)
        copy = replace(
            self.new(client.alias),
            alias=f"{client.alias} (copy)",
            occupation=client.occupation,
            sessions=client.sessions,
            snapshots=client.snapshots,
        )
        if client_id in self._keys:
            self._keys[copy.id] = self._keys[client_id]  # a copy of a protected client stays so
        return self.save(copy, replace(profile, alias=copy.alias))

    def delete(self, client_id: str) -> None:
        """The client's folder (profile, backups, notes, snapshots) and a draft that was theirs."""
        folder = self._dir(client_id)
        drafts = self._drafts if self._drafts is not None else DraftStore()
        draft = drafts.read()  # before the key is forgotten: a protected client's draft is sealed
        if folder.is_dir():
            shutil.rmtree(folder)
        if draft is not None and draft.client_id == client_id:
            drafts.clear()
        self._keys.pop(client_id, None)
        _draft_keys.pop(client_id, None)

    def export(self, client_id: str, target: Path, passphrase: str | None = None) -> None:
        """One JSON file with the client and profile; encrypted when `passphrase` is given."""
        client, profile = self.load(client_id)
        bundle = {
            "kind": EXPORT_KIND,
            "schema": CLIENT_SCHEMA,
            "client": replace(client, protected=False).to_dict(),
            "profile": profile.to_dict(),
        }
        text = _json(bundle)
        try:
            atomic_write(
                target,
                crypto.encrypt(text.encode("utf-8"), passphrase) if passphrase else text,
            )
        except OSError as exc:
            raise ClientError(f"{target} cannot be written ({exc.strerror or exc})") from None

    def import_file(self, source: Path, passphrase: str | None = None) -> Client:
        """A client exported by SkillShift, or a plain profile JSON (as `skillshift analyze` reads)."""
        try:
            raw = read_limited(source, MAX_CLIENT_BYTES)
            if crypto.is_encrypted(raw):
                if passphrase is None:
                    raise PassphraseRequiredError(f"{source} is encrypted; enter its passphrase")
                raw = crypto.decrypt(raw, passphrase)
            data = parse_json(raw)
        except FileTooLargeError:
            raise ClientError(
                f"{source} cannot be imported (larger than {MAX_CLIENT_BYTES:,} bytes: not a "
                "SkillShift client or profile)"
            ) from None
        except OSError as exc:
            raise ClientError(f"{source} cannot be imported ({exc.strerror or exc})") from None
        except UnicodeDecodeError:
            raise ClientError(f"{source} cannot be imported (not UTF-8 text)") from None
        except JsonInputError as exc:
            raise ClientError(f"{source} cannot be imported (not valid JSON: {exc})") from None
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


def _json(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


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
        text = json.dumps(body, ensure_ascii=False) + "\n"
        key = _draft_keys.get(draft.client_id or "")
        if key is not None:
            # A protected client's working copy is as private as the client's files.
            atomic_write(self.path, crypto.encrypt(text.encode("utf-8"), key))
        else:
            atomic_write(self.path, text)

    def read(self) -> Draft | None:
        """The draft, or None (none, damaged, or encrypted for a client not opened yet)."""
        try:
            raw = read_limited(self.path, MAX_CLIENT_BYTES)
            if crypto.is_encrypted(raw):
                for key in _draft_keys.values():
                    with contextlib.suppress(crypto.CryptoError):
                        raw = crypto.decrypt(raw, key)
                        break
                else:
                    return None
            data = parse_json(raw)
            return Draft(
                str(data["saved"]), bool(data["clean"]), data.get("client_id"), dict(data["state"])
            )
        except (OSError, ValueError, KeyError, TypeError):
            return None

    def clear(self) -> None:
        self.path.unlink(missing_ok=True)
