"""The meeting pack's manifest: input hashes that decide a rebuild, and the sha256 of every file."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import logging
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from workbook import __version__
from workbook.content.model import Catalog
from workbook.files import file_digest, write_text_atomic
from workbook.meeting.load import Meeting

log = logging.getLogger(__name__)

MANIFEST_NAME = "manifest.json"
#: Identifies a manifest written by this tool; bump ``PACK_FORMAT`` when the pack's layout changes.
PACK_FORMAT_NAME = "workbook-moedepakke"
PACK_FORMAT = 2  # 2: the HTML guide is part of the pack

_SKIP_DIRS = {"__pycache__", ".git"}


def hash_template_dirs(dirs: Iterable[Path]) -> str:
    """Return one sha256 over the contents of every file in the template dirs, in search order.

    File paths enter relative to their dir, so moving a checkout does not force a rebuild; the
    order of the dirs is part of the hash because the first dir wins.
    """
    digest = hashlib.sha256()
    for index, folder in enumerate(dirs):
        digest.update(f"dir {index}\0".encode())
        folder = Path(folder)
        files = sorted(
            p for p in folder.rglob("*")
            if p.is_file() and not _SKIP_DIRS.intersection(p.relative_to(folder).parts)
            and p.suffix != ".pyc"
        )
        for path in files:
            digest.update(p_rel(path, folder).encode() + b"\0")
            digest.update(file_digest(path).encode() + b"\0")
    return digest.hexdigest()


def p_rel(path: Path, folder: Path) -> str:
    """Return ``path`` relative to ``folder`` with forward slashes."""
    return path.relative_to(folder).as_posix()


@dataclass(frozen=True)
class PackInputs:
    """Everything a pack is built from, as hashes; ``key`` decides whether a rebuild is needed."""

    tool_version: str
    catalog_version: str
    catalog_hash: str
    templates_hash: str
    meeting_hash: str
    logo_hash: str | None
    status_hash: str | None = None
    """The answer database of ``status:`` (its figures are in the guide), or None."""

    @property
    def key(self) -> str:
        """One sha256 over all inputs (and the pack format)."""
        text = json.dumps([PACK_FORMAT, self.tool_version, self.catalog_hash, self.templates_hash,
                           self.meeting_hash, self.logo_hash] + ([self.status_hash] if self.status_hash else []))
        return hashlib.sha256(text.encode()).hexdigest()


def pack_inputs(meeting: Meeting, catalog: Catalog, templates_hash: str) -> PackInputs:
    """Return the inputs of ``meeting``'s pack: tool, catalog + overlay, templates, file, logo."""
    return PackInputs(
        tool_version=__version__,
        catalog_version=catalog.version,
        catalog_hash=catalog.content_hash,
        templates_hash=templates_hash,
        meeting_hash=file_digest(meeting.path),
        logo_hash=file_digest(meeting.logo) if meeting.logo else None,
        status_hash=file_digest(meeting.status_path) if meeting.status_path and meeting.status_path.is_file()
        else None,
    )


def read_manifest(folder: Path) -> dict | None:
    """Return the pack's manifest, or None when it is missing or unreadable (then: rebuild)."""
    path = Path(folder) / MANIFEST_NAME
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None
    except (OSError, ValueError) as exc:
        log.info("%s kan ikke læses (%s); pakken bygges igen", path, exc)
        return None
    if not isinstance(data, dict) or data.get("format") != PACK_FORMAT_NAME:
        return None
    return data


def is_up_to_date(folder: Path, inputs: PackInputs) -> bool:
    """Return True when the pack in ``folder`` was built from ``inputs`` and all its files exist."""
    data = read_manifest(folder)
    if data is None or data.get("inputs", {}).get("key") != inputs.key:
        return False
    files = data.get("files")
    if not isinstance(files, list) or not files:
        return False
    return all(isinstance(f, dict) and (Path(folder) / str(f.get("name", ""))).is_file()
               for f in files)


def remove_manifest(folder: Path) -> None:
    """Remove the manifest before a rebuild, so an interrupted build is never taken as complete."""
    (Path(folder) / MANIFEST_NAME).unlink(missing_ok=True)


def write_manifest(folder: Path, meeting: Meeting, catalog: Catalog, inputs: PackInputs,
                   files: Iterable[Path], built: dt.datetime | None = None) -> Path:
    """Write ``manifest.json`` (last, atomically): sha256 and size of every file, and the inputs."""
    folder = Path(folder)
    built = built or dt.datetime.now().astimezone()
    data = {
        "format": PACK_FORMAT_NAME,
        "format_version": PACK_FORMAT,
        "built": built.isoformat(timespec="seconds"),
        "meeting": {
            "id": meeting.id,
            "file": meeting.path.name,
            "municipality": meeting.municipality,
            "forum": meeting.forum,
            "title": meeting.title,
            "date": meeting.date.isoformat(),
            "themes": [t.theme_id for t in meeting.themes],
        },
        "versions": {
            "tool": inputs.tool_version,
            "catalog": inputs.catalog_version,
            "catalog_date": catalog.info.date.isoformat(),
        },
        "inputs": {
            "key": inputs.key,
            "catalog_content_hash": inputs.catalog_hash,
            "templates_hash": inputs.templates_hash,
            "meeting_file_sha256": inputs.meeting_hash,
            "logo_sha256": inputs.logo_hash,
        },
        "files": [
            {"name": p.name, "bytes": p.stat().st_size, "sha256": file_digest(p)} for p in files
        ],
    }
    target = folder / MANIFEST_NAME
    write_text_atomic(target, json.dumps(data, ensure_ascii=False, indent=2) + "\n")
    return target
