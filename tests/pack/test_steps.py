"""Tests of the next steps the pack's index gives the consultant."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from workbook.meeting.load import load_meeting
from workbook.pack.steps import Contact, next_steps, split_contact

EXAMPLES = Path(__file__).resolve().parent.parent.parent / "examples"


def test_split_contact_picks_out_the_name_and_the_first_email():
    contact = split_contact("Jonas Brandt, frivillighedskonsulent, jobr@skovlund.dk, 76 54 32 10")
    assert contact == Contact("Jonas Brandt, frivillighedskonsulent, ", "jobr@skovlund.dk",
                              ", 76 54 32 10")
    assert contact.name == "Jonas Brandt"
    assert split_contact("Mette Holm, tlf. 72 10 20 30") == Contact("Mette Holm, tlf. 72 10 20 30")
    assert split_contact("meho@fjordby.dk").name == "meho@fjordby.dk"


def test_next_steps_name_the_forum_contact_and_commands(catalog):
    meeting = load_meeting(EXAMPLES / "socialudvalg.yaml", catalog)
    steps = next_steps(meeting, "selvevaluering.xlsx")
    assert steps.forum == "Social- og Sundhedsudvalget"
    assert steps.contact.name == "Jonas Brandt"
    assert steps.personal_command == "workbook checklist socialudvalg.yaml --respondenter FIL"
    assert steps.report_command == "workbook report MAPPE --moede socialudvalg.yaml"


def test_next_steps_quote_a_meeting_file_that_brings_its_local_content(catalog):
    meeting = load_meeting(EXAMPLES / "socialudvalg.yaml", catalog)
    moved = dataclasses.replace(meeting, path=Path("/m/mit møde.yaml"),
                                content_path=Path("/m/indhold/fjordby.xlsx"))
    steps = next_steps(moved, "selvevaluering.xlsx")
    assert steps.personal_command == "workbook checklist 'mit møde.yaml' --respondenter FIL"
    assert steps.report_command == "workbook report MAPPE --moede 'mit møde.yaml'"
