"""Build models/embeddings.npz (int8 embeddings of every title, task and ESCO skill label) and
models/title_head.npz (the title classifier fitted on those title embeddings).

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
from app.commands.evaluate import HEAD_HELD_OUT_SPLITS, held_out_rule
from app.core import integrity
from app.core.db import database
from app.core.encoder import PROVIDER_CHOICES, OnnxEncoder
from app.core.index import INDEX_FILE, KINDS, EmbeddingStore, IndexFile, save_index
from app.core.search import Matcher, MatchWeights, TitleRow, corpus_texts
from app.core.title_head import HEAD_FILE, save_title_head
from app.core.title_training import fit_title_head


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


def _unchanged(out: Path, sources: dict[str, str], db_hash: str | None) -> bool:
    """Every kind came from `out` itself, built on the same database: rewriting it would only
    requantise the same vectors (and churn a 30 MB file)."""
    if any(source != "bundle" for source in sources.values()):
        return False
    index = IndexFile(out)
    try:
        return index.meta.get("db_content_hash") == db_hash
    finally:
        index.close()


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
        db_hash = database(db).content_hash
        if not _unchanged(out, sources, db_hash):
            save_index(
                out,
                model_sha256=encoder.model_sha256,
                dim=encoder.dim,
                kinds=kinds,
                db_content_hash=db_hash,
            )
        # The classifier reads titles the way search does, from the vectors just written.
        counts = build_head(out.with_name(HEAD_FILE), encoder, store, db, db_hash)
        sources["title head"] = f"fitted on {counts['queries']} queries"
    integrity.record_files([out, out.with_name(HEAD_FILE)])  # the bundle's manifest
    return sources


def head_training_rows(db: Path | None) -> list[TitleRow]:
    """The rows the bundled title classifier learns from: none the splits it leaves out query."""
    rows = database(db).title_rows()
    held_out = held_out_rule(rows, HEAD_HELD_OUT_SPLITS)
    return [r for r in rows if not held_out(r)]


def build_head(
    out: Path, encoder: OnnxEncoder, store: EmbeddingStore, db: Path | None, db_hash: str | None
) -> dict[str, int]:
    """Fit the title classifier; queries are read against an index without the left-out titles,
    as `eval match` reads them."""
    train = head_training_rows(db)
    matcher = Matcher(
        encoder,
        db_path=db,
        store=store,
        title_filter=set(train).__contains__,
        weights=MatchWeights(classifier=0.0),
    )
    print(f"title classifier: {len(train)} titles", file=sys.stderr, flush=True)
    head = fit_title_head(
        matcher,
        train,
        meta={
            "held_out_splits": list(HEAD_HELD_OUT_SPLITS),
            "db_content_hash": db_hash,
        },
        progress=_StderrProgress(),
    )
    save_title_head(out, head)
    return dict(head.meta["trained_on"])


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
