"""Send email through the standard library's ``smtplib``: one small adapter for the site's and teams' servers.

Chosen over Flask-Mail because a team's own outgoing server (letters sent from
its FOI address) is a second, per-team configuration that Flask-Mail's one
app-wide setting does not hold; ``smtplib`` and ``email.message`` do all the
work and add no dependency.
"""

from __future__ import annotations

import smtplib
import ssl
from dataclasses import dataclass
from email.message import EmailMessage
from email.utils import formatdate, make_msgid
from typing import Mapping

#: Seconds to wait for the server before giving up.
TIMEOUT = 30


class MailNotConfigured(RuntimeError):
    """No server is set (``CASETRACKER_MAIL_SERVER``); nothing is sent."""


class MailSendError(RuntimeError):
    """The server refused or could not be reached; the message is for the user."""


@dataclass(frozen=True)
class SmtpSettings:
    """Where and how to send: ``security`` is ``starttls``, ``ssl`` or ``none``."""

    host: str
    port: int
    security: str
    username: str
    password: str
    sender: str


def site_settings(config: Mapping) -> SmtpSettings | None:
    """Return the site's mail settings from ``MAIL_*``, or None when no server is configured."""
    host = (config.get("MAIL_SERVER") or "").strip()
    if not host:
        return None
    return SmtpSettings(host=host, port=int(config.get("MAIL_PORT") or 587),
                        security=str(config.get("MAIL_TLS") or "starttls").lower(),
                        username=config.get("MAIL_USERNAME") or "", password=config.get("MAIL_PASSWORD") or "",
                        sender=config.get("MAIL_SENDER") or f"casetracker@{host}")


def new_message(settings: SmtpSettings, *, to: str, subject: str, body: str, sender: str | None = None) -> EmailMessage:
    """Return a plain-text message with Date and a Message-ID (so replies can be matched to it)."""
    message = EmailMessage()
    message["From"] = sender or settings.sender
    message["To"] = to
    message["Subject"] = subject
    message["Date"] = formatdate(localtime=False)
    domain = (sender or settings.sender).rpartition("@")[2].strip(">") or "casetracker.invalid"
    message["Message-ID"] = make_msgid(domain=domain)
    message.set_content(body)
    return message


def send_message(settings: SmtpSettings | None, message: EmailMessage) -> None:
    """Send ``message``; raise MailNotConfigured without settings, MailSendError when the server fails."""
    if settings is None:
        raise MailNotConfigured("Email is not configured on this site (CASETRACKER_MAIL_SERVER).")
    try:
        if settings.security == "ssl":
            server = smtplib.SMTP_SSL(settings.host, settings.port, timeout=TIMEOUT,
                                      context=ssl.create_default_context())
        else:
            server = smtplib.SMTP(settings.host, settings.port, timeout=TIMEOUT)
        with server:
            if settings.security == "starttls":
                server.starttls(context=ssl.create_default_context())
            if settings.username:
                server.login(settings.username, settings.password)
            server.send_message(message)
    except (OSError, smtplib.SMTPException) as error:
        raise MailSendError(f"The mail server {settings.host}:{settings.port} did not take the message "
                            f"({type(error).__name__}: {error}).") from error
