"""The catalog's rules: the checks run once every file is read (unique ids, references by id, dates,
sheet names, the shape of decision texts, areas)."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterable
from urllib.parse import urlsplit

from workbook import danish
from workbook.content import dated, law, lix, model
from workbook.content.located import KIND_NAMES, Located, Problems, sub_items
from workbook.content.yamlio import LineDict
from workbook.errors import Problem

SHEET_FORBIDDEN = set("[]:*?/\\")
REVIEW_MAX_AGE_DAYS = 365

#: Reference fields: (class, field) -> the class the ids must resolve to.
REFERENCES: dict[tuple[type, str], type] = {
    (model.Theme, "legal_topics"): model.LegalTopic,
    (model.Theme, "cases"): model.Case,
    (model.Theme, "sources"): model.Source,
    (model.Case, "sources"): model.Source,
    (model.LegalAnswer, "sources"): model.Source,
    (model.GlossaryTerm, "sources"): model.Source,
}

#: Words a decision text may not start with: the forum is worded by ``wording.decision_sentence``.
FORUM_OPENINGS = ("kommunalbestyrelsen", "byrådet", "udvalget")

#: The catalog section as read: its info, file, line, and the line of its date.
InfoRead = tuple[model.CatalogInfo, str, int, int]


def validate(located: list[Located], info: InfoRead | None, today: dt.date,
             errors: Problems, warnings: Problems, *, references: bool = True) -> None:
    """Check every rule across ``located`` items; record errors and warnings.

    ``references=False`` leaves out the references between items (when a file could not be read).
    """
    by_id = _unique_ids(located, errors)
    sheet_names: dict[str, str] = {}
    for loc in located:
        for obj in [loc.item, *sub_items(loc.item)]:
            raw = loc.raw_of(obj.id)
            if references:
                _check_references(obj, by_id, loc.label, raw, errors)
            _check_fields(obj, loc.label, raw, errors)
            if isinstance(obj, model.LegalAnswer):
                _check_answer(obj, loc.label, raw, today, errors, warnings)
        if isinstance(loc.item, model.Source):
            _check_source(loc.item, loc.label, loc.raw, today, errors)
        if isinstance(loc.item, model.Theme):
            _check_theme_links(loc.item, loc, errors)
            _check_sheet_name(loc.item, loc.label, loc.raw, sheet_names, errors)
    if info is None:
        errors.append(Problem("", "kataloget mangler afsnittet 'catalog:' med version, date og title"))
    elif info[0].date > today:
        errors.add(info[1], info[3], f"afsnittet 'catalog': datoen {info[0].date.isoformat()} ligger i fremtiden")


def check_readability(located: list[Located], warnings: Problems) -> list[lix.KindFigures]:
    """Warn about every text above its LIX goal and every kind whose median is above its goal."""
    measured: list[lix.Measured] = []
    for loc in located:
        for obj in [loc.item, *sub_items(loc.item)]:
            for m in lix.measure(obj):
                measured.append(m)
                if m.kind in lix.WARNED_KINDS and round(m.value) > lix.GOALS[m.kind]:
                    warnings.add(loc.label, loc.raw_of(obj.id).line_of(m.field),
                                 f"LIX {m.value:.0f} er over målet på højst {lix.GOALS[m.kind]:.0f} "
                                 "(skriv kortere sætninger og færre lange ord)", obj=obj, field=m.field)
    found = lix.figures(measured)
    for figures in found:
        goal = lix.MEDIAN_GOALS.get(figures.kind)
        if goal is not None and figures.count >= lix.MEDIAN_MIN_COUNT and round(figures.median) > goal:
            warnings.append(Problem("", f"LIX-medianen for {lix.KIND_LABELS[figures.kind]} er "
                                        f"{figures.median:.0f}, over målet på højst {goal:.0f}"))
    return found


def _unique_ids(located: list[Located], errors: Problems) -> dict[str, tuple[object, Located]]:
    by_id: dict[str, tuple[object, Located]] = {}
    for loc in located:
        for obj in [loc.item, *sub_items(loc.item)]:
            if obj.id in by_id:
                first = by_id[obj.id][1]
                errors.add(loc.label, loc.line_of(obj.id),
                           f"id'et er brugt før ({first.label}:{first.line_of(obj.id)})", obj=obj)
            else:
                by_id[obj.id] = (obj, loc)
    return by_id


def _check_references(obj: object, by_id: dict[str, tuple[object, Located]], label: str, raw: LineDict,
                      errors: Problems) -> None:
    for f in dataclasses.fields(obj):
        target = REFERENCES.get((type(obj), f.name))
        if target is None:
            continue
        for ref in getattr(obj, f.name):
            found = by_id.get(ref, (None,))[0]
            if not isinstance(found, target):
                errors.add(label, raw.line_of(f.name), f"henviser til ukendt {KIND_NAMES[target]} '{ref}'",
                           obj=obj, field=f.name)


def _check_fields(obj: object, label: str, raw: LineDict, errors: Problems) -> None:
    """Check the fields of one item whose rules do not depend on other items."""
    if isinstance(obj, model.Decision):
        first = obj.text.split(maxsplit=1)[0].casefold().rstrip(",")
        if first in FORUM_OPENINGS or obj.text.endswith("."):
            errors.add(label, raw.line_of("text"), "skriv kun det, der følger efter »at« (fx »forvaltningen "
                       "udarbejder …«), uden forsamlingens navn og uden punktum til sidst", obj=obj, field="text")
    for area in getattr(obj, "areas", ()):
        if area not in model.AREAS:
            errors.add(label, raw.line_of("areas"),
                       f"'{area}' er ikke et fagområde (kendte: {', '.join(model.AREAS)})", obj=obj, field="areas")


def _check_answer(answer: model.LegalAnswer, label: str, raw: LineDict, today: dt.date,
                  errors: Problems, warnings: Problems) -> None:
    if answer.reviewed > today:
        errors.add(label, raw.line_of("reviewed"), f"datoen {answer.reviewed.isoformat()} ligger i fremtiden",
                   obj=answer, field="reviewed")
    elif (today - answer.reviewed).days > REVIEW_MAX_AGE_DAYS:
        warnings.add(label, raw.line_of("reviewed"), f"senest gennemgået {answer.reviewed.isoformat()}, over "
                     "12 måneder siden: gennemgå svaret mod kilderne", obj=answer)
    for warning in law.answer_warnings(answer, today):
        warnings.add(label, raw.line_of(warning.field), warning.message, obj=answer, field=warning.field)
    if answer.certainty is not model.Certainty.SIKKER and not answer.certainty_note:
        errors.add(label, raw.line_of("certainty"), f"feltet 'certainty_note' mangler: et svar, der er "
                   f"'{answer.certainty.value}', skal sige, hvad der er usikkert, og hvem man spørger", obj=answer)


def _check_url(url: str) -> str | None:
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https"):
        return f"'{url}' er ikke en gyldig URL (skal begynde med https:// eller http://)"
    host = parts.hostname or ""
    if not host or "." not in host or any(c.isspace() for c in url):
        return f"'{url}' er ikke en gyldig URL"
    return None


def _check_source(source: model.Source, label: str, raw: LineDict, today: dt.date, errors: Problems) -> None:
    problem = _check_url(source.url)
    if problem:
        errors.add(label, raw.line_of("url"), problem, obj=source, field="url")
    if source.date > today:
        errors.add(label, raw.line_of("date"), f"datoen {source.date.isoformat()} ligger i fremtiden",
                   obj=source, field="date")


def _check_theme_links(theme: model.Theme, loc: Located, errors: Problems) -> None:
    """A statement may only point to decisions of its own theme."""
    own = {d.id for d in theme.decisions}
    for item in theme.checklist:
        for ref in item.decisions:
            if ref not in own:
                errors.add(loc.label, loc.raw_of(item.id).line_of("decisions"),
                           f"'{ref}' er ikke en beslutning i temaet '{theme.id}'", obj=item, field="decisions")


def _check_sheet_name(theme: model.Theme, label: str, raw: LineDict, sheet_names: dict[str, str],
                      errors: Problems) -> None:
    name, line = theme.short_title, raw.line_of("short_title")
    bad = sorted(SHEET_FORBIDDEN & set(name))
    if len(name) > 31:
        errors.add(label, line, f"højst 31 tegn (er {len(name)}), det bliver et arknavn i Excel",
                   obj=theme, field="short_title")
    if bad:
        errors.add(label, line, f"tegnene {' '.join(bad)} må ikke stå i et arknavn", obj=theme, field="short_title")
    previous = sheet_names.get(name.casefold())
    if previous:
        errors.add(label, line, f"'{name}' bruges også af temaet '{previous}'", obj=theme, field="short_title")
    sheet_names[name.casefold()] = theme.id
    if not 1 <= theme.minutes <= 240:
        errors.add(label, raw.line_of("minutes"), "skal være mellem 1 og 240", obj=theme, field="minutes")


def overdue_changes(catalog: model.Catalog, on: dt.date, theme_ids: Iterable[str]) -> list[Problem]:
    """Warn about each expected change behind the themes' legal answers whose date lies before ``on``.

    ``on`` is the meeting date: a change still marked "forventet" after its date means the content
    must be brought up to date (adopted, moved or dropped) before the guide goes out.
    """
    topic_ids = dict.fromkeys(t for theme_id in theme_ids for t in catalog.theme(theme_id).legal_topics)
    problems = []
    for topic in map(catalog.legal_topic, topic_ids):
        for answer in topic.answers:
            for change in answer.changes:
                if dated.overdue(change, on):
                    problems.append(Problem(
                        "", f"ændringen »{change.text.rstrip('.')}« var forventet {danish.date(change.date)}, før "
                        f"mødet {danish.date(on)}: ret indholdet, så det siger, hvad der er sket",
                        item=answer.id, field="changes", kind=KIND_NAMES[model.LegalAnswer]))
    return problems
