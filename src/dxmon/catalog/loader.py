"""Load and validate the catalogue from YAML files.

Every record of every file is validated; problems are collected, not raised at the first one,
and each names the file, the line of the record (or of the offending key), the field and the
reason in Vietnamese and English. Cross-references (a target's indicator, a task's plan…) are
checked once every file is read. The shipped catalogue lives in ``dxmon/catalog/data/``.

Files (all YAML; a file that is absent gives an empty section, except ``indicators.yaml``):

- ``indicators.yaml``, ``targets.yaml``, ``requirements.yaml``, ``plans.yaml``,
  ``evaluations.yaml``, ``legal_documents.yaml``: a list of records, or a mapping with
  ``version`` and the list under the section name (``indicators: [...]``);
- ``tasks_<plan>.yaml``: a mapping ``{plan: <code>, tasks: [...]}``, one file per plan;
- ``VERSION``: the catalogue version (else a ``version:`` key of any file).

Which folder: ``load_catalog()`` without arguments reads ``DXMON_CATALOG_DIR`` (the setting
``catalog_dir``), else the shipped folder, and caches the result per folder;
``use_catalog(path)`` points it elsewhere (tests, ``create_app``) and ``clear_cache()`` forgets
what was read.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any, TypeVar, cast

import yaml
from pydantic import BaseModel, ValidationError

from dxmon.catalog import errors as codes
from dxmon.catalog.schemas import (
    BILINGUAL_SEPARATOR,
    Evaluation,
    Indicator,
    LegalDocument,
    Plan,
    Requirement,
    Target,
    Task,
    is_agency_code,
)
from dxmon.errors import DxmonError, Problem, ProblemReport

ModelT = TypeVar("ModelT", bound=BaseModel)

SECTIONS: dict[str, type[BaseModel]] = {
    "indicators": Indicator,
    "targets": Target,
    "requirements": Requirement,
    "plans": Plan,
    "evaluations": Evaluation,
    "legal_documents": LegalDocument,
}
REQUIRED_FILES = ("indicators.yaml",)


@dataclass(frozen=True)
class Catalog:
    """The loaded catalogue: records by code (targets by ``indicator/scope/plan_year``)."""

    version: str
    digest: str = ""  # hash of the files' content: two folders with one VERSION still differ
    indicators: dict[str, Indicator] = field(default_factory=dict)
    targets: dict[str, Target] = field(default_factory=dict)
    requirements: dict[str, Requirement] = field(default_factory=dict)
    plans: dict[str, Plan] = field(default_factory=dict)
    tasks: dict[str, Task] = field(default_factory=dict)
    evaluations: dict[str, Evaluation] = field(default_factory=dict)
    legal_documents: dict[str, LegalDocument] = field(default_factory=dict)
    path: Path | None = None

    def tasks_of(self, plan: str) -> list[Task]:
        return [task for task in self.tasks.values() if task.plan == plan]


@lru_cache(maxsize=1)
def default_path() -> Path:
    return Path(str(resources.files("dxmon.catalog").joinpath("data")))


@lru_cache(maxsize=8)
def _folder(configured: str) -> Path:
    return Path(configured).expanduser().resolve() if configured else default_path()


CATALOG_DIR_ENV = "DXMON_CATALOG_DIR"
_override: list[Path] = []  # set by use_catalog; wins over the environment


def configured_path() -> Path:
    """The catalogue folder in use: ``use_catalog``'s, else ``DXMON_CATALOG_DIR``, else the
    shipped one."""
    if _override:
        return _override[-1]
    return _folder(os.environ.get(CATALOG_DIR_ENV, "").strip())  # read on every call


def load_catalog(path: Path | None = None) -> Catalog:
    """Load the catalogue in ``path`` (default: the configured one, cached); DxmonError listing
    every problem when anything is wrong."""
    if path is None:
        return _load_cached(configured_path())
    return _Loader(Path(path)).load()


@lru_cache(maxsize=4)
def _load_cached(path: Path) -> Catalog:
    return _Loader(path).load()


def clear_cache() -> None:
    _load_cached.cache_clear()


def set_catalog_dir(path: Path | None) -> None:
    """Use the folder ``path`` from now on (None: back to the environment or the default)."""
    _override.clear()
    if path is not None:
        _override.append(Path(path).expanduser().resolve())
    clear_cache()


@contextmanager
def use_catalog(path: Path) -> Iterator[Catalog]:
    """Within the block, ``load_catalog()`` reads ``path`` (checked on entry); then as before."""
    previous = list(_override)
    set_catalog_dir(path)
    try:
        yield load_catalog()
    finally:
        _override[:] = previous
        clear_cache()


def catalog_version(catalog: Catalog | None = None) -> str:
    """The catalogue's name in figures' provenance: ``VERSION+<content hash>``."""
    loaded = catalog if catalog is not None else load_catalog()
    return f"{loaded.version}+{loaded.digest}" if loaded.digest else loaded.version


def is_valid(definition: object, on: date) -> bool:
    """Whether a definition (indicator, requirement, plan, evaluation) is owed on ``on``; a
    record without validity fields is always valid."""
    valid_from: date | None = getattr(definition, "valid_from", None)
    valid_to: date | None = getattr(definition, "valid_to", None)
    years: tuple[int, ...] = tuple(getattr(definition, "years", ()) or ())
    return ((valid_from is None or valid_from <= on) and (valid_to is None or on <= valid_to)
            and (not years or on.year in years))


def content_digest(path: Path) -> str:
    """A short hash of every catalogue file's name and bytes, in name order."""
    digest = hashlib.sha256()
    for file in sorted(path.glob("*.yaml")) + sorted(path.glob("VERSION")):
        digest.update(file.name.encode() + b"\0" + file.read_bytes() + b"\0")
    return digest.hexdigest()[:12]


# --- reading YAML with line numbers ---------------------------------------------------------

@dataclass
class _Item:
    """One record as read: its data, its YAML node (for line numbers) and where it came from."""

    data: Any
    node: yaml.Node
    file: str

    @property
    def line(self) -> int:
        return self.node.start_mark.line + 1

    def line_of(self, loc: Iterable[int | str]) -> int:
        """Line of the value at ``loc`` inside the record (the deepest part found)."""
        node: yaml.Node = self.node
        line = self.line
        for part in loc:
            child: yaml.Node | None = None
            if isinstance(node, yaml.MappingNode):
                for key, value in node.value:
                    if key.value == part:
                        line = key.start_mark.line + 1
                        child = value
                        break
            elif isinstance(node, yaml.SequenceNode) and isinstance(part, int) and 0 <= part < len(
                    node.value):
                child = node.value[part]
                line = child.start_mark.line + 1
            if child is None:
                break
            node = child
        return line


def _problem(code: str, file: str, line: int | None, field_name: str | None, vi: str,
             en: str) -> Problem:
    return Problem(code=code, message_vi=vi, message_en=en, where=file, row=line,
                   field=field_name)


def _duplicate_keys(node: yaml.Node, file: str, report: ProblemReport) -> None:
    if isinstance(node, yaml.MappingNode):
        seen: set[Any] = set()
        for key, value in node.value:
            if isinstance(key, yaml.ScalarNode):
                if key.value in seen:
                    report.add(_problem(
                        codes.CATALOG_DUPLICATE_KEY, file, key.start_mark.line + 1, key.value,
                        f"Khóa '{key.value}' xuất hiện hai lần trong cùng một bản ghi.",
                        f"Key '{key.value}' appears twice in the same mapping."))
                seen.add(key.value)
            _duplicate_keys(value, file, report)
    elif isinstance(node, yaml.SequenceNode):
        for child in node.value:
            _duplicate_keys(child, file, report)


def _read_yaml(path: Path, file: str, report: ProblemReport) -> tuple[Any, yaml.Node | None]:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        report.add(_problem(codes.CATALOG_YAML_MALFORMED, file, None, None,
                            f"Không đọc được tệp: {error}.", f"Cannot read the file: {error}."))
        return None, None
    loader = yaml.SafeLoader(text)
    try:
        node = loader.get_single_node()
        data = loader.construct_document(node) if node is not None else None
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        reason = getattr(error, "problem", None) or str(error)
        report.add(_problem(codes.CATALOG_YAML_MALFORMED, file,
                            mark.line + 1 if mark is not None else None, None,
                            f"YAML không hợp lệ: {reason}.", f"Malformed YAML: {reason}."))
        return None, None
    finally:
        loader.dispose()
    if node is not None:
        _duplicate_keys(node, file, report)
    return data, node


def _split(message: str) -> tuple[str, str]:
    message = message.removeprefix("Value error, ")
    if BILINGUAL_SEPARATOR in message:
        vi, en = message.split(BILINGUAL_SEPARATOR, 1)
        return vi, en
    return f"Giá trị không hợp lệ: {message}", message


_TYPE_VI: dict[str, str] = {
    "string_type": "phải là một chuỗi văn bản",
    "int_parsing": "phải là một số nguyên",
    "int_type": "phải là một số nguyên",
    "int_from_float": "phải là một số nguyên",
    "float_parsing": "phải là một số",
    "float_type": "phải là một số",
    "bool_parsing": "phải là true hoặc false",
    "bool_type": "phải là true hoặc false",
    "date_parsing": "phải là một ngày dạng YYYY-MM-DD",
    "date_type": "phải là một ngày dạng YYYY-MM-DD",
    "date_from_datetime_parsing": "phải là một ngày dạng YYYY-MM-DD",
    "date_from_datetime_inexact": "phải là một ngày (không kèm giờ)",
    "list_type": "phải là một danh sách",
    "model_type": "phải là một bảng khóa–giá trị",
    "dict_type": "phải là một bảng khóa–giá trị",
    "string_pattern_mismatch": "không đúng mẫu",
    "string_too_short": "quá ngắn",
    "string_too_long": "quá dài",
    "too_short": "quá ít phần tử",
    "too_long": "quá nhiều phần tử",
    "greater_than": "quá nhỏ",
    "greater_than_equal": "quá nhỏ",
    "less_than": "quá lớn",
    "less_than_equal": "quá lớn",
    "enum": "không thuộc các giá trị cho phép",
    "literal_error": "không thuộc các giá trị cho phép",
}


def _validation_problems(error: ValidationError, item: _Item, prefix: str = ""
                         ) -> list[Problem]:
    problems: list[Problem] = []
    for detail in error.errors():
        loc = tuple(detail.get("loc", ()))
        field_name = prefix + ".".join(str(part) for part in loc) if loc else (prefix.rstrip(
            ".") or None)
        line = item.line_of(loc)
        kind = detail.get("type", "")
        message = str(detail.get("msg", ""))
        given = detail.get("input")
        if kind == "missing":
            problems.append(_problem(
                codes.CATALOG_FIELD_MISSING, item.file, line, field_name,
                f"Thiếu trường bắt buộc '{field_name}'.",
                f"Required field '{field_name}' is missing."))
        elif kind == "extra_forbidden":
            problems.append(_problem(
                codes.CATALOG_FIELD_UNKNOWN, item.file, line, field_name,
                f"Trường '{field_name}' không có trong lược đồ (viết sai tên?).",
                f"Field '{field_name}' is not part of the schema (misspelt?)."))
        elif kind == "value_error":
            vi, en = _split(message)
            problems.append(_problem(codes.CATALOG_FIELD_INVALID, item.file, line, field_name,
                                     vi[:1].upper() + vi[1:] + ".", en[:1].upper() + en[1:] + "."))
        else:
            reason_vi = _TYPE_VI.get(kind, "không hợp lệ")
            expected = ""
            context = detail.get("ctx") or {}
            if "expected" in context:
                expected = f"; cho phép: {context['expected']}"
            elif "pattern" in context:
                expected = f" {context['pattern']}"
            problems.append(_problem(
                codes.CATALOG_FIELD_INVALID, item.file, line, field_name,
                f"Giá trị {given!r} của '{field_name}' {reason_vi}{expected}.",
                f"Value {given!r} of '{field_name}': {message}."))
    return problems


# --- the loader -------------------------------------------------------------------------------

class _Loader:
    def __init__(self, path: Path) -> None:
        self.path = path
        self.report = ProblemReport()
        self.versions: list[str] = []
        # (section, key) -> where the record was read
        self.origins: dict[tuple[str, str], _Item] = {}

    # reading ------------------------------------------------------------------------------
    def _items(self, file_path: Path, section: str, header_keys: Iterable[str] = ()
               ) -> tuple[list[_Item], dict[str, Any]]:
        file = file_path.name
        data, node = _read_yaml(file_path, file, self.report)
        if node is None:
            return [], {}
        header: dict[str, Any] = {}
        records_node: yaml.Node | None = node
        records: Any = data
        if isinstance(data, Mapping) and isinstance(node, yaml.MappingNode):
            allowed = {"version", section, *header_keys}
            records_node, records = None, []
            for key, value in node.value:
                name = key.value
                if name not in allowed:
                    self.report.add(_problem(
                        codes.CATALOG_YAML_MALFORMED, file, key.start_mark.line + 1, name,
                        f"Khóa cấp cao nhất '{name}' không được phép; dùng "
                        f"{', '.join(sorted(allowed))}.",
                        f"Top-level key '{name}' is not allowed; use "
                        f"{', '.join(sorted(allowed))}."))
                elif name == section:
                    records_node, records = value, data[name]
                else:
                    header[name] = data[name]
            if "version" in header:
                self.versions.append(str(header["version"]))
            if records_node is None:  # no section key: unknown keys were reported above
                return [], header
        if records is None:
            return [], header
        if not isinstance(records, list) or not isinstance(records_node, yaml.SequenceNode):
            line = records_node.start_mark.line + 1 if records_node is not None else 1
            self.report.add(_problem(
                codes.CATALOG_YAML_MALFORMED, file, line, section,
                f"Tệp phải chứa một danh sách bản ghi ('- code: …'), hoặc khóa '{section}:' "
                "chứa danh sách đó.",
                f"The file must hold a list of records ('- code: …'), or a '{section}:' key "
                "holding that list."))
            return [], header
        return [_Item(value, child, file) for value, child in zip(
            records, records_node.value, strict=True)], header

    def _validate(self, item: _Item, model: type[ModelT],
                  extra: Callable[[dict[str, Any]], dict[str, Any]] | None = None
                  ) -> ModelT | None:
        if not isinstance(item.data, Mapping):
            self.report.add(_problem(
                codes.CATALOG_RECORD_INVALID, item.file, item.line, None,
                "Bản ghi phải là một bảng khóa–giá trị (code: …, name_vi: …).",
                "A record must be a mapping of fields (code: …, name_vi: …)."))
            return None
        data = dict(item.data)
        if extra is not None:
            data = extra(data)
        try:
            return model.model_validate(data)
        except ValidationError as error:
            for problem in _validation_problems(error, item):
                self.report.add(problem)
            return None

    def _register(self, section: str, key: str, record: ModelT, item: _Item,
                  target: dict[str, ModelT], what_vi: str, what_en: str) -> None:
        previous = self.origins.get((section, key))
        if previous is not None:
            self.report.add(_problem(
                codes.CATALOG_DUPLICATE_CODE, item.file, item.line, "code",
                f"Mã {what_vi} '{key}' trùng với bản ghi ở {previous.file} dòng {previous.line}.",
                f"{what_en} code '{key}' duplicates the record at {previous.file} line "
                f"{previous.line}."))
            return
        self.origins[(section, key)] = item
        target[key] = record

    def _section(self, section: str, model: type[ModelT], what_vi: str, what_en: str
                 ) -> dict[str, ModelT]:
        result: dict[str, ModelT] = {}
        file_path = self.path / f"{section}.yaml"
        if not file_path.exists():
            if file_path.name in REQUIRED_FILES:
                self.report.add(_problem(
                    codes.CATALOG_FILE_MISSING, file_path.name, None, None,
                    f"Thiếu tệp {file_path.name} trong {self.path}.",
                    f"File {file_path.name} is missing from {self.path}."))
            return result
        items, _ = self._items(file_path, section)
        for item in items:
            record = self._validate(item, model)
            if record is not None:
                key = record.key if isinstance(record, Target) else str(cast(Any, record).code)
                self._register(section, key, record, item, result, what_vi, what_en)
        return result

    def _tasks(self) -> dict[str, Task]:
        result: dict[str, Task] = {}
        for file_path in sorted(self.path.glob("tasks_*.yaml")):
            items, header = self._items(file_path, "tasks", header_keys=("plan",))
            plan = header.get("plan")
            for item in items:
                def with_plan(data: dict[str, Any], plan: Any = plan) -> dict[str, Any]:
                    if plan is not None:
                        data.setdefault("plan", plan)
                    return data

                task = self._validate(item, Task, with_plan)
                if task is None:
                    continue
                if plan is not None and task.plan != plan:
                    self.report.add(_problem(
                        codes.CATALOG_FIELD_INVALID, item.file, item.line_of(["plan"]), "plan",
                        f"Nhiệm vụ thuộc kế hoạch '{task.plan}' nhưng tệp dành cho '{plan}'.",
                        f"The task belongs to plan '{task.plan}' but the file is for "
                        f"'{plan}'."))
                    continue
                self._register("tasks", task.code, task, item, result, "nhiệm vụ", "Task")
        return result

    # cross-references -----------------------------------------------------------------------
    def _unknown(self, section: str, key: str, field_name: str, value: str, kind_vi: str,
                 kind_en: str) -> None:
        item = self.origins[(section, key)]
        self.report.add(_problem(
            codes.CATALOG_UNKNOWN_REFERENCE, item.file, item.line_of([field_name]), field_name,
            f"'{value}' không phải {kind_vi} có trong danh mục.",
            f"'{value}' is not a known {kind_en} of the catalogue."))

    def _check_references(self, catalog: Catalog) -> None:
        for key, target in catalog.targets.items():
            if target.indicator not in catalog.indicators:
                self._unknown("targets", key, "indicator", target.indicator, "chỉ tiêu",
                              "indicator")
        for key, requirement in catalog.requirements.items():
            if requirement.plan is not None and requirement.plan not in catalog.plans:
                self._unknown("requirements", key, "plan", requirement.plan, "kế hoạch", "plan")
            if requirement.indicator is not None and (
                    requirement.indicator not in catalog.indicators):
                self._unknown("requirements", key, "indicator", requirement.indicator,
                              "chỉ tiêu", "indicator")
            if requirement.evaluation is not None and (
                    requirement.evaluation not in catalog.evaluations):
                self._unknown("requirements", key, "evaluation", requirement.evaluation,
                              "đợt đánh giá", "evaluation")
            for scope in requirement.applies_to:
                for agency in scope.exclude:
                    if not is_agency_code(agency):
                        self._unknown("requirements", key, "applies_to", agency,
                                      "mã cơ quan", "agency code")
        for key, plan in catalog.plans.items():
            if plan.issuing_document is not None and (
                    plan.issuing_document not in catalog.legal_documents):
                self._unknown("plans", key, "issuing_document", plan.issuing_document,
                              "văn bản", "legal document")
        for key, task in catalog.tasks.items():
            if task.plan not in catalog.plans:
                self._unknown("tasks", key, "plan", task.plan, "kế hoạch", "plan")
            elif not task.code.startswith(f"{task.plan}-"):
                item = self.origins[("tasks", key)]
                self.report.add(_problem(
                    codes.CATALOG_FIELD_INVALID, item.file, item.line_of(["code"]), "code",
                    f"Mã nhiệm vụ '{task.code}' phải bắt đầu bằng '{task.plan}-'.",
                    f"Task code '{task.code}' must start with '{task.plan}-'."))
            if task.lead_agency is not None and not is_agency_code(task.lead_agency):
                self._unknown("tasks", key, "lead_agency", task.lead_agency, "mã cơ quan",
                              "agency code")
        for key, plan in catalog.plans.items():
            count = len(catalog.tasks_of(key))
            if plan.task_count is not None and count != plan.task_count:
                item = self.origins[("plans", key)]
                self.report.add(_problem(
                    codes.CATALOG_TASK_COUNT_MISMATCH, item.file, item.line_of(["task_count"]),
                    "task_count",
                    f"Kế hoạch '{key}' ghi {plan.task_count} nhiệm vụ nhưng tệp nhiệm vụ có "
                    f"{count}.",
                    f"Plan '{key}' states {plan.task_count} tasks but its task file holds "
                    f"{count}."))
        for key, evaluation in catalog.evaluations.items():
            if evaluation.legal_basis not in catalog.legal_documents:
                self._unknown("evaluations", key, "legal_basis", evaluation.legal_basis,
                              "văn bản", "legal document")
            for agency in evaluation.exclude:
                if not is_agency_code(agency):
                    self._unknown("evaluations", key, "exclude", agency, "mã cơ quan",
                                  "agency code")

    # ------------------------------------------------------------------------------------------
    def _version(self) -> str:
        version_file = self.path / "VERSION"
        if version_file.exists():
            return version_file.read_text(encoding="utf-8").strip() or "unversioned"
        return self.versions[0] if self.versions else "unversioned"

    def load(self) -> Catalog:
        if not self.path.is_dir():
            raise DxmonError(_problem(
                codes.CATALOG_FILE_MISSING, str(self.path), None, None,
                f"Không có thư mục danh mục {self.path}.",
                f"The catalogue folder {self.path} does not exist."))
        catalog = Catalog(
            version="",
            indicators=self._section("indicators", Indicator, "chỉ tiêu", "Indicator"),
            targets=self._section("targets", Target, "mục tiêu", "Target"),
            requirements=self._section("requirements", Requirement, "yêu cầu", "Requirement"),
            plans=self._section("plans", Plan, "kế hoạch", "Plan"),
            tasks=self._tasks(),
            evaluations=self._section("evaluations", Evaluation, "đợt đánh giá", "Evaluation"),
            legal_documents=self._section("legal_documents", LegalDocument, "văn bản",
                                          "Legal document"),
            path=self.path,
        )
        self._check_references(catalog)
        self.report.raise_if_invalid()
        return Catalog(**{**catalog.__dict__, "version": self._version(),
                           "digest": content_digest(self.path)})
