"""Faults and hostile input on the output side: bad names, OS errors, own outputs, rounding, huge text.

Every input is generated here. OS errors are real: a small tmpfs for a full disk (when the test
may mount one), an unprivileged user for permissions (when the tests run as root).
"""

from __future__ import annotations

import gc
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import openpyxl
import pytest
from pdftext import page_count, pdf_text

from workbook.errors import OutputError

ROOT = Path(__file__).resolve().parents[2]


def test_a_250_byte_name_never_aborts_the_others(tmp_path, fill):
    folder = tmp_path / "ind"
    long_name = "æ" * 122 + ".xlsx"  # 249 bytes; its fejlrapport would need 265
    assert len(long_name.encode()) >= 245
    fill(folder / long_name, {0: "Nej"}, "")  # no name: a problem, so it gets a fejlrapport
    fill(folder / "b.xlsx", {0: "Ja"}, "Bo")
    result = fill.report([folder], tmp_path / "ud", pdf=True)
    assert len(result.summary.respondents) == 2 and not result.rejected
    [report] = (tmp_path / "ud").glob("fejlrapport-*.txt")
    assert len(report.name.encode()) <= 255 and "respondentens navn er ikke udfyldt" in report.read_text().lower()


def test_an_output_name_too_long_is_a_danish_message(tmp_path, fill):
    fill(tmp_path / "ind" / "a.xlsx", {0: "Ja"}, "Anne")
    with pytest.raises(OutputError, match=r"kan ikke skrive \(navnet er for langt\); giv filen eller mappen"):
        fill.report([tmp_path / "ind"], tmp_path / ("x" * 300))


def test_own_outputs_in_the_input_folder_are_skipped_and_foreign_files_named(tmp_path, fill):
    folder = tmp_path / "ind"
    fill(folder / "a.xlsx", {0: "Ja"}, "Anne")
    (folder / "svar.ods").write_bytes(b"PK")
    (folder / "svar.csv").write_text("navn;svar\n")
    first = fill.report([folder], folder)  # the report written into the input folder itself
    second = fill.report([folder], folder)
    assert (folder / "samlet.xlsx").is_file() and len(second.summary.respondents) == 1
    assert second.rejected == [] and second.messages == first.messages == [
        f"{folder / 'svar.csv'}: filen er en .csv-fil, ikke en Excel-projektmappe (.xlsx), og er ikke læst. "
        "Åbn den, gem den som .xlsx, og kør igen",
        f"{folder / 'svar.ods'}: filen er en .ods-fil, ikke en Excel-projektmappe (.xlsx), og er ikke læst. "
        "Åbn den, gem den som .xlsx, og kør igen"]


def test_pdf_and_samlet_show_the_same_rounded_figures(tmp_path, fill):
    # Ja, Ja, Delvist, Nej: readiness 2.5 / 4 = 0.625 -> 63 % in both (half up, not half to even)
    fill(tmp_path / "ind" / "a.xlsx", {0: "Ja", 1: "Ja", 2: "Delvist", 3: "Nej"}, "Anne")
    fill.report([tmp_path / "ind"], tmp_path / "ud", pdf=True)
    assert "1 Frivillige i kommunen 4 udsagn · 100 % besvaret · parathed 63 %" in pdf_text(
        tmp_path / "ud" / "statusrapport.pdf")
    wb = openpyxl.load_workbook(tmp_path / "ud" / "samlet.xlsx")
    header = [c.value for c in wb["Temaer"][1]]
    cell = wb["Temaer"].cell(2, header.index("Parathed") + 1)
    assert cell.value == 0.63 and cell.number_format == "0%"


def test_huge_unbroken_words_render_in_normal_time_cut_in_the_pdf_and_whole_elsewhere(tmp_path, fill):
    word = "x" * 32767
    fill(tmp_path / "normal" / "a.xlsx", {0: {"answer": "Nej", "comment": "Kort.", "owner": "Bo"}}, "Anne")
    start = time.perf_counter()
    fill.report([tmp_path / "normal"], tmp_path / "ud1", pdf=True)
    normal = time.perf_counter() - start
    fill(tmp_path / "stor" / "a.xlsx", {0: {"answer": "Nej", "comment": word, "owner": word}}, word[:1000])
    start = time.perf_counter()
    result = fill.report([tmp_path / "stor"], tmp_path / "ud2", pdf=True)
    huge = time.perf_counter() - start
    assert huge < 3 * normal + 2, (normal, huge)
    text = pdf_text(tmp_path / "ud2" / "statusrapport.pdf")
    assert "var for lange til rapporten og er forkortet her" in text
    assert page_count(tmp_path / "ud2" / "statusrapport.pdf") < 20
    wb = openpyxl.load_workbook(tmp_path / "ud2" / "samlet.xlsx")
    header = [c.value for c in wb["Svar"][1]]
    assert wb["Svar"].cell(2, header.index("Bemærkning") + 1).value == word
    with sqlite3.connect(result.database) as db:
        assert db.execute("SELECT length(comment), length(owner) FROM answers WHERE comment IS NOT NULL"
                          ).fetchone() == (32767, 32767)


@pytest.fixture
def small_disk(tmp_path):
    """A 64 kB tmpfs (needs the right to mount; else the test is skipped)."""
    mount = tmp_path / "disk"
    mount.mkdir()
    if subprocess.run(["mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", str(mount)],
                      capture_output=True).returncode:
        pytest.skip("kan ikke montere et lille tmpfs her")
    yield mount
    gc.collect()  # a zip file openpyxl left open when the disk filled up
    subprocess.run(["umount", "-l", str(mount)], check=True)


def test_disk_full_is_a_danish_message_and_the_earlier_report_stays(small_disk, tmp_path, fill):
    for k in range(3):
        noise = os.urandom(15000).hex()  # does not compress: samlet.xlsx cannot fit in 64 kB
        fill(tmp_path / "ind" / f"s{k}.xlsx", {0: "Nej", 1: {"answer": "Nej", "comment": noise}}, f"P{k}")
    out = small_disk / "rapport"
    out.mkdir()
    (out / "statusrapport.pdf").write_bytes(b"%PDF den gamle")
    with pytest.raises(OutputError) as caught:
        fill.report([tmp_path / "ind"], out, pdf=True, database=tmp_path / "svar.sqlite")
    message = str(caught.value)
    assert message.startswith(str(out)) and "kan ikke skrive (disken er fuld); frigør plads på disken" in message
    assert "No space" not in message and ".workbook-ny-" not in message
    assert (out / "statusrapport.pdf").read_bytes() == b"%PDF den gamle"
    assert sorted(p.name for p in out.iterdir() if not p.name.startswith(".")) == ["statusrapport.pdf"]
    with sqlite3.connect(tmp_path / "svar.sqlite") as db:
        assert db.execute("SELECT COUNT(*) FROM files").fetchone() == (0,)


@pytest.fixture
def shared_tmp():
    """A folder an unprivileged user can reach (pytest's own is private to root)."""
    folder = Path(tempfile.mkdtemp(prefix="workbook-test-"))
    folder.chmod(0o777)
    yield folder
    shutil.rmtree(folder, ignore_errors=True)


def _as_nobody(args: list[str], cwd: Path) -> subprocess.CompletedProcess:
    """Run the CLI as an unprivileged user (root ignores file permissions)."""
    prefix = ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"] if os.geteuid() == 0 else []
    if prefix and not shutil.which("setpriv"):
        pytest.skip("setpriv mangler")
    return subprocess.run([*prefix, sys.executable, "-m", "workbook", *args], cwd=cwd, capture_output=True,
                          text=True, env={**os.environ, "HOME": str(cwd)})


def test_no_permission_is_a_danish_message_for_inputs_and_outputs(shared_tmp, catalog):
    from xlsx_fixtures import make_meeting, write_filled

    meeting = make_meeting(catalog)
    item = catalog.themes[0].checklist[0].id
    readable, hidden, locked = shared_tmp / "ind", shared_tmp / "lukket", shared_tmp / "ud"
    for folder, name in ((readable, "Anne"), (hidden, "Bo")):
        folder.mkdir()
        write_filled(folder / f"{name}.xlsx", catalog, {item: {"answer": "Ja"}}, {"Respondent_navn": name},
                     meeting=meeting).chmod(0o644)
    readable.chmod(0o755)
    hidden.chmod(0o700)
    locked.mkdir(mode=0o555)
    locked.chmod(0o555)
    run = _as_nobody(["report", str(readable), str(hidden), "-o", str(shared_tmp / "ud2")], shared_tmp)
    assert run.returncode == 0, run.stderr
    assert run.stderr == f"{hidden}: kan ikke læse (adgang nægtet); giv dig selv adgang til stedet, eller vælg " \
                         "en anden mappe\n"
    denied = _as_nobody(["report", str(readable), "-o", str(locked / "rapport")], shared_tmp)
    assert denied.returncode == 1 and "Traceback" not in denied.stderr and "Permission" not in denied.stderr
    assert denied.stderr.startswith(f"Fejl: {locked / 'rapport'}: kan ikke skrive (adgang nægtet)"), denied.stderr
