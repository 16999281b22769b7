"""search: documents carry from/to; PostgreSQL full-text tables (search_pages, search_words); saved searches

Revision ID: 0007
Revises: 0001
"""
from alembic import op
import sqlalchemy as sa
from sqlalchemy.dialects import postgresql

revision = "0007"
down_revision = '0006'
branch_labels = None
depends_on = None

TSVECTOR = postgresql.TSVECTOR().with_variant(sa.Text(), "sqlite")


def upgrade():
    if op.get_bind().dialect.name == "postgresql":
        op.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
        op.execute("CREATE EXTENSION IF NOT EXISTS unaccent")
        op.execute("CREATE EXTENSION IF NOT EXISTS fuzzystrmatch")
    with op.batch_alter_table("documents", schema=None) as batch_op:
        batch_op.add_column(sa.Column("sender", sa.String(length=500), nullable=True))
        batch_op.add_column(sa.Column("recipient", sa.String(length=500), nullable=True))
    op.create_table(
        "search_pages",
        sa.Column("document_id", sa.BigInteger(), autoincrement=False, nullable=False),
        sa.Column("page", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("team_id", sa.BigInteger(), nullable=False),
        sa.Column("restricted_to", sa.BigInteger(), nullable=False),
        sa.Column("request_id", sa.BigInteger(), nullable=True),
        sa.Column("request_ref", sa.String(length=100), nullable=True),
        sa.Column("authority", sa.String(length=500), nullable=True),
        sa.Column("sender", sa.String(length=500), nullable=True),
        sa.Column("recipient", sa.String(length=500), nullable=True),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("document_date", sa.Date(), nullable=True),
        sa.Column("title", sa.Text(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("fingerprint", sa.String(length=32), nullable=False),
        sa.Column("stemmed", TSVECTOR, nullable=True),
        sa.Column("exact", TSVECTOR, nullable=True),
        sa.PrimaryKeyConstraint("document_id", "page"),
    )
    op.create_index("ix_search_pages_stemmed", "search_pages", ["stemmed"], postgresql_using="gin")
    op.create_index("ix_search_pages_exact", "search_pages", ["exact"], postgresql_using="gin")
    op.create_index("ix_search_pages_team", "search_pages", ["team_id", "restricted_to"])
    op.create_table(
        "search_words",
        sa.Column("word", sa.String(length=200), nullable=False),
        sa.PrimaryKeyConstraint("word"),
    )
    op.create_index("ix_search_words_trigram", "search_words", ["word"], postgresql_using="gin",
                    postgresql_ops={"word": "gin_trgm_ops"})
    op.create_table(
        "saved_searches",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("query", sa.String(length=500), nullable=False),
        sa.Column("filters", sa.JSON(), nullable=False),
        sa.Column("seen_pages", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("seen_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["user_id"], ["users.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("saved_searches", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_saved_searches_user_id"), ["user_id"], unique=False)


def downgrade():
    with op.batch_alter_table("saved_searches", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_saved_searches_user_id"))
    op.drop_table("saved_searches")
    op.drop_index("ix_search_words_trigram", table_name="search_words")
    op.drop_table("search_words")
    op.drop_index("ix_search_pages_team", table_name="search_pages")
    op.drop_index("ix_search_pages_exact", table_name="search_pages")
    op.drop_index("ix_search_pages_stemmed", table_name="search_pages")
    op.drop_table("search_pages")
    with op.batch_alter_table("documents", schema=None) as batch_op:
        batch_op.drop_column("recipient")
        batch_op.drop_column("sender")
