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


def test_nonce_is_fresh_each_time_and_the_salt_each_process() -> None:
    one = crypto.encrypt(b"same", SECRET, log2_n=FAST)
    two = crypto.encrypt(b"same", SECRET, log2_n=FAST)
    assert one != two
    assert one[: len(crypto.MAGIC) + 4] == two[: len(crypto.MAGIC) + 4]  # same format and cost
    salt = slice(len(crypto.MAGIC) + 4, len(crypto.MAGIC) + 4 + crypto.SALT_BYTES)
    nonce = slice(salt.stop, salt.stop + crypto.NONCE_BYTES)
    assert one[nonce] != two[nonce]
    # One derived key per passphrase while the process runs (saves stay quick); a new process,
    # or forgetting the passphrases, draws a new salt.
    assert one[salt] == two[salt]
    crypto.forget_keys()
    assert crypto.encrypt(b"same", SECRET, log2_n=FAST)[salt] != one[salt]


def test_default_cost_and_the_key_is_derived_once() -> None:
    import time

    assert crypto.SCRYPT_LOG2_N >= 17
    crypto.forget_keys()
    start = time.perf_counter()
    crypto.encrypt(b"first", SECRET)
    first = time.perf_counter() - start
    start = time.perf_counter()
    blob = crypto.encrypt(b"second", SECRET)
    again = time.perf_counter() - start
    assert again < first / 5, (first, again)
    assert crypto.decrypt(blob, SECRET) == b"second"


def test_files_written_with_the_old_cost_still_open() -> None:
    blob = crypto.encrypt(b"from an earlier version", SECRET, log2_n=15)
    crypto.forget_keys()
    assert crypto.decrypt(blob, SECRET) == b"from an earlier version"


@pytest.mark.parametrize(
    ("log2_n", "r", "p"),
    [(22, 32, 1), (21, 8, 1), (20, 16, 1), (17, 8, 3), (17, 1, 17), (40, 8, 1), (9, 8, 1)],
)
def test_a_costly_or_weak_header_is_refused_before_any_work(log2_n: int, r: int, p: int) -> None:
    import time

    blob = bytearray(crypto.encrypt(b"x", SECRET, log2_n=FAST))
    at = len(crypto.MAGIC) + 1
    blob[at : at + 3] = bytes([log2_n, r, p])
    start = time.perf_counter()
    with pytest.raises(CryptoError, match=r"too costly|too weak"):
        crypto.decrypt(bytes(blob), SECRET)
    assert time.perf_counter() - start < 0.5


def test_the_largest_allowed_cost_is_accepted() -> None:
    crypto.check_cost(20, 8, 2)  # 1 GiB, r × p = 16
    crypto.check_cost(17, 8, 1)


def test_out_of_memory_is_a_crypto_error(monkeypatch: pytest.MonkeyPatch) -> None:
    from cryptography.hazmat.primitives.kdf import scrypt

    def no_memory(self: object, key_material: bytes) -> bytes:
        raise MemoryError

    monkeypatch.setattr(scrypt.Scrypt, "derive", no_memory)
    crypto.forget_keys()
    with pytest.raises(CryptoError, match="not enough memory"):
        crypto.encrypt(b"x", SECRET, log2_n=FAST)


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
    with pytest.raises(CryptoError, match="too costly"):
        crypto.decrypt(bytes(hostile), SECRET)


def test_short_passphrase_is_refused() -> None:
    with pytest.raises(CryptoError, match="at least 8"):
        crypto.encrypt(b"x", "short")


def test_unicode_passphrase() -> None:
    phrase = "пароль-密码-🔑-كلمة"
    blob = crypto.encrypt(b"x", phrase, log2_n=FAST)
    assert crypto.decrypt(blob, phrase) == b"x"
