"""The committed model files: checksums, interface, reference outputs and a non-trivial head."""

from __future__ import annotations

import hashlib
import json
import sqlite3
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from app import paths
from app.core.validation import is_validation_occupation
from tests.conftest import REFERENCE_TOLERANCE

pytestmark = pytest.mark.model

MODELS = Path(__file__).resolve().parents[2] / "models"


@pytest.fixture(scope="module")
def manifest() -> dict[str, Any]:
    return json.loads((MODELS / "manifest.json").read_text(encoding="utf-8"))


class _Model:
    """Plain onnxruntime + tokenizers, configured the way the manifest prescribes and the app's
    CPU sessions run (without the skip-LayerNorm fusion, see app.core.encoder), or fused."""

    def __init__(self, manifest: dict[str, Any], fused: bool = False) -> None:
        import onnxruntime as ort
        from tokenizers import Tokenizer

        from app.core.encoder import CPU_DISABLED_OPTIMIZERS

        options = ort.SessionOptions()
        options.intra_op_num_threads = 2
        self.session = ort.InferenceSession(
            str(MODELS / manifest["model_file"]),
            options,
            providers=["CPUExecutionProvider"],
            disabled_optimizers=[] if fused else list(CPU_DISABLED_OPTIMIZERS),
        )
        self.tokenizer = Tokenizer.from_file(str(MODELS / manifest["tokenizer_file"]))
        self.tokenizer.enable_padding(pad_id=0, pad_token="[PAD]")
        self.tokenizer.enable_truncation(max_length=manifest["max_length"])

    def feed(self, texts: list[str]) -> dict[str, np.ndarray]:
        enc = self.tokenizer.encode_batch(texts)
        return {
            "input_ids": np.array([e.ids for e in enc], dtype=np.int64),
            "attention_mask": np.array([e.attention_mask for e in enc], dtype=np.int64),
        }

    def run(self, texts: list[str]) -> dict[str, np.ndarray]:
        names = [o.name for o in self.session.get_outputs()]
        return dict(zip(names, self.session.run(names, self.feed(texts)), strict=True))


@pytest.fixture(scope="module")
def model(manifest: dict[str, Any]) -> _Model:
    return _Model(manifest)


def test_manifest_declares_the_contract(manifest: dict[str, Any]) -> None:
    assert manifest["format"] == 1
    assert manifest["dim"] == 384
    assert manifest["labels"] == ["E0", "E1", "E2"]
    assert 16 <= manifest["max_length"] <= 512
    assert set(manifest["files"]) == {
        manifest["model_file"],
        manifest["tokenizer_file"],
        "LICENSE",
        "NOTICE",
        "model_card.md",
    }
    assert len(manifest["reference"]) >= 5
    assert {"name", "wheel", "sha256", "licence"} <= set(manifest["base_model"])


@pytest.mark.parametrize(
    "name", ["skillshift-encoder.onnx", "tokenizer.json", "LICENSE", "NOTICE", "model_card.md"]
)
def test_file_matches_manifest_checksum(manifest: dict[str, Any], name: str) -> None:
    path = MODELS / name
    data = path.read_bytes()
    entry = manifest["files"][name]
    assert len(data) == entry["bytes"]
    assert hashlib.sha256(data).hexdigest() == entry["sha256"]


def test_model_file_within_size_budget(manifest: dict[str, Any]) -> None:
    assert (MODELS / manifest["model_file"]).stat().st_size <= 40 * 1024 * 1024


def test_graph_interface(model: _Model) -> None:
    inputs = {i.name: i for i in model.session.get_inputs()}
    assert set(inputs) == {"input_ids", "attention_mask"}
    for tensor in inputs.values():
        assert tensor.type == "tensor(int64)"
        assert len(tensor.shape) == 2
        assert all(isinstance(d, str) for d in tensor.shape)  # dynamic batch and sequence
    outputs = {o.name: o for o in model.session.get_outputs()}
    assert set(outputs) == {"embedding", "exposure_probs"}
    assert outputs["embedding"].shape[1] == 384
    assert outputs["exposure_probs"].shape[1] == 3


def test_reference_outputs_reproduce(manifest: dict[str, Any], model: _Model) -> None:
    reference = manifest["reference"]
    out = model.run([r["text"] for r in reference])
    expected_emb = np.array([r["embedding"] for r in reference], dtype=np.float32)
    expected_probs = np.array([r["exposure_probs"] for r in reference], dtype=np.float32)
    # 1e-3 where int8 sums are exact (VNNI, as on the build machine); see tests/conftest.py.
    np.testing.assert_allclose(out["embedding"], expected_emb, atol=REFERENCE_TOLERANCE)
    np.testing.assert_allclose(out["exposure_probs"], expected_probs, atol=REFERENCE_TOLERANCE)
    # With every fusion on (as GPU providers run it), int8 rounding may flip here and there:
    # still the same outputs up to a few thousandths.
    fused = _Model(manifest, fused=True).run([r["text"] for r in reference])
    loose = max(1e-2, REFERENCE_TOLERANCE)
    np.testing.assert_allclose(fused["embedding"], expected_emb, atol=loose)
    np.testing.assert_allclose(fused["exposure_probs"], expected_probs, atol=loose)


def test_reference_texts_cover_the_edge_cases(manifest: dict[str, Any], model: _Model) -> None:
    texts = [r["text"] for r in manifest["reference"]]
    assert "" in texts
    lengths = [len(model.tokenizer.encode(t).ids) for t in texts]
    assert max(lengths) == manifest["max_length"]  # the long text is really truncated


def test_outputs_are_normalised_and_shaped(model: _Model) -> None:
    texts = ["Registered Nurse", "sr software eng - remote", "", "Prepare tax returns.", "x" * 900]
    out = model.run(texts)
    assert out["embedding"].shape == (5, 384)
    assert out["embedding"].dtype == np.float32
    assert out["exposure_probs"].shape == (5, 3)
    np.testing.assert_allclose(np.linalg.norm(out["embedding"], axis=1), 1.0, atol=1e-4)
    np.testing.assert_allclose(out["exposure_probs"].sum(axis=1), 1.0, atol=1e-5)
    assert (out["exposure_probs"] >= 0).all()


def test_padding_does_not_change_a_text_much(model: _Model) -> None:
    alone = model.run(["Electrician"])["embedding"][0]
    padded = model.run(
        [
            "Electrician",
            "Install, maintain, and repair electrical wiring, "
            "equipment, and fixtures in buildings and industrial plants.",
        ]
    )
    # int8 activations are quantised per batch, so only close, not identical.
    assert float(alone @ padded["embedding"][0]) > 0.97


def _validation_tasks(limit: int) -> list[tuple[str, int]]:
    db = paths.database_path()
    if not db.exists():
        pytest.skip("resources/skillshift.db not built")
    with sqlite3.connect(f"file:{db}?mode=ro", uri=True) as con:
        rows = con.execute(
            "SELECT e.code, t.task, e.human_label FROM exposure_tasks e "
            "JOIN tasks t ON t.task_id = e.task_id WHERE e.human_label IN ('E0','E1','E2') "
            "ORDER BY e.task_id"
        ).fetchall()
    picked = [
        (task, ("E0", "E1", "E2").index(label))
        for code, task, label in rows
        if is_validation_occupation(code)
    ]
    # Every seventh task spreads the sample over many occupations.
    return picked[::7][:limit]


def test_head_beats_majority_class_on_unseen_occupations(model: _Model) -> None:
    tasks = _validation_tasks(250)
    assert len(tasks) >= 200
    labels = np.array([label for _, label in tasks])
    probs = np.concatenate(
        [
            model.run([t for t, _ in tasks[i : i + 64]])["exposure_probs"]
            for i in range(0, len(tasks), 64)
        ]
    )
    accuracy = float((probs.argmax(1) == labels).mean())
    majority = float(np.bincount(labels, minlength=3).max() / len(labels))
    assert accuracy > majority + 0.08
    # Exposed tasks get more exposure mass than unexposed ones.
    exposed = probs[:, 1] + probs[:, 2]
    assert exposed[labels > 0].mean() > exposed[labels == 0].mean() + 0.2


def test_embeddings_rank_a_synonym_above_an_unrelated_title(model: _Model) -> None:
    emb = model.run(["Registered Nurse", "RN - hospital staff nurse", "Diesel Mechanic"])[
        "embedding"
    ]
    assert emb[0] @ emb[1] > emb[0] @ emb[2]
