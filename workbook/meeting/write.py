"""Write a meeting file: the text of the file for a set of values, checked by loading it, then saved."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import yaml

from workbook.content.model import Catalog
from workbook.content.yamlio import parse_yaml
from workbook.errors import MeetingError, YamlError
from workbook.files import write_text_atomic
from workbook.meeting.load import meeting_from_data
from workbook.meeting.model import KEY, KEYS, Meeting

HEADER = "# Mødefil til workbook. Ret felterne, og kør fx: workbook build <denne fil>"


def _line(key: str, value: object) -> list[str]:
    comment = f"  # {KEY[key].description}"
    if isinstance(value, list | tuple):
        return [f"{key}:{comment}", *(f"  - {_scalar(v)}" for v in value)]
    if key == "starttid":
        return [f'{key}: "{value}"{comment}']
    return [f"{key}: {_scalar(value)}{comment}"]


def _scalar(value: object) -> str:
    if isinstance(value, dt.date):
        value = value.isoformat()
    dumped = yaml.safe_dump({"x": value}, allow_unicode=True, default_flow_style=False, width=1000)
    return dumped.strip().removeprefix("x: ")


def render_meeting_yaml(values: dict[str, object]) -> str:
    """Return the text of a meeting file for ``values`` (Danish keys), with a short header."""
    lines = [HEADER, ""]
    for key in KEYS:
        if key.name in ("temaer", "id") or values.get(key.name) in (None, "", [], ()):
            continue
        lines.extend(_line(key.name, values[key.name]))
    lines.append("temaer:  # " + KEY["temaer"].description)
    for theme in values.get("temaer", []):
        lines.append(f"  - id: {theme['id']}")
        lines.append(f"    minutter: {theme['minutter']}")
    return "\n".join(lines) + "\n"


def write_meeting_file(path: Path, values: dict[str, object], catalog: Catalog) -> Meeting:
    """Write a meeting file atomically after checking that it loads; return the loaded meeting."""
    path = Path(path)
    text = render_meeting_yaml(values)
    try:
        data = parse_yaml(text, str(path))
    except YamlError as exc:  # pragma: no cover - we wrote it with safe_dump
        raise MeetingError([exc.problem]) from None
    meeting = meeting_from_data(data, path, catalog)
    write_text_atomic(path, text)
    return meeting
