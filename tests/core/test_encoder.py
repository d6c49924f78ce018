"""OnnxEncoder against the bundled model: reference outputs, file checks, providers, batching."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import numpy as np
import pytest

from app import paths
from app.core import encoder as enc
from app.core.encoder import OnnxEncoder, load_manifest, resolve_providers
from app.core.errors import ResourceError, SkillShiftError
from app.core.progress import Cancelled
from tests.conftest import REFERENCE_COSINE, REFERENCE_TOLERANCE
from tests.fake_encoder import FakeEncoder


@pytest.fixture(autouse=True)
def _isolated_data_dir(tmp_path: Path) -> object:
    paths.set_data_dir(tmp_path / "data")
    yield
    paths.set_data_dir(None)


@pytest.fixture
def model_copy(tmp_path: Path) -> Path:
    """The bundled model files in a folder the test may damage."""
    manifest = load_manifest()
    folder = tmp_path / "model"
    folder.mkdir()
    for name in ("manifest.json", manifest.model_file, manifest.tokenizer_file):
        shutil.copy2(paths.model_path(name), folder / name)
    return folder


@pytest.mark.model
def test_reference_outputs_match_manifest(encoder: OnnxEncoder) -> None:
    references = encoder.manifest.reference
    assert len(references) >= 3
    # The manifest's references were computed as one batch; the model's dynamic int8
    # quantisation makes outputs depend slightly on batch mates, so score them the same way.
    embeddings, probs = encoder.score([r.text for r in references], batch_size=len(references))
    for i, ref in enumerate(references):
        np.testing.assert_allclose(embeddings[i], ref.embedding, atol=REFERENCE_TOLERANCE)
        np.testing.assert_allclose(probs[i], ref.exposure_probs, atol=REFERENCE_TOLERANCE)
        assert float(embeddings[i] @ np.asarray(ref.embedding)) > REFERENCE_COSINE
        assert int(np.argmax(probs[i])) == int(np.argmax(ref.exposure_probs))
    assert embeddings.dtype == np.float32 and embeddings.shape[1] == encoder.dim == 384
    np.testing.assert_allclose(np.linalg.norm(embeddings, axis=1), 1.0, atol=1e-5)
    np.testing.assert_allclose(probs.sum(axis=1), 1.0, atol=1e-4)
    assert encoder.labels == ("E0", "E1", "E2")


@pytest.mark.model
def test_provider_is_reported_from_the_session(encoder: OnnxEncoder) -> None:
    info = encoder.session_info
    assert encoder.provider == "cpu"
    assert info.providers[0] == "CPUExecutionProvider"
    assert info.warnings == ()
    assert 1 <= info.threads <= 4


@pytest.mark.model
def test_padding_to_longest_and_truncation(encoder: OnnxEncoder) -> None:
    feed = encoder.tokenize(["nurse", "senior accounts payable clerk in a large hospital"])
    ids, mask = feed["input_ids"], feed["attention_mask"]
    assert ids.dtype == np.int64 and mask.dtype == np.int64
    longest = int(mask.sum(axis=1).max())
    assert ids.shape == (2, longest) and longest < 32  # not the stock 128
    assert mask[0].sum() < longest and mask[1].sum() == longest
    assert set(feed) <= set(encoder.input_names)
    long_text = " ".join(["welding"] * 500)
    feed = encoder.tokenize([long_text])
    assert feed["input_ids"].shape == (1, encoder.manifest.max_length)


def test_length_batches_sort_by_the_given_lengths() -> None:
    order, batches = enc.length_batches([5, 1, 3, 1, 9], 2)
    assert order.tolist() == [1, 3, 2, 0, 4]  # stable among equal lengths
    assert [b.tolist() for b in batches] == [[1, 3], [2, 0], [4]]
    with pytest.raises(ValueError):
        enc.length_batches([1], 0)


@pytest.mark.model
def test_batches_are_cut_by_token_count(encoder: OnnxEncoder) -> None:
    # Character counts mislead here: the short digit strings are long in tokens, the long
    # words short, so a batch sorted by characters would pad each short text to a long one.
    texts = ["1 2 3 4 5 6 7 8", "nurse", "internationalisation", "a b c d e f g h i j"]
    texts += ["registered nurse", "9 8 7 6 5 4 3 2 1 0 9 8", "counsellor", "cook"]
    tokens = encoder.token_batches(texts, 2)
    lengths = [int(encoder.tokenize([t])["attention_mask"].sum()) for t in texts]
    seen: list[int] = []
    for batch in tokens.batches:
        feed = tokens.feed(batch)
        alone = encoder.tokenize([texts[i] for i in batch])
        # A batch cut from the texts tokenised together is the batch tokenised on its own.
        assert set(feed) == set(alone)
        for name, value in feed.items():
            np.testing.assert_array_equal(value, alone[name])
        assert feed["input_ids"].shape[1] == max(lengths[i] for i in batch)
        seen.extend(int(i) for i in batch)
    assert sorted(seen) == list(range(len(texts)))
    in_order = [lengths[i] for i in seen]
    assert in_order == sorted(in_order)

    def padded(batches: list[np.ndarray]) -> int:
        return sum(len(b) * max(lengths[i] for i in b) for b in batches)

    _, by_characters = enc.length_batches([len(t) for t in texts], 2)
    assert padded(tokens.batches) < padded(by_characters)


@pytest.mark.model
def test_order_is_restored_after_length_sorting(encoder: OnnxEncoder) -> None:
    texts = ["Prepare payroll and verify employee hours worked each week.", "nurse", "cook"]
    forward = encoder.embed(texts)
    backward = encoder.embed(texts[::-1])
    np.testing.assert_allclose(forward, backward[::-1], atol=1e-6)
    assert float(forward[1] @ forward[2]) < 0.99  # different texts, different rows


@pytest.mark.model
def test_cancel_between_batches(encoder: OnnxEncoder) -> None:
    reports: list[tuple[int, int]] = []

    class StopAfterFirstBatch:
        def report(self, done: int, total: int, text: str) -> None:
            reports.append((done, total))

        def cancelled(self) -> bool:
            return any(done > 0 for done, _ in reports)

    with pytest.raises(Cancelled):
        encoder.embed(
            [f"task number {i}" for i in range(10)], batch_size=3, progress=StopAfterFirstBatch()
        )
    assert reports == [(0, 10), (3, 10)]


def test_encoder_loads_nothing_until_used() -> None:
    encoder = OnnxEncoder(Path("/nonexistent"))  # no error yet: files are read on first use
    with pytest.raises(ResourceError, match="manifest"):
        encoder.embed(["nurse"])


@pytest.mark.model
def test_empty_input_gives_empty_arrays(encoder: OnnxEncoder) -> None:
    embeddings, probs = encoder.score([])
    assert embeddings.shape == (0, 384) and probs.shape == (0, 3)


def test_missing_model_file_is_a_resource_error(model_copy: Path) -> None:
    (model_copy / "skillshift-encoder.onnx").unlink()
    with pytest.raises(ResourceError, match=r"skillshift-encoder\.onnx is missing.*git checkout"):
        OnnxEncoder(model_copy).embed(["nurse"])


@pytest.mark.model
def test_modified_tokenizer_is_a_resource_error(model_copy: Path) -> None:
    target = model_copy / "tokenizer.json"
    assert OnnxEncoder(model_copy).session is not None  # verified once, cached per mtime/size
    data = bytearray(target.read_bytes())
    data[100] = ord("x") if data[100] != ord("x") else ord("y")
    target.write_bytes(bytes(data))  # same size, new content and mtime
    stat = target.stat()
    os.utime(target, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000))
    with pytest.raises(ResourceError, match=r"tokenizer\.json has been modified"):
        _ = OnnxEncoder(model_copy).session


def test_truncated_model_is_a_resource_error(model_copy: Path) -> None:
    target = model_copy / "skillshift-encoder.onnx"
    target.write_bytes(target.read_bytes()[:1000])
    with pytest.raises(ResourceError, match=r"skillshift-encoder\.onnx has been modified"):
        _ = OnnxEncoder(model_copy).session


def test_malformed_manifest_is_a_resource_error(model_copy: Path) -> None:
    manifest = json.loads((model_copy / "manifest.json").read_text())
    del manifest["files"]
    (model_copy / "manifest.json").write_text(json.dumps(manifest))
    with pytest.raises(ResourceError, match="manifest"):
        _ = OnnxEncoder(model_copy).dim


def test_resolve_providers() -> None:
    cpu = ["CPUExecutionProvider"]
    assert resolve_providers("auto", cpu) == (cpu, [])
    assert resolve_providers("cpu", ["CUDAExecutionProvider", *cpu]) == (cpu, [])
    chosen, warnings = resolve_providers(
        "auto", ["CoreMLExecutionProvider", "CUDAExecutionProvider", *cpu]
    )
    assert chosen == ["CUDAExecutionProvider", "CoreMLExecutionProvider", *cpu] and warnings == []
    chosen, warnings = resolve_providers("cuda", ["AzureExecutionProvider", *cpu])
    assert chosen == cpu and "cuda" in warnings[0]
    with pytest.raises(SkillShiftError, match="unknown provider"):
        resolve_providers("tpu", cpu)


def test_cpu_sessions_skip_the_slow_fusion_and_gpu_sessions_keep_it(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    cpu = ["CPUExecutionProvider"]
    assert enc.cpu_disabled_optimizers(cpu) == ["SkipLayerNormFusion"]
    assert enc.cpu_disabled_optimizers(["CUDAExecutionProvider", *cpu]) == []
    import onnxruntime as ort

    seen: list[dict] = []

    class Recorder:
        def __init__(self, path: str, **kwargs: object) -> None:
            seen.append(kwargs)

        def get_providers(self) -> list[str]:
            return list(seen[-1]["providers"])  # type: ignore[call-overload]

    monkeypatch.setattr(ort, "InferenceSession", Recorder)
    monkeypatch.setattr(ort, "get_available_providers", lambda: ["CUDAExecutionProvider", *cpu])
    enc.build_session(Path("model.onnx"), provider="cpu", threads=1)
    enc.build_session(Path("model.onnx"), provider="cuda", threads=1)
    assert seen[0]["disabled_optimizers"] == ["SkipLayerNormFusion"]
    assert seen[1]["disabled_optimizers"] == []


@pytest.mark.model
def test_cuda_listed_but_unusable_falls_back_truthfully(monkeypatch: pytest.MonkeyPatch) -> None:
    # The GPU package lists CUDA even on machines without a GPU; the session then runs on CPU.
    import onnxruntime as ort

    monkeypatch.setattr(
        ort, "get_available_providers", lambda: ["CUDAExecutionProvider", "CPUExecutionProvider"]
    )
    encoder = OnnxEncoder(provider="cuda")
    info = encoder.session_info
    if "CUDAExecutionProvider" in info.providers:  # a machine that really has CUDA
        assert encoder.provider == "cuda"
        return
    assert encoder.provider == "cpu"
    assert info.providers == ("CPUExecutionProvider",)
    assert any("cuda" in w and "cpu" in w for w in info.warnings)
    assert encoder.embed(["nurse"]).shape == (1, 384)


@pytest.mark.model
def test_cuda_not_available_warns(monkeypatch: pytest.MonkeyPatch) -> None:
    import onnxruntime as ort

    monkeypatch.setattr(ort, "get_available_providers", lambda: ["CPUExecutionProvider"])
    session, info = enc.build_session(load_manifest().model_path, provider="cuda", threads=1)
    assert info.provider == "cpu" and info.threads == 1
    assert info.warnings and "not available" in info.warnings[0]
    assert session.get_providers() == ["CPUExecutionProvider"]


def test_bad_thread_count_is_a_user_error() -> None:
    with pytest.raises(SkillShiftError, match="threads"):
        enc.build_session(Path("model.onnx"), threads=0)


def test_default_threads_is_sensible() -> None:
    threads = enc.default_threads()
    assert 1 <= threads <= min(4, os.cpu_count() or 1)


def test_fake_encoder_is_deterministic_and_similar_for_shared_words() -> None:
    fake = FakeEncoder()
    a, b, c = fake.embed(["truck driver", "delivery truck driver", "pastry chef"])
    again = fake.embed(["truck driver"])[0]
    np.testing.assert_array_equal(a, again)
    assert float(a @ b) > float(a @ c)
    _, probs = fake.score(["x", "y"])
    np.testing.assert_allclose(probs.sum(axis=1), 1.0, atol=1e-6)


@pytest.mark.model
def test_long_runs_spread_over_single_thread_sessions(monkeypatch: pytest.MonkeyPatch) -> None:
    texts = [f"Inspect {i} welded joints and record the defects found." for i in range(40)]
    texts += ["nurse", "Software Developer", "", "cook " * 30]
    two = OnnxEncoder(provider="cpu", threads=2)
    monkeypatch.setattr(enc, "PARALLEL_MIN_BATCHES", 10**9)
    serial = two.score(texts, batch_size=4)
    assert two._workers is None  # short runs never build the extra sessions
    monkeypatch.setattr(enc, "PARALLEL_MIN_BATCHES", 2)
    parallel = two.score(texts, batch_size=4)
    assert two._workers is not None and len(two._workers) == 2
    for a, b in zip(serial, parallel, strict=True):
        np.testing.assert_allclose(a, b, atol=1e-6)
    # One thread: nothing to spread over.
    assert OnnxEncoder(provider="cpu", threads=1).worker_sessions() == []
