"""The core objects the UI shares, created lazily so the window shows before the model loads."""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from app.core.catalog import Catalog
    from app.core.encoder import OnnxEncoder
    from app.core.matching import Matcher


class Services:
    def __init__(self, provider: str = "auto", threads: int | None = None) -> None:
        self._provider = provider
        self._threads = threads or None
        self._lock = threading.Lock()
        self._catalog: Catalog | None = None
        self._encoder: OnnxEncoder | None = None
        self._matcher: Matcher | None = None

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
                from app.core.matching import Matcher

                self._matcher = Matcher(encoder)
            return self._matcher
