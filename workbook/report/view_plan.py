"""The report's proposing parts as view data: the written summary, action plan, comments, groups, comparison.

Facts only: every sentence is worded in the templates, from the values prepared here.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from markupsafe import Markup

from workbook.danish import date_short
from workbook.report.aggregate import ACTION_ANSWERS, NO_PRIORITY, UNKNOWN, ActionItem, Summary, share_text
from workbook.report.charts import change_bars
from workbook.report.compare import Change, Comparison
from workbook.report.groups import GroupFigures
from workbook.report.layout_text import SHORT_LIMIT, STATEMENT_LIMIT, Cuts
from workbook.xlsx import layout as L

#: How many disagreements and unclear statements the written summary names.
LEAD_ITEMS = 3
#: A statement is unclear when at least this share of its answers is «Ved ikke».
UNCLEAR_SHARE = 0.25


def deadline_text(value: dt.date | str | None) -> str:
    """Return a deadline for print: ``01.03.2027`` (the one short date style) or the text as typed."""
    if isinstance(value, dt.date):
        return date_short(value)
    return value or ""


@dataclass(frozen=True)
class ActionView:
    number: str
    statement: str
    counts: tuple[tuple[str, int], ...]
    owners: tuple[str, ...]
    deadlines: tuple[str, ...]
    comments: tuple[tuple[str, str, str], ...]
    decisions: tuple[str, ...]


@dataclass(frozen=True)
class ActionGroup:
    priority: str
    heading: str
    rows: tuple[ActionView, ...]


def _comments(summary: Summary, item_id: str, cut: Cuts) -> tuple[tuple[str, str, str], ...]:
    return tuple((cut(c.respondent, SHORT_LIMIT), c.answer, cut(c.text)) for c in summary.comments(item_id))


def _action_view(a: ActionItem, summary: Summary, cut: Cuts) -> ActionView:
    counts = tuple((k, a.counts.by_answer[k]) for k in (*ACTION_ANSWERS, UNKNOWN) if a.counts.by_answer[k])
    return ActionView(a.number, cut(a.statement, STATEMENT_LIMIT), counts,
                      tuple(cut(o, SHORT_LIMIT) for o in a.owners),
                      tuple(cut(deadline_text(d), SHORT_LIMIT) for d in a.deadlines),
                      _comments(summary, a.item_id, cut),
                      tuple(cut(d.text, STATEMENT_LIMIT) for d in a.decisions))


def action_groups(summary: Summary, cut: Cuts) -> list[ActionGroup]:
    """The action plan, one row per statement, grouped by its highest priority."""
    groups = []
    for priority in (*L.PRIORITIES, NO_PRIORITY):
        rows = tuple(_action_view(a, summary, cut) for a in summary.actions if a.priority == priority)
        if rows:
            heading = f"Prioritet: {priority}" if priority != NO_PRIORITY else "Uden prioritet"
            groups.append(ActionGroup(priority, heading, rows))
    return groups


def other_comments(summary: Summary, cut: Cuts) -> list[dict[str, object]]:
    """Comments on statements that are not in the action plan (so every comment is shown once)."""
    planned = {a.item_id for a in summary.actions}
    return [{"number": i.number, "statement": cut(i.statement, STATEMENT_LIMIT),
             "comments": _comments(summary, i.item_id, cut)}
            for t in summary.themes for i in t.items if i.comment_count and i.item_id not in planned]


def lead(summary: Summary) -> dict[str, object]:
    """The facts of the written summary: weakest and strongest theme, disagreements, what is unresolved."""
    rated = [t for t in summary.themes if t.counts.readiness is not None]
    ranked = sorted(rated, key=lambda t: (t.counts.readiness, t.number))
    disagreements = sorted(summary.disagreements,
                           key=lambda ti: (-min(ti[1].counts.by_answer["Ja"], ti[1].counts.by_answer["Nej"]),
                                           ti[0].number, ti[1].position))
    unclear = [i for t in summary.themes for i in t.items
               if (i.counts.unknown_share or 0) >= UNCLEAR_SHARE]
    unclear.sort(key=lambda i: -(i.counts.unknown_share or 0))
    return {
        "weakest": _theme_fact(ranked[0]) if ranked else None,
        "strongest": _theme_fact(ranked[-1]) if len(ranked) > 1 else None,
        "disagreements": [{"number": i.number, "statement": i.statement, "yes": i.counts.by_answer["Ja"],
                           "no": i.counts.by_answer["Nej"]} for _, i in disagreements[:LEAD_ITEMS]],
        "disagreement_count": len(disagreements),
        "unknown": summary.counts.by_answer[UNKNOWN],
        "unclear": [{"number": i.number, "statement": i.statement, "share": share_text(i.counts.unknown_share)}
                    for i in unclear[:LEAD_ITEMS]],
        "unclear_count": len(unclear),
        "unanswered": summary.counts.unanswered,
        "actions": len(summary.actions),
        "without_owner": sum(1 for a in summary.actions if not a.owners),
        "without_deadline": sum(1 for a in summary.actions if not a.deadlines),
    }


def _theme_fact(theme) -> dict[str, object]:
    return {"number": theme.number, "title": theme.title, "readiness": share_text(theme.counts.readiness)}


def group_view(summary: Summary, groups: list[GroupFigures]) -> dict[str, object] | None:
    """The group comparison table: a row per shown group, a readiness column per theme."""
    if not groups:
        return None
    themes = [(t.theme_id, f"{t.number}. {t.short_title}") for t in summary.themes]
    rows = [{"name": g.name, "respondents": g.respondents,
             "cells": [share_text(g.themes[t].readiness) if t in g.themes else share_text(None) for t, _ in themes]}
            for g in groups]
    return {"themes": [label for _, label in themes], "rows": rows}


def _points(value: int | None) -> str:
    if value is None:
        return share_text(None)
    return f"{'+' if value > 0 else ''}{value}".replace("-", "−")


def _change_row(change: Change, cut: Cuts) -> dict[str, str]:
    return {"number": change.number, "label": cut(change.label, STATEMENT_LIMIT),
            "readiness_then": share_text(change.readiness_then), "readiness_now": share_text(change.readiness_now),
            "readiness_change": _points(change.readiness_points),
            "unknown_then": share_text(change.unknown_then), "unknown_now": share_text(change.unknown_now),
            "unknown_change": _points(change.unknown_points)}


def comparison_view(comparison: Comparison, cut: Cuts) -> dict[str, object]:
    """The round comparison: a chart of the change per theme and tables per theme and statement."""
    bars = [(f"{c.number}. {c.label}", c.readiness_points) for c in comparison.themes]
    title = f"Ændring i parathed pr. tema siden runde {comparison.round}"
    chart: Markup = change_bars(bars, title)
    return {"round": comparison.round, "respondents_then": comparison.respondents_then, "chart": chart,
            "title": title, "themes": [_change_row(c, cut) for c in comparison.themes],
            "statements": [_change_row(c, cut) for c in comparison.items]}
