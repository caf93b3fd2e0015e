"""Problem codes of measurement, with their Vietnamese and English messages."""

from __future__ import annotations

from dxmon.errors import DxmonError, Problem

RECORD_INVALID = "MEASURE_RECORD_INVALID"
FILE_UNREADABLE = "MEASURE_FILE_UNREADABLE"
FILE_COLUMNS_MISSING = "MEASURE_FILE_COLUMNS_MISSING"
FILE_FORMAT_UNKNOWN = "MEASURE_FILE_FORMAT_UNKNOWN"
BATCH_REJECTED = "MEASURE_BATCH_REJECTED"
ENGINE_UNKNOWN = "MEASURE_ENGINE_UNKNOWN"
ENGINE_NOT_INSTALLED = "MEASURE_ENGINE_NOT_INSTALLED"
OUTPUT_FORMAT_UNKNOWN = "MEASURE_OUTPUT_FORMAT_UNKNOWN"
NO_RECORDS = "MEASURE_NO_RECORDS"

# reason code -> (Vietnamese, English)
REASONS: dict[str, tuple[str, str]] = {
    "required": ("thiếu giá trị bắt buộc", "a value is required"),
    "unknown_agency": ("mã cơ quan không có trong danh mục", "agency code not in the registry"),
    "channel": ("kênh phải là online_full, online_partial hoặc offline",
                "channel must be online_full, online_partial or offline"),
    "timestamp": ("thời điểm không hợp lệ (dùng YYYY-MM-DD HH:MM:SS)",
                  "invalid timestamp (use YYYY-MM-DD HH:MM:SS)"),
    "out_of_range": ("thời điểm ngoài khoảng 2000–2100", "timestamp outside 2000–2100"),
    "before_received": ("sớm hơn thời điểm tiếp nhận", "earlier than received_at"),
    "integer": ("phải là số nguyên không âm", "must be a non-negative integer"),
    "boolean": ("phải là true hoặc false", "must be true or false"),
    "too_long": ("dài quá 64 ký tự", "longer than 64 characters"),
    "json": ("dòng không phải một đối tượng JSON", "line is not a JSON object"),
}


def record_problem(*, where: str, row: int, field: str, reason: str) -> Problem:
    vi, en = REASONS[reason]
    return Problem(code=RECORD_INVALID, where=where, row=row, field=field,
                   message_vi=f"Hồ sơ không hợp lệ: {field} {vi}.",
                   message_en=f"Invalid dossier record: {field} {en}.")


def file_problem(code: str, *, where: str, vi: str, en: str) -> Problem:
    return Problem(code=code, where=where, message_vi=vi, message_en=en)


def engine_unknown(name: str) -> DxmonError:
    return DxmonError(Problem(
        code=ENGINE_UNKNOWN, field="engine",
        message_vi=f"Bộ máy tính '{name}' không được hỗ trợ; dùng duckdb hoặc spark.",
        message_en=f"Unknown engine '{name}'; use duckdb or spark."))


def engine_not_installed(name: str, extra: str) -> DxmonError:
    install = f'pip install "dxmon[{extra}]"'
    return DxmonError(Problem(
        code=ENGINE_NOT_INSTALLED, field="engine",
        message_vi=f"Bộ máy tính '{name}' chưa được cài; cài thêm bằng: {install}.",
        message_en=f"The '{name}' engine is not installed; add it with: {install}."))


def output_format_unknown(name: str) -> DxmonError:
    return DxmonError(Problem(
        code=OUTPUT_FORMAT_UNKNOWN, field="out",
        message_vi=f"Không ghi được tệp '{name}': chỉ hỗ trợ .csv hoặc .parquet.",
        message_en=f"Cannot write '{name}': only .csv or .parquet are supported."))


def no_records(period: str) -> DxmonError:
    return DxmonError(Problem(
        code=NO_RECORDS, field="period",
        message_vi=f"Vùng tiếp nhận không có hồ sơ nào cho kỳ {period}.",
        message_en=f"The landing area holds no dossier records for period {period}."))
