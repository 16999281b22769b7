from tests.mail_servers import smtp_server  # noqa: F401
