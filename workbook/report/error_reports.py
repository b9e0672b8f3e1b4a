"""Error reports (``fejlrapport-<fil>.txt``): one Danish text per file with problems, to send back."""

from __future__ import annotations

import datetime as dt
import logging
import re
from collections.abc import Callable
from pathlib import Path

from workbook import danish
from workbook.content.model import Catalog
from workbook.files import safe_name
from workbook.report.collect import FileOutcome
from workbook.xlsx import layout as L
from workbook.xlsx.read import Problem

log = logging.getLogger(__name__)

ERROR_PREFIX = "fejlrapport-"


#: The longest file-name stem kept in an error report's name, in UTF-8 bytes (names may have 255).
MAX_STEM_BYTES = 180

#: Advice to the respondent per kind of problem: (a pattern that identifies the kind, what to do); first wins.
ADVICE: tuple[tuple[str, str], ...] = (
    (r"adgangskode|krypteret", "Gem filen uden adgangskode (Filer > Oplysninger > Beskyt projektmappe), og send "
                               "den igen."),
    (r"andet møde", "Filen hører til et andet møde. Udfyld den fil, du fik tilsendt til dette møde, og send den."),
    (r"samme respondent", "Der er kommet to forskellige filer med dit navn. Send kun den fil, der gælder, og "
                          "sig, hvilken den anden var."),
    (r"ikke udfyldt \(ingen svar", "Arket har ingen svar. Udfyld det, gem det, og send det igen."),
    (r"ikke en excel-fil|\.(ods|csv|xls|numbers)\b", "Gem filen som Excel-projektmappe (.xlsx), og send den igen."),
    (r"navn er ikke udfyldt", "Skriv dit navn i feltet Navn på arket Vejledning."),
    (r"\bdato\b", "Skriv fristen som en dato, fx 15.03.2027."),
    (r"formel", "Skriv teksten uden lighedstegn, plus eller minus forrest, så Excel ikke tager den for en formel."),
    (r"kopi", "Skriv svarene i det oprindelige ark, og slet kopien af arket."),
    (r"overskrift", "Sæt kolonneoverskrifterne tilbage, som de var i den fil, du fik tilsendt."),
    (r"uden for arket|langt ude til højre", "Slet det, der står i cellerne langt ude til højre (det hører ikke til "
                                           "arket), gem filen, og send den igen."),
    (r"sorteret", "Sortér ikke rækkerne i temaarkene. Fortryd sorteringen, eller skriv svarene i den fil, du fik "
                  "tilsendt; svarene er læst ud fra det, du så i hver række."),
    (r"ugyldig prioritet", "Vælg en prioritet fra listen i cellen (Høj, Mellem eller Lav)."),
    (r"ugyldigt svar|ikke et af|skalaen", "Vælg et af svarene fra listen i cellen."),
)
GENERAL_ADVICE = "Brug den fil, du fik tilsendt, ret det nævnte, gem den, og send den igen."


def advice(text: str) -> str:
    """Return what the respondent should do about a problem or rejection described by ``text``."""
    words = text.casefold()
    return next((todo for pattern, todo in ADVICE if re.search(pattern, words)), GENERAL_ADVICE)


def _stem(path: Path) -> str:
    """The file's stem as a safe name of at most ``MAX_STEM_BYTES``, so the report's name is never too long."""
    return safe_name(path.stem, max_bytes=MAX_STEM_BYTES)


def error_report_name(path: Path, taken: set[str]) -> str:
    """Return ``fejlrapport-<stem>.txt``, numbered when two inputs share a name."""
    stem = _stem(path)
    name = f"{ERROR_PREFIX}{stem}.txt"
    counter = 2
    while name in taken:
        name = f"{ERROR_PREFIX}{stem}-{counter}.txt"
        counter += 1
    taken.add(name)
    return name


def write_error_reports(outcomes: list[FileOutcome], path_for: Callable[[str], Path], catalog: Catalog,
                        templates: Path | None, today: dt.date) -> list[str]:
    """Write a Danish error report for every file with problems at ``path_for(name)``; return the names."""
    faulty = [o for o in outcomes if o.rejection or o.problems]
    if not faulty:
        return []
    from workbook.render.env import render_text  # Jinja2 is loaded only when there is a report to write

    taken: set[str] = set()
    names = []
    labels = sorted(((o.label, o.path.name) for o in outcomes), key=lambda pair: -len(pair[0]))
    for outcome in faulty:
        rejection = outcome.rejection
        if rejection and rejection.startswith(f"{outcome.label}: "):
            rejection = rejection[len(outcome.label) + 2:]
        response = outcome.response
        meta = response.meta if response else {}
        problems = [_problem_view(p, labels) for p in outcome.problems]
        text = render_text(
            "fejlrapport.txt", templates, file=outcome.path.name,
            rejection=shorten(_names_only(rejection or "", labels)),
            rejection_advice=advice(rejection) if rejection else "", problems=problems,
            problem_count=danish.count_word(len(problems), "ting", "ting"),
            meeting_title=meta.get(L.MetaKey.MEETING_TITLE, ""),
            municipality=meta.get(L.MetaKey.MUNICIPALITY, ""),
            made=danish.date(today), catalog_version=catalog.version)
        name = error_report_name(outcome.path, taken)
        path_for(name).write_text(text, encoding="utf-8")  # into the staging folder, moved in with the set
        names.append(name)
    return names


def shorten(text: str, limit: int = 300) -> str:
    """``text`` cut to ``limit`` characters with the cut said, so a huge value is never echoed whole."""
    return text if len(text) <= limit else f"{text[:limit]}… (forkortet, {len(text)} tegn i alt)"


def _names_only(text: str, labels: list[tuple[str, str]]) -> str:
    """``text`` with every input's path replaced by its file name (a respondent never sees our folders)."""
    for label, name in labels:
        if label in text:
            text = text.replace(label, name)
    return text


def _problem_view(problem: Problem, labels: list[tuple[str, str]]) -> dict[str, str]:
    where = []
    if problem.sheet:
        where.append(f"arket '{problem.sheet}'")
    if problem.cell:
        where.append(f"celle {problem.cell}")
    if problem.number:
        where.append(f"udsagn {problem.number}")
    message = shorten(_names_only(problem.heading or problem.message, labels))
    return {"where": ", ".join(where), "message": message[:1].upper() + message[1:],
            "found": shorten(problem.found or ""), "allowed": problem.allowed or "",
            "advice": advice(f"{problem.heading or ''} {problem.message}")}
