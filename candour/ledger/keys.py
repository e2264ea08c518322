"""The inquiry's Ed25519 signing key: created once, private half in a 0600 file beside the store.

The public key lives in the store (table ``ledger_keys``) and its fingerprint
(SHA-256 of the raw 32-byte key, hex) is pinned in the ledger's genesis entry and
in every export, so a key swapped in the store is caught by ``verify``.
"""

from __future__ import annotations

import base64
import hashlib
import os
from pathlib import Path

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import (
    Ed25519PrivateKey,
    Ed25519PublicKey,
)


class KeyError_(Exception):
    """The signing key is missing, unreadable or does not match the ledger."""


def key_path_for(db_path: Path) -> Path:
    """Where the private key of the inquiry stored at ``db_path`` lives."""
    return db_path.with_name(db_path.name + ".ledger-key")


def create_key(path: Path) -> Ed25519PrivateKey:
    """A new key written to ``path`` (PKCS#8 PEM) readable by its owner only."""
    key = Ed25519PrivateKey.generate()
    pem = key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "wb") as f:
        f.write(pem)
    return key


def load_key(path: Path) -> Ed25519PrivateKey:
    try:
        key = serialization.load_pem_private_key(path.read_bytes(), password=None)
    except FileNotFoundError as exc:
        raise KeyError_(f"the ledger's signing key {path} is missing") from exc
    if not isinstance(key, Ed25519PrivateKey):
        raise KeyError_(f"{path} is not an Ed25519 private key")
    return key


def public_raw(key: Ed25519PrivateKey | Ed25519PublicKey) -> bytes:
    pub = key.public_key() if isinstance(key, Ed25519PrivateKey) else key
    return pub.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)


def fingerprint(raw_public: bytes) -> str:
    """SHA-256 of the raw public key, hex: the key's name in entries and exports."""
    return hashlib.sha256(raw_public).hexdigest()


def b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def unb64(text: str) -> bytes:
    return base64.b64decode(text.encode("ascii"), validate=True)


def verify_signature(raw_public: bytes, signature: bytes, message: bytes) -> bool:
    try:
        Ed25519PublicKey.from_public_bytes(raw_public).verify(signature, message)
    except (InvalidSignature, ValueError):
        return False
    return True
