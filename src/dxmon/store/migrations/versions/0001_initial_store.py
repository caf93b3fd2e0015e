"""Initial store: observations, requirement statuses, task statuses and evaluation scores

Revision ID: 0001
Revises: 
Create Date: 2026-11-22
"""
from alembic import op
import sqlalchemy as sa


revision = '0001'
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('evaluation_scores',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('evaluation', sa.String(length=100), nullable=False),
    sa.Column('agency', sa.String(length=40), nullable=False),
    sa.Column('score', sa.Numeric(precision=24, scale=6), nullable=False),
    sa.Column('synthetic', sa.Boolean(), nullable=False),
    sa.Column('revision', sa.Integer(), nullable=False),
    sa.Column('source', sa.String(length=20), nullable=False),
    sa.Column('provenance', sa.JSON(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False),
    sa.Column('created_by', sa.String(length=80), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_evaluation_scores')),
    sa.UniqueConstraint('evaluation', 'agency', 'revision', name=op.f('uq_evaluation_scores_evaluation'))
    )
    with op.batch_alter_table('evaluation_scores', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_evaluation_scores_agency'), ['agency'], unique=False)
        batch_op.create_index(batch_op.f('ix_evaluation_scores_evaluation'), ['evaluation'], unique=False)

    op.create_table('observations',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('indicator', sa.String(length=100), nullable=False),
    sa.Column('scope', sa.String(length=80), nullable=False),
    sa.Column('period', sa.String(length=12), nullable=False),
    sa.Column('window', sa.String(length=12), nullable=False),
    sa.Column('value', sa.Numeric(precision=24, scale=6), nullable=True),
    sa.Column('numerator', sa.Numeric(precision=24, scale=6), nullable=True),
    sa.Column('denominator', sa.Numeric(precision=24, scale=6), nullable=True),
    sa.Column('qualifier', sa.String(length=40), nullable=True),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('comment', sa.Text(), nullable=True),
    sa.Column('revision', sa.Integer(), nullable=False),
    sa.Column('source', sa.String(length=20), nullable=False),
    sa.Column('provenance', sa.JSON(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False),
    sa.Column('created_by', sa.String(length=80), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_observations')),
    sa.UniqueConstraint('indicator', 'scope', 'period', 'window', 'revision', name=op.f('uq_observations_indicator'))
    )
    with op.batch_alter_table('observations', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_observations_indicator'), ['indicator'], unique=False)
        batch_op.create_index(batch_op.f('ix_observations_period'), ['period'], unique=False)
        batch_op.create_index(batch_op.f('ix_observations_scope'), ['scope'], unique=False)

    op.create_table('requirement_statuses',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('requirement', sa.String(length=100), nullable=False),
    sa.Column('agency', sa.String(length=40), nullable=False),
    sa.Column('period', sa.String(length=12), nullable=False),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('done_on', sa.Date(), nullable=True),
    sa.Column('document', sa.String(length=120), nullable=True),
    sa.Column('comment', sa.Text(), nullable=True),
    sa.Column('revision', sa.Integer(), nullable=False),
    sa.Column('source', sa.String(length=20), nullable=False),
    sa.Column('provenance', sa.JSON(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False),
    sa.Column('created_by', sa.String(length=80), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_requirement_statuses')),
    sa.UniqueConstraint('requirement', 'agency', 'period', 'revision', name=op.f('uq_requirement_statuses_requirement'))
    )
    with op.batch_alter_table('requirement_statuses', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_requirement_statuses_agency'), ['agency'], unique=False)
        batch_op.create_index(batch_op.f('ix_requirement_statuses_period'), ['period'], unique=False)
        batch_op.create_index(batch_op.f('ix_requirement_statuses_requirement'), ['requirement'], unique=False)

    op.create_table('task_statuses',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('task', sa.String(length=100), nullable=False),
    sa.Column('as_of', sa.Date(), nullable=False),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('completed_on', sa.Date(), nullable=True),
    sa.Column('comment', sa.Text(), nullable=True),
    sa.Column('revision', sa.Integer(), nullable=False),
    sa.Column('source', sa.String(length=20), nullable=False),
    sa.Column('provenance', sa.JSON(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False),
    sa.Column('created_by', sa.String(length=80), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_task_statuses')),
    sa.UniqueConstraint('task', 'as_of', 'revision', name=op.f('uq_task_statuses_task'))
    )
    with op.batch_alter_table('task_statuses', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_task_statuses_task'), ['task'], unique=False)


def downgrade() -> None:
    op.drop_table('task_statuses')
    op.drop_table('requirement_statuses')
    op.drop_table('observations')
    op.drop_table('evaluation_scores')
