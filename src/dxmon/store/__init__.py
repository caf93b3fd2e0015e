"""Store: the SQLAlchemy engine and session factory, the tables and the Alembic migrations.

Facts are append-only: a change adds a revision row; "current" is a query. The database is
chosen by ``DXMON_DATABASE_URL`` (a SQLite file by default; PostgreSQL in production).
"""
