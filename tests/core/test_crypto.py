"""Passphrase encryption: round trip, wrong passphrase, tampering, format versioning."""

from __future__ import annotations

import pytest

from app.core import crypto
from app.core.crypto import CryptoError, WrongPassphraseError

FAST = 10  # scrypt cost 2**10 keeps the tests quick; the format stores it per file
SECRET = "correct horse battery"


def test_round_trip_with_default_cost() -> None:
    data = "Ana · 43-3031.00 · wants fewer evening shifts ✓".encode()
    blob = crypto.encrypt(data, SECRET)
    assert crypto.is_encrypted(blob)
    assert data not in blob and b"Ana" not in blob
    assert blob[len(crypto.MAGIC) + 1] == crypto.SCRYPT_LOG2_N  # cost recorded in the header
    assert crypto.decrypt(blob, SECRET) == data


def test_salt_and_nonce_are_fresh_each_time() -> None:
    one = crypto.encrypt(b"same", SECRET, log2_n=FAST)
    two = crypto.encrypt(b"same", SECRET, log2_n=FAST)
    assert one != two
    assert one[: len(crypto.MAGIC) + 4] == two[: len(crypto.MAGIC) + 4]  # same format and cost


def test_wrong_passphrase_is_a_clear_error() -> None:
    blob = crypto.encrypt(b"private", SECRET, log2_n=FAST)
    with pytest.raises(WrongPassphraseError, match="wrong passphrase"):
        crypto.decrypt(blob, SECRET + "!")
    assert crypto.decrypt(blob, SECRET) == b"private"  # nothing lost


@pytest.mark.parametrize("where", [len(crypto.MAGIC) + 6, -1, -20])
def test_any_changed_byte_is_refused(where: int) -> None:
    blob = bytearray(crypto.encrypt(b"private data here", SECRET, log2_n=FAST))
    blob[where] ^= 0x01
    with pytest.raises(WrongPassphraseError):
        crypto.decrypt(bytes(blob), SECRET)


def test_unknown_version_truncated_and_foreign_data() -> None:
    blob = bytearray(crypto.encrypt(b"x", SECRET, log2_n=FAST))
    blob[len(crypto.MAGIC)] = 9
    with pytest.raises(CryptoError, match="format version 9"):
        crypto.decrypt(bytes(blob), SECRET)
    with pytest.raises(CryptoError, match="truncated"):
        crypto.decrypt(crypto.MAGIC + b"\x01", SECRET)
    with pytest.raises(CryptoError, match="not a SkillShift encrypted file"):
        crypto.decrypt(b'{"schema": 1}', SECRET)
    hostile = bytearray(crypto.encrypt(b"x", SECRET, log2_n=FAST))
    hostile[len(crypto.MAGIC) + 1] = 40  # a cost that would take forever / all memory
    with pytest.raises(CryptoError, match="unsupported key parameters"):
        crypto.decrypt(bytes(hostile), SECRET)


def test_short_passphrase_is_refused() -> None:
    with pytest.raises(CryptoError, match="at least 8"):
        crypto.encrypt(b"x", "short")


def test_unicode_passphrase() -> None:
    phrase = "пароль-密码-🔑-كلمة"
    blob = crypto.encrypt(b"x", phrase, log2_n=FAST)
    assert crypto.decrypt(blob, phrase) == b"x"
