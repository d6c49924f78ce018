"""Text encoders: the bundled ONNX transformer (embeddings + exposure head)."""

from __future__ import annotations

import hashlib
import itertools
import json
import os
import queue
import sys
import threading
import time
import warnings as pywarnings
from collections import deque
from collections.abc import Iterator, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

import numpy as np

from app import paths
from app.core import integrity
from app.core.errors import ResourceError, SkillShiftError
from app.core.progress import NULL_PROGRESS, Progress, check_cancelled

if TYPE_CHECKING:
    from tokenizers import Tokenizer

MANIFEST_FILE = "manifest.json"
DEFAULT_BATCH_SIZE = 16  # measured on 2 cores: 16-32 beat 64 (activations stay in cache)
MAX_DEFAULT_THREADS = 4
# Runs of at least this many batches go to one single-thread CPU session per thread, each fed
# whole batches: small matrices parallelise poorly inside one session (measured on 2 cores:
# two 1-thread sessions score ~25 % more texts per second than one 2-thread session).
PARALLEL_MIN_BATCHES = 4

# Short provider names accepted on the command line → onnxruntime provider names.
PROVIDER_NAMES: dict[str, str] = {
    "cpu": "CPUExecutionProvider",
    "cuda": "CUDAExecutionProvider",
    "directml": "DmlExecutionProvider",
    "coreml": "CoreMLExecutionProvider",
}
PROVIDER_CHOICES: tuple[str, ...] = ("auto", *PROVIDER_NAMES)
AUTO_ORDER: tuple[str, ...] = ("cuda", "directml", "coreml", "cpu")


class Encoder(Protocol):
    """Turns texts into L2-normalised embeddings and 3-class exposure probabilities."""

    @property
    def dim(self) -> int: ...

    @property
    def labels(self) -> tuple[str, ...]: ...

    @property
    def provider(self) -> str: ...

    @property
    def model_sha256(self) -> str:
        """Identifies the model: stored embeddings are valid only for the one that made them."""
        ...

    def embed(
        self,
        texts: Sequence[str],
        *,
        batch_size: int = DEFAULT_BATCH_SIZE,
        progress: Progress = NULL_PROGRESS,
    ) -> np.ndarray: ...

    def score(
        self,
        texts: Sequence[str],
        *,
        batch_size: int = DEFAULT_BATCH_SIZE,
        progress: Progress = NULL_PROGRESS,
    ) -> tuple[np.ndarray, np.ndarray]: ...


# --------------------------------------------------------------------------- manifest


@dataclass(frozen=True)
class FileDigest:
    sha256: str
    size: int


@dataclass(frozen=True)
class ReferenceOutput:
    text: str
    embedding: np.ndarray
    exposure_probs: np.ndarray


@dataclass(frozen=True)
class Manifest:
    """models/manifest.json: which files make up the model, their checksums, reference outputs."""

    directory: Path
    model_file: str
    tokenizer_file: str
    max_length: int
    dim: int
    labels: tuple[str, ...]
    files: dict[str, FileDigest]
    reference: tuple[ReferenceOutput, ...]
    raw: dict[str, Any] = field(repr=False)

    @property
    def model_path(self) -> Path:
        return self.directory / self.model_file

    @property
    def tokenizer_path(self) -> Path:
        return self.directory / self.tokenizer_file

    @property
    def model_sha256(self) -> str:
        return self.files[self.model_file].sha256


def restore_hint() -> str:
    """How to get the original model files back, for the situation the app runs in."""
    if getattr(sys, "frozen", False):
        return "reinstall SkillShift to restore it"
    return "restore it with `git checkout -- models/` (or rebuild it with `make model`)"


def default_model_dir() -> Path:
    return paths.model_path()


def load_manifest(directory: Path | None = None) -> Manifest:
    """Read and check manifest.json; a missing or malformed manifest is a ResourceError."""
    folder = directory if directory is not None else default_model_dir()
    path = folder / MANIFEST_FILE
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ResourceError(f"model manifest {_shown(path)} is missing; {restore_hint()}") from None
    except (OSError, ValueError) as exc:
        raise ResourceError(
            f"model manifest {_shown(path)} cannot be read ({exc}); {restore_hint()}"
        ) from None
    try:
        if raw.get("format") != 1:
            raise ValueError(f"unsupported format {raw.get('format')!r}")
        files = {
            str(name): FileDigest(str(entry["sha256"]).lower(), int(entry["bytes"]))
            for name, entry in raw["files"].items()
        }
        manifest = Manifest(
            directory=folder,
            model_file=str(raw["model_file"]),
            tokenizer_file=str(raw["tokenizer_file"]),
            max_length=int(raw["max_length"]),
            dim=int(raw["dim"]),
            labels=tuple(str(label) for label in raw["labels"]),
            files=files,
            reference=tuple(
                ReferenceOutput(
                    text=str(item["text"]),
                    embedding=np.asarray(item["embedding"], dtype=np.float32),
                    exposure_probs=np.asarray(item["exposure_probs"], dtype=np.float32),
                )
                for item in raw.get("reference", [])
            ),
            raw=raw,
        )
        for name in (manifest.model_file, manifest.tokenizer_file):
            if name not in files:
                raise ValueError(f"no checksum for {name}")
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        raise ResourceError(
            f"model manifest {_shown(path)} is malformed ({exc}); {restore_hint()}"
        ) from None
    return manifest


def _shown(path: Path) -> str:
    """A path as the user should see it: relative to the bundle when it lies inside."""
    try:
        return path.resolve().relative_to(paths.bundle_root()).as_posix()
    except ValueError:
        return str(path)


# --------------------------------------------------------------------------- file verification


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def verify_files(manifest: Manifest, names: Sequence[str] | None = None) -> None:
    """Check a model folder's files against its manifest's sha256 and size, by content.

    The bundled model is checked against the bundle's manifest instead (app/core/integrity.py);
    this serves other model folders (evaluation baselines, tests).
    """
    wanted = list(names) if names is not None else [manifest.model_file, manifest.tokenizer_file]
    for name in wanted:
        expected = manifest.files.get(name)
        path = manifest.directory / name
        if expected is None:
            raise ResourceError(f"model manifest has no checksum for {name}; {restore_hint()}")
        try:
            size = path.stat().st_size
        except FileNotFoundError:
            raise ResourceError(f"model file {_shown(path)} is missing; {restore_hint()}") from None
        if size != expected.size:
            raise ResourceError(
                f"model file {_shown(path)} has been modified ({size} bytes, expected "
                f"{expected.size}); {restore_hint()}"
            )
        if sha256_file(path) != expected.sha256:
            raise ResourceError(
                f"model file {_shown(path)} has been modified (checksum mismatch); {restore_hint()}"
            )


# --------------------------------------------------------------------------- session


@dataclass(frozen=True)
class SessionInfo:
    """What onnxruntime really runs on, and any fallback the user should hear about."""

    requested: str
    provider: str
    providers: tuple[str, ...]
    threads: int
    seconds: float
    warnings: tuple[str, ...] = ()


def _physical_cores_linux() -> int | None:
    base = Path("/sys/devices/system/cpu")
    try:
        allowed = os.sched_getaffinity(0)
    except (AttributeError, OSError):
        return None
    cores: set[tuple[str, str]] = set()
    for cpu in allowed:
        topo = base / f"cpu{cpu}" / "topology"
        try:
            package = (topo / "physical_package_id").read_text().strip()
            core = (topo / "core_id").read_text().strip()
        except OSError:
            return None
        cores.add((package, core))
    return len(cores) or None


def default_threads() -> int:
    """Physical cores available to this process, at most 4 (more threads rarely pay off here)."""
    physical = _physical_cores_linux() if sys.platform.startswith("linux") else None
    if physical is None:
        logical = os.cpu_count() or 1
        # Assume hyper-threading on machines with many logical CPUs; small ones keep them all.
        physical = logical // 2 if logical >= 8 else logical
    return max(1, min(MAX_DEFAULT_THREADS, physical))


def short_provider_name(name: str) -> str:
    for short, full in PROVIDER_NAMES.items():
        if full == name:
            return short
    return name


def resolve_providers(requested: str, available: Sequence[str]) -> tuple[list[str], list[str]]:
    """Preferred providers ∩ available ones (CPU always last), plus warnings about what is missing."""
    choice = requested.strip().lower()
    if choice not in PROVIDER_CHOICES:
        raise SkillShiftError(
            f"unknown provider {requested!r}; choose one of {', '.join(PROVIDER_CHOICES)}"
        )
    warnings: list[str] = []
    order = AUTO_ORDER if choice == "auto" else tuple(dict.fromkeys((choice, "cpu")))
    chosen = [PROVIDER_NAMES[name] for name in order if PROVIDER_NAMES[name] in available]
    if choice not in ("auto", "cpu") and PROVIDER_NAMES[choice] not in available:
        warnings.append(f"provider {choice} is not available in this onnxruntime build; using cpu")
    if PROVIDER_NAMES["cpu"] not in chosen:
        chosen.append(PROVIDER_NAMES["cpu"])
    return chosen, warnings


# onnxruntime's CPU SkipLayerNormalization kernel is slower than the plain LayerNormalization and
# Add it replaces: with the fusion off, 1,000 task statements take 14 % less time on one thread
# (onnxruntime 1.32, 2 cores, interleaved runs of the same batches). GPU providers keep it:
# their fused kernel is the fast one.
CPU_DISABLED_OPTIMIZERS = ("SkipLayerNormFusion",)


def cpu_disabled_optimizers(providers: Sequence[str]) -> list[str]:
    """Graph fusions to turn off when the session will run on the CPU provider alone."""
    if list(providers) == [PROVIDER_NAMES["cpu"]]:
        return list(CPU_DISABLED_OPTIMIZERS)
    return []


def build_session(
    model_file: Path, *, provider: str = "auto", threads: int | None = None
) -> tuple[Any, SessionInfo]:
    """The one place an onnxruntime session is made: threads, optimisation, providers, checks."""
    start = time.perf_counter()
    from app.offline import disable_telemetry

    disable_telemetry()  # a no-op after `import app`; here too for code that skipped it
    import onnxruntime as ort

    if threads is not None and threads < 1:
        raise SkillShiftError(f"--threads must be at least 1 (got {threads})")
    count = threads if threads is not None else default_threads()
    chosen, warnings = resolve_providers(provider, ort.get_available_providers())
    options = ort.SessionOptions()
    options.intra_op_num_threads = count
    options.inter_op_num_threads = 1
    options.execution_mode = ort.ExecutionMode.ORT_SEQUENTIAL
    options.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
    # Fallbacks are reported through SessionInfo; onnxruntime's own log would only add noise.
    options.log_severity_level = 3
    # Idle worker threads sleep instead of spinning: on a 2-core desktop the spinning threads
    # starve the UI and numpy between runs (measured: a title match took 4x longer).
    options.add_session_config_entry("session.intra_op.allow_spinning", "0")
    try:
        # onnxruntime reports provider trouble through Python warnings; they end up in
        # SessionInfo.warnings so the caller decides how to show them.
        with pywarnings.catch_warnings(record=True) as caught:
            pywarnings.simplefilter("always")
            session = ort.InferenceSession(
                str(model_file),
                sess_options=options,
                providers=chosen,
                disabled_optimizers=cpu_disabled_optimizers(chosen),
            )
    except Exception as exc:  # onnxruntime raises its own untyped errors for unreadable graphs
        raise ResourceError(
            f"model file {_shown(model_file)} cannot be loaded ({exc}); {restore_hint()}"
        ) from None
    runtime_notes = [str(w.message) for w in caught]
    in_use = tuple(session.get_providers())
    real = short_provider_name(in_use[0]) if in_use else "cpu"
    if chosen and in_use and chosen[0] != in_use[0] and not warnings:
        detail = f" ({runtime_notes[0]})" if runtime_notes else ""
        warnings.append(
            f"provider {short_provider_name(chosen[0])} could not be started; using {real}{detail}"
        )
    info = SessionInfo(
        requested=provider,
        provider=real,
        providers=in_use,
        threads=count,
        seconds=time.perf_counter() - start,
        warnings=tuple(warnings),
    )
    return session, info


# --------------------------------------------------------------------------- tokenizer


def load_tokenizer(path: Path, max_length: int) -> Tokenizer:
    """The stock tokenizer with padding reset to the longest text and truncation at max_length."""
    from tokenizers import Tokenizer

    try:
        tokenizer = Tokenizer.from_file(str(path))
    except Exception as exc:  # tokenizers raises a bare Exception for malformed JSON
        raise ResourceError(
            f"tokenizer {_shown(path)} cannot be read ({exc}); {restore_hint()}"
        ) from None
    padding = tokenizer.padding
    if padding:
        pad_id, pad_token = int(padding["pad_id"]), str(padding["pad_token"])
    else:
        found = tokenizer.token_to_id("[PAD]")
        pad_id, pad_token = (found, "[PAD]") if found is not None else (0, "[PAD]")
    # Without `length` the batch is padded to its longest member, not to a fixed 128; on the
    # right, so that a batch cut from a longer one is its rows up to its own longest text.
    tokenizer.enable_padding(direction="right", pad_id=pad_id, pad_token=pad_token)
    tokenizer.enable_truncation(max_length=max_length)
    return tokenizer


# --------------------------------------------------------------------------- encoders


def _normalise_rows(matrix: np.ndarray) -> np.ndarray:
    norms = np.linalg.norm(matrix, axis=1, keepdims=True)
    norms[norms == 0] = 1.0
    return (matrix / norms).astype(np.float32, copy=False)


def length_batches(
    lengths: Sequence[int] | np.ndarray, batch_size: int
) -> tuple[np.ndarray, list[np.ndarray]]:
    """Indices sorted by length (similar lengths pad little), cut into batches.

    Give token counts where there are any: sorted by characters, 1,000 task statements were
    padded to 29 % more tokens than they hold; sorted by tokens, to 2 % more.
    """
    if batch_size < 1:
        raise ValueError("batch_size must be at least 1")
    order = np.argsort(np.asarray(lengths, dtype=np.int64).reshape(-1), kind="stable")
    return order, [order[i : i + batch_size] for i in range(0, len(order), batch_size)]


@dataclass(frozen=True)
class TokenBatches:
    """Texts tokenised once, padded to the longest, and cut into batches of similar token counts.

    A batch's feed is its rows cut at its own longest text (the padding is on the right).
    """

    ids: np.ndarray  # int64 [texts, longest of all]
    mask: np.ndarray  # int64, same shape
    lengths: np.ndarray  # tokens of each text (the mask's row sums)
    batches: list[np.ndarray]
    with_token_types: bool

    def feed(self, batch: np.ndarray) -> dict[str, np.ndarray]:
        longest = max(1, int(self.lengths[batch].max()))
        return model_feed(
            self.ids[batch, :longest], self.mask[batch, :longest], self.with_token_types
        )


def model_feed(ids: np.ndarray, mask: np.ndarray, with_token_types: bool) -> dict[str, np.ndarray]:
    feed = {"input_ids": ids, "attention_mask": mask}
    if with_token_types:
        feed["token_type_ids"] = np.zeros_like(ids)
    return feed


class OnnxEncoder:
    """The bundled transformer through onnxruntime; files are verified and loaded on first use."""

    def __init__(
        self,
        model_dir: Path | None = None,
        *,
        provider: str = "auto",
        threads: int | None = None,
        verify: bool = True,
    ) -> None:
        self._model_dir = model_dir if model_dir is not None else default_model_dir()
        self._requested_provider = provider
        self._threads = threads
        self._verify = verify
        self._manifest: Manifest | None = None
        self._session: Any = None
        self._info: SessionInfo | None = None
        self._tokenizer: Tokenizer | None = None
        self._input_names: tuple[str, ...] = ()
        self._needs_head = True
        self._dim: int | None = None
        self._lock = threading.Lock()
        self._workers: list[Any] | None = None
        # Validate the provider name now so a typo fails before any work starts.
        resolve_providers(provider, ())

    @classmethod
    def embedding_only(
        cls,
        model_file: Path,
        tokenizer_file: Path,
        *,
        max_length: int = 64,
        provider: str = "auto",
        threads: int | None = None,
    ) -> OnnxEncoder:
        """Any sentence-embedding graph with an `embedding` output (e.g. the stock base model
        for a baseline); no manifest, no checksums, `score` unavailable."""
        encoder = cls(model_file.parent, provider=provider, threads=threads, verify=False)
        digest = hashlib.sha256(f"{model_file.resolve()}:{model_file.stat().st_size}".encode())
        encoder._manifest = Manifest(
            directory=model_file.parent,
            model_file=model_file.name,
            tokenizer_file=str(tokenizer_file.resolve()),
            max_length=max_length,
            dim=0,
            labels=(),
            files={model_file.name: FileDigest(digest.hexdigest(), model_file.stat().st_size)},
            reference=(),
            raw={},
        )
        encoder._needs_head = False
        return encoder

    @property
    def manifest(self) -> Manifest:
        if self._manifest is None:
            if self._verify:
                integrity.check(self._model_dir / MANIFEST_FILE)  # the bundled one: by content
            self._manifest = load_manifest(self._model_dir)
        return self._manifest

    @property
    def dim(self) -> int:
        if self.manifest.dim:
            return self.manifest.dim
        self._ensure_loaded()
        if self._dim is None:
            raise ResourceError("the model does not declare its embedding width")
        return self._dim

    @property
    def labels(self) -> tuple[str, ...]:
        return self.manifest.labels

    @property
    def model_sha256(self) -> str:
        return self.manifest.model_sha256

    @property
    def session_info(self) -> SessionInfo:
        self._ensure_loaded()
        assert self._info is not None
        return self._info

    @property
    def provider(self) -> str:
        """The provider onnxruntime really uses (after any fallback), e.g. "cpu"."""
        return self.session_info.provider

    @property
    def session(self) -> Any:
        self._ensure_loaded()
        return self._session

    @property
    def input_names(self) -> tuple[str, ...]:
        self._ensure_loaded()
        return self._input_names

    @property
    def tokenizer(self) -> Tokenizer:
        self._ensure_loaded()
        assert self._tokenizer is not None
        return self._tokenizer

    def _ensure_loaded(self) -> None:
        if self._session is not None:
            return
        with self._lock:
            if self._session is not None:
                return
            manifest = self.manifest
            if self._verify and integrity.bundled_name(manifest.model_path) is not None:
                integrity.check(manifest.model_path)
                integrity.check(manifest.tokenizer_path)
            elif self._verify:
                verify_files(manifest)
            tokenizer = load_tokenizer(manifest.tokenizer_path, manifest.max_length)
            session, info = build_session(
                manifest.model_path, provider=self._requested_provider, threads=self._threads
            )
            declared = tuple(node.name for node in session.get_inputs())
            outputs = {node.name for node in session.get_outputs()}
            missing = {"input_ids", "attention_mask"} - set(declared)
            wanted = {"embedding", "exposure_probs"} if self._needs_head else {"embedding"}
            missing_out = wanted - outputs
            if missing or missing_out:
                raise ResourceError(
                    f"model file {_shown(manifest.model_path)} does not have the expected "
                    f"inputs/outputs (missing {sorted(missing | missing_out)}); {restore_hint()}"
                )
            width = next(o.shape[-1] for o in session.get_outputs() if o.name == "embedding")
            self._dim = manifest.dim or (width if isinstance(width, int) else None)
            self._tokenizer = tokenizer
            self._input_names = declared
            self._info = info
            self._session = session

    def tokenize(self, texts: Sequence[str]) -> dict[str, np.ndarray]:
        """Model inputs for one batch: int64 [batch, longest], only the inputs the graph declares."""
        ids, mask = self._token_arrays(texts)
        return model_feed(ids, mask, "token_type_ids" in self._input_names)

    def token_batches(self, texts: Sequence[str], batch_size: int) -> TokenBatches:
        """`texts` tokenised in one call and cut into batches of similar token counts."""
        ids, mask = self._token_arrays(texts)
        lengths = mask.sum(axis=1)
        _, batches = length_batches(lengths, batch_size)
        return TokenBatches(ids, mask, lengths, batches, "token_type_ids" in self._input_names)

    def _token_arrays(self, texts: Sequence[str]) -> tuple[np.ndarray, np.ndarray]:
        # No character offsets are needed, so the tokenizer's faster batch call is used.
        try:
            encodings = self.tokenizer.encode_batch_fast(list(texts))
        except TypeError:
            # A lone surrogate (undecodable bytes in argv, a "\ud800" JSON escape) is not text
            # the tokenizer accepts; it carries no meaning, so it is replaced and the rest kept.
            clean = [t.encode("utf-8", "replace").decode("utf-8") for t in texts]
            encodings = self.tokenizer.encode_batch_fast(clean)
        ids = np.array([e.ids for e in encodings], dtype=np.int64)
        mask = np.array([e.attention_mask for e in encodings], dtype=np.int64)
        return ids, mask

    def run_feed(self, feed: dict[str, np.ndarray], outputs: Sequence[str]) -> list[np.ndarray]:
        result: list[np.ndarray] = self.session.run(list(outputs), feed)
        return result

    def worker_sessions(self) -> list[Any]:
        """Single-thread CPU sessions, one per configured thread, built on first long run.

        Empty where they would not help: one thread, or a GPU provider (which parallelises
        inside its own session).
        """
        self._ensure_loaded()
        assert self._info is not None
        if self._info.provider != "cpu" or self._info.threads < 2:
            return []
        with self._lock:
            if self._workers is None:
                model = self.manifest.model_path
                self._workers = [
                    build_session(model, provider="cpu", threads=1)[0]
                    for _ in range(self._info.threads)
                ]
            return self._workers

    def _run(
        self,
        texts: Sequence[str],
        outputs: Sequence[str],
        batch_size: int,
        progress: Progress,
    ) -> list[np.ndarray]:
        total = len(texts)
        widths = {"embedding": self.dim, "exposure_probs": len(self.labels)}
        results = [np.zeros((total, widths[name]), dtype=np.float32) for name in outputs]
        if total == 0:
            return results
        self._ensure_loaded()
        tokens = self.token_batches(texts, batch_size)
        workers = self.worker_sessions() if len(tokens.batches) >= PARALLEL_MIN_BATCHES else []
        runs = (
            self._run_parallel(workers, tokens, outputs, progress)
            if workers
            else self._run_serial(tokens, outputs, progress)
        )
        done = 0
        progress.report(0, total, "encode")
        for batch, values in runs:
            for target, value in zip(results, values, strict=True):
                target[batch] = value
            done += len(batch)
            progress.report(done, total, "encode")
        return results

    def _run_serial(
        self, tokens: TokenBatches, outputs: Sequence[str], progress: Progress
    ) -> Iterator[tuple[np.ndarray, list[np.ndarray]]]:
        """Batch after batch through the one session."""
        for batch in tokens.batches:
            check_cancelled(progress)
            yield batch, self.run_feed(tokens.feed(batch), outputs)

    def _run_parallel(
        self,
        workers: list[Any],
        tokens: TokenBatches,
        outputs: Sequence[str],
        progress: Progress,
    ) -> Iterator[tuple[np.ndarray, list[np.ndarray]]]:
        """Batches spread over the worker sessions; results come back in batch order.

        onnxruntime releases the GIL while it works, so plain threads run the sessions side by
        side. Cancelling stops handing out batches; running ones finish.
        """
        idle: queue.SimpleQueue[Any] = queue.SimpleQueue()
        for session in workers:
            idle.put(session)
        names = list(outputs)

        def run(batch: np.ndarray) -> list[np.ndarray]:
            session = idle.get()
            try:
                result: list[np.ndarray] = session.run(names, tokens.feed(batch))
                return result
            finally:
                idle.put(session)

        with ThreadPoolExecutor(len(workers), thread_name_prefix="skillshift-encode") as pool:
            pending: deque[tuple[np.ndarray, Future[list[np.ndarray]]]] = deque()
            upcoming = iter(tokens.batches)
            try:
                for batch in itertools.islice(upcoming, 2 * len(workers)):
                    pending.append((batch, pool.submit(run, batch)))
                while pending:
                    check_cancelled(progress)
                    batch, future = pending.popleft()
                    values = future.result()
                    following = next(upcoming, None)
                    if following is not None:
                        pending.append((following, pool.submit(run, following)))
                    yield batch, values
            finally:
                for _, future in pending:
                    future.cancel()

    def embed(
        self,
        texts: Sequence[str],
        *,
        batch_size: int = DEFAULT_BATCH_SIZE,
        progress: Progress = NULL_PROGRESS,
    ) -> np.ndarray:
        (embeddings,) = self._run(texts, ("embedding",), batch_size, progress)
        return _normalise_rows(embeddings)

    def score(
        self,
        texts: Sequence[str],
        *,
        batch_size: int = DEFAULT_BATCH_SIZE,
        progress: Progress = NULL_PROGRESS,
    ) -> tuple[np.ndarray, np.ndarray]:
        embeddings, probs = self._run(texts, ("embedding", "exposure_probs"), batch_size, progress)
        return _normalise_rows(embeddings), probs
