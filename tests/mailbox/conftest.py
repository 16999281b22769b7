from tests.mail_servers import smtp_server  # noqa: F401
from tests.mail_servers import dovecot  # noqa: F401
