"""The core objects the UI shares, created lazily so the window shows before the model loads."""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from app.core.catalog import Catalog
    from app.core.encoder import OnnxEncoder
    from app.core.engine import Engine
    from app.core.progress import Progress
    from app.core.search import Matcher


class Services:
    """Catalog, encoder, matcher and engine; each built on first use, safe from any thread."""

    def __init__(self, provider: str = "auto", threads: int | None = None) -> None:
        self._provider = provider
        self._threads = threads or None
        self._lock = threading.RLock()
        self._catalog: Catalog | None = None
        self._encoder: OnnxEncoder | None = None
        self._matcher: Matcher | None = None
        self._engine: Engine | None = None

    @property
    def requested_provider(self) -> str:
        return self._provider

    @property
    def requested_threads(self) -> int | None:
        return self._threads

    def reconfigure(self, provider: str, threads: int | None) -> None:
        """Use another compute provider or thread count; the model reloads on next use.

        Call only while no background job runs (the settings page waits for the runner).
        """
        with self._lock:
            self._provider = provider
            self._threads = threads or None
            self._encoder = None
            self._matcher = None
            self._engine = None

    def catalog(self) -> Catalog:
        with self._lock:
            if self._catalog is None:
                from app.core.catalog import Catalog

                self._catalog = Catalog.open()
            return self._catalog

    def encoder(self) -> OnnxEncoder:
        with self._lock:
            if self._encoder is None:
                from app.core.encoder import OnnxEncoder

                self._encoder = OnnxEncoder(provider=self._provider, threads=self._threads)
            return self._encoder

    def matcher(self) -> Matcher:
        encoder = self.encoder()
        with self._lock:
            if self._matcher is None:
                from app.core.search import Matcher

                self._matcher = Matcher(encoder)
            return self._matcher

    def engine(self) -> Engine:
        matcher = self.matcher()
        with self._lock:
            if self._engine is None:
                from app.core.engine import Engine

                self._engine = Engine(matcher.encoder, matcher=matcher)
            return self._engine

    @property
    def search_ready(self) -> bool:
        matcher = self._matcher
        return matcher is not None and matcher._titles is not None

    @property
    def engine_ready(self) -> bool:
        engine = self._engine
        return engine is not None and engine._ctx is not None

    def load_search(self, progress: Progress) -> str:
        """Every bundled file checked by content (off the GUI thread, before anything uses them),
        then the model session and title index a search needs. Returns the provider in use."""
        from app.core import integrity

        integrity.verify_bundle(progress)
        encoder = self.encoder()
        provider = encoder.provider  # builds the onnxruntime session
        self.matcher().titles(progress)
        return provider

    def load_engine(self, progress: Progress) -> None:
        """Everything an analysis needs (skills, tasks, the transitions graph)."""
        self.engine().context(progress)
