"""The status report's view model: every number, percentage, label and chart prepared for the template."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from markupsafe import Markup

from workbook import __version__, danish
from workbook.report.aggregate import NO_PRIORITY, ActionRow, Counts, Summary
from workbook.report.charts import UNANSWERED, BarRow, describe, stacked_bars
from workbook.xlsx import layout as L

REPORT_TITLE = "Statusrapport"


def deadline_text(value: dt.date | str | None) -> str:
    """Return a deadline for print: ``1.3.2027`` or the text as typed."""
    if isinstance(value, dt.date):
        return f"{value.day}.{value.month}.{value.year}"
    return value or ""


@dataclass(frozen=True)
class FigureRow:
    """One row of a figures table: label, counts per answer, unanswered, readiness."""

    label: str
    number: str
    total: int
    cells: tuple[int, ...]
    unanswered: int
    readiness: str
    disagreement: bool = False


def _figure_row(label: str, number: str, counts: Counts, disagreement: bool = False) -> FigureRow:
    return FigureRow(label, number, counts.total, tuple(counts.by_answer[a] for a in L.SCALE),
                     counts.unanswered, danish.percent(counts.readiness), disagreement)


def _bar(label: str, counts: Counts) -> BarRow:
    values = dict(counts.by_answer)
    values[UNANSWERED] = counts.unanswered
    return BarRow(label, values, danish.percent(counts.readiness))


@dataclass(frozen=True)
class ThemeView:
    number: int
    title: str
    readiness: str
    statements: int
    answered: str
    chart: Markup
    rows: tuple[FigureRow, ...]
    statement_texts: tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class ActionGroup:
    priority: str
    heading: str
    rows: tuple[ActionRow, ...]


def _theme_views(summary: Summary) -> list[ThemeView]:
    themes = []
    for t in summary.themes:
        bars = [_bar(f"{i.number}", i.counts) for i in t.items]
        counts = t.counts
        themes.append(ThemeView(
            t.number, t.title, danish.percent(counts.readiness), len(t.items),
            danish.percent(counts.answered / counts.total if counts.total else None),
            stacked_bars(bars, f"Svarfordeling for tema {t.number}: {t.title}", describe(bars),
                         label_width=40, bar_width=380),
            tuple(_figure_row(i.statement, i.number, i.counts, i.disagreement) for i in t.items),
            tuple((i.number, i.statement) for i in t.items)))
    return themes


def _action_groups(summary: Summary) -> list[ActionGroup]:
    groups = []
    for priority in (*L.PRIORITIES, NO_PRIORITY):
        rows = tuple(a for a in summary.actions if a.priority == priority)
        if rows:
            heading = f"Prioritet: {priority}" if priority != NO_PRIORITY else "Uden prioritet"
            groups.append(ActionGroup(priority, heading, rows))
    return groups


def build_view(summary: Summary, *, rejected: list[str], warnings: int, today: dt.date,
               rejected_count: int = 0, duplicates: int = 0) -> dict:
    """Return the template's view model for ``summary`` and what happened to the input files.

    ``rejected`` names the files that could not be read (empty with ``anonym``), ``rejected_count``
    counts them, ``duplicates`` counts the copies skipped and ``warnings`` the problems found.
    """
    meta = summary.meta
    total = summary.counts
    overview_bars = [_bar(f"{t.number}. {t.short_title}", t.counts) for t in summary.themes]
    overview_title = "Svarfordeling og parathed pr. tema"
    municipality = meta.get(L.MetaKey.MUNICIPALITY, "")
    title = meta.get(L.MetaKey.MEETING_TITLE, "")
    return {
        "doc_title": f"{REPORT_TITLE}: {title}" if title else REPORT_TITLE,
        "title": REPORT_TITLE,
        "meeting_title": title,
        "municipality": municipality,
        "meeting_date": danish.date_text(meta.get(L.MetaKey.MEETING_DATE, "")),
        "made": danish.date(today),
        "catalog_title": summary.catalog_title,
        "catalog_version": summary.catalog_version,
        "catalog_date": danish.date(summary.catalog_date),
        "tool_version": __version__,
        "html": False,
        "inline_css": "",
        "anonym": summary.anonym,
        "scale": L.SCALE,
        "respondent_count": len(summary.respondents),
        "statement_count": sum(len(t.items) for t in summary.themes),
        "answered_share": danish.percent(total.answered / total.total if total.total else None),
        "readiness": danish.percent(total.readiness),
        "overview_chart": stacked_bars(overview_bars, overview_title, describe(overview_bars)),
        "overview_title": overview_title,
        "overview_rows": [_figure_row(f"{t.number}. {t.title}", str(t.number), t.counts)
                          for t in summary.themes],
        "overview_total": _figure_row("I alt", "", total),
        "themes": _theme_views(summary),
        "disagreements": [(t.number, i.number, i.statement, i.counts.by_answer)
                          for t, i in summary.disagreements],
        "action_groups": _action_groups(summary),
        "action_count": len(summary.actions),
        "respondents": summary.respondents,
        "rejected": rejected,
        "rejected_count": rejected_count,
        "duplicates": duplicates,
        "warnings": warnings,
        "deadline": deadline_text,
    }
