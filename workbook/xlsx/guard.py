"""Safety checks on a returned workbook file before anything parses it: format, size and XML prolog.

A filled self-assessment comes back from someone else's computer, so it is untrusted input. These
checks look at the raw bytes and the zip's central directory; of the parts, only the sheets and the
workbook part are inflated whole (the reader needs them: each is inflated once, never beyond its
declared size), of the others only the start. Every failure raises ``WorkbookFileError`` with one
Danish line.

Limits (a filled workbook of the full catalog is about 40 KB on disk and 400 KB uncompressed):

- ``MAX_FILE_BYTES``: 20 MB on disk;
- ``MAX_UNCOMPRESSED_BYTES``: 60 MB for all parts together, as declared in the central directory
  (no part is inflated beyond its declared size, so the declaration is a bound);
- ``MAX_ZIP_ENTRIES``: 1,000 parts;
- ``MAX_CELLS`` (checked by the reader while it reads): 200,000 cells in the sheets it reads.
"""

from __future__ import annotations

import errno
import io
import struct
import zipfile
import zlib
from pathlib import Path

from workbook import danish
from workbook.errors import Problem, WorkbookFileError

MAX_FILE_BYTES = 20 * 1024 * 1024
MAX_UNCOMPRESSED_BYTES = 60 * 1024 * 1024
MAX_ZIP_ENTRIES = 1000
MAX_CELLS = 200_000
#: How much of an XML part's start is inspected for a DOCTYPE; a longer prolog is refused.
MAX_PROLOG_BYTES = 64 * 1024

CFB_MAGIC = bytes.fromhex("D0CF11E0A1B11AE1")
ZIP_MAGIC = b"PK\x03\x04"
_ENCRYPTION_MARK = "EncryptionInfo".encode("utf-16-le")
_MACRO_PARTS = ("vbaproject.bin", "vbadata.xml")
_MACRO_TYPES = (b"macroEnabled", b"vbaProject")
#: Parts the reader reads whole anyway: read once, while their prolog is checked.
_WHOLE_PARTS = "xl/worksheets/"
_WHOLE_NAMES = ("xl/workbook.xml", "xl/_rels/workbook.xml.rels")


def refused(label: str, message: str) -> WorkbookFileError:
    """Return the error for the file ``label`` that cannot be used, saying why in ``message``."""
    return WorkbookFileError([Problem(label, message)])


def _mb(size: int) -> str:
    return f"{danish.number(size / (1024 * 1024), 0)} MB"


def check_container(path: Path, label: str) -> None:
    """Check that ``path`` is a plain, reasonably sized xlsx with no macros and no DTDs; raise otherwise."""
    open_checked(path, label, {})[0].close()


def open_checked(path: Path, label: str, parts: dict[str, bytes],
                 data: bytes | None = None) -> tuple[zipfile.ZipFile, bytes]:
    """Check ``path`` as ``check_container`` does; return it opened (the caller closes it) and its bytes.

    The sheet and workbook parts are read whole while their prolog is checked and put in ``parts``
    (part name → bytes), so the reader inflates each of them once. ``data``: the file's bytes when
    the caller has read them already (``read_bytes``), so the file is read once.
    """
    if data is None:
        data, size = read_bytes(path, label)
    else:
        size = len(data)
    size = max(size, len(data))
    head = data[:8]
    if size > MAX_FILE_BYTES:
        raise refused(label, f"filen er for stor ({_mb(size)}; højst {_mb(MAX_FILE_BYTES)}). "
            "Et udfyldt ark fylder normalt under 1 MB")
    if head == CFB_MAGIC:
        _refuse_cfb(path, label)
    if not head.startswith(ZIP_MAGIC):
        if size == 0:
            raise refused(label, "filen er tom")
        raise refused(label, "filen er ikke en Excel-fil (xlsx)")
    archive = None
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        _check_parts(archive, path, label, parts, memoryview(data))
        return archive, data
    except WorkbookFileError:
        _close(archive)
        raise
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, OSError, ValueError,
            NotImplementedError, RuntimeError, zlib.error, struct.error) as exc:
        _close(archive)
        raise refused(label, "filen er beskadiget eller ufuldstændig og kan ikke åbnes. "
                      f"Årsag: {reason(exc)}") from None


def read_bytes(path: Path, label: str) -> tuple[bytes, int]:
    """Return the bytes of the file at ``path`` (none when it is larger than ``MAX_FILE_BYTES``) and
    its size; a file that cannot be read is refused with the system's reason in Danish."""
    try:
        size = path.stat().st_size
        with path.open("rb") as handle:
            # In memory (at most MAX_FILE_BYTES): every part is then looked at without a system call.
            return (handle.read(MAX_FILE_BYTES + 1) if size <= MAX_FILE_BYTES else b""), size
    except OSError as exc:
        raise refused(label, f"{os_reason(exc)}") from None


def _close(archive: zipfile.ZipFile | None) -> None:
    if archive is not None:
        archive.close()


def _check_parts(archive: zipfile.ZipFile, path: Path, label: str, parts: dict[str, bytes],
                 view: memoryview) -> None:
    infos = archive.infolist()
    _check_directory(infos, label)
    names = {info.filename.lower(): info for info in infos}
    if path.suffix.lower() == ".xlsm" or any(name.rsplit("/", 1)[-1] in _MACRO_PARTS for name in names):
        raise refused(label, "filen indeholder makroer (VBA) og læses ikke. "
            "Gem den som almindelig Excel-projektmappe (.xlsx) og send den igen")
    if "[content_types].xml" not in names or "xl/workbook.xml" not in names:
        raise refused(label, "filen er ikke en Excel-projektmappe (xlsx)")
    content_types = _read_head(archive, names["[content_types].xml"])
    if any(mark in content_types for mark in _MACRO_TYPES):
        raise refused(label, "filen indeholder makroer (VBA) og læses ikke. "
            "Gem den som almindelig Excel-projektmappe (.xlsx) og send den igen")
    for info in infos:
        name = info.filename
        if (name.startswith(_WHOLE_PARTS) and name.endswith(".xml")) or name in _WHOLE_NAMES:
            data = parts[name] = _inflate(archive, info, view)
            _check_prolog_of(data, name, label)
        elif name.lower().endswith((".xml", ".rels", ".vml")):
            _check_prolog(archive, info, label, view)


_OS_REASONS = {
    errno.ENOENT: "filen findes ikke",
    errno.EACCES: "ingen adgang til filen (tjek rettighederne)",
    errno.EPERM: "ingen adgang til filen (tjek rettighederne)",
    errno.EISDIR: "er en mappe, ikke en fil",
    errno.ENOTDIR: "stien går gennem noget, der ikke er en mappe",
    errno.ENAMETOOLONG: "filnavnet er for langt",
    errno.ELOOP: "stien har for mange genveje (symbolske links)",
    errno.EIO: "filen kan ikke læses (fejl på disken eller netværksdrevet)",
    errno.EBUSY: "filen er i brug af et andet program",
}


def os_reason(exc: OSError) -> str:
    """Return a Danish sentence for an operating-system error when opening a file."""
    known = _OS_REASONS.get(exc.errno)
    if known:
        return known
    code = errno.errorcode.get(exc.errno, str(exc.errno)) if exc.errno is not None else "ukendt"
    return f"filen kan ikke læses (fejl fra styresystemet, kode {code})"


def reason(exc: BaseException) -> str:
    """Return why a damaged file could not be opened, as a short Danish phrase (never library English)."""
    text = str(exc).lower()
    if isinstance(exc, zipfile.BadZipFile):
        if "not a zip file" in text:
            return "filen er ikke en gyldig xlsx-fil (ikke et zip-arkiv)"
        if "crc" in text:
            return "en del af filen er beskadiget (kontrolsummen passer ikke)"
        if "truncated" in text or "bad magic" in text or "overlapped" in text:
            return "filen er afkortet eller beskadiget"
        return "zip-arkivet er beskadiget"
    if isinstance(exc, zipfile.LargeZipFile):
        return "filen er for stor til at blive åbnet"
    if isinstance(exc, EOFError):
        return "filen slutter for tidligt (afkortet)"
    if isinstance(exc, zlib.error):
        return "de komprimerede data er beskadigede"
    if isinstance(exc, NotImplementedError):
        return "filen bruger en komprimering, der ikke understøttes"
    if isinstance(exc, RuntimeError) and "encrypt" in text:
        return "filen er krypteret"
    if isinstance(exc, OSError):
        return os_reason(exc)
    if isinstance(exc, KeyError):
        return "en nødvendig del af filen mangler"
    if isinstance(exc, UnicodeError):
        return "tegnkodningen er ugyldig"
    if type(exc).__name__ in ("ParseError", "XMLSyntaxError", "XmlError"):
        return "XML-indholdet er ugyldigt"
    if type(exc).__name__ == "InvalidFileException":
        return "filformatet understøttes ikke"
    return "indholdet kan ikke tolkes"


def _refuse_cfb(path: Path, label: str) -> None:
    try:
        with path.open("rb") as handle:
            data = handle.read(1024 * 1024)
    except OSError:
        data = b""
    if _ENCRYPTION_MARK in data:
        raise refused(label, "filen er beskyttet med adgangskode (krypteret) og kan ikke læses. "
            "Fjern adgangskoden i Excel (Filer > Info > Beskyt projektmappe) og send den igen")
    raise refused(label, "filen er i det gamle Excel-format (.xls) eller krypteret. "
        "Gem den som Excel-projektmappe (.xlsx) og send den igen")


def _check_directory(infos: list[zipfile.ZipInfo], label: str) -> None:
    if len(infos) > MAX_ZIP_ENTRIES:
        raise refused(label, f"filen har for mange dele ({len(infos)}; højst {MAX_ZIP_ENTRIES}) og læses ikke")
    total = sum(info.file_size for info in infos)
    if total > MAX_UNCOMPRESSED_BYTES:
        raise refused(label, f"filen fylder for meget udpakket ({_mb(total)}; højst "
            f"{_mb(MAX_UNCOMPRESSED_BYTES)}) og læses ikke")
    for info in infos:
        if info.flag_bits & 0x1:
            raise refused(label, "filen er beskyttet med adgangskode (krypteret) og kan ikke læses")


def _read_head(archive: zipfile.ZipFile, info: zipfile.ZipInfo, size: int = 4096) -> bytes:
    with archive.open(info) as part:
        return part.read(size)


def _check_prolog(archive: zipfile.ZipFile, info: zipfile.ZipInfo, label: str, view: memoryview) -> None:
    """Refuse a part whose XML prolog declares a DOCTYPE or entities (entity-expansion attacks).

    Its start is inflated straight from the archive's bytes (``view``), 4 KB and then up to
    ``MAX_PROLOG_BYTES`` while the prolog is undecided: a file has a dozen small parts, and
    opening each through zipfile costs more than inflating it.
    """
    if info.compress_type == zipfile.ZIP_DEFLATED:
        inflater = zlib.decompressobj(-zlib.MAX_WBITS)
        raw = compressed(view, info)
        data = inflater.decompress(raw, 4096)
        while _prolog_verdict(data) is None and len(data) < MAX_PROLOG_BYTES and not inflater.eof:
            more = inflater.decompress(inflater.unconsumed_tail, 4096)
            if not more:
                break
            data += more
    elif info.compress_type == zipfile.ZIP_STORED:
        data = bytes(compressed(view, info)[:MAX_PROLOG_BYTES])
    else:
        data = _read_head(archive, info, MAX_PROLOG_BYTES)
    _check_prolog_of(data[:MAX_PROLOG_BYTES], info.filename, label)


_LOCAL_HEADER = struct.Struct("<IHHHHHIIIHH")


def compressed(view: memoryview, info: zipfile.ZipInfo) -> memoryview:
    """The compressed bytes of part ``info`` in the zip ``view`` (after its local header), not copied.

    The local header is checked as zipfile checks it (signature, name); ``BadZipFile`` otherwise.
    """
    header = _LOCAL_HEADER.unpack_from(view, info.header_offset)
    name_at = info.header_offset + _LOCAL_HEADER.size
    start = name_at + header[9] + header[10]
    if header[0] != 0x04034B50 or start + info.compress_size > len(view):
        raise zipfile.BadZipFile(f"Bad magic number for file header {info.filename!r}")
    name = bytes(view[name_at:name_at + header[9]]).decode("utf-8" if header[2] & 0x800 else "cp437")
    if name != info.orig_filename:
        raise zipfile.BadZipFile(f"File name in directory {info.orig_filename!r} and header {name!r} differ.")
    return view[start:start + info.compress_size]


def _inflate(archive: zipfile.ZipFile, info: zipfile.ZipInfo, view: memoryview) -> bytes:
    """The whole part ``info``, inflated from the bytes in memory; its size and CRC checked as zipfile does.

    A dozen parts are read whole: zipfile's per-part machinery cost more than the inflating.
    """
    if info.compress_type != zipfile.ZIP_DEFLATED:
        return archive.read(info)
    inflater = zlib.decompressobj(-zlib.MAX_WBITS)
    data = inflater.decompress(compressed(view, info), info.file_size + 1)  # never beyond the declared size
    if not inflater.eof and len(data) <= info.file_size:
        raise EOFError("Compressed file ended before the end-of-stream marker was reached")
    if len(data) != info.file_size or zlib.crc32(data) != info.CRC:
        raise zipfile.BadZipFile(f"Bad CRC-32 for file {info.filename!r}")
    return data


def _check_prolog_of(data: bytes, name: str, label: str) -> None:
    """Refuse the part ``name`` when the start of its bytes ``data`` holds a DTD or no root element."""
    verdict = _prolog_verdict(data[:512])  # a prolog is a line or two: look at more only when needed
    if verdict is None:
        verdict = _prolog_verdict(data[:4096])
    if verdict is None:
        verdict = _prolog_verdict(data[:MAX_PROLOG_BYTES])
    if verdict is False:
        raise refused(label, f"delen {name} indeholder en DOCTYPE- eller ENTITY-erklæring "
            "(mulig XML-angreb) og læses ikke")
    if verdict is None and data[:MAX_PROLOG_BYTES].strip():
        raise refused(label, f"delen {name} har en ugyldig XML-indledning")


def _prolog_verdict(data: bytes) -> bool | None:
    """True: the root element starts with no DTD before it; False: a DTD/entity; None: need more."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        text = data.decode("utf-16", errors="ignore")
    else:
        text = data.decode("utf-8", errors="ignore").lstrip("\ufeff")
    pos = 0
    while True:
        start = text.find("<", pos)
        if start < 0 or start + 1 >= len(text):
            return None
        nxt = text[start + 1]
        if nxt == "?":
            end = text.find("?>", start)
            if end < 0:
                return None
            pos = end + 2
        elif text.startswith("<!--", start):
            end = text.find("-->", start)
            if end < 0:
                return None
            pos = end + 3
        else:
            return nxt != "!"  # '<!' outside a comment: DOCTYPE, ENTITY or CDATA before the root
