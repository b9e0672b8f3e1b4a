"""The next steps after the meeting, as the index tells the consultant: who fills in, where, the report.

Only the values come from here (names, commands, the contact's e-mail); the sentences are in
``templates/pack_index.html``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from workbook.meeting.load import Meeting
from workbook.paths import shell_word

_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")


@dataclass(frozen=True)
class Contact:
    """The meeting's contact person as written in the meeting file, with the e-mail split out."""

    before: str
    """The text before the e-mail address (all of it when there is none)."""
    email: str = ""
    after: str = ""

    @property
    def name(self) -> str:
        """The text before the first comma: the person's name (the e-mail when there is none)."""
        return self.before.split(",", 1)[0].strip() or self.email


@dataclass(frozen=True)
class NextSteps:
    """What the index says happens after the meeting."""

    forum: str
    meeting_file: str
    checklist_name: str
    personal_command: str
    """``workbook checklist MØDEFIL --respondenter FIL``: one workbook per person."""
    contact: Contact
    report_command: str
    """``workbook report MAPPE --moede MØDEFIL``: the meeting file brings its local content."""


def split_contact(text: str) -> Contact:
    """Return the contact text with its name and its first e-mail address picked out."""
    found = _EMAIL.search(text)
    if found is None:
        return Contact(text)
    return Contact(text[:found.start()], found.group(0), text[found.end():])


def next_steps(meeting: Meeting, checklist_name: str) -> NextSteps:
    """Prepare the next steps for ``meeting``; commands are run in the meeting file's folder."""
    meeting_file = shell_word(meeting.path.name)
    # The meeting file brings its own content (indhold:), so the report uses the guide's texts.
    report = f"workbook report MAPPE --moede {meeting_file}"
    return NextSteps(
        forum=meeting.forum,
        meeting_file=meeting.path.name,
        checklist_name=checklist_name,
        personal_command=f"workbook checklist {meeting_file} --respondenter FIL",
        contact=split_contact(meeting.contact),
        report_command=report,
    )

