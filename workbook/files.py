"""Files on disk: atomic writes (temporary file beside the target, then moved into place), digests, safe names."""

from __future__ import annotations

import contextlib
import hashlib
import os
import re
import tempfile
from collections.abc import Iterator
from pathlib import Path

from workbook.errors import OutputError

_UMASK = os.umask(0)
os.umask(_UMASK)


@contextlib.contextmanager
def atomic_path(target: Path) -> Iterator[Path]:
    """Yield a temporary path beside ``target``; on success move it onto ``target``.

    On any exception the temporary file is removed and ``target`` is left untouched, so a reader
    never sees a half-written file.
    """
    target = Path(target)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    except OSError as exc:
        raise OutputError(f"{target}: kan ikke skrive filen ({exc.strerror})") from exc
    os.close(fd)
    tmp = Path(tmp_name)
    # mkstemp creates the file as 0600; give it the permissions a normally created file gets, so a
    # pack on a shared drive or intranet can be read by colleagues.
    os.chmod(tmp, 0o666 & ~_UMASK)
    try:
        yield tmp
        os.replace(tmp, target)
    finally:
        if tmp.exists():
            tmp.unlink()


def write_bytes_atomic(target: Path, data: bytes) -> None:
    """Write ``data`` to ``target`` atomically."""
    with atomic_path(target) as tmp:
        tmp.write_bytes(data)


def write_text_atomic(target: Path, text: str) -> None:
    """Write UTF-8 ``text`` to ``target`` atomically."""
    write_bytes_atomic(target, text.encode("utf-8"))


def file_digest(path: Path) -> str:
    """Return the hex sha256 of the file at ``path`` (read in blocks, never whole into memory)."""
    with Path(path).open("rb") as handle:
        return hashlib.file_digest(handle, "sha256").hexdigest()


# Characters no file name may hold on Windows, macOS or Linux, and the names Windows reserves.
_UNSAFE = re.compile(r'[<>:"/\\|?*\x00-\x1f]')
_RESERVED = {"con", "prn", "aux", "nul", *(f"com{i}" for i in range(1, 10)), *(f"lpt{i}" for i in range(1, 10))}


def safe_name(text: str, max_bytes: int = 200, replacement: str = "_") -> str:
    """Return ``text`` as a file name valid on every system, at most ``max_bytes`` of UTF-8.

    Forbidden characters become ``replacement``, leading and trailing dots and spaces go, a name
    Windows reserves (``CON``, ``LPT1``) gets ``replacement`` added, and a long name is cut at a
    whole character. Danish letters stay as they are.
    """
    name = _UNSAFE.sub(replacement, text).strip(" .")
    encoded = name.encode("utf-8")
    if len(encoded) > max_bytes:
        name = encoded[:max_bytes].decode("utf-8", "ignore").rstrip(" .")
    if name.split(".")[0].casefold() in _RESERVED:
        name += replacement
    return name or replacement
