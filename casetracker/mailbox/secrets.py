"""Encrypt mailbox passwords with Fernet (``cryptography``) under a key kept in the instance folder.

Fernet (AES-128-CBC with HMAC-SHA256, from the maintained ``cryptography``
package) rather than anything home-made. The key is generated on first use
into ``instance/mailbox_key`` (mode 0600), like ``instance/secret_key``; a
database copied without the instance folder does not give away the passwords.
"""

from __future__ import annotations

import os
from pathlib import Path

from cryptography.fernet import Fernet, InvalidToken
from flask import current_app

KEY_FILE = "mailbox_key"


class SecretUnreadable(RuntimeError):
    """A stored password cannot be decrypted (the key file was replaced); it must be entered again."""


def _key() -> bytes:
    instance = Path(current_app.instance_path)
    instance.mkdir(parents=True, exist_ok=True)
    path = instance / KEY_FILE
    if not path.exists():
        try:
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:  # another process made it first
            pass
        else:
            with os.fdopen(fd, "wb") as fh:
                fh.write(Fernet.generate_key())
    return path.read_bytes().strip()


def encrypt(secret: str) -> str:
    """Return ``secret`` as a Fernet token (text)."""
    return Fernet(_key()).encrypt(secret.encode()).decode()


def decrypt(token: str) -> str:
    """Return the secret of a Fernet token; raise SecretUnreadable when the key does not fit."""
    try:
        return Fernet(_key()).decrypt(token.encode()).decode()
    except (InvalidToken, ValueError) as error:
        raise SecretUnreadable("The stored mailbox password cannot be read with this site's key; enter it again.") from error
