"""Channels for every kind of fact: plans and tasks, legal documents, score sheets, and the
approval of task status updates

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-02

Task status updates gain ``approval`` (reported by a reporter → approved by staff; rows written
before are approved). New append-only tables hold plans and tasks, legal documents and the
per-criterion scores of evaluation score sheets.
"""
from alembic import op
import sqlalchemy as sa

revision = '0006'
down_revision = '0005'
branch_labels = None
depends_on = None

NUMBER = sa.Numeric(precision=24, scale=6)


def _revision_columns() -> list[sa.Column[object]]:
    return [
        sa.Column('revision', sa.Integer(), nullable=False),
        sa.Column('source', sa.String(length=20), nullable=False),
        sa.Column('provenance', sa.JSON(), nullable=True),
        sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.func.now(),
                  nullable=False),
        sa.Column('created_by', sa.String(length=80), nullable=False),
    ]


def _table(name: str, key: list[str], *columns: sa.Column[object]) -> None:
    op.create_table(
        name,
        sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
        *columns, *_revision_columns(),
        sa.PrimaryKeyConstraint('id', name=op.f(f'pk_{name}')),
        sa.UniqueConstraint(*key, 'revision', name=op.f(f'uq_{name}_{key[0]}')))


def upgrade() -> None:
    with op.batch_alter_table('task_statuses', schema=None) as batch_op:
        batch_op.add_column(sa.Column('approval', sa.String(length=20), nullable=False,
                                      server_default='approved'))
    _table('evaluation_criterion_scores', ['evaluation', 'agency', 'criterion'],
           sa.Column('evaluation', sa.String(length=100), nullable=False),
           sa.Column('agency', sa.String(length=40), nullable=False),
           sa.Column('criterion', sa.String(length=100), nullable=False),
           sa.Column('score', NUMBER, nullable=False))
    _table('plans', ['code'],
           sa.Column('code', sa.String(length=100), nullable=False),
           sa.Column('name_vi', sa.Text(), nullable=False),
           sa.Column('year', sa.Integer(), nullable=False))
    _table('plan_tasks', ['code'],
           sa.Column('code', sa.String(length=100), nullable=False),
           sa.Column('plan', sa.String(length=100), nullable=False),
           sa.Column('title_vi', sa.Text(), nullable=False),
           sa.Column('lead_agency', sa.String(length=40), nullable=True),
           sa.Column('deadline', sa.Date(), nullable=False))
    _table('legal_documents', ['number'],
           sa.Column('number', sa.String(length=120), nullable=False),
           sa.Column('type', sa.String(length=20), nullable=False),
           sa.Column('issued_on', sa.Date(), nullable=False),
           sa.Column('issuer', sa.String(length=120), nullable=False),
           sa.Column('title_vi', sa.Text(), nullable=False),
           sa.Column('counted_in', sa.String(length=12), nullable=True))
    for table, column in (('evaluation_criterion_scores', 'evaluation'),
                          ('evaluation_criterion_scores', 'agency'),
                          ('plans', 'code'), ('plan_tasks', 'code'), ('plan_tasks', 'plan'),
                          ('legal_documents', 'number'), ('legal_documents', 'issued_on')):
        op.create_index(op.f(f'ix_{table}_{column}'), table, [column], unique=False)


def downgrade() -> None:
    for table in ('legal_documents', 'plan_tasks', 'plans', 'evaluation_criterion_scores'):
        op.drop_table(table)
    with op.batch_alter_table('task_statuses', schema=None) as batch_op:
        batch_op.drop_column('approval')
