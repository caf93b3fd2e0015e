"""Errors injected into clean report text, one kind per function, for ``check_accuracy.py``.

Each injector finds every place of a text where its kind of claim is stated correctly (by its
own regular expressions and arithmetic, not by asking the checker) and returns one mutation
per place: the text with one figure changed so that the claim no longer adds up, and the
line where the checker must say so. Kinds that the reports state rarely (a summary against
its section, total growth against weighted parts) are also injected into consistent
paragraphs generated here with random figures and inserted at the end of the text.
"""

from __future__ import annotations

import random
import re
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

from dxmon.numbers import format_number, round_half_up
from dxmon.registry.resolver import normalise
from dxmon.registry.service import all_agencies


@dataclass(frozen=True)
class Injection:
    kind: str
    text: str
    lines: frozenset[int]  # where a finding is expected
    note: str


Injector = Callable[[str, random.Random], list[Injection]]
NUM = r"\d{1,3}(?:\.\d{3})+|\d+"
DEC = r"\d+(?:,\d+)?"


def _number(text: str) -> Decimal:
    return Decimal(text.replace(".", "").replace(",", "."))


def _decimals(text: str) -> int:
    return len(text.split(",")[1]) if "," in text else 0


def _line(text: str, position: int) -> int:
    return text.count("\n", 0, position) + 1


def _replace(text: str, start: int, end: int, new: str) -> str:
    return text[:start] + new + text[end:]


def _shifted(value: Decimal, decimals: int, rng: random.Random, low: int = 1,
             high: int = 6) -> Decimal:
    """A different value an editor might write: off by a few points, never zero or the same."""
    while True:
        shifted = value + rng.choice([-1, 1]) * rng.randint(low, high)
        if shifted > 0 and shifted != value:
            return round_half_up(shifted, decimals)


def _written(value: Decimal, decimals: int) -> str:
    return format_number(value, decimals, trim=False) if decimals else format_number(value, 0)


FRACTION_PERCENT = re.compile(
    rf"(?<![\d.,/])({NUM})/(?:tổng số )?({NUM})(?![\d/])[^%;\n]{{0,80}}?"
    rf"(?:\(|đạt tỷ lệ |đạt |tương đương )\**({DEC})\**\s*%")


def fraction_percent(text: str, rng: random.Random) -> list[Injection]:
    found = []
    for match in FRACTION_PERCENT.finditer(text):
        numerator, denominator = _number(match.group(1)), _number(match.group(2))
        percent, decimals = _number(match.group(3)), _decimals(match.group(3))
        if not denominator or round_half_up(numerator * 100 / denominator, decimals) != percent:
            continue
        wrong = _shifted(percent, decimals, rng)
        mutated = _replace(text, match.start(3), match.end(3), _written(wrong, decimals))
        if rng.random() < 0.5 and "tổng số" not in match.group(0):  # the worded fraction
            mutated = _replace(mutated, match.end(1), match.end(1) + 1, "/tổng số ")
        found.append(Injection("fraction_percent", mutated,
                               frozenset({_line(text, match.start())}), match.group(0)[:60]))
    return found


CHANGE = re.compile(rf"(tăng|giảm) \**({DEC})\**%( so với[^()%;\n]{{0,60}}?(?:\(|là ))")


def change_baseline(text: str, rng: random.Random) -> list[Injection]:
    found = []
    for match in CHANGE.finditer(text):
        value, decimals = _number(match.group(2)), _decimals(match.group(2))
        wrong = _shifted(value, decimals, rng, 2, 9)
        mutated = _replace(text, match.start(2), match.end(2), _written(wrong, decimals))
        found.append(Injection("change_baseline", mutated,
                               frozenset({_line(text, match.start())}), match.group(0)[:60]))
    return found


GRADES = re.compile(rf"(?:({NUM})/({NUM}) đạt mức [A-E][;,.]?\s*){{3,}}")
PART = re.compile(rf"({NUM})/({NUM}) đạt mức")
REST = re.compile(rf"({NUM})/({NUM})( [^;.\d\n]{{0,150}}?, còn )({NUM})( (?:địa phương|tỉnh|bộ))")


def parts_total(text: str, rng: random.Random) -> list[Injection]:
    found = []
    for match in GRADES.finditer(text):
        parts = list(PART.finditer(match.group(0)))
        if sum(_number(p.group(1)) for p in parts) != _number(parts[0].group(2)):
            continue
        part = rng.choice(parts)
        wrong = _shifted(_number(part.group(1)), 0, rng, 1, 3)
        start = match.start() + part.start(1)
        mutated = _replace(text, start, start + len(part.group(1)), f"{int(wrong):02d}"
                           if part.group(1).startswith("0") else str(wrong))
        found.append(Injection("parts_total", mutated, frozenset({_line(text, start)}),
                               match.group(0)[:60]))
    for match in REST.finditer(text):
        done, whole, rest = (_number(match.group(i)) for i in (1, 2, 4))
        if done + rest != whole:
            continue
        mutated = _replace(text, match.start(4), match.end(4), str(_shifted(rest, 0, rng, 1, 4)))
        found.append(Injection("parts_total", mutated,
                               frozenset({_line(text, match.start())}), match.group(0)[:60]))
    return found


COUNTED = re.compile(rf"\**({NUM})\**/\**({NUM})\**( (?:tỉnh|địa phương|bộ)[^\n\[<⁰-⁹¹²³]{{0,40}}?)"
                     r"(\[\^\d+\]|<sup>\d+</sup>|[⁰¹²³⁴⁵⁶⁷⁸⁹]+)")


def count_names(text: str, rng: random.Random) -> list[Injection]:
    found = []
    for match in COUNTED.finditer(text):
        value, whole = _number(match.group(1)), _number(match.group(2))
        wrong = _shifted(value, 0, rng, 1, 2)
        if wrong >= whole:
            continue
        written = f"{int(wrong):02d}" if match.group(1).startswith("0") else str(wrong)
        mutated = _replace(text, match.start(1), match.end(1), written)
        found.append(Injection("count_names", mutated,
                               frozenset({_line(text, match.start())}), match.group(0)[:60]))
    return found


YEAR_RANGE = re.compile(r"(giai đoạn|thời kỳ|năm) (20\d\d) ?- ?(20\d\d)")
DATE = re.compile(r"\bngày (\d{1,2})/(\d{1,2})/(20\d\d)")


def period(text: str, rng: random.Random) -> list[Injection]:
    found = []
    for match in YEAR_RANGE.finditer(text):
        first = match.group(2)
        wrong = rng.choice([first[0] + first[2:], match.group(3) + "-" + first])
        end = match.end(2) if len(wrong) == 3 else match.end(3)
        mutated = _replace(text, match.start(2), end, wrong)
        found.append(Injection("period", mutated, frozenset({_line(text, match.start())}),
                               match.group(0)))
    for match in DATE.finditer(text):
        month = int(match.group(2))
        wrong_day = {2: 30, 4: 31, 6: 31, 9: 31, 11: 31}.get(month, 32)
        mutated = _replace(text, match.start(1), match.end(1), str(wrong_day))
        found.append(Injection("period", mutated, frozenset({_line(text, match.start())}),
                               match.group(0)))
    return found


def _agency_names() -> list[str]:
    names = {a.name_vi for a in all_agencies() if a.name_vi.startswith("Bộ ")}
    return sorted(names, key=len, reverse=True)


def unknown_name(text: str, rng: random.Random) -> list[Injection]:
    """A ministry's name misspelt: one letter of its last word dropped or doubled."""
    found = []
    known = {normalise(a.name_vi) for a in all_agencies()}
    for name in _agency_names():
        for match in re.finditer(re.escape(name) + r"(?![\w])", text):
            line_start = text.rfind("\n", 0, match.start()) + 1
            if re.match(r"\s*(?:\[\^\d+\]:|<sup>|[⁰¹²³⁴⁵⁶⁷⁸⁹])", text[line_start:]):
                continue  # footnote lists have their own rule
            last = name.split()[-1]
            cut = rng.randrange(len(last))
            wrong_last = last[:cut] + last[cut + 1:] if rng.random() < 0.5 else (
                last[:cut] + last[cut] + last[cut:])
            wrong = name[: len(name) - len(last)] + wrong_last
            if normalise(wrong) in known:
                continue
            mutated = _replace(text, match.start(), match.end(), wrong)
            found.append(Injection("unknown_name", mutated,
                                   frozenset({_line(text, match.start())}), wrong))
    return found


MEASURE = re.compile(rf"(?<=[a-zđà-ỹ] )\**({DEC})\**( (?:triệu|nghìn|tỷ) [a-zđà-ỹ]+ [a-zđà-ỹ]+"
                     rf"|%)")
MARKERS = re.compile(r"\[\^\d+\]|<sup>\d+</sup>|[⁰¹²³⁴⁵⁶⁷⁸⁹]+")


def repeated_measure(text: str, rng: random.Random) -> list[Injection]:
    """A paragraph's measure stated again at the end of its section with another value."""
    found = []
    lines = text.split("\n")
    for index, line in enumerate(lines):
        if not line.startswith(("- ", "+ ")) or MARKERS.search(line):
            continue
        for match in MEASURE.finditer(line):
            if "(" in line[max(0, match.start() - 40):match.start()]:
                continue
            value, decimals = _number(match.group(1)), _decimals(match.group(1))
            copy = _replace(line, match.start(1), match.end(1),
                            _written(_shifted(value, decimals, rng, 1, 9), decimals))
            end = _section_end(lines, index)
            mutated_lines = [*lines[:end], copy, "", *lines[end:]]
            found.append(Injection("repeated_measure", "\n".join(mutated_lines),
                                   frozenset({end + 1}), match.group(0)[:40]))
            break
    return found


def _section_end(lines: list[str], index: int) -> int:
    for position in range(index + 1, len(lines)):
        if re.match(r"#|[IVX]+\. |\d+\. [A-ZĐ]|[a-z]\) |Tồn tại|\[\^", lines[position]):
            return position
    return len(lines)


OBJECTS = ("danh mục CSDL dùng chung", "kế hoạch cung cấp dữ liệu mở",
           "quy chế khai thác dữ liệu", "kế hoạch chuyển đổi số năm 2024",
           "chính sách giảm phí dịch vụ công", "kiến trúc chính quyền điện tử")


def summary_total(_text: str, rng: random.Random) -> list[Injection]:
    """A generated section: counts of agencies that have done two things, then a wrong
    "Tồn tại" total of those that have not."""
    first, second = rng.sample(OBJECTS, 2)
    ministries, done, other = rng.randint(10, 21), rng.randint(30, 62), rng.randint(20, 62)
    not_first, not_second = (22 - ministries) + (63 - done), 63 - other
    section = (f"### 9. Về dữ liệu số\n\n- Đến nay đã có **{ministries}** bộ, ngành (tăng 03 bộ "
               f"so với năm 2023) và **{done}/63** địa phương đã ban hành {first}; đã có "
               f"**{other}/63** địa phương đã ban hành {second}.\n\nTồn tại: còn {{0}} bộ, "
               f"ngành, địa phương chưa ban hành {first} và {{1}} địa phương chưa ban hành "
               f"{second}.\n")
    wrong_first = _shifted(Decimal(not_first), 0, rng, 1, 3)
    wrong_second = _shifted(Decimal(not_second), 0, rng, 1, 3)
    pick = rng.random() < 0.5
    return [Injection("summary_total", section.format(
        wrong_first if pick else not_first, not_second if pick else wrong_second),
        frozenset({5}), "generated"), Injection("clean", section.format(not_first, not_second),
                                                frozenset(), "generated")]


WHOLES = (("kinh tế số", "Kinh tế số ICT", "Kinh tế số ngành, lĩnh vực"),
          ("doanh thu viễn thông", "Dịch vụ di động", "Dịch vụ cố định"),
          ("xuất khẩu phần mềm", "Gia công phần mềm", "Sản phẩm phần mềm"))


def growth_parts(_text: str, rng: random.Random) -> list[Injection]:
    """Generated: a total growth and its parts' shares and growths; the total is wrong."""
    whole, first, second = rng.choice(WHOLES)
    share = rng.randint(30, 70)
    growths = [Decimal(rng.randint(50, 400)) / 10 for _ in range(2)]
    exact = (share * growths[0] + (100 - share) * growths[1]) / 100
    paragraph = (f"- Tăng trưởng {whole} 6 tháng đầu năm ước đạt **{{0}}%**.\n\n"
                 f"- {first} chiếm {share}% tổng {whole}, ước tăng trưởng "
                 f"{_written(growths[0], 1)}%.\n\n- {second} chiếm {100 - share}% tổng "
                 f"{whole}, ước tăng trưởng {_written(growths[1], 1)}%.\n")
    right = round_half_up(exact, 1)
    wrong = _shifted(right, 1, rng, 2, 6)
    return [Injection("growth_parts", paragraph.format(_written(wrong, 1)), frozenset({1}),
                      "generated"),
            Injection("clean", paragraph.format(_written(right, 1)), frozenset(), "generated")]


def _pair(kind: str, template: str, right: list[object], wrong: list[object],
          line: int) -> list[Injection]:
    return [Injection(kind, template.format(*wrong), frozenset({line}), "generated"),
            Injection("clean", template.format(*right), frozenset(), "generated")]


FRACTION_WORDINGS = (
    "- Đã hoàn thành: **{0}/{1}** nhiệm vụ ({2}%).\n",
    "- Phủ sóng: **{0}/tổng số {1}** thôn, bản; đạt tỷ lệ **{2}%**.\n",
    "- Có {0}/{1} cơ quan đã kết nối, đạt tỷ lệ {2}%.\n",
    "- Tỷ lệ hồ sơ xử lý đúng hạn đạt **{2}%** (tương đương {0}/{1} hồ sơ).\n",
    "- Đã triển khai {0} hệ thống trên tổng số {1} hệ thống, tương đương {2}%.\n",
)


def generated_fraction(_text: str, rng: random.Random) -> list[Injection]:
    whole = rng.randint(20, 20000)
    part = rng.randint(1, whole)
    decimals = rng.choice([0, 1, 1, 2])
    percent = round_half_up(Decimal(part) * 100 / whole, decimals)
    wrong = _shifted(percent, decimals, rng)
    numbers = [format_number(part, 0), format_number(whole, 0)]
    return _pair("fraction_percent", rng.choice(FRACTION_WORDINGS),
                 [*numbers, _written(percent, decimals)], [*numbers, _written(wrong, decimals)], 1)


def generated_change(_text: str, rng: random.Random) -> list[Injection]:
    before, after = rng.randint(100, 5000), rng.randint(100, 5000)
    change = round_half_up(Decimal(abs(after - before)) * 100 / before, 1)
    verb = "tăng" if after > before else "giảm"
    wrong = _shifted(change, 1, rng, 2, 9)
    template = rng.choice((
        "Doanh thu tháng 8/2024 đạt {0} tỷ đồng, {1} {2}% so với cùng kỳ năm 2023 ({3} tỷ đồng).",
        "Ghi nhận {0} cuộc tấn công, {1} {2}% so với cùng kỳ tháng 8/2023 ({3} cuộc).",
    ))
    numbers = [format_number(after, 0), verb]
    return _pair("change_baseline", template + "\n", [*numbers, _written(change, 1),
                                                      format_number(before, 0)],
                 [*numbers, _written(wrong, 1), format_number(before, 0)], 1)


def generated_parts(_text: str, rng: random.Random) -> list[Injection]:
    whole = rng.choice([21, 22, 63])
    cuts = sorted(rng.sample(range(1, whole), 2))
    parts = [cuts[0], cuts[1] - cuts[0], whole - cuts[1]]
    wrong = list(parts)
    wrong[rng.randrange(3)] += rng.choice([-1, 1]) * rng.randint(1, 3)
    if min(wrong) < 0:
        wrong = [parts[0] + 1, *parts[1:]]
    if rng.random() < 0.5:
        template = ("+ Kết quả: {0:02d}/{3} đạt mức C; {1:02d}/{3} đạt mức D; "
                    "{2:02d}/{3} đạt mức E.\n")
        return _pair("parts_total", template, [*parts, whole], [*wrong, whole], 1)
    template = "Có {0}/{2} địa phương đã triển khai, còn {1} địa phương chưa thực hiện xong.\n"
    done = parts[0] + parts[1]
    return _pair("parts_total", template, [done, whole - done, whole],
                 [done, whole - done + rng.choice([-2, -1, 1, 2]), whole], 1)


def generated_count(_text: str, rng: random.Random) -> list[Injection]:
    from datetime import date

    from dxmon.registry.service import list_agencies

    provinces = [a.name_vi.removeprefix("Tỉnh ") for a in list_agencies(
        as_of=date(2024, 12, 31), kinds={"province"})]
    named = rng.sample(provinces, rng.randint(2, 12))
    done = 63 - len(named)
    wrong = done + rng.choice([-2, -1, 1, 2])
    template = ("Năm 2024 đã có **{0}/63** tỉnh[^90] đã ban hành kế hoạch.\n\n"
                "[^90]: Các tỉnh chưa ban hành: " + "; ".join(named) + ".\n")
    return _pair("count_names", template, [str(done)], [str(wrong)], 1)


IN_TEXT: dict[str, Injector] = {
    "fraction_percent": fraction_percent, "change_baseline": change_baseline,
    "parts_total": parts_total, "count_names": count_names, "period": period,
    "unknown_name": unknown_name, "repeated_measure": repeated_measure,
}
GENERATED: dict[str, Injector] = {
    "summary_total": summary_total, "growth_parts": growth_parts,
    "fraction_percent": generated_fraction, "change_baseline": generated_change,
    "parts_total": generated_parts, "count_names": generated_count,
}
