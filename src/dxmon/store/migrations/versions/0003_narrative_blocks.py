"""Narrative blocks of reports

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-23
"""
from alembic import op
import sqlalchemy as sa


revision = '0003'
down_revision = '0002'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('narrative_blocks',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('report', sa.String(length=60), nullable=False),
    sa.Column('period', sa.String(length=12), nullable=False),
    sa.Column('key', sa.String(length=120), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('revision', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False),
    sa.Column('created_by', sa.String(length=80), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_narrative_blocks')),
    sa.UniqueConstraint('report', 'period', 'key', 'revision', name=op.f('uq_narrative_blocks_report'))
    )
    with op.batch_alter_table('narrative_blocks', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_narrative_blocks_period'), ['period'], unique=False)
        batch_op.create_index(batch_op.f('ix_narrative_blocks_report'), ['report'], unique=False)


def downgrade() -> None:
    op.drop_table('narrative_blocks')
