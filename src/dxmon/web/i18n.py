"""The dashboard's words in Vietnamese (default) and English. The language comes from
``?lang=en|vi`` (remembered in the ``dxmon_lang`` cookie by ``/ngon-ngu``)."""

from __future__ import annotations

from fastapi import Request

LANG_COOKIE = "dxmon_lang"
LANGUAGES = ("vi", "en")

WORDS: dict[str, tuple[str, str]] = {
    "app": ("Giám sát chuyển đổi số quốc gia", "National digital transformation monitor"),
    "skip": ("Bỏ qua, đến nội dung chính", "Skip to main content"),
    "overview": ("Tổng quan", "Overview"),
    "indicators": ("Chỉ số", "Indicators"),
    "agencies": ("Cơ quan", "Agencies"),
    "rankings": ("Xếp hạng", "Rankings"),
    "requirements": ("Yêu cầu", "Requirements"),
    "tasks": ("Nhiệm vụ", "Tasks"),
    "reports": ("Báo cáo", "Reports"),
    "check": ("Kiểm tra báo cáo", "Report checker"),
    "collect": ("Nhập liệu", "Data entry"),
    "sign_in": ("Đăng nhập", "Sign in"),
    "sign_out": ("Đăng xuất", "Sign out"),
    "period": ("Kỳ báo cáo", "Period"),
    "show": ("Xem", "Show"),
    "language": ("English", "Tiếng Việt"),
    "value": ("Giá trị", "Value"),
    "change": ("Thay đổi", "Change"),
    "against": ("so với", "against"),
    "trend": ("Xu hướng", "Trend"),
    "definition": ("Định nghĩa", "Definition"),
    "history": ("Diễn biến", "History"),
    "breakdown": ("Theo cơ quan", "By agency"),
    "blocks": ("Theo khối", "By block"),
    "map": ("Bản đồ tỉnh, thành phố", "Province map"),
    "table": ("Bảng số liệu", "Data table"),
    "download": ("Tải về", "Download"),
    "scope": ("Phạm vi", "Scope"),
    "source": ("Nguồn", "Source"),
    "no_data": ("Chưa có dữ liệu", "No data yet"),
    "block_value": ("Khối", "Block"),
    "target": ("Chỉ tiêu", "Target"),
    "grade": ("Xếp loại", "Grade"),
    "timeliness": ("Chế độ báo cáo", "Reporting timeliness"),
    "done": ("Đã thực hiện", "Done"),
    "not_done": ("Chưa thực hiện", "Not done"),
    "missing_agencies": ("Cơ quan chưa thực hiện", "Agencies not done"),
    "overdue": ("Quá hạn", "Overdue"),
    "deadline": ("Thời hạn", "Deadline"),
    "lead": ("Cơ quan chủ trì", "Lead agency"),
    "all": ("Tất cả", "All"),
    "due_before": ("Hạn trước ngày", "Due before"),
    "filter": ("Lọc", "Filter"),
    "format": ("Định dạng", "Format"),
    "text": ("Văn bản", "Text"),
    "file": ("Tệp (.txt, .md, .docx)", "File (.txt, .md, .docx)"),
    "run_check": ("Kiểm tra", "Check"),
    "findings": ("Phát hiện", "Findings"),
    "none_found": ("Không phát hiện sai lệch.", "Nothing found."),
    "score": ("Điểm", "Score"),
    "rank": ("Hạng", "Rank"),
    "name": ("Tên", "Name"),
    "status": ("Trạng thái", "Status"),
}


def language(request: Request) -> str:
    asked = request.query_params.get("lang") or request.cookies.get(LANG_COOKIE, "vi")
    return asked if asked in LANGUAGES else "vi"


def translator(lang: str):  # type: ignore[no-untyped-def]
    index = LANGUAGES.index(lang)

    def t(key: str) -> str:
        return WORDS[key][index]

    return t
