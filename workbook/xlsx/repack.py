"""A copy of a checked xlsx zip for calamine, with the parts already inflated stored uncompressed.

The reader inflates every sheet once to check and scan it (``guard``, ``package``); calamine would
inflate them all again, which was a third of its time on our workbooks. So calamine is handed a copy
in memory where those parts are stored as the reader saw them (method 0): unchanged parts with the
CRC the checked archive declares, changed ones (a sheet cut to its cells, ``package.cells_only``,
or without its stray cells, ``package.without_cells``) with their own. Every other part is copied
byte for byte, still compressed. Offsets and sizes come from zipfile's parsed directory of an
archive that passed the guard; each local header is checked as zipfile checks it
(``guard.compressed``).
"""

from __future__ import annotations

import struct
import zipfile
import zlib

from workbook.xlsx.guard import compressed

_LOCAL = struct.Struct("<IHHHHHIIIHH")
_CENTRAL = struct.Struct("<IHHHHHHIIIHHHHHII")
_END = struct.Struct("<IHHHHIIH")
_UTF8 = 0x800
_VERSION = 20


def _dos_time(info: zipfile.ZipInfo) -> tuple[int, int]:
    year, month, day, hour, minute, second = info.date_time
    return hour << 11 | minute << 5 | second // 2, max(year - 1980, 0) << 9 | month << 5 | day


def repack(data: bytes, infos: list[zipfile.ZipInfo], inflated: dict[str, bytes],
           changed: frozenset[str] = frozenset()) -> bytes:
    """Return the zip ``data`` (with directory ``infos``) with the parts in ``inflated`` stored.

    ``inflated`` maps a part name to its uncompressed bytes, as the archive holds them (their CRC
    was checked by zipfile while they were inflated) or, for the names in ``changed``, edited.
    """
    pieces: list[bytes | memoryview] = []
    central: list[bytes] = []
    offset = 0
    view = memoryview(data)
    for info in infos:
        name = info.filename.encode("utf-8")
        clock, day = _dos_time(info)
        if info.filename in inflated:
            body = inflated[info.filename]
            method = zipfile.ZIP_STORED
            crc = zlib.crc32(body) if info.filename in changed else info.CRC
            size = len(body)
        else:
            body = compressed(view, info)
            method, crc, size = info.compress_type, info.CRC, info.file_size
        pieces.append(_LOCAL.pack(0x04034B50, _VERSION, _UTF8, method, clock, day, crc, len(body), size,
                                  len(name), 0))
        pieces += (name, body)
        central.append(_CENTRAL.pack(0x02014B50, _VERSION, _VERSION, _UTF8, method, clock, day, crc,
                                     len(body), size, len(name), 0, 0, 0, 0, 0, offset) + name)
        offset += _LOCAL.size + len(name) + len(body)
    directory = b"".join(central)
    end = _END.pack(0x06054B50, 0, 0, len(central), len(central), len(directory), offset, 0)
    return b"".join([*pieces, directory, end])

