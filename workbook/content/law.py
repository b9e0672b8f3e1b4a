"""The law index and hjemmel citations checked against it.

The index (``content/data/law-index.json``) is made by ``tools/make_law_index.py`` from the law texts
as published on retsinformation.dk. A hjemmel in the catalog is a string naming an act by id and a
provision: ``serviceloven § 18 a, stk. 2``, ``straffeloven §§ 152 og 152 a``,
``databeskyttelsesforordningen art. 6, stk. 1, litra e``, or only the act (``beskaeftigelsesreform``).
An unknown act or provision is an error; a citation of an older document than the index's current
one (``barnets-lov-lbk-83-2024 § 17``) is a warning.
"""

from __future__ import annotations

import datetime as dt
import difflib
import functools
import json
import re
from collections.abc import Mapping
from pathlib import Path
from typing import NamedTuple

from workbook.content.model import Act, ChangeStatus, Hjemmel, LegalAnswer
from workbook.errors import CatalogError
from workbook.paths import DATA_DIR

__all__ = ["INDEX_PATH", "Act", "Hjemmel", "HjemmelError", "load_index", "parse_hjemmel", "stale_warning"]

INDEX_PATH = DATA_DIR / "law-index.json"

_NUM = r"\d+(?: [a-z](?![a-z]))?"
_CITATION = re.compile(r"^(?P<act>[a-z0-9]+(?:-[a-z0-9]+)*)(?: (?P<provision>[§a].*?))?(?: \((?P<note>[^()]+)\))?$")
_ONE = re.compile(rf"^§ (?P<p>{_NUM})(?:, stk\. (?P<stk>\d+))?(?:, nr\. (?P<nr>\d+))?(?:, \d+\. pkt\.)?$")
_MANY = re.compile(rf"^§§ {_NUM}(?:(?:, | og |-){_NUM})+$")
_ART_ONE = re.compile(r"^art\. (?P<p>\d+)(?:, stk\. (?P<stk>\d+))?(?:, (?:litra [a-z]|nr\. \d+))?$")
_ART_MANY = re.compile(r"^art\. \d+(?:(?:, | og )\d+)+$")


class HjemmelError(ValueError):
    """A hjemmel that names an unknown act or provision (the message is Danish)."""


def _act(act_id: str, data: Mapping, older: Mapping[str, Act] | None = None) -> Act:
    date = dt.date.fromisoformat(data["date"]) if data.get("date") else None
    return Act(
        id=act_id, title=data.get("title", ""), short_name=data.get("short_name", act_id),
        kind=data.get("kind", ""), number=data["number"], date=date, eli=data["eli"],
        provisions={k: tuple(v) for k, v in data["provisions"].items()},
        repealed=tuple(tuple(r) for r in data.get("repealed", ())),
        amending=bool(data.get("amending")), unit=data.get("unit", "§"), older=older or {},
    )


@functools.cache
def _load(path: Path) -> Mapping[str, Act]:
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))["acts"]
    except (OSError, ValueError, KeyError) as exc:
        raise CatalogError([f"{path}: lovindekset kan ikke læses ({exc})"], "Lovindeks") from exc
    acts: dict[str, Act] = {}
    for act_id, data in raw.items():
        older = {o["document"]: _act(act_id, {**data, **o}) for o in data.get("older", ())}
        acts[act_id] = _act(act_id, data, older)
    return acts


def load_index(path: Path | None = None) -> Mapping[str, Act]:
    """The law index by act id (cached)."""
    return _load(Path(path) if path else INDEX_PATH)


def _key(number: str) -> tuple[int, str]:
    head, _, letter = number.partition(" ")
    return int(head), letter


def _resolve(act_ref: str, laws: Mapping[str, Act]) -> tuple[Act, str]:
    """Return (act, cited document id or "") for an act id or a document id."""
    if act_ref in laws:
        return laws[act_ref], ""
    for act in laws.values():
        if act_ref in act.older:
            return act, act_ref
        if act_ref == _document(act):
            return act, ""
    close = difflib.get_close_matches(act_ref, list(laws), n=1)
    hint = f" (mente du '{close[0]}'?)" if close else ""
    raise HjemmelError(f"ukendt lov '{act_ref}'{hint}; kendte love står i {INDEX_PATH.name}")


def _document(act: Act) -> str:
    tail = act.eli.rstrip("/").rsplit("/", 2)
    return f"{act.id}-{act.kind.lower()}-{tail[-1]}-{tail[-2]}" if len(tail) == 3 else ""


def _check_paragraph(version: Act, act: Act, number: str, stk: str | None, nr: str | None) -> None:
    where = f"{act.short_name} ({version.number})"
    counts = version.provisions.get(number)
    if counts is None:
        for first, last in version.repealed:
            if _key(first) <= _key(number) <= _key(last):
                raise HjemmelError(f"{version.unit} {number} i {where} er ophævet")
        raise HjemmelError(f"{version.unit} {number} findes ikke i {where}")
    if stk is None and nr is not None:
        stk = "1"  # '§ 24, nr. 24': a paragraph without stk.
    if stk is None:
        return
    if counts and int(stk) > len(counts):
        raise HjemmelError(f"{version.unit} {number} i {where} har kun {len(counts)} stk., ikke stk. {stk}")
    if nr is not None and counts:
        items = counts[int(stk) - 1]
        if int(nr) > items:
            has = f"kun {items} numre" if items else "ingen numre"
            raise HjemmelError(f"{version.unit} {number}, stk. {stk}, i {where} har {has}, ikke nr. {nr}")


def parse_hjemmel(text: str, laws: Mapping[str, Act] | None = None) -> Hjemmel:
    """Parse and check one citation against the law index; raise ``HjemmelError`` (Danish)."""
    laws = load_index() if laws is None else laws
    text = " ".join(str(text).split())
    match = _CITATION.match(text)
    if not match:
        raise HjemmelError(f"'{text}' skal skrives som '<lov-id> § 18 a, stk. 2' (lov-id med små bogstaver)")
    act, cited = _resolve(match.group("act"), laws)
    version = act.older.get(cited, act)
    provision = match.group("provision") or ""
    if provision and (act.amending or not act.unit):
        why = "en ændringslov citeres som helhed" if act.amending else "reglerne har ingen paragraffer"
        raise HjemmelError(f"'{text}': {why}; skriv kun '{match.group('act')}'")
    if provision:
        _check_provision(version, act, provision, text)
    return Hjemmel(act=act, provision=provision, note=match.group("note") or "", cited=cited, text=text)


def _check_provision(version: Act, act: Act, provision: str, text: str) -> None:
    unit = "art." if provision.startswith("art.") else "§"
    if unit != act.unit:
        raise HjemmelError(f"'{text}': {act.short_name} citeres med '{act.unit}', ikke '{unit}'")
    one = (_ONE if unit == "§" else _ART_ONE).match(provision)
    if one:
        _check_paragraph(version, act, one.group("p"), one.group("stk"), one.groupdict().get("nr"))
        return
    if (_MANY if unit == "§" else _ART_MANY).match(provision):
        for number in re.findall(_NUM, provision):
            _check_paragraph(version, act, number, None, None)
        return
    raise HjemmelError(f"'{text}': bestemmelsen skal skrives som '§ 18 a, stk. 2, nr. 3', "
                       "'§§ 152 og 152 a' eller 'art. 6, stk. 1, litra e'")


def stale_warning(hjemmel: Hjemmel) -> str | None:
    """A warning when the citation names an older document than the index's current one."""
    if not hjemmel.cited:
        return None
    old = hjemmel.act.older[hjemmel.cited]
    return (f"'{hjemmel.text}' henviser til {old.number}, men den gældende udgave er {hjemmel.act.number}; "
            f"skriv '{hjemmel.act.id}' i stedet for '{hjemmel.cited}'")


def parse_all(values: list) -> tuple[tuple[Hjemmel, ...] | None, str | None]:
    """Parse a YAML list of citations: (hjemmel, None) or (None, Danish message naming each bad item)."""
    parsed, problems = [], []
    for index, value in enumerate(values, start=1):
        if not isinstance(value, str):
            problems.append(f"punkt {index} skal være tekst som 'serviceloven § 18, stk. 1'")
            continue
        try:
            parsed.append(parse_hjemmel(value))
        except HjemmelError as exc:
            problems.append(f"punkt {index}: {exc}")
    return (None, "; ".join(problems)) if problems else (tuple(parsed), None)


class AnswerWarning(NamedTuple):
    field: str
    message: str


def answer_warnings(answer: LegalAnswer, today: dt.date) -> list[AnswerWarning]:
    """Warnings about a legal answer: stale citations, and expected changes whose date has passed."""
    found = [AnswerWarning("hjemmel", w) for w in map(stale_warning, answer.hjemmel) if w]
    for change in answer.changes:
        if change.status is ChangeStatus.FORVENTET and change.date < today:
            found.append(AnswerWarning("changes", (
                f"ændringen »{change.text}« var forventet {change.date.isoformat()}, som er passeret: "
                "skriv, hvad der er sket (status 'vedtaget' eller en ny dato)")))
    return found
