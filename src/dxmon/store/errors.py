"""Problem codes of the store, with their Vietnamese and English messages."""

from __future__ import annotations

from dxmon.errors import DxmonError, Problem

SCHEMA_NOT_CURRENT = "STORE_SCHEMA_NOT_CURRENT"


def schema_not_current(*, current: str | None, head: str) -> DxmonError:
    found = current or "trống/empty"
    return DxmonError(Problem(
        code=SCHEMA_NOT_CURRENT, field="database_url",
        message_vi=f"Cơ sở dữ liệu chưa ở phiên bản lược đồ mới nhất ({found}, cần {head}); "
                   "lệnh chỉ đọc không tự nâng cấp: chạy `dxmon db upgrade` trước.",
        message_en=f"The database is not at the newest schema ({found}, needs {head}); "
                   "read-only commands never migrate: run `dxmon db upgrade` first."))
