"""Hostile input at every core entry point and CLI command: a result or a clear error, in time."""

from __future__ import annotations

import io
import json
import math
import os
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, TypeVar

import numpy as np
import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from app import cli
from app.commands import analyze, exposure, match, plan, transitions
from app.core import exposure as exposure_core
from app.core.catalog import Catalog, normalise_code
from app.core.engine import Engine
from app.core.errors import SkillShiftError
from app.core.profile import Profile, ProfileError
from app.core.transitions import Filters
from tests.core.test_graph import CSR

T = TypeVar("T")
pytestmark = pytest.mark.timeout(120)

MEGABYTE = "ab c" * 262_144  # 1 MB of text with spaces, so tokenisers and matchers split it
SPECIAL = [
    "",
    " ",
    "\n\t\r",
    "\x00\x01\x07\x1b[31mred\x1b[0m",
    "\u202eevil\u202c nurse",  # right-to-left override
    "ممرضة مسجلة",  # Arabic: right-to-left script
    "אחות מוסמכת",  # Hebrew
    "👩‍⚕️🧑🏽‍💻🔥" * 50,
    "e\u0301\u0301\u0301\u0301",  # stacked combining marks
    "\ufeffnurse",
    "\ud800 lone surrogate",  # cannot be encoded to UTF-8
    "Ｎｕｒｓｅ",  # full-width
    "nurse" * 2000,
    MEGABYTE,
    "%s%n{0}${x}'\"; DROP TABLE occupations; --",
    "../../etc/passwd",
]
hostile_text = st.one_of(st.sampled_from(SPECIAL), st.text(max_size=300))
# Model work is slow and the model is deterministic: few examples, no per-example deadline.
# derandomize: the same examples every run, so the suite cannot turn red by chance in CI (run
# without it locally to explore further).
MODEL = settings(
    max_examples=25,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
FAST = settings(max_examples=150, deadline=None, derandomize=True)


def encodable(text: str) -> bool:
    """Lone surrogates in argv are tried in a real process (capsys cannot print them)."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def answered(fn: Callable[[], T], bound: float = 30.0) -> T | SkillShiftError:
    """Run fn: a result or a SkillShiftError (with a message) within `bound` seconds."""
    start = time.perf_counter()
    try:
        out: T | SkillShiftError = fn()
    except SkillShiftError as exc:
        assert str(exc).strip(), "an error without a message"
        out = exc
    elapsed = time.perf_counter() - start
    assert elapsed < bound, f"took {elapsed:.1f} s"
    return out


@pytest.fixture(scope="module")
def catalog() -> Iterator[Catalog]:
    with Catalog.open() as cat:
        yield cat


# --------------------------------------------------------------------------- profiles

# Whole numbers beyond any float (JSON has no limit: 1 followed by 400 zeros is valid).
huge_ints = st.integers(min_value=2**1024, max_value=10**400) | st.integers(
    min_value=-(10**400), max_value=-(2**1024)
)
json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(min_value=-(2**70), max_value=2**70)
    | huge_ints
    | st.floats(allow_nan=True, allow_infinity=True)
    | hostile_text,
    lambda inner: st.lists(inner, max_size=6) | st.dictionaries(hostile_text, inner, max_size=6),
    max_leaves=30,
)
profile_fields = st.fixed_dictionaries(
    {"schema": st.sampled_from([1, 1, 1, 0, 2, "1", None])},
    optional={
        "alias": json_values,
        "occupation": json_values | st.fixed_dictionaries({"code": hostile_text}),
        "tasks": st.lists(
            json_values
            | st.fixed_dictionaries(
                {"text": hostile_text},
                optional={
                    "share": st.floats(allow_nan=True, allow_infinity=True)
                    | st.integers(min_value=-5, max_value=5)
                    | huge_ints
                },
            )
            | st.integers(min_value=-3, max_value=10**12)
            | huge_ints,
            max_size=8,
        ),
        "skills": st.lists(
            json_values
            | st.fixed_dictionaries(
                {"kind": st.just("onet"), "value": st.just("2.A.1.a"), "level": huge_ints}
            ),
            max_size=5,
        ),
        "preferences": json_values
        | st.fixed_dictionaries(
            {},
            optional={"max_zone_step": huge_ints, "min_wage_ratio": huge_ints | st.floats()},
        ),
        "include_occupation_skills": json_values,
    },
)


@FAST
@given(data=profile_fields)
def test_profile_from_dict(data: dict[str, Any]) -> None:
    out = answered(lambda: Profile.from_dict(data), bound=2.0)
    if isinstance(out, Profile):
        again = Profile.from_dict(out.to_dict())  # what it writes, it reads back
        assert again.to_dict() == out.to_dict()
        weights = out.task_weights()
        assert all(math.isfinite(w) and w >= 0 for w in weights)
        assert not weights or abs(sum(weights) - 1) < 1e-9
    else:
        assert isinstance(out, ProfileError)


@FAST
@given(data=st.binary(max_size=2000) | st.text(max_size=500).map(str.encode))
def test_profile_load_random_bytes(tmp_path_factory: pytest.TempPathFactory, data: bytes) -> None:
    file = tmp_path_factory.mktemp("p") / "p.json"
    file.write_bytes(data)
    out = answered(lambda: Profile.load(file), bound=2.0)
    assert isinstance(out, Profile | ProfileError)
    if isinstance(out, ProfileError):
        assert str(file) in str(out)


def test_ten_thousand_tasks_and_duplicates_and_weights() -> None:
    many = {"schema": 1, "tasks": [{"text": f"task {i}"} for i in range(10_000)]}
    out = answered(lambda: Profile.from_dict(many), bound=2.0)
    assert isinstance(out, ProfileError) and "tasks: at most" in str(out)
    dup = Profile.from_dict({"schema": 1, "tasks": [{"task_id": 7, "share": 1}] * 400})
    assert len(dup.tasks) == 1 and dup.tasks[0].share == 400
    for bad in (float("nan"), float("inf"), -1.0):
        with pytest.raises(ProfileError, match=r"tasks\[0\]\.share"):
            Profile.from_dict({"schema": 1, "tasks": [{"text": "x", "share": bad}]})
    huge = Profile.from_dict(
        {"schema": 1, "tasks": [{"text": "a", "share": 1e308}, {"text": "b", "share": 1e308}]}
    )
    assert huge.task_weights() == [0.5, 0.5]


# --------------------------------------------------------------------------- model and matching


@MODEL
@given(texts=st.lists(hostile_text, min_size=1, max_size=4))
def test_encoder_embed_and_score(engine: Engine, texts: list[str]) -> None:
    encoder = engine.encoder
    out = answered(lambda: encoder.embed(texts))
    if not isinstance(out, SkillShiftError):
        assert out.shape == (len(texts), encoder.dim) and np.isfinite(out).all()
    scored = answered(lambda: encoder.score(texts))
    if not isinstance(scored, SkillShiftError):
        probs = scored[1] if isinstance(scored, tuple) else scored
        assert np.isfinite(probs).all()


@pytest.mark.parametrize("text", SPECIAL, ids=range(len(SPECIAL)))
def test_every_special_string_through_the_model(engine: Engine, text: str) -> None:
    """Each special case once, for sure (hypothesis draws from them, but may miss some)."""
    vectors = answered(lambda: engine.encoder.embed([text, "registered nurse"]))
    assert not isinstance(vectors, SkillShiftError)
    assert vectors.shape[0] == 2 and np.isfinite(vectors).all()
    for fn in (engine.matcher.match_title, engine.matcher.match_skill):
        out = answered(lambda fn=fn: fn(text))  # type: ignore[misc]
        assert isinstance(out, list | SkillShiftError)


@MODEL
@given(text=hostile_text)
def test_match_title_and_skill(engine: Engine, text: str) -> None:
    for fn in (engine.matcher.match_title, engine.matcher.match_skill):
        out = answered(lambda fn=fn: fn(text))  # type: ignore[misc]
        if not isinstance(out, SkillShiftError):
            assert len(out) <= 5
            assert all(math.isfinite(m.score) for m in out)


@FAST
@given(
    probs=st.lists(st.lists(st.floats(0, 1), min_size=3, max_size=3), min_size=0, max_size=6),
    shares=st.lists(st.floats(allow_nan=True, allow_infinity=True), min_size=0, max_size=6),
)
def test_exposure_measures_with_nan_and_negative_weights(
    probs: list[list[float]], shares: list[float]
) -> None:
    n = min(len(probs), len(shares))
    p = np.asarray(probs[:n], dtype=np.float64).reshape(n, 3)
    w = np.asarray(shares[:n], dtype=np.float64)
    a, b, g = exposure_core.measures(p, w)
    if n:
        for value in (a, b, g):
            assert math.isfinite(value) and -1e-9 <= value <= 2 + 1e-9
    pop = np.asarray([x for row in probs for x in row] + [float("nan")])
    pct = exposure_core.percentile(b if n else float("nan"), pop)
    assert pct is None or 0 <= pct <= 100


# --------------------------------------------------------------------------- catalog and engine

odd_codes = st.one_of(
    st.sampled_from(["", "29-1141", "291141", "29-1141.99", "99-9999.00", "29-1141.00\x00", "-1"]),
    st.from_regex(r"\A[0-9-.]{0,12}\Z"),
    hostile_text,
)


@FAST
@given(code=odd_codes)
def test_catalog_lookups_with_odd_codes(catalog: Catalog, code: str) -> None:
    for fn in (
        lambda: normalise_code(code),
        lambda: catalog.occupation(code),
        lambda: catalog.has_occupation(code),
        lambda: catalog.tasks(code),
        lambda: catalog.titles_for(code),
        lambda: catalog.search_codes(code),
        lambda: catalog.exposure_reference(code),
        lambda: catalog.esco_skill(code),
        lambda: catalog.esco_skills_for(code),
        lambda: catalog.technology(code),
    ):
        answered(fn, bound=2.0)


@MODEL
@example(code=CSR, step=1, ratio=0.5, top=3)
@given(
    code=odd_codes | st.just(CSR),
    step=st.integers(-10, 10) | st.none(),
    ratio=st.floats(allow_nan=True, allow_infinity=True) | st.none(),
    top=st.integers(-5, 10_000),
)
def test_transitions(
    engine: Engine, code: str, step: int | None, ratio: float | None, top: int
) -> None:
    filters = Filters(max_zone_step=step, min_wage_ratio=ratio)
    out = answered(lambda: engine.transitions(code, filters, top=top))
    if not isinstance(out, SkillShiftError):
        assert len(out.moves) <= max(top, 0)
    elif code == CSR and 0 < top <= 1000 and ratio is not None and math.isfinite(ratio):
        pytest.fail(f"a valid request failed: {out}")


hostile_profiles = st.builds(
    lambda code, role, texts, ids, dup: {
        "schema": 1,
        "occupation": {"code": code} if code is not None else {"role": role},
        "tasks": [{"text": t} for t in texts]
        + [{"task_id": i} for i in ids]
        + ([{"text": "answer customer emails"}] * dup),
        "skills": [{"kind": "text", "value": t} for t in texts[:3] if t.strip()],
    },
    code=st.one_of(st.none(), st.just(CSR), odd_codes),
    role=hostile_text.filter(lambda s: bool(s.strip()) and len(s.strip()) <= 2000),
    texts=st.lists(hostile_text.filter(lambda s: 0 < len(s.strip()) <= 2000), max_size=4),
    ids=st.lists(st.integers(1, 30_000), max_size=4),
    dup=st.integers(0, 3),
)


@MODEL
@given(data=hostile_profiles, target=odd_codes | st.just("29-1141.00"))
@example(
    data={
        "schema": 1,
        "occupation": {"code": CSR},
        "tasks": [{"text": SPECIAL[4]}, {"text": SPECIAL[7]}, {"text": MEGABYTE[:2000]}]
        + [{"task_id": 2578}] * 3,
        "skills": [{"kind": "text", "value": SPECIAL[5]}],
    },
    target="29-1141.00",
)
def test_analyze_and_plan(engine: Engine, data: dict[str, Any], target: str) -> None:
    profile = answered(lambda: Profile.from_dict(data), bound=2.0)
    if isinstance(profile, SkillShiftError):
        return
    result = answered(lambda: engine.analyze(profile, top=5))
    if not isinstance(result, SkillShiftError):
        as_dict = result.to_dict(engine)
        json.dumps(as_dict, allow_nan=False)  # what the CLI writes is strict JSON
    answered(lambda: engine.plan(profile, target))
    if data["occupation"].get("code") == CSR and data["tasks"][:1] == [{"text": SPECIAL[4]}]:
        assert not isinstance(result, SkillShiftError), result  # the explicit example succeeds


def test_analyze_the_largest_profile_in_time(engine: Engine) -> None:
    tasks = [{"text": f"prepare report number {i} for the regional office"} for i in range(500)]
    profile = Profile.from_dict({"schema": 1, "occupation": {"code": CSR}, "tasks": tasks})
    result = answered(lambda: engine.analyze(profile, top=5), bound=60.0)
    assert not isinstance(result, SkillShiftError)
    assert len(result.to_dict(engine)["exposure"]["tasks"]) == 500


# --------------------------------------------------------------------------- CLI


@pytest.fixture
def cli_engine(engine: Engine, monkeypatch: pytest.MonkeyPatch) -> Engine:
    """In-process CLI runs reuse one loaded engine (loading it per run would take seconds)."""
    for module in (transitions, analyze, plan):
        monkeypatch.setattr(module, "open_engine", lambda _args, **_kw: engine)
    monkeypatch.setattr(match, "open_encoder", lambda _args: engine.encoder)
    for module in (match, exposure):
        monkeypatch.setattr(module, "Matcher", lambda *_a, **_kw: engine.matcher)
    return engine


def run_cli(
    argv: list[str], stdin: bytes, capsys: pytest.CaptureFixture[str], monkeypatch: Any
) -> tuple[int, str, str]:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(stdin), encoding="utf-8"))
    start = time.perf_counter()
    try:
        code = cli.main(argv)
    except SystemExit as exc:  # argparse usage errors
        code = exc.code if isinstance(exc.code, int) else 2
    elapsed = time.perf_counter() - start
    out, err = capsys.readouterr()
    assert elapsed < 60, f"{argv[:1]} took {elapsed:.1f} s"
    assert "Traceback" not in err and "Traceback" not in out
    assert code in (0, 1, 2), (code, err)
    if code == 2:
        assert err.strip(), "an error exit without a message"
    return code, out, err


hostile_bytes = st.one_of(
    hostile_text.map(lambda s: s.encode("utf-8", "surrogatepass")),
    st.binary(max_size=300),
    st.sampled_from([b"\xff\xfe\x00\x00", b"nurse\n\xc3\x28\n", b"\n" * 1000, b"\r\n\r\n"]),
)


@MODEL
@given(stdin=st.lists(hostile_bytes, max_size=3).map(b"\n".join))
def test_cli_stdin_commands(
    cli_engine: Engine, stdin: bytes, capsys: pytest.CaptureFixture[str], monkeypatch: Any
) -> None:
    for argv in (["match", "--jsonl"], ["exposure", "--jsonl"]):
        code, out, _ = run_cli(argv, stdin, capsys, monkeypatch)
        if code == 0:
            for line in out.splitlines():
                json.loads(line)


@MODEL
@given(
    word=hostile_text.filter(lambda s: "\x00" not in s and not s.startswith("-") and encodable(s))
)
def test_cli_argument_commands(
    cli_engine: Engine, word: str, capsys: pytest.CaptureFixture[str], monkeypatch: Any
) -> None:
    for argv in (
        ["info", word, "--json"],
        ["transitions", word, "--top", "3", "--jsonl"],
        ["match", word],
        ["exposure", word],
    ):
        run_cli(argv, b"", capsys, monkeypatch)


@MODEL
@given(data=hostile_profiles | profile_fields, raw=st.none() | st.binary(max_size=200))
def test_cli_profile_commands(
    cli_engine: Engine,
    data: dict[str, Any],
    raw: bytes | None,
    tmp_path_factory: pytest.TempPathFactory,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: Any,
) -> None:
    file = tmp_path_factory.mktemp("cli") / "p.json"
    if raw is None:
        file.write_text(
            json.dumps(data, ensure_ascii=False), encoding="utf-8", errors="surrogatepass"
        )
    else:
        file.write_bytes(raw)
    for argv in (
        ["analyze", str(file), "--json"],
        ["plan", str(file), "--target", "29-1141.00", "--json"],
    ):
        code, out, _ = run_cli(argv, b"", capsys, monkeypatch)
        if code == 0:
            json.loads(out)


def _special_file(kind: str, folder: Path) -> Path:
    """A path that is not a plain profile file: it must be refused at once, never read."""
    if kind == "device":
        return Path("/dev/zero")
    if kind == "folder":
        return folder
    if kind == "named pipe":
        fifo = folder / "pipe.json"
        if not fifo.exists():
            os.mkfifo(fifo)
        return fifo
    if kind == "link to a device":
        link = folder / "zero.json"
        if not link.exists():
            link.symlink_to("/dev/zero")
        return link
    file = folder / "digits.json"  # a number of more digits than Python converts by default
    head = '{"schema": 1, "occupation": "43-4051.00", "tasks": [{"task_id": 2578, "share": '
    file.write_text(head + "9" * 5000 + "}]}", encoding="utf-8")
    return file


@MODEL
@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes and /dev/zero are POSIX")
@given(
    kind=st.sampled_from(["device", "folder", "named pipe", "link to a device", "5000 digits"]),
    command=st.sampled_from(["analyze", "plan"]),
)
def test_cli_profile_commands_on_special_files(
    cli_engine: Engine,
    kind: str,
    command: str,
    tmp_path_factory: pytest.TempPathFactory,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: Any,
) -> None:
    file = _special_file(kind, tmp_path_factory.mktemp("special"))
    argv = [command, str(file)] + (["--target", "29-1141.00"] if command == "plan" else [])
    code, _out, err = run_cli(argv, b"", capsys, monkeypatch)
    assert code == 2, (kind, err)
    assert "set_int_max_str_digits" not in err


@pytest.mark.model  # `match` and `exposure` load the model in the child
def test_cli_invalid_utf8_in_a_real_process() -> None:
    import os
    import subprocess

    from tests.conftest import REPO

    # Undecodable bytes in argv arrive as lone surrogates (surrogateescape).
    code = (
        "import sys\n"
        "from app import cli\n"
        "bad = b'nurse \\xff\\xfe'.decode('utf-8', 'surrogateescape')\n"
        "for argv in (['info', bad], ['match', bad], ['exposure', bad], ['transitions', bad]):\n"
        "    print('exit', cli.main(argv), flush=True)\n"
    )
    proc = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        cwd=REPO,
        env=dict(os.environ, PYTHONPATH=str(REPO)),
        timeout=120,
        check=False,
    )
    out = proc.stdout.decode("utf-8", "replace")
    err = proc.stderr.decode("utf-8", "replace")
    assert "Traceback" not in err, err
    assert out.count("exit") == 4 and proc.returncode == 0, err
    proc = subprocess.run(
        [sys.executable, "-m", "app", "match", "--jsonl"],
        input=b"registered nurse\n\xff\xfe bad \xc3\x28\n",
        capture_output=True,
        cwd=REPO,
        timeout=120,
        check=False,
    )
    err = proc.stderr.decode("utf-8", "replace")
    assert proc.returncode == 2 and "Traceback" not in err
    assert "skillshift:" in err
    assert json.loads(proc.stdout.decode().splitlines()[0])["query"] == "registered nurse"
