"""Build models/embeddings.npz: int8 embeddings of every title, task and ESCO skill label.

Run after the model or the database changes (`python -m models.build_index`). Rows of a previous
file or cache that the same model already embedded are reused, so a small database change
re-embeds only the new texts. The app never imports this script; it reads the file through
app/core/index.py and rebuilds into the user cache itself when the file is stale.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

from app import paths
from app.core.encoder import PROVIDER_CHOICES, OnnxEncoder
from app.core.index import INDEX_FILE, KINDS, EmbeddingStore, save_index
from app.core.matching import corpus_texts, database_content_hash


class _StderrProgress:
    def __init__(self) -> None:
        self._last = 0.0

    def report(self, done: int, total: int, text: str) -> None:
        now = time.monotonic()
        if done == total or now - self._last > 5:
            self._last = now
            print(f"  {text}: {done}/{total}", file=sys.stderr, flush=True)

    def cancelled(self) -> bool:
        return False


def build(
    out: Path, *, db: Path | None, cache: Path | None, provider: str, threads: int | None
) -> dict[str, str]:
    encoder = OnnxEncoder(provider=provider, threads=threads)
    progress = _StderrProgress()
    with tempfile.TemporaryDirectory() as scratch:
        # The previous output serves as a source of reusable rows, like the bundle does at run time.
        store = EmbeddingStore(encoder, bundled=out, cache_dir=cache or Path(scratch))
        kinds = {}
        sources = {}
        for kind in KINDS:
            texts = corpus_texts(kind, db)
            print(f"{kind}: {len(texts)} texts", file=sys.stderr, flush=True)
            result = store.vectors(kind, texts, progress=progress)
            kinds[kind] = (result.texts, result.vectors)
            sources[kind] = result.source
    save_index(
        out,
        model_sha256=encoder.model_sha256,
        dim=encoder.dim,
        kinds=kinds,
        db_content_hash=database_content_hash(db),
    )
    return sources


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=paths.model_path(INDEX_FILE))
    parser.add_argument("--db", type=Path, default=None, help="database (default: the bundled one)")
    parser.add_argument("--cache", type=Path, default=None, help="reuse/keep per-kind caches here")
    parser.add_argument("--provider", choices=PROVIDER_CHOICES, default="auto")
    parser.add_argument("--threads", type=int, default=None)
    args = parser.parse_args()
    start = time.perf_counter()
    sources = build(
        args.out, db=args.db, cache=args.cache, provider=args.provider, threads=args.threads
    )
    size = args.out.stat().st_size
    print(
        f"wrote {args.out} ({size / 1e6:.1f} MB) in {time.perf_counter() - start:.0f} s; "
        f"rows from: {sources}",
        file=sys.stderr,
    )


if __name__ == "__main__":
    main()
