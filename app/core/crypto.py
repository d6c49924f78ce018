"""Passphrase encryption at rest (scrypt-derived key, AES-256-GCM) in a small versioned format."""

from __future__ import annotations

import os
import struct

from app.core.errors import SkillShiftError

MAGIC = b"SKSHENC"
FORMAT_VERSION = 1
# scrypt cost: 2**15 × 8 × 1 takes ~0.1 s and 32 MB, enough to make guessing slow while opening
# a client stays instant. The parameters are stored per file, so they can be raised later.
SCRYPT_LOG2_N = 15
SCRYPT_R = 8
SCRYPT_P = 1
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


def _key(passphrase: str, salt: bytes, log2_n: int, r: int, p: int) -> bytes:
    from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

    if not 10 <= log2_n <= 22 or not 1 <= r <= 32 or not 1 <= p <= 16:
        raise CryptoError("encrypted data: unsupported key parameters")
    kdf = Scrypt(salt=salt, length=KEY_BYTES, n=2**log2_n, r=r, p=p)
    return kdf.derive(passphrase.encode("utf-8"))


def encrypt(data: bytes, passphrase: str, *, log2_n: int = SCRYPT_LOG2_N) -> bytes:
    """MAGIC | version | scrypt params | salt | nonce | AES-GCM(data), the header as associated data."""
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    check_passphrase(passphrase)
    salt = os.urandom(SALT_BYTES)
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
