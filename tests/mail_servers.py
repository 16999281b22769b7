"""Real mail servers for tests, on loopback ports 5600-5699: aiosmtpd for SMTP, Debian's dovecot for IMAP."""

from __future__ import annotations

import email
import email.policy
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import time
from email.message import EmailMessage
from pathlib import Path

import pytest

PORTS = range(5600, 5700)


def free_port() -> int:
    """Return a loopback port of this engineer's range that nothing listens on."""
    for port in PORTS:
        with socket.socket() as probe:
            try:
                probe.bind(("127.0.0.1", port))
            except OSError:
                continue
            return port
    raise RuntimeError("no free port in 5600-5699")


class Inbox:
    """What the test SMTP server received: parsed messages with their envelope recipients."""

    def __init__(self) -> None:
        self.messages: list[tuple[list[str], EmailMessage]] = []

    async def handle_DATA(self, server, session, envelope):  # aiosmtpd handler hook
        message = email.message_from_bytes(envelope.content, policy=email.policy.default)
        self.messages.append((list(envelope.rcpt_tos), message))
        return "250 OK"


@pytest.fixture
def smtp_server():
    """Start aiosmtpd on 127.0.0.1; yield (port, inbox)."""
    from aiosmtpd.controller import Controller

    inbox = Inbox()
    port = free_port()
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        yield port, inbox
    finally:
        controller.stop()


def _users() -> tuple[int, int, str, str]:
    """Return (mail uid, gid, internal user, login user): dovecot refuses to run its login process as root."""
    if os.geteuid() != 0:
        me = pwd.getpwuid(os.geteuid())
        return me.pw_uid, me.pw_gid, me.pw_name, me.pw_name
    try:
        dovecot, dovenull = pwd.getpwnam("dovecot"), pwd.getpwnam("dovenull")
    except KeyError:
        pytest.skip("dovecot's system users are missing (install dovecot-imapd)")
    return dovecot.pw_uid, dovecot.pw_gid, "dovecot", "dovenull"


class Dovecot:
    """A private dovecot instance: one passwd-file user whose INBOX is a Maildir the test fills."""

    USER = "foi@example.org"
    PASSWORD = "inbox-secret-passphrase"

    def __init__(self, root: Path) -> None:
        self.root = root
        self.port = free_port()
        self.uid, self.gid, internal, login = _users()
        self.maildir = root / "mail" / self.USER
        for sub in ("new", "cur", "tmp"):
            (self.maildir / sub).mkdir(parents=True)
        (root / "passwd").write_text(f"{self.USER}:{{PLAIN}}{self.PASSWORD}\n")
        (root / "dovecot.conf").write_text(f"""
protocols = imap
listen = 127.0.0.1
base_dir = {root}/run
state_dir = {root}/state
instance_name = casetracker-test-{self.port}
log_path = {root}/dovecot.log
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
default_internal_user = {internal}
default_internal_group = {internal}
default_login_user = {login}
first_valid_uid = 1
first_valid_gid = 1
mail_location = maildir:{root}/mail/%u
passdb {{
  driver = passwd-file
  args = scheme=PLAIN username_format=%u {root}/passwd
}}
userdb {{
  driver = static
  args = uid={self.uid} gid={self.gid} home={root}/mail/%u
}}
service imap-login {{
  chroot =
  inet_listener imap {{
    address = 127.0.0.1
    port = {self.port}
  }}
  inet_listener imaps {{
    port = 0
  }}
}}
service anvil {{
  chroot =
}}
service auth {{
  user = {internal}
}}
service auth-worker {{
  user = {internal}
}}
""")
        self._owned()
        self.process = subprocess.Popen(["dovecot", "-F", "-c", str(root / "dovecot.conf")],
                                        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        self._wait()

    def _owned(self) -> None:
        for path in [self.root, *self.root.rglob("*")]:
            os.chown(path, self.uid, self.gid)
        self.root.chmod(0o755)

    def _wait(self) -> None:
        deadline = time.monotonic() + 15
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"dovecot stopped: {self.process.stderr.read().decode()}")
            with socket.socket() as probe:
                if probe.connect_ex(("127.0.0.1", self.port)) == 0:
                    return
            time.sleep(0.1)
        raise RuntimeError("dovecot did not start listening")

    def deliver(self, raw: bytes, name: str) -> None:
        """Put one message in the INBOX, as a delivery agent would (Maildir new/)."""
        path = self.maildir / "new" / f"{time.time_ns()}.{name}.test"
        path.write_bytes(raw)
        os.chown(path, self.uid, self.gid)

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        self.process.stderr.close()


@pytest.fixture
def dovecot():
    """Start dovecot on a loopback port with an empty INBOX; skip when dovecot is not installed."""
    if shutil.which("dovecot") is None:
        pytest.skip("dovecot is not installed (apt-get install dovecot-imapd)")
    # Not under pytest's own temp folder: that is private to this user, and dovecot's users must reach the Maildir.
    root = Path(tempfile.mkdtemp(prefix="casetracker-dovecot-"))
    server = Dovecot(root)
    try:
        yield server
    finally:
        server.stop()
        shutil.rmtree(root, ignore_errors=True)
