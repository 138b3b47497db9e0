"""The import report: every input row is either loaded or rejected with a reason a person can act on."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field


@dataclass(frozen=True)
class Problem:
    """One rejected row or warning, located in its file as a spreadsheet user would find it."""

    file: str
    line: int | None  # 1-based line in the file (the header is a line too); None for whole-file problems
    column: str | None  # the column header as written in the file
    message: str  # what is wrong and what to do
    value: str | None = None

    def __str__(self) -> str:
        where = self.file
        if self.line is not None:
            where += f", line {self.line}"
        if self.column:
            where += f", column '{self.column}'"
        shown = f" (value: {self.value!r})" if self.value not in (None, "") else ""
        return f"{where}: {self.message}{shown}"


@dataclass
class FileReport:
    """What happened to the rows of one input file."""

    file: str
    kind: str  # partners, mobility, campuses, key_figures, institution, tour
    rows_read: int = 0
    rows_loaded: int = 0
    rejected: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    errors: list[Problem] = field(default_factory=list)  # problems with the whole file (unreadable, no header)
    present: bool = True  # False when the file is not in the folder at all

    @property
    def rows_rejected(self) -> int:
        return self.rows_read - self.rows_loaded

    @property
    def accounted(self) -> bool:
        """Rows in = rows loaded + rows rejected, with a reason for each rejected row."""
        return self.rows_loaded + len(self.rejected) == self.rows_read

    @property
    def ok(self) -> bool:
        return not self.rejected and not self.errors

    def reject(self, line: int | None, column: str | None, message: str, value: object = None) -> None:
        self.rejected.append(Problem(self.file, line, column, message, None if value is None else str(value)))

    def warn(self, line: int | None, column: str | None, message: str, value: object = None) -> None:
        self.warnings.append(Problem(self.file, line, column, message, None if value is None else str(value)))

    def fail(self, message: str, line: int | None = None, column: str | None = None) -> None:
        self.errors.append(Problem(self.file, line, column, message))

    def summary(self) -> str:
        if self.kind == "institution":  # a file of settings, not of rows
            state = "not found" if not self.present else "cannot be used" if self.errors else "read"
            return f"{self.file}: {state}; {len(self.warnings)} warnings"
        return (
            f"{self.file}: {self.rows_read} rows read = {self.rows_loaded} loaded + "
            f"{self.rows_rejected} rejected; {len(self.warnings)} warnings"
        )

    def to_dict(self) -> dict:
        data = asdict(self)
        data["rows_rejected"] = self.rows_rejected
        return data


@dataclass
class ImportReport:
    """The reports of all files loaded together."""

    files: list[FileReport] = field(default_factory=list)

    def add(self, report: FileReport) -> FileReport:
        self.files.append(report)
        return report

    @property
    def ok(self) -> bool:
        return all(f.ok for f in self.files)

    @property
    def rows_read(self) -> int:
        return sum(f.rows_read for f in self.files)

    @property
    def rows_loaded(self) -> int:
        return sum(f.rows_loaded for f in self.files)

    @property
    def rows_rejected(self) -> int:
        return sum(f.rows_rejected for f in self.files)

    def problems(self) -> list[Problem]:
        return [p for f in self.files for p in (*f.errors, *f.rejected, *f.warnings)]

    def to_text(self) -> str:
        lines: list[str] = []
        for f in self.files:
            lines.append(f.summary())
            lines += [f"  ERROR    {p}" for p in f.errors]
            lines += [f"  REJECTED {p}" for p in f.rejected]
            lines += [f"  WARNING  {p}" for p in f.warnings]
        lines.append(f"Total: {self.rows_read} rows read = {self.rows_loaded} loaded + {self.rows_rejected} rejected")
        return "\n".join(lines)

    def to_summary(self, shown: int = 3) -> str:
        """For the console at start-up: each file's counts, its first few problems of each kind, where the rest are."""
        lines: list[str] = []
        hidden = 0
        for f in self.files:
            if not f.present and not f.warnings:
                continue
            lines.append(f.summary())
            for label, problems in (("ERROR   ", f.errors), ("REJECTED", f.rejected), ("WARNING ", f.warnings)):
                lines += [f"  {label} {p}" for p in problems[:shown]]
                if len(problems) > shown:
                    lines.append(f"  ... and {len(problems) - shown} more {label.strip().lower()} lines")
                    hidden += len(problems) - shown
        lines.append(
            f"Total: {self.rows_read} rows read = {self.rows_loaded} loaded + {self.rows_rejected} rejected; "
            f"{sum(len(f.warnings) for f in self.files)} warnings"
        )
        if hidden:
            lines.append("Every line: the /data page, or `partner-atlas validate` on the folder.")
        return "\n".join(lines)

    def to_dict(self) -> dict:
        return {
            "ok": self.ok,
            "rows_read": self.rows_read,
            "rows_loaded": self.rows_loaded,
            "rows_rejected": self.rows_rejected,
            "files": [f.to_dict() for f in self.files],
        }


def name_a_few(names, shown: int = 5, *, quoted: bool = True) -> str:
    """'a', 'b', 'c' and 997 more: a long list of names as one line a person can read (each cut to 40 characters)."""
    names = list(names)
    listed = ", ".join(repr(str(n)[:40]) if quoted else str(n)[:40] for n in names[:shown])
    return listed + (f" and {len(names) - shown} more" if len(names) > shown else "")


def file_name(path: str) -> str:
    """The file's own name, as the office knows it (the folder is in the log and on /data)."""
    return path.replace("\\", "/").rsplit("/", 1)[-1]


def replacement_problems(served: ImportReport, candidate: ImportReport, changed=None) -> list[Problem]:
    """Why `candidate` (the files as they are now) must not replace `served`: empty when it may.

    A replacement is refused when a file that was read before cannot be read now (gone, empty, binary, no header),
    or when it rejects rows it loaded before (a file cut off half-way ends in a broken row): fewer rows loaded and
    more rejected. Rows taken out of a well-formed file are an edit, not a fault, and are swapped in; so are rows of
    an unchanged file that lose their partner with it (`changed`: the names of the files that changed; None: all).
    """
    before = {f.kind: f for f in served.files}
    problems: list[Problem] = []
    for new in candidate.files:
        old = before.get(new.kind)
        if old is None or not old.present or old.errors:
            continue  # nothing good to keep for this file
        name = file_name(new.file)
        if not new.present:
            problems.append(Problem(new.file, None, None, f"{file_name(old.file)} was removed from the data folder"))
        elif new.errors:
            first = new.errors[0]
            message = first.message.removeprefix(f"{new.file}: ")  # some messages start with the file's path
            problems.append(Problem(new.file, first.line, first.column, f"{name} cannot be read: {message}"))
        elif (
            new.rows_loaded < old.rows_loaded
            and new.rows_rejected > old.rows_rejected
            and (changed is None or name in changed)
        ):
            first = new.rejected[0] if new.rejected else Problem(new.file, None, None, "")
            problems.append(
                Problem(
                    new.file,
                    first.line,
                    first.column,
                    f"{name} loads {old.rows_loaded - new.rows_loaded} row(s) fewer than the data "
                    f"shown and rejects {new.rows_rejected - old.rows_rejected} more: is it cut off "
                    f"or half-written? {first.message}".rstrip(),
                )
            )
    return problems
