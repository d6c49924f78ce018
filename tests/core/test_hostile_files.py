"""Hostile files and folders: a clear message and exit 2 (or a working answer), never a traceback,
a hang or memory exhausted; each case as it was found (issue 20)."""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import numpy as np
import pytest

from app import cli, paths
from app.core.errors import ResourceError, SkillShiftError
from app.core.inputs import FileTooLargeError, NotARegularFileError, read_limited
from app.core.profile import MAX_FILE_BYTES, Profile, ProfileError
from app.core.search.cache import cached_arrays
from app.core.storage import CorruptProfileError, load_profile
from app.core.transitions import resource as transitions_resource
from tests.conftest import REPO, read_only
from tests.test_offline import CLI_RUNS, PROFILE, _profile

pytestmark = pytest.mark.timeout(300)

HUGE = "1" + "0" * 400  # a JSON number no float can hold (the printf '1%0400d' 0)
NUMERIC_FIELDS = {
    "share": '"tasks":[{"task_id":2578,"share":%s}]',
    "level": '"skills":[{"kind":"onet","value":"2.A.1.a","level":%s}]',
    "min_wage_ratio": '"preferences":{"min_wage_ratio":%s}',
    "max_zone_step": '"preferences":{"max_zone_step":%s}',
    "task_id": '"tasks":[{"task_id":%s}]',
}


def profile_text(field: str, number: str = HUGE) -> str:
    body = NUMERIC_FIELDS[field] % number
    return '{"schema":1,"occupation":{"code":"43-4051.00"},' + body + "}"


def run_main(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = cli.main(argv)
    out, err = capsys.readouterr()
    assert "Traceback" not in err and "Traceback" not in out
    return code, out, err


# --------------------------------------------------------------------------- JSON numbers


@pytest.mark.parametrize("command", ["analyze", "plan"])
@pytest.mark.parametrize("field", list(NUMERIC_FIELDS))
def test_a_number_too_large_for_a_float_is_a_clear_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], command: str, field: str
) -> None:
    file = tmp_path / "big.json"
    file.write_text(profile_text(field), encoding="utf-8")
    argv = [command, str(file)] + (["--target", "29-1141.00"] if command == "plan" else [])
    code, out, err = run_main(argv, capsys)
    assert code == 2
    assert out == ""
    assert err.startswith("skillshift: profile ") and field in err
    assert err.count("\n") == 1 and len(err) < 300  # one line, not the 400 digits


def test_a_5000_digit_number_gets_no_developer_hint(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    file = tmp_path / "digits.json"
    file.write_text(profile_text("share", "1" + "0" * 4999), encoding="utf-8")
    code, _out, err = run_main(["analyze", str(file)], capsys)
    assert code == 2
    assert "set_int_max_str_digits" not in err and "sys." not in err
    assert "digits" in err


def test_client_import_of_a_huge_number_is_a_clear_error(tmp_path: Path) -> None:
    from app.ui.clients import ClientStore

    source = tmp_path / "import.json"
    store = ClientStore(tmp_path / "profiles")
    for field in NUMERIC_FIELDS:
        source.write_text(profile_text(field), encoding="utf-8")
        with pytest.raises(SkillShiftError, match=field):
            store.import_file(source)
    exported = {
        "kind": "skillshift-client",
        "schema": 1,
        "client": {
            "schema": 1,
            "id": "x",
            "snapshots": [{"taken": "t", "profile": {}, "summary": {"beta": 0}}],
        },
        "profile": json.loads(profile_text("share", "1")),
    }
    text = json.dumps(exported).replace('"beta": 0', f'"beta": {HUGE}')
    source.write_text(text, encoding="utf-8")
    with pytest.raises(SkillShiftError, match="too large"):
        store.import_file(source)
    assert store.list() == []


def test_load_profile_sets_a_huge_number_aside(tmp_path: Path) -> None:
    file = tmp_path / "profile.json"
    file.write_text(profile_text("share"), encoding="utf-8")
    with pytest.raises(CorruptProfileError) as info:
        load_profile(file)
    assert not file.exists()
    assert info.value.set_aside is not None and info.value.set_aside.is_file()
    assert "share" in str(info.value)


# --------------------------------------------------------------------------- special files


def special_files(folder: Path) -> Iterator[tuple[str, Path]]:
    """A device that never ends, a named pipe nobody writes to, a folder, a link to the device."""
    folder.mkdir()
    yield "device", Path("/dev/zero")
    fifo = folder / "pipe.json"
    os.mkfifo(fifo)
    yield "named pipe", fifo
    yield "folder", folder
    link = folder / "link.json"
    link.symlink_to("/dev/zero")
    yield "link to a device", link


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes and /dev/zero are POSIX")
def test_special_files_are_refused_at_once(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from app.ui.clients import ClientStore

    store = ClientStore(tmp_path / "profiles")
    for kind, file in special_files(tmp_path / "special"):
        for argv in (["analyze", str(file)], ["plan", str(file), "--target", "29-1141.00"]):
            start = time.monotonic()
            code, _out, err = run_main(argv, capsys)
            assert code == 2, kind
            assert "not a regular file" in err, (kind, err)
            assert time.monotonic() - start < 5, kind
        with pytest.raises(SkillShiftError, match="not a regular file"):
            store.import_file(file)


def test_reads_stop_after_the_cap_whatever_stat_says(tmp_path: Path) -> None:
    """A file stat() calls empty (/proc) or a sparse giant is read no further than cap + 1."""
    status = Path("/proc/self/status")
    if status.is_file():
        assert status.stat().st_size == 0
        with pytest.raises(FileTooLargeError):
            read_limited(status, 10)
    sparse = tmp_path / "sparse.json"
    with sparse.open("wb") as handle:
        handle.truncate(50 * 1024**3)  # 50 GB on paper, nothing on disk
    reads: list[int] = []
    real_read = os.read

    def counting(fd: int, n: int) -> bytes:
        chunk = real_read(fd, n)
        reads.append(len(chunk))
        return chunk

    os.read = counting  # type: ignore[assignment]
    try:
        with pytest.raises(FileTooLargeError):
            read_limited(sparse, MAX_FILE_BYTES)
    finally:
        os.read = real_read
    assert sum(reads) == MAX_FILE_BYTES + 1
    with pytest.raises(ProfileError, match="too large"):
        Profile.load(sparse)
    with pytest.raises(NotARegularFileError):
        read_limited(tmp_path, 10)


# --------------------------------------------------------------------------- damaged resources


def damage_zip_crc(source: Path, target: Path) -> Path:
    """A copy whose first member's CRC-32 in the central directory is wrong ("Bad CRC-32")."""
    blob = bytearray(source.read_bytes())
    central = blob.index(b"PK\x01\x02")
    blob[central + 16] ^= 0xFF
    target.write_bytes(bytes(blob))
    return target


def test_damaged_transitions_file_is_a_clear_error(tmp_path: Path) -> None:
    damaged = damage_zip_crc(
        transitions_resource.resource_file(), tmp_path / transitions_resource.TRANSITIONS_FILE
    )
    with pytest.raises(ResourceError, match="is damaged"):
        transitions_resource.load_resource(damaged)


def test_damaged_bundled_transitions_through_the_cli(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """The bundle as installed, with only resources/transitions.npz damaged."""
    bundle = tmp_path / "bundle"
    for name in ("models", "resources"):
        (bundle / name).mkdir(parents=True)
        for item in (REPO / name).iterdir():
            if item.is_file():
                (bundle / name / item.name).symlink_to(item)
    (bundle / "resources" / transitions_resource.TRANSITIONS_FILE).unlink()
    damage_zip_crc(
        transitions_resource.resource_file(),
        bundle / "resources" / transitions_resource.TRANSITIONS_FILE,
    )
    monkeypatch.setattr(paths, "bundle_root", lambda: bundle)
    code, _out, err = run_main(["transitions", "43-4051.00", "--top", "3"], capsys)
    assert code == 2
    assert "transitions" in err and "Bad CRC" not in err.split(";")[-1]


def test_unwritable_cache_only_costs_a_rebuild(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    cache.mkdir()
    with read_only(cache):
        value = cached_arrays(
            cache / "derived.npz",
            lambda: {"x": np.arange(3)},
            lambda v: v,
            dict,
        )
    assert list(value["x"]) == [0, 1, 2]


# --------------------------------------------------------------------------- read-only data folder


def _cli(args: list[str], stdin: str, data: Path, folder: Path) -> subprocess.CompletedProcess[str]:
    argv = [str(_profile(folder)) if a == PROFILE else a for a in args]
    return subprocess.run(
        [sys.executable, "-m", "app", "--data-dir", str(data), *argv],
        input=stdin,
        capture_output=True,
        text=True,
        cwd=REPO,
        env={**os.environ, "PYTHONPATH": str(REPO), "QT_QPA_PLATFORM": "offscreen"},
        timeout=400,
        check=False,
    )


@pytest.mark.slow
def test_every_command_and_the_window_work_with_a_read_only_data_folder(tmp_path: Path) -> None:
    data = tmp_path / "data"
    data.mkdir()
    inputs = tmp_path / "inputs"
    inputs.mkdir()
    with read_only(data), ThreadPoolExecutor(3) as pool:
        runs = list(pool.map(lambda run: (run, _cli(run[0], run[1], data, inputs)), CLI_RUNS))
    for (args, _stdin), proc in runs:
        assert "Traceback" not in proc.stderr, (args, proc.stderr[-3000:])
        assert proc.returncode == 0, (args, proc.stderr[-3000:])
    assert sorted(p.name for p in data.iterdir()) == []


def test_client_store_and_drafts_with_a_read_only_data_folder(tmp_path: Path) -> None:
    from app.ui.clients import ClientStore, Draft, DraftStore

    data = tmp_path / "data"
    data.mkdir()
    store = ClientStore(data / "profiles")
    saved = store.save(store.new("Ada"), Profile(alias="Ada", occupation_code="43-4051.00"))
    paths.set_data_dir(data)
    with read_only(data):
        store = ClientStore()  # the crash: creating profiles/ in __init__
        assert [c.alias for c in store.list()] == ["Ada"]
        client, profile = store.load(saved.id)
        assert profile.alias == "Ada"
        with pytest.raises(SkillShiftError, match="cannot be saved"):
            store.save(client, profile)
        with pytest.raises(OSError):
            DraftStore().write(Draft("now", False, None, {}))
        assert paths.writable_problem() is not None
    assert paths.writable_problem() is None


# --------------------------------------------------------------------------- 200 MB on one line


def _peak_rss_kb(command: str, payload: Iterator[bytes]) -> tuple[int, str]:
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "app",
            "--data-dir",
            os.environ["SKILLSHIFT_DATA_DIR"],
            command,
            "--jsonl",
        ],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        cwd=REPO,
        env={**os.environ, "PYTHONPATH": str(REPO)},
    )
    assert proc.stdin is not None and proc.stdout is not None and proc.stderr is not None
    out: list[bytes] = []
    err: list[bytes] = []
    readers = [
        threading.Thread(target=lambda: out.append(proc.stdout.read()), daemon=True),  # type: ignore[union-attr]
        threading.Thread(target=lambda: err.append(proc.stderr.read()), daemon=True),  # type: ignore[union-attr]
    ]
    for reader in readers:
        reader.start()
    for chunk in payload:
        proc.stdin.write(chunk)
    proc.stdin.close()
    _pid, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    for reader in readers:
        reader.join(timeout=30)
    assert proc.returncode == 0, b"".join(err).decode(errors="replace")[-2000:]
    return usage.ru_maxrss, b"".join(out).decode()


def _one_long_line(megabytes: int) -> Iterator[bytes]:
    yield b"registered nurse\n"
    block = b"nurse " * (1 << 20)  # 6 MB
    for _ in range(megabytes // 6 + 1):
        yield block
    yield b"\ncook\n"


@pytest.mark.slow
@pytest.mark.skipif(not hasattr(os, "wait4"), reason="per-process peak memory needs wait4")
@pytest.mark.parametrize("command", ["match", "exposure"])
def test_a_200_mb_line_is_read_in_bounded_chunks(command: str) -> None:
    short, _ = _peak_rss_kb(command, iter([b"registered nurse\n", b"nurse " * 400 + b"\ncook\n"]))
    long, out = _peak_rss_kb(command, _one_long_line(200))
    assert len(out.splitlines()) == 3
    # The 200 MB line costs chunks, not its size (it took about 800 MB before).
    assert long - short < 64 * 1024, (short, long)


# --------------------------------------------------------------------------- crafted .enc


def test_a_crafted_scrypt_cost_is_refused_at_once(tmp_path: Path) -> None:
    from app.core import crypto
    from app.ui.clients import ClientStore

    blob = bytearray(crypto.encrypt(b"{}", "correct horse", log2_n=10))
    blob[len(crypto.MAGIC) + 1] = 22  # log2 n: 4 million
    blob[len(crypto.MAGIC) + 2] = 32  # r: 16 GiB of memory
    source = tmp_path / "client.enc"
    source.write_bytes(bytes(blob))
    start = time.monotonic()
    with pytest.raises(crypto.CryptoError, match="too costly"):
        crypto.decrypt(bytes(blob), "correct horse")
    with pytest.raises(crypto.CryptoError):
        ClientStore(tmp_path / "profiles").import_file(source, passphrase="correct horse")
    assert time.monotonic() - start < 2


# --------------------------------------------------------------------------- the last resort


def test_an_unforeseen_error_leaves_a_crash_log_and_one_line(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def broken(_args: object) -> int:
        raise RuntimeError("something nobody foresaw")

    parser = cli.build_parser()
    commands = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    commands.choices["info"].set_defaults(handler=broken)
    monkeypatch.setattr(cli, "build_parser", lambda: parser)
    code, _out, err = run_main(["info", "29-1141.00"], capsys)
    assert code == cli.UNEXPECTED_EXIT_CODE
    assert err.count("\n") == 1
    assert "unexpected error (RuntimeError: something nobody foresaw)" in err
    log = Path(err.split("details were written to ")[1].split(";")[0])
    assert log.parent == paths.data_dir()
    assert "raise RuntimeError" in log.read_text(encoding="utf-8")


def test_the_window_reports_an_unforeseen_error_in_one_line(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """An exception in a Qt slot: a crash log, one line on stderr and in the window's banner."""
    from app.ui import application

    shown: list[str] = []

    class Window:
        def show_error(self, message: str) -> None:
            shown.append(message)

    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    application._install_excepthook(Window())
    try:
        raise ValueError("a slot broke")
    except ValueError as exc:
        sys.excepthook(type(exc), exc, exc.__traceback__)
    err = capsys.readouterr().err
    assert "Traceback" not in err and err.count("\n") == 1
    assert shown and shown[0] in err and "unexpected error (ValueError: a slot broke)" in shown[0]
    log = Path(shown[0].split("details were written to ")[1].split(";")[0])
    assert log.is_file() and 'raise ValueError("a slot broke")' in log.read_text(encoding="utf-8")
