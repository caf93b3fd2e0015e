"""Tables of the store. Every fact table is append-only: one row per revision."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    DateTime,
    ForeignKey,
    Integer,
    MetaData,
    Numeric,
    String,
    Text,
    UniqueConstraint,
    func,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "pk": "pk_%(table_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
}
NUMBER = Numeric(24, 6)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


class RevisionMixin:
    revision: Mapped[int] = mapped_column(Integer, default=1)
    source: Mapped[str] = mapped_column(String(20), default="reported")
    provenance: Mapped[dict[str, object] | None] = mapped_column(JSON, nullable=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True),
                                                 server_default=func.now())
    created_by: Mapped[str] = mapped_column(String(80), default="system")


class Observation(RevisionMixin, Base):
    """indicator × scope × period (× window) → value, one row per revision."""

    __tablename__ = "observations"
    __table_args__ = (UniqueConstraint("indicator", "scope", "period", "window", "source",
                                       "revision"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    indicator: Mapped[str] = mapped_column(String(100), index=True)
    scope: Mapped[str] = mapped_column(String(80), index=True)  # nation | block:X | agency:CODE
    period: Mapped[str] = mapped_column(String(12), index=True)
    window: Mapped[str] = mapped_column(String(12), default="period")  # period|ytd|cumulative
    value: Mapped[Decimal | None] = mapped_column(NUMBER, nullable=True)
    numerator: Mapped[Decimal | None] = mapped_column(NUMBER, nullable=True)
    denominator: Mapped[Decimal | None] = mapped_column(NUMBER, nullable=True)
    qualifier: Mapped[str | None] = mapped_column(String(40), nullable=True)
    status: Mapped[str] = mapped_column(String(20), default="published")
    comment: Mapped[str | None] = mapped_column(Text, nullable=True)


class RequirementStatus(RevisionMixin, Base):
    """What one agency has done of one requirement, as known for a period and from a date:
    the state at a date is the newest status effective on or before it."""

    __tablename__ = "requirement_statuses"
    __table_args__ = (UniqueConstraint("requirement", "agency", "period", "revision"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    requirement: Mapped[str] = mapped_column(String(100), index=True)
    agency: Mapped[str] = mapped_column(String(40), index=True)
    period: Mapped[str] = mapped_column(String(12), index=True)
    status: Mapped[str] = mapped_column(String(20))  # done | not_done | unknown
    effective_on: Mapped[date | None] = mapped_column(Date, nullable=True, index=True)
    done_on: Mapped[date | None] = mapped_column(Date, nullable=True)
    document: Mapped[str | None] = mapped_column(String(120), nullable=True)
    comment: Mapped[str | None] = mapped_column(Text, nullable=True)


class TaskStatus(RevisionMixin, Base):
    """The status of one plan task as of a date."""

    __tablename__ = "task_statuses"
    __table_args__ = (UniqueConstraint("task", "as_of", "revision"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    task: Mapped[str] = mapped_column(String(100), index=True)
    as_of: Mapped[date] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(20))  # done | in_progress | not_started
    completed_on: Mapped[date | None] = mapped_column(Date, nullable=True)
    comment: Mapped[str | None] = mapped_column(Text, nullable=True)
    # reported (by the lead agency's reporter) | approved (by staff): only approved counts
    approval: Mapped[str] = mapped_column(String(20), default="approved",
                                          server_default="approved")


class EvaluationScore(RevisionMixin, Base):
    """One agency's score in one evaluation."""

    __tablename__ = "evaluation_scores"
    __table_args__ = (UniqueConstraint("evaluation", "agency", "revision"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    evaluation: Mapped[str] = mapped_column(String(100), index=True)
    agency: Mapped[str] = mapped_column(String(40), index=True)
    score: Mapped[Decimal] = mapped_column(NUMBER)
    synthetic: Mapped[bool] = mapped_column(Boolean, default=False)


class CriterionScore(RevisionMixin, Base):
    """One agency's score on one criterion of an evaluation (a line of its score sheet); the
    sheet's sum is the agency's total."""

    __tablename__ = "evaluation_criterion_scores"
    __table_args__ = (UniqueConstraint("evaluation", "agency", "criterion", "revision"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    evaluation: Mapped[str] = mapped_column(String(100), index=True)
    agency: Mapped[str] = mapped_column(String(40), index=True)
    criterion: Mapped[str] = mapped_column(String(100))
    score: Mapped[Decimal] = mapped_column(NUMBER)


class PlanRecord(RevisionMixin, Base):
    """A plan added through a channel (the catalogue's plans.yaml holds the shipped ones)."""

    __tablename__ = "plans"
    __table_args__ = (UniqueConstraint("code", "revision"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    code: Mapped[str] = mapped_column(String(100), index=True)
    name_vi: Mapped[str] = mapped_column(Text)
    year: Mapped[int] = mapped_column(Integer)


class PlanTask(RevisionMixin, Base):
    """A task of a plan added through a channel: its lead agency and deadline."""

    __tablename__ = "plan_tasks"
    __table_args__ = (UniqueConstraint("code", "revision"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    code: Mapped[str] = mapped_column(String(100), index=True)
    plan: Mapped[str] = mapped_column(String(100), index=True)
    title_vi: Mapped[str] = mapped_column(Text)
    lead_agency: Mapped[str | None] = mapped_column(String(40), nullable=True)
    deadline: Mapped[date] = mapped_column(Date)


class LegalDocumentRecord(RevisionMixin, Base):
    """A legal document (type, number, date, issuer, title), keyed by its number."""

    __tablename__ = "legal_documents"
    __table_args__ = (UniqueConstraint("number", "revision"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    number: Mapped[str] = mapped_column(String(120), index=True)
    type: Mapped[str] = mapped_column(String(20))
    issued_on: Mapped[date] = mapped_column(Date, index=True)
    issuer: Mapped[str] = mapped_column(String(120))
    title_vi: Mapped[str] = mapped_column(Text)
    counted_in: Mapped[str | None] = mapped_column(String(12), nullable=True)


class DataQualityWarning(Base):
    """A contradiction found in a source (a count that disagrees with its own list…)."""

    __tablename__ = "data_quality_warnings"
    __table_args__ = (UniqueConstraint("code"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    code: Mapped[str] = mapped_column(String(100))
    source: Mapped[str] = mapped_column(String(120))
    subject: Mapped[str | None] = mapped_column(String(120), nullable=True)
    severity: Mapped[str] = mapped_column(String(10), default="warning")
    message_vi: Mapped[str] = mapped_column(Text)
    message_en: Mapped[str] = mapped_column(Text)
    details: Mapped[dict[str, object] | None] = mapped_column(JSON, nullable=True)


class ImportBatch(Base):
    """One import of a file: what came in, and what it changed."""

    __tablename__ = "import_batches"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    filename: Mapped[str] = mapped_column(String(255))
    sha256: Mapped[str] = mapped_column(String(64), index=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True),
                                                 server_default=func.now())
    created_by: Mapped[str] = mapped_column(String(80), default="system")
    rows: Mapped[int] = mapped_column(Integer, default=0)
    created: Mapped[int] = mapped_column(Integer, default=0)
    updated: Mapped[int] = mapped_column(Integer, default=0)
    unchanged: Mapped[int] = mapped_column(Integer, default=0)


class NarrativeBlock(Base):
    """Text an analyst writes for one report of one period (a "Tồn tại" paragraph…).

    Blocks are small Jinja templates: they may print figures through the same calls as the
    report templates, so a figure is never typed in. Every edit is a new revision.
    """

    __tablename__ = "narrative_blocks"
    __table_args__ = (UniqueConstraint("report", "period", "key", "revision"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    report: Mapped[str] = mapped_column(String(60), index=True)
    period: Mapped[str] = mapped_column(String(12), index=True)
    key: Mapped[str] = mapped_column(String(120))
    text: Mapped[str] = mapped_column(Text)
    revision: Mapped[int] = mapped_column(Integer, default=1)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True),
                                                 server_default=func.now())
    created_by: Mapped[str] = mapped_column(String(80), default="system")


# Access, audit and workflow (migration 0004).


class User(Base):
    """A person or a system that signs in: a role, and an agency for reporters."""

    __tablename__ = "users"
    __table_args__ = (UniqueConstraint("username"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    username: Mapped[str] = mapped_column(String(80))
    password_hash: Mapped[str] = mapped_column(String(255))
    role: Mapped[str] = mapped_column(String(20))  # administrator|analyst|reporter|viewer
    agency: Mapped[str | None] = mapped_column(String(40), nullable=True)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True),
                                                 server_default=func.now())
    created_by: Mapped[str] = mapped_column(String(80), default="system")


class ApiToken(Base):
    """An API token: only its SHA-256 is kept; ``token_id`` is the public prefix."""

    __tablename__ = "api_tokens"
    __table_args__ = (UniqueConstraint("token_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    token_id: Mapped[str] = mapped_column(String(24))
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    token_hash: Mapped[str] = mapped_column(String(64))
    label: Mapped[str | None] = mapped_column(String(120), nullable=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    revoked_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)


class WebSession(Base):
    """A signed-in browser: the cookie's SHA-256 and the CSRF token bound to it."""

    __tablename__ = "web_sessions"
    __table_args__ = (UniqueConstraint("session_hash"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    session_hash: Mapped[str] = mapped_column(String(64))
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    csrf_token: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    expires_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    ended_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)


class LoginAttempt(Base):
    """One password login attempt, kept to throttle guessing per username and address."""

    __tablename__ = "login_attempts"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    username: Mapped[str] = mapped_column(String(80), index=True)
    ip: Mapped[str] = mapped_column(String(64))
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True), index=True)
    succeeded: Mapped[bool] = mapped_column(Boolean)


class AuditEntry(Base):
    """Who changed what, when, with the value before and after (same transaction)."""

    __tablename__ = "audit_log"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True), index=True)
    actor: Mapped[str] = mapped_column(String(80), index=True)
    action: Mapped[str] = mapped_column(String(40))
    entity: Mapped[str] = mapped_column(String(60), index=True)
    key: Mapped[str] = mapped_column(String(255))
    before: Mapped[dict[str, object] | None] = mapped_column(JSON, nullable=True)
    after: Mapped[dict[str, object] | None] = mapped_column(JSON, nullable=True)


class Submission(Base):
    """The workflow state of one agency's report for one period, one row per transition."""

    __tablename__ = "submissions"
    __table_args__ = (UniqueConstraint("agency", "period", "revision"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    agency: Mapped[str] = mapped_column(String(40), index=True)
    period: Mapped[str] = mapped_column(String(12), index=True)
    status: Mapped[str] = mapped_column(String(20))  # draft|submitted|approved|returned|published
    reason: Mapped[str | None] = mapped_column(Text, nullable=True)
    revision: Mapped[int] = mapped_column(Integer, default=1)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    created_by: Mapped[str] = mapped_column(String(80), default="system")
