"""The action plan's comments gathered in the Svar pass (``summary_rows.CommentLines``)."""

from __future__ import annotations

from workbook.report.summary_rows import CommentLines
from workbook.report.xlsx_rows import EXCEL_TEXT_LIMIT


def _gathered(lines: int, text: str = "bemærkning") -> tuple[CommentLines, list[str]]:
    comments = CommentLines({"a", "b"})
    expected = []
    for n in range(lines):
        answer = "Nej" if n % 3 else None
        comments.add("a", f"Respondent {n + 1}", answer, f"{text} {n}")
        comments.add("c", "Respondent 1", "Nej", "not in the action plan")
        expected.append(f"Respondent {n + 1} (Nej): {text} {n}" if answer else f"Respondent {n + 1}: {text} {n}")
    comments.complete = True
    return comments, expected


def test_lines_come_in_respondent_order_across_the_joined_pieces():
    comments, expected = _gathered(3 * CommentLines.JOIN_EVERY + 5)
    assert comments.joined("a") == "\n".join(expected)
    assert comments.joined("b") == "" and comments.joined("c") == ""


def test_no_more_is_kept_than_a_cell_holds():
    comments, expected = _gathered(2000, "x" * 100)
    kept = comments.joined("a")
    assert len(kept) > EXCEL_TEXT_LIMIT and expected[0] in kept
    assert kept.count("\n") < 400 and "\n".join(expected).startswith(kept)
