"""Import every domain's models so metadata (and Alembic) knows all tables."""

from casetracker.audit import models as audit_models  # noqa: F401
from casetracker.auth import models as auth_models  # noqa: F401
from casetracker.correspondence import models as correspondence_models  # noqa: F401
from casetracker.deadlines import models as deadlines_models  # noqa: F401
from casetracker.documents import models as documents_models  # noqa: F401
from casetracker.evidence import models as evidence_models  # noqa: F401
from casetracker.info_requests import models as info_requests_models  # noqa: F401
from casetracker.info_requests import clock_models as info_requests_clock_models  # noqa: F401
from casetracker.letters import models as letters_models  # noqa: F401
from casetracker.mail import models as mail_models  # noqa: F401
from casetracker.officer import models as officer_models  # noqa: F401
from casetracker.disclosure import models as disclosure_models  # noqa: F401
from casetracker.teams import models as teams_models  # noqa: F401
from casetracker.documents import outbox as documents_outbox  # noqa: F401
from casetracker.tasks import models as tasks_models  # noqa: F401
from casetracker.search import models as search_models  # noqa: F401
from casetracker.api_tokens import models as api_tokens_models  # noqa: F401
from casetracker.calendar_feeds import models as calendar_feeds_models  # noqa: F401
from casetracker.mailer import models as mailer_models  # noqa: F401
from casetracker.mailbox import models as mailbox_models  # noqa: F401
from casetracker.privacy import models as privacy_models  # noqa: F401
from casetracker.release import models as release_models  # noqa: F401

# Every table's writes move the data generation (the page cache's key); create_all installs it as migration 0019 does.
from casetracker import data_generation  # noqa: E402
from casetracker.extensions import db  # noqa: E402

data_generation.listen(db.metadata)
