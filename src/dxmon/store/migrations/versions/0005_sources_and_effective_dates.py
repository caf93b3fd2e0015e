"""Every source of a value is its own fact; requirement statuses carry an effective date

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-02

A measured value and a reported value of the same indicator, scope and period used to share
one revision chain, so ``measure --store`` replaced what an agency had reported. The source is
now part of the key. Requirement statuses get ``effective_on``: the state at a date is the
newest status effective on or before it (August's statuses stand in September).
"""
from alembic import op
import sqlalchemy as sa

from dxmon.periods import Period

revision = '0005'
down_revision = '0004'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('observations', schema=None) as batch_op:
        batch_op.drop_constraint('uq_observations_indicator', type_='unique')
        batch_op.create_unique_constraint(
            'uq_observations_indicator',
            ['indicator', 'scope', 'period', 'window', 'source', 'revision'])
    with op.batch_alter_table('requirement_statuses', schema=None) as batch_op:
        batch_op.add_column(sa.Column('effective_on', sa.Date(), nullable=True))
        batch_op.create_index('ix_requirement_statuses_effective_on', ['effective_on'])
    statuses = sa.table('requirement_statuses', sa.column('id', sa.Integer),
                        sa.column('period', sa.String), sa.column('done_on', sa.Date),
                        sa.column('effective_on', sa.Date))
    connection = op.get_bind()
    for period in connection.execute(sa.select(statuses.c.period).distinct()).scalars():
        connection.execute(statuses.update().where(statuses.c.period == period)
                           .values(effective_on=Period.parse(period).end))


def downgrade() -> None:
    with op.batch_alter_table('requirement_statuses', schema=None) as batch_op:
        batch_op.drop_index('ix_requirement_statuses_effective_on')
        batch_op.drop_column('effective_on')
    with op.batch_alter_table('observations', schema=None) as batch_op:
        batch_op.drop_constraint('uq_observations_indicator', type_='unique')
        batch_op.create_unique_constraint(
            'uq_observations_indicator', ['indicator', 'scope', 'period', 'window', 'revision'])
