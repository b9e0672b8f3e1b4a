"""Generate one meeting file per Danish municipality (98) for the batch build bench.

Usage: ``python -m bench.make_meetings OUTDIR [--count N] [--themes K]``. Names come from
``examples/kommuner.txt``; forum, themes, date and start time vary deterministically with the
municipality's place in the list, so two runs give identical files.
"""

from __future__ import annotations

import argparse
import datetime as dt
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NAMES_FILE = ROOT / "examples" / "kommuner.txt"

COMMITTEES = (
    "Social- og Sundhedsudvalget",
    "Beskæftigelsesudvalget",
    "Børne- og Ungeudvalget",
    "Kultur- og Fritidsudvalget",
    "Økonomiudvalget",
)
#: The city council of Copenhagen has its own name; every other council is a kommunalbestyrelse.
COUNCIL_NAMES = {"Københavns Kommune": "Borgerrepræsentationen"}
START_TIMES = ("08:30", "13:00", "15:00", "16:30", "19:00")
FIRST_DAY = dt.date(2027, 1, 11)


def read_names(path: Path = NAMES_FILE) -> list[str]:
    """Return the municipality names in the data file (blank lines and ``#`` comments skipped)."""
    lines = (line.strip() for line in path.read_text(encoding="utf-8").splitlines())
    return [line for line in lines if line and not line.startswith("#")]


def _weekday(index: int) -> dt.date:
    """Spread the meetings over working days: every third working day from FIRST_DAY."""
    day, steps = FIRST_DAY, index * 3
    while steps:
        day += dt.timedelta(days=1)
        if day.weekday() < 5:
            steps -= 1
    return day


def meeting_values(index: int, name: str, theme_ids: list[str], minutes: dict[str, int],
                   themes: int | None = None) -> dict[str, object]:
    """Return the values of the meeting file for the ``index``-th municipality ``name``."""
    council = COUNCIL_NAMES.get(name, "Kommunalbestyrelsen")
    if index % 3 == 0:
        forum, title = council, "Temamøde om velfærdsalliancer"
    else:
        forum = COMMITTEES[index % len(COMMITTEES)]
        title = "Drøftelse af velfærdsalliancer på udvalgets område"
    count = themes if themes is not None else 2 + index % 3
    count = max(1, min(count, len(theme_ids)))
    chosen = [theme_ids[(index + k) % len(theme_ids)] for k in range(count)]
    return {
        "kommune": name,
        "forum": forum,
        "titel": title,
        "dato": _weekday(index),
        "starttid": START_TIMES[index % len(START_TIMES)],
        "sted": f"Rådhuset, mødelokale {1 + index % 4}",
        "kontakt": f"Sekretariatet for {forum}, {name}",
        "temaer": [{"id": t, "minutter": minutes[t]} for t in chosen],
    }


def make_meetings(out_dir: Path, *, count: int | None = None, themes: int | None = None,
                  names_file: Path = NAMES_FILE) -> list[Path]:
    """Write one valid meeting file per municipality into ``out_dir``; return their paths."""
    from workbook.content.load import load_catalog
    from workbook.meeting.load import slugify
    from workbook.meeting.write import write_meeting_file

    catalog = load_catalog()
    theme_ids = list(catalog.theme_ids)
    minutes = {t.id: t.minutes for t in catalog.themes}
    names = read_names(names_file)[:count]
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    paths = []
    for index, name in enumerate(names):
        path = out_dir / f"{slugify(name)}.yaml"
        write_meeting_file(path, meeting_values(index, name, theme_ids, minutes, themes), catalog)
        paths.append(path)
    return paths


def main(argv: list[str] | None = None) -> list[Path]:
    """Parse the command line and write the meeting files."""
    parser = argparse.ArgumentParser(prog="python -m bench.make_meetings", description=__doc__)
    parser.add_argument("out_dir", type=Path, help="mappe til mødefilerne")
    parser.add_argument("--count", type=int, default=None, help="kun de første N kommuner")
    parser.add_argument("--themes", type=int, default=None, help="fast antal temaer pr. møde")
    args = parser.parse_args(argv)
    paths = make_meetings(args.out_dir, count=args.count, themes=args.themes)
    print(f"{len(paths)} mødefiler skrevet i {args.out_dir}/")
    return paths


if __name__ == "__main__":
    main()
