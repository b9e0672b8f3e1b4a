"""Danish messages for operating-system errors while reading inputs or writing the report's files.

The system's own text ("Permission denied", "No space left on device") is never shown: each kind
of error gets a Danish sentence that names the path and says what to do.
"""

from __future__ import annotations

import errno
from pathlib import Path

#: errno -> (what happened, what to do); reading and writing share the wording.
_KINDS: dict[int, tuple[str, str]] = {
    errno.EACCES: ("adgang nægtet", "giv dig selv adgang til stedet, eller vælg en anden mappe"),
    errno.EPERM: ("adgang nægtet", "giv dig selv adgang til stedet, eller vælg en anden mappe"),
    errno.EROFS: ("stedet er skrivebeskyttet", "vælg en mappe, du kan skrive i"),
    errno.ENOSPC: ("disken er fuld", "frigør plads på disken, eller vælg en anden mappe"),
    errno.EDQUOT: ("din diskkvote er brugt op", "frigør plads, eller vælg en anden mappe"),
    errno.ENOTDIR: ("en del af stien er en fil, ikke en mappe", "ret stien, eller flyt filen væk"),
    errno.EISDIR: ("stien er en mappe, ikke en fil", "flyt eller omdøb mappen, eller vælg en anden mappe"),
    errno.ENAMETOOLONG: ("navnet er for langt", "giv filen eller mappen et kortere navn"),
    errno.ENOENT: ("filen eller mappen findes ikke", "ret stien"),
    errno.EEXIST: ("der står allerede noget med det navn", "flyt det væk, eller vælg en anden mappe"),
    errno.EIO: ("læse- eller skrivefejl på disken", "prøv igen, eller brug en anden disk"),
}
_OTHER = ("systemet afviste handlingen", "tjek stien og dine rettigheder, og prøv igen")


def os_message(path: Path, exc: OSError, *, reading: bool = False) -> str:
    """Return ``<path>: kan ikke skrive (<hvad>); <hvad du gør>`` for ``exc`` — in Danish, without system text."""
    what, todo = _KINDS.get(exc.errno or 0, _OTHER)
    verb = "læse" if reading else "skrive"
    return f"{path}: kan ikke {verb} ({what}); {todo}"
