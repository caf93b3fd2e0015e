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
    "bulletin": ("Tải bản tin của cơ quan", "Download the agency bulletin"),
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
    "my_reports": ("Báo cáo của đơn vị", "My agency's reports"),
    "waiting_reports": ("Báo cáo chờ xử lý", "Reports waiting for review"),
    "open_desk": ("Mở biểu mẫu", "Open the form"),
    "agency": ("Đơn vị", "Agency"),
    "due": ("Hạn gửi", "Due"),
    "reason": ("Lý do", "Reason"),
    "no_reports": ("Chưa có báo cáo nào.", "No reports yet."),
    "not_started": ("chưa bắt đầu", "not started"),
    "state_draft": ("nháp", "draft"),
    "state_submitted": ("đã gửi", "submitted"),
    "state_approved": ("đã duyệt", "approved"),
    "state_returned": ("bị trả lại", "returned"),
    "state_published": ("đã công bố", "published"),
    "on_time": ("đúng hạn", "on time"),
    "late": ("muộn", "late"),
    "missing": ("chưa gửi", "not sent"),
    "returned_because": ("Báo cáo bị trả lại, lý do", "The report was returned because"),
    "missing_required": ("Còn thiếu chỉ tiêu bắt buộc", "Required indicators still missing"),
    "all_required_done": ("Đã có đủ các chỉ tiêu bắt buộc.",
                          "Every required indicator has a value."),
    "indicator": ("Chỉ tiêu", "Indicator"),
    "unit": ("Đơn vị tính", "Unit"),
    "numerator": ("Tử số", "Numerator"),
    "denominator": ("Mẫu số", "Denominator"),
    "comment": ("Ghi chú", "Comment"),
    "rules": ("Quy tắc", "Rules"),
    "required": ("bắt buộc", "required"),
    "save": ("Lưu số liệu", "Save values"),
    "locked": ("Báo cáo đã gửi: chỉ sửa được khi bị trả lại.",
               "The report was sent: it can be edited again only if returned."),
    "template": ("Tải mẫu Excel (XLSX)", "Download the Excel template (XLSX)"),
    "upload": ("Tải lên tệp đã điền", "Upload a filled-in file"),
    "upload_file": ("Tệp (.xlsx, .csv, .json)", "File (.xlsx, .csv, .json)"),
    "send_file": ("Tải lên", "Upload"),
    "workflow": ("Quy trình", "Workflow"),
    "action_submit": ("Gửi báo cáo", "Submit the report"),
    "action_approve": ("Duyệt", "Approve"),
    "action_return": ("Trả lại", "Return"),
    "action_publish": ("Công bố", "Publish"),
    "saved": ("Đã lưu", "Saved"),
    "created": ("mới", "new"),
    "updated": ("sửa", "changed"),
    "unchanged": ("không đổi", "unchanged"),
    "step_done": ("Đã thực hiện", "Done"),
    "history_of_report": ("Lịch sử báo cáo", "Report history"),
    "revision": ("Phiên bản", "Revision"),
    "when": ("Thời điểm", "When"),
    "who": ("Người thực hiện", "By"),
    "nothing_stored": ("Không lưu gì; hãy sửa các lỗi sau rồi gửi lại.",
                       "Nothing was stored; fix these errors and send again."),
    "row": ("dòng", "line"),
    "problem": ("Không thực hiện được", "Could not be done"),
    "back": ("Quay lại trang nhập liệu", "Back to data entry"),
    "choose": ("Chọn đơn vị và kỳ báo cáo", "Choose an agency and a period"),
    "open_period": ("Kỳ đang thu thập", "Period being collected"),
    "audit_log": ("Nhật ký thay đổi", "Audit log"),
    "users": ("Người dùng", "Users"),
    "evaluation": ("Đợt đánh giá", "Evaluation"),
    "last_year": ("Cùng kỳ năm trước", "Same period last year"),
    "synthetic_scores": ("Điểm có dấu * là số liệu tổng hợp (minh họa), không phải kết quả "
                         "đánh giá thật.",
                         "Scores marked * are synthetic (illustrative), not real results."),
    "draft_page": ("Trang có số liệu chưa công bố (chỉ cán bộ tổng hợp xem được).",
                   "This page shows unpublished figures (staff only)."),
    "channels": ("Kênh dữ liệu khác", "Other data channels"),
    "channels_help": ("Trạng thái yêu cầu, kế hoạch và nhiệm vụ, tiến độ nhiệm vụ, văn bản, "
                      "phiếu điểm: tải tệp CSV/XLSX theo các cột dưới đây; một dòng sai thì "
                      "không lưu gì.",
                      "Requirement statuses, plans and tasks, task updates, documents, score "
                      "sheets: upload a CSV/XLSX file with the columns below; one bad row and "
                      "nothing is stored."),
    "columns": ("Các cột", "Columns"),
    "rows": ("dòng", "rows"),
    "pending_updates": ("Cập nhật tiến độ chờ duyệt", "Task updates awaiting approval"),
    "as_of": ("Tính đến ngày", "As of"),
    "reported_by": ("Người báo cáo", "Reported by"),
    "approve": ("Duyệt", "Approve"),
    "none_pending": ("Không có cập nhật nào chờ duyệt.", "No update awaits approval."),
    "narratives": ("Văn bản báo cáo", "Report narratives"),
    "edit_narratives": ("Soạn văn bản", "Edit narratives"),
    "narratives_help": ("Các khối văn bản do chuyên viên soạn cho báo cáo kỳ này; khối chưa "
                        "soạn được in là “(Nội dung do chuyên viên soạn)”. Mỗi lần lưu là một "
                        "phiên bản mới, có ghi nhật ký.",
                        "The narrative blocks analysts write for this period's report; an "
                        "unwritten block prints “(Nội dung do chuyên viên soạn)”. Every save "
                        "is a new, audited revision."),
    "block": ("Khối văn bản", "Block"),
    "block_text": ("Nội dung", "Text"),
    "written_by": ("Người soạn", "Written by"),
    "not_written": ("Chưa soạn", "Not written"),
    "edit": ("Sửa", "Edit"),
    "preview": ("Xem trước", "Preview"),
    "save_block": ("Lưu", "Save"),
    "preview_help": ("Đoạn báo cáo chứa khối này, hiển thị với nội dung đang gõ (chưa lưu).",
                     "The report section holding this block, rendered with the text as typed "
                     "(not saved)."),
    "block_help": ("Có thể dùng số liệu của báo cáo, ví dụ {{ period.label_long }}; số liệu "
                   "còn thiếu được in là “(chưa có số liệu)”. Để trống: in “(Nội dung do "
                   "chuyên viên soạn)”.",
                   "The report's figures may be used, e.g. {{ period.label_long }}; a missing "
                   "figure prints “(chưa có số liệu)”. Empty: prints “(Nội dung do chuyên viên "
                   "soạn)”."),
    "block_saved": ("Đã lưu phiên bản", "Saved revision"),
    "back_to_blocks": ("Danh sách khối văn bản", "All blocks"),
}


def language(request: Request) -> str:
    asked = request.query_params.get("lang") or request.cookies.get(LANG_COOKIE, "vi")
    return asked if asked in LANGUAGES else "vi"


def translator(lang: str):  # type: ignore[no-untyped-def]
    index = LANGUAGES.index(lang)

    def t(key: str) -> str:
        return WORDS[key][index]

    return t
