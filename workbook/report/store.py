"""The answer database (``svar.sqlite``): its schema, this run's staging copy and the import by digest.

Each run first writes what it reads into a private temporary database with the same schema (the
stage), so no answer is held in memory and a file rejected after reading (another meeting, not
filled in) is simply not copied on. The accepted files are then imported into the answer database
in one transaction: a file whose digest is already there is left as it is (idempotent), a new one
is labelled with the run's round. Everything the report shows is computed from the database.
The schema is documented in the README ("Svarbanken").
"""

from __future__ import annotations

import contextlib
import datetime as dt
import itertools
import sqlite3
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from workbook.errors import OutputError, WorkbookError

SCHEMA_VERSION = 1

SCHEMA = """
CREATE TABLE IF NOT EXISTS rounds (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,
    created TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS meetings (
    id TEXT PRIMARY KEY,
    title TEXT NOT NULL,
    municipality TEXT NOT NULL,
    date TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS files (
    id INTEGER PRIMARY KEY,
    digest TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    round_id INTEGER NOT NULL REFERENCES rounds(id),
    meeting_id TEXT NOT NULL REFERENCES meetings(id),
    imported TEXT NOT NULL,
    catalog_version TEXT NOT NULL,
    respondent TEXT NOT NULL,
    role TEXT NOT NULL,
    grp TEXT NOT NULL,
    filled TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS answers (
    file_id INTEGER NOT NULL REFERENCES files(id),
    position INTEGER NOT NULL,
    theme_id TEXT NOT NULL,
    item_id TEXT NOT NULL,
    number TEXT NOT NULL,
    statement TEXT NOT NULL,
    answer TEXT,
    priority TEXT,
    owner TEXT,
    deadline TEXT,
    deadline_text TEXT,
    comment TEXT,
    PRIMARY KEY (file_id, item_id)
);
CREATE INDEX IF NOT EXISTS answers_item ON answers(item_id);
"""

FILE_COLUMNS = ("digest", "name", "round_id", "meeting_id", "imported", "catalog_version", "respondent",
                "role", "grp", "filled")
ANSWER_COLUMNS = ("position", "theme_id", "item_id", "number", "statement", "answer", "priority", "owner",
                  "deadline", "deadline_text", "comment")


@dataclass(frozen=True, slots=True)
class FileRow:
    """What the database keeps about one imported file (its answers go in ``answers``)."""

    digest: str
    name: str
    meeting_id: str
    catalog_version: str
    respondent: str
    role: str
    group: str
    filled: str


def default_round(today: dt.date) -> str:
    """Return the round a run is labelled with when ``--runde`` is not given: its month, ``2027-03``."""
    return f"{today.year:04d}-{today.month:02d}"


def _create(db: sqlite3.Connection, schema: str = "main") -> None:
    for statement in SCHEMA.split(";"):
        if statement.strip():
            db.execute(statement.replace("IF NOT EXISTS ", f"IF NOT EXISTS {schema}.", 1))


class Stage:
    """This run's private temporary database: the answers as read, before they are accepted.

    SQLite keeps it in its page cache and spills to a temporary file that is gone when closed, so
    memory stays flat in the number of files.
    """

    def __init__(self) -> None:
        self.db = sqlite3.connect("", isolation_level=None)
        self.db.execute("PRAGMA foreign_keys = OFF")
        # A private copy thrown away on any failure: no rollback journal, no waiting for the disk.
        self.db.execute("PRAGMA main.journal_mode = OFF")
        self.db.execute("PRAGMA main.synchronous = OFF")
        _create(self.db)
        self.db.execute("DROP INDEX main.answers_item")  # for questions to the bank; the stage is read by file
        self.db.execute("BEGIN")

    def put(self, row: FileRow, answers: Iterable[tuple]) -> int:
        """Stage one file and its answers (tuples in ``ANSWER_COLUMNS`` order); return its stage id."""
        values = (row.digest, row.name, 0, row.meeting_id, "", row.catalog_version, row.respondent,
                  row.role, row.group, row.filled)
        cursor = self.db.execute(f"INSERT INTO files ({', '.join(FILE_COLUMNS)}) VALUES "
                                 f"({', '.join('?' * len(FILE_COLUMNS))})", values)
        file_id = cursor.lastrowid
        self.db.executemany(f"INSERT OR REPLACE INTO answers VALUES ({', '.join('?' * (len(ANSWER_COLUMNS) + 1))})",
                            ((file_id, *a) for a in answers))
        return file_id

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> Stage:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _bank_error(path: Path, exc: sqlite3.Error) -> WorkbookError:
    text = str(exc)
    if "locked" in text or "busy" in text:
        return OutputError(f"{path.name}: svarbanken bruges af en anden kørsel lige nu; vent til den "
                           "er færdig, og prøv igen")
    return OutputError(f"{path}: svarbanken kan ikke bruges ({danish_sqlite(text)}); flyt eller slet "
                       "filen, eller angiv en anden med --svarbank")


def danish_sqlite(text: str) -> str:
    """Return an SQLite error message in Danish (the common causes; else a general wording)."""
    if "not a database" in text or "malformed" in text:
        return "filen er ikke en SQLite-database, eller den er beskadiget"
    if "readonly" in text:
        return "filen eller mappen er skrivebeskyttet"
    if "full" in text:
        return "disken er fuld"
    if "unable to open" in text:
        return "filen kan ikke åbnes eller oprettes"
    return "ukendt SQLite-fejl"


@contextlib.contextmanager
def bank_errors(path: Path) -> Iterator[None]:
    """Turn any SQLite error while using the database at ``path`` into one Danish ``OutputError``."""
    try:
        yield
    except sqlite3.Error as exc:
        raise _bank_error(path, exc) from None


def attach_bank(stage: Stage, path: Path) -> None:
    """Attach the answer database at ``path`` (created with its schema when missing) as ``bank``."""
    with bank_errors(path):
        stage.db.execute("COMMIT")
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise OutputError(f"{path.parent}: mappen til svarbanken kan ikke oprettes") from exc
        stage.db.execute("ATTACH DATABASE ? AS bank", (str(path),))
        stage.db.execute("PRAGMA bank.busy_timeout = 5000")
        version = stage.db.execute("PRAGMA bank.user_version").fetchone()[0]
        if version > SCHEMA_VERSION:
            raise OutputError(f"{path}: svarbanken er lavet af en nyere version af workbook; opdatér "
                              "programmet, eller angiv en anden med --svarbank")
        stage.db.execute("BEGIN IMMEDIATE")
        _create(stage.db, "bank")
        stage.db.execute(f"PRAGMA bank.user_version = {SCHEMA_VERSION}")
        stage.db.execute("COMMIT")


def import_run(stage: Stage, path: Path, accepted: list[int], round_name: str, now: dt.datetime) -> list[int]:
    """Copy the ``accepted`` staged files into the bank in one transaction; return their bank ids in order.

    A file whose digest the bank already holds is not imported again (its first round stays). The
    transaction stays open: ``commit_run`` ends it when the report is written; closing the stage
    without it leaves the bank as it was.
    """
    db = stage.db
    with bank_errors(path):
        db.execute("CREATE TEMP TABLE IF NOT EXISTS incoming (seq INTEGER PRIMARY KEY, stage_id INTEGER, "
                   "file_id INTEGER)")
        db.execute("DELETE FROM temp.incoming")
        db.executemany("INSERT INTO temp.incoming (seq, stage_id) VALUES (?, ?)", enumerate(accepted))
        db.execute("BEGIN IMMEDIATE")
        try:
            db.execute("INSERT OR IGNORE INTO bank.rounds (name, created) VALUES (?, ?)",
                       (round_name, now.isoformat(timespec="seconds")))
            [round_id] = db.execute("SELECT id FROM bank.rounds WHERE name = ?", (round_name,)).fetchone()
            db.execute("INSERT OR IGNORE INTO bank.meetings SELECT * FROM main.meetings WHERE id IN "
                       "(SELECT meeting_id FROM main.files JOIN temp.incoming ON stage_id = files.id)")
            before = db.execute("SELECT COALESCE(MAX(id), 0) FROM bank.files").fetchone()[0]
            columns = ", ".join(FILE_COLUMNS)
            picked = ", ".join({"round_id": str(int(round_id)), "imported": "?"}.get(c, f"files.{c}")
                               for c in FILE_COLUMNS)
            db.execute(f"INSERT INTO bank.files ({columns}) SELECT {picked} FROM main.files JOIN temp.incoming "
                       "ON stage_id = files.id WHERE digest NOT IN (SELECT digest FROM bank.files) ORDER BY seq",
                       (now.isoformat(timespec="seconds"),))
            db.execute("UPDATE temp.incoming SET file_id = (SELECT b.id FROM bank.files b JOIN main.files s "
                       "ON b.digest = s.digest WHERE s.id = incoming.stage_id)")
            db.execute("INSERT INTO bank.answers SELECT i.file_id, a.position, a.theme_id, a.item_id, "
                       "a.number, a.statement, a.answer, a.priority, a.owner, a.deadline, a.deadline_text, "
                       "a.comment FROM main.answers a JOIN temp.incoming i ON a.file_id = i.stage_id "
                       "WHERE i.file_id > ?", (before,))
        except BaseException:
            db.execute("ROLLBACK")
            raise
        return [row[0] for row in db.execute("SELECT file_id FROM temp.incoming ORDER BY seq")]


def commit_run(stage: Stage, path: Path) -> None:
    """Commit the import begun by ``import_run`` (once the report's files are written)."""
    with bank_errors(path):
        stage.db.execute("COMMIT")


def select_files(db: sqlite3.Connection, table: str, ids: Iterable[int], names: Iterable[str]) -> None:
    """(Re)make temp table ``table`` (``seq, file_id, name``): the files a summary is computed over."""
    db.execute(f"DROP TABLE IF EXISTS temp.{table}")
    db.execute(f"CREATE TEMP TABLE {table} (seq INTEGER PRIMARY KEY, file_id INTEGER NOT NULL, name TEXT NOT NULL)")
    db.executemany(f"INSERT INTO temp.{table} VALUES (?, ?, ?)", zip(itertools.count(), ids, names))


def stage_meeting(stage: Stage, meeting_id: str, title: str, municipality: str, date: str) -> None:
    """Record a meeting's printed fields in the stage (once per meeting)."""
    stage.db.execute("INSERT OR IGNORE INTO meetings VALUES (?, ?, ?, ?)", (meeting_id, title, municipality, date))


def round_files(db: sqlite3.Connection, round_name: str) -> list[int]:
    """Return the bank ids of the files imported in ``round_name``, in import order."""
    return [row[0] for row in db.execute(
        "SELECT files.id FROM bank.files JOIN bank.rounds ON rounds.id = round_id WHERE rounds.name = ? "
        "ORDER BY files.id", (round_name,))]


def round_names(db: sqlite3.Connection) -> list[str]:
    """Return the rounds in the bank, oldest first."""
    return [row[0] for row in db.execute("SELECT name FROM bank.rounds ORDER BY id")]
