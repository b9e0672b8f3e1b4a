"""Make the README's pictures from the examples: a guide page, a workbook sheet and a report page.

Run by ``make pictures``. It builds the socialudvalg example's guide and workbook, fills six copies
of the workbook with answers as respondents would (a fixed random seed, so the pictures only change
when the documents do), reads them back with ``workbook report``, and renders one page of each
document to ``docs/billeder/*.png`` with LibreOffice (the workbook) and pdftoppm.
"""

from __future__ import annotations

import random
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MEETING = ROOT / "examples" / "socialudvalg.yaml"
TARGET = ROOT / "docs" / "billeder"
PEOPLE = (("Anne Holm", "leder"), ("Bo Jensen", "leder"), ("Camilla Berg", "medarbejder"),
          ("Dan Friis", "medarbejder"), ("Eva Lund", "politiker"), ("Finn Skov", "politiker"))


def _fill(folder: Path) -> list[Path]:
    """Write six filled workbooks for the example meeting; return their paths."""
    from workbook import app
    from workbook.xlsx.layout import COLUMN_BY_KEY, NAME_RESPONDENT, NAME_ROLE, PRIORITIES, SCALE
    from workbook.xlsx.write import build_workbook, item_rows

    meeting, catalog = app.load_meeting(MEETING)
    columns = {c.key: i for i, c in enumerate(COLUMN_BY_KEY.values(), start=1)}
    rng = random.Random(2027)
    files = []
    for name, role in PEOPLE:
        wb = build_workbook(meeting, catalog)
        for sheet, row in item_rows(wb).values():
            answer = rng.choices(SCALE, weights=(5, 4, 2, 2, 1))[0]
            wb[sheet].cell(row, columns["answer"]).value = answer
            if answer in ("Nej", "Delvist"):
                wb[sheet].cell(row, columns["priority"]).value = rng.choice(PRIORITIES)
        for defined, value in ((NAME_RESPONDENT, name), (NAME_ROLE, role)):
            [(sheet, ref)] = list(wb.defined_names[defined].destinations)
            wb[sheet][ref.replace("$", "")].value = value
        target = folder / f"selvevaluering-{name.split()[0].lower()}.xlsx"
        wb.save(target)
        files.append(target)
    return files


def _page_with(pdf: Path, needle: str) -> int:
    """Return the number of the first page of ``pdf`` whose text holds ``needle`` (else 1)."""
    pages = int(next(line.split()[-1] for line in subprocess.run(
        ["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout.splitlines()
        if line.startswith("Pages:")))
    for page in range(1, pages + 1):
        text = subprocess.run(["pdftotext", "-f", str(page), "-l", str(page), str(pdf), "-"],
                              capture_output=True, text=True, check=True).stdout
        if needle in text:
            return page
    return 1


def _png(pdf: Path, page: int, name: str) -> Path:
    stem = TARGET / name
    subprocess.run(["pdftoppm", "-png", "-r", "70", "-singlefile", "-f", str(page), "-l", str(page),
                    str(pdf), str(stem)], check=True)
    return stem.with_suffix(".png")


def main() -> int:
    from workbook import app

    TARGET.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        guide = app.make_guide(MEETING, output=work / "guide.pdf")
        filled = work / "svar"
        filled.mkdir()
        files = _fill(filled)
        app.make_report([filled], out_dir=work / "rapport")
        report = next((work / "rapport").rglob("statusrapport.pdf"))
        sheet_dir = work / "ark"
        subprocess.run([shutil.which("soffice") or "soffice", "--headless", "--convert-to", "pdf",
                        "--outdir", str(sheet_dir), str(files[0])], check=True,
                       capture_output=True, timeout=180)
        sheet = next(sheet_dir.glob("*.pdf"))
        made = [_png(guide, _page_with(guide, "Spørgsmål til drøftelse"), "guide-side"),
                _png(sheet, _page_with(sheet, "Ansvarlig"), "selvevaluering-ark"),
                _png(report, 1, "statusrapport-side")]
    for path in made:
        print(path.relative_to(ROOT))
    return 0


if __name__ == "__main__":
    sys.exit(main())
