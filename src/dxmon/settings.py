"""Typed settings, read from the environment with the prefix ``DXMON_``."""

from __future__ import annotations

from pathlib import Path

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict

DEFAULT_DATABASE_URL = "sqlite:///dxmon.db"


class Settings(BaseSettings):
    """Every setting of dxmon; documented in docs/settings.md (a test keeps the two in step)."""

    model_config = SettingsConfigDict(env_prefix="DXMON_", extra="ignore")

    database_url: str = Field(
        DEFAULT_DATABASE_URL,
        description="SQLAlchemy URL of the store: a SQLite file by default, PostgreSQL in "
                    "production.",
    )
    out_dir: Path = Field(Path("out"), description="Folder where `dxmon demo` writes its reports.")
    host: str = Field("127.0.0.1", description="Address `dxmon serve` listens on.")
    port: int = Field(8000, description="Port `dxmon serve` listens on.")
    landing_dir: Path = Field(
        Path("landing"), description="Landing area of dossier records (Parquet by month)."
    )
    max_upload_bytes: int = Field(
        10 * 1024 * 1024, description="Largest import file accepted, in bytes."
    )
    max_check_bytes: int = Field(
        2 * 1024 * 1024, description="Largest text or file the report checker accepts, in bytes."
    )
    body_timeout_seconds: float = Field(
        30.0, description="Seconds within which a request's body must be fully received."
    )
    trusted_proxies: str = Field(
        "", description="Comma-separated addresses of reverse proxies whose X-Forwarded-For "
                        "is believed; empty: none, the connection's address counts."
    )
    login_max_failures: int = Field(
        5, description="Failed logins per username and address before logins are refused."
    )
    login_window_minutes: int = Field(
        15, description="Minutes over which failed logins are counted (and refused after)."
    )
    catalog_dir: Path | None = Field(
        None, description="Catalogue folder (indicators, requirements, plans, evaluations…); "
                          "unset: the catalogue shipped in dxmon/catalog/data, a template to "
                          "copy.",
    )
    session_hours: int = Field(12, description="Lifetime of a web session, in hours.")
    secure_cookies: bool = Field(
        False, description="Mark the session and CSRF cookies Secure (set it behind HTTPS)."
    )
