"""Passphrase encryption at rest (scrypt-derived key, AES-256-GCM) in a small versioned format."""

from __future__ import annotations

import hashlib
import os
import struct
import threading
from collections import OrderedDict

from app.core.errors import SkillShiftError

MAGIC = b"SKSHENC"
FORMAT_VERSION = 1
# scrypt cost: 2**17 × 8 × 1 needs 128 MiB and about 0.3-0.9 s (2 cores), the strength OWASP's
# password-storage guidance lists for scrypt, while opening a client stays quick. The parameters
# are stored per file, so files written with 2**15 still open, and the cost can rise again.
SCRYPT_LOG2_N = 17
SCRYPT_R = 8
SCRYPT_P = 1
# What a file's header may ask for: at most 1 GiB of memory (128 × r × n bytes) and r × p of at
# most 16, so a crafted file costs at most a few seconds, never 16 GiB and minutes.
MAX_SCRYPT_MEMORY = 1 << 30
MAX_SCRYPT_RP = 16
MIN_SCRYPT_LOG2_N = 10
SALT_BYTES = 16
NONCE_BYTES = 12
KEY_BYTES = 32
# magic, version, log2 n, r, p, salt, nonce
_HEADER = struct.Struct(f">{len(MAGIC)}sBBBB{SALT_BYTES}s{NONCE_BYTES}s")
MIN_PASSPHRASE = 8


class CryptoError(SkillShiftError):
    """Encrypted data that cannot be opened (damaged, unknown format)."""


class WrongPassphraseError(CryptoError):
    """The passphrase does not open this file (or the file was altered)."""


def is_encrypted(blob: bytes) -> bool:
    return blob.startswith(MAGIC)


def check_passphrase(passphrase: str) -> None:
    if len(passphrase) < MIN_PASSPHRASE:
        raise CryptoError(f"passphrase: use at least {MIN_PASSPHRASE} characters")


def check_cost(log2_n: int, r: int, p: int) -> None:
    """Refuse scrypt parameters outside what SkillShift writes or could sensibly write."""
    if log2_n < MIN_SCRYPT_LOG2_N or r < 1 or p < 1:
        raise CryptoError("encrypted data: unsupported key parameters (too weak)")
    if 128 * r * (1 << log2_n) > MAX_SCRYPT_MEMORY or r * p > MAX_SCRYPT_RP:
        raise CryptoError(
            f"encrypted data: its key parameters ask for more memory or work than SkillShift "
            f"allows (n = 2^{log2_n}, r = {r}, p = {p}; at most {MAX_SCRYPT_MEMORY >> 20} MiB "
            f"and r × p ≤ {MAX_SCRYPT_RP}): too costly a file, damaged or not made by SkillShift"
        )


# Derived keys of this process, by (passphrase digest, salt, cost): scrypt is slow on purpose,
# and a protected client is saved and its draft autosaved many times while it is open. Writes
# reuse one salt per passphrase and cost for the life of the process (a fresh 96-bit nonce each
# time, as AES-GCM needs), so each save costs an AES pass, not a key derivation; reads of the
# files written or opened before hit the cache too.
_DERIVED: OrderedDict[tuple[bytes, bytes, int, int, int], bytes] = OrderedDict()
_WRITE_SALT: dict[tuple[bytes, int], bytes] = {}
_CACHE_SIZE = 64
_cache_lock = threading.Lock()


def _key(passphrase: str, salt: bytes, log2_n: int, r: int, p: int) -> bytes:
    from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

    check_cost(log2_n, r, p)
    secret = passphrase.encode("utf-8")
    cache_key = (hashlib.sha256(secret).digest(), salt, log2_n, r, p)
    with _cache_lock:
        known = _DERIVED.get(cache_key)
    if known is not None:
        return known
    kdf = Scrypt(salt=salt, length=KEY_BYTES, n=2**log2_n, r=r, p=p)
    try:
        key = kdf.derive(secret)
    except MemoryError:
        raise CryptoError(
            f"encrypted data: not enough memory to derive its key (n = 2^{log2_n}, r = {r})"
        ) from None
    with _cache_lock:
        _DERIVED[cache_key] = key
        while len(_DERIVED) > _CACHE_SIZE:
            _DERIVED.popitem(last=False)
    return key


def forget_keys() -> None:
    """Drop every derived key and write salt this process holds (passphrases forgotten)."""
    with _cache_lock:
        _DERIVED.clear()
        _WRITE_SALT.clear()


def encrypt(data: bytes, passphrase: str, *, log2_n: int | None = None) -> bytes:
    """MAGIC | version | scrypt params | salt | nonce | AES-GCM(data), the header as associated data."""
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    log2_n = SCRYPT_LOG2_N if log2_n is None else log2_n
    check_passphrase(passphrase)
    digest = hashlib.sha256(passphrase.encode("utf-8")).digest()
    with _cache_lock:
        salt = _WRITE_SALT.setdefault((digest, log2_n), os.urandom(SALT_BYTES))
    nonce = os.urandom(NONCE_BYTES)
    header = _HEADER.pack(MAGIC, FORMAT_VERSION, log2_n, SCRYPT_R, SCRYPT_P, salt, nonce)
    key = _key(passphrase, salt, log2_n, SCRYPT_R, SCRYPT_P)
    return header + AESGCM(key).encrypt(nonce, data, header)


def decrypt(blob: bytes, passphrase: str) -> bytes:
    from cryptography.exceptions import InvalidTag
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    if not is_encrypted(blob):
        raise CryptoError("encrypted data: not a SkillShift encrypted file")
    if len(blob) < _HEADER.size + 16:
        raise CryptoError("encrypted data: truncated")
    _magic, version, log2_n, r, p, salt, nonce = _HEADER.unpack_from(blob)
    if version != FORMAT_VERSION:
        raise CryptoError(
            f"encrypted data: format version {version} is not supported "
            f"(this SkillShift reads {FORMAT_VERSION})"
        )
    header = blob[: _HEADER.size]
    key = _key(passphrase, salt, log2_n, r, p)
    try:
        return AESGCM(key).decrypt(nonce, blob[_HEADER.size :], header)
    except InvalidTag:
        raise WrongPassphraseError(
            "wrong passphrase (or the file was altered); nothing was changed"
        ) from None
