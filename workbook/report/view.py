"""The status report's view model: every number, percentage, label and chart prepared for the template.

Pure: a ``Summary`` (and what happened to the input files) in, a dict for ``report.html`` out.
The action plan, written summary, groups and comparison are prepared in ``view_plan``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from markupsafe import Markup

from workbook import __version__
from workbook.danish import date as date_long
from workbook.danish import date_text
from workbook.report.aggregate import Counts, Summary, share_text
from workbook.report.charts import UNANSWERED, BarRow, describe, stacked_bars
from workbook.report.compare import Comparison
from workbook.report.groups import GroupFigures
from workbook.report.layout_text import SHORT_LIMIT, STATEMENT_LIMIT, Cuts
from workbook.report.view_plan import (
    action_groups,
    comparison_view,
    group_view,
    lead,
    other_comments,
)
from workbook.xlsx import layout as L

REPORT_TITLE = "Statusrapport"


@dataclass(frozen=True)
class Intake:
    """What happened to the input files, as the report tells it."""

    rejected: tuple[str, ...] = ()
    """File names that could not be read (empty with ``anonym``)."""
    rejected_count: int = 0
    warnings: int = 0
    duplicates: int = 0
    round: str = ""
    missing: tuple[str, ...] | None = None
    """Names on the respondent list who have not answered (None without a list)."""


@dataclass(frozen=True)
class FigureRow:
    """One row of a figures table: label, counts per answer, unanswered, readiness, «Ved ikke» share."""

    label: str
    number: str
    total: int
    cells: tuple[int, ...]
    unanswered: int
    readiness: str
    unknown: str
    disagreement: bool = False


def _figure_row(label: str, number: str, counts: Counts, disagreement: bool = False) -> FigureRow:
    return FigureRow(label, number, counts.total, tuple(counts.by_answer[a] for a in L.SCALE),
                     counts.unanswered, share_text(counts.readiness), share_text(counts.unknown_share), disagreement)


def _bar(label: str, counts: Counts) -> BarRow:
    values = dict(counts.by_answer)
    values[UNANSWERED] = counts.unanswered
    return BarRow(label, values, share_text(counts.readiness))


@dataclass(frozen=True)
class ThemeView:
    number: int
    title: str
    readiness: str
    unknown: str
    statements: int
    answered: str
    chart: Markup
    rows: tuple[FigureRow, ...]


def _theme_views(summary: Summary, cut: Cuts) -> list[ThemeView]:
    themes = []
    for t in summary.themes:
        bars = [_bar(f"{i.number}", i.counts) for i in t.items]
        counts = t.counts
        themes.append(ThemeView(
            t.number, t.title, share_text(counts.readiness), share_text(counts.unknown_share), len(t.items),
            share_text(counts.answered_share),
            stacked_bars(bars, f"Svarfordeling for tema {t.number}: {t.title}", describe(bars),
                         label_width=40, bar_width=380),
            tuple(_figure_row(cut(i.statement, STATEMENT_LIMIT), i.number, i.counts, i.disagreement)
                  for i in t.items)))
    return themes


def _respondents(summary: Summary, cut: Cuts) -> list[dict[str, object]]:
    return [{"number": r.number, "label": cut(r.label, SHORT_LIMIT), "role": cut(r.role, SHORT_LIMIT),
             "date": date_text(r.date), "file": cut(r.file, SHORT_LIMIT), "answered": r.answered,
             "total": r.total} for r in summary.respondents]


def build_view(summary: Summary, *, intake: Intake, today: dt.date, comparison: Comparison | None = None,
               groups: list[GroupFigures] | None = None) -> dict:
    """Return the template's view model for ``summary`` and what happened to the input files."""
    meta = summary.meta
    total = summary.counts
    cut = Cuts()
    overview_bars = [_bar(f"{t.number}. {t.short_title}", t.counts) for t in summary.themes]
    overview_title = "Svarfordeling og parathed pr. tema"
    title = meta.get(L.MetaKey.MEETING_TITLE, "")
    body = {
        "doc_title": f"{REPORT_TITLE}: {title}" if title else REPORT_TITLE,
        "title": REPORT_TITLE,
        "meeting_title": title,
        "municipality": meta.get(L.MetaKey.MUNICIPALITY, ""),
        "meeting_date": date_text(meta.get(L.MetaKey.MEETING_DATE, "")),
        "made": date_long(today),
        "catalog_title": summary.catalog_title,
        "catalog_version": summary.catalog_version,
        "catalog_date": date_long(summary.catalog_date),
        "tool_version": __version__,
        "html": False,
        "inline_css": "",
        "anonym": summary.anonym,
        "scale": L.SCALE,
        "respondent_count": len(summary.respondents),
        "statement_count": sum(len(t.items) for t in summary.themes),
        "answered_share": share_text(total.answered_share),
        "readiness": share_text(total.readiness),
        "unknown": share_text(total.unknown_share),
        "overview_chart": stacked_bars(overview_bars, overview_title, describe(overview_bars)),
        "overview_title": overview_title,
        "overview_rows": [_figure_row(f"{t.number}. {t.title}", str(t.number), t.counts) for t in summary.themes],
        "overview_total": _figure_row("I alt", "", total),
        "themes": _theme_views(summary, cut),
        "disagreements": [(t.number, i.number, cut(i.statement, STATEMENT_LIMIT), i.counts.by_answer)
                          for t, i in summary.disagreements],
        "lead": lead(summary),
        "action_groups": action_groups(summary, cut),
        "action_count": len(summary.actions),
        "other_comments": other_comments(summary, cut),
        "groups": group_view(summary, groups or []),
        "comparison": comparison_view(comparison, cut) if comparison else None,
        "respondents": _respondents(summary, cut),
        "missing": None if intake.missing is None else [cut(n, SHORT_LIMIT) for n in intake.missing],
        "rejected": [cut(n, SHORT_LIMIT) for n in intake.rejected],
        "rejected_count": intake.rejected_count,
        "duplicates": intake.duplicates,
        "warnings": intake.warnings,
        "round": intake.round,
    }
    return {**body, "cut_count": cut.count}  # counted while the entries above were made
