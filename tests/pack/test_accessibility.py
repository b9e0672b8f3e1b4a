"""axe-core in headless Chromium over the HTML guide (full and short) and the pack's index.html.

One browser session for every page. Chromium and chromedriver come from Debian, axe-core from npm;
``make test`` installs all three (``WORKBOOK_AXE`` names the axe.min.js it fetched).
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from workbook.guide.make import render_guide
from workbook.meeting.load import load_meeting
from workbook.pack.build import build_packs

ROOT = Path(__file__).resolve().parent.parent.parent
EXAMPLES = ROOT / "examples"
CHROMIUM, CHROMEDRIVER = shutil.which("chromium"), shutil.which("chromedriver")


def _axe_source() -> Path | None:
    given = os.environ.get("WORKBOOK_AXE")
    if given:
        return Path(given)
    found = sorted(ROOT.glob(".venv/axe-core-*/axe.min.js"))
    return found[-1] if found else None


AXE = _axe_source()
needs_browser = pytest.mark.skipif(
    CHROMIUM is None or CHROMEDRIVER is None or AXE is None or not AXE.is_file(),
    reason="Chromium, chromedriver eller axe-core mangler (make test installerer dem)")


def _violations(pages: list[Path]) -> dict[str, list[dict]]:
    from selenium import webdriver
    from selenium.webdriver.chrome.options import Options
    from selenium.webdriver.chrome.service import Service

    options = Options()
    for arg in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"):
        options.add_argument(arg)
    options.binary_location = CHROMIUM
    axe = AXE.read_text(encoding="utf-8")
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    try:
        driver.set_script_timeout(120)
        found = {}
        for page in pages:
            driver.get(page.resolve().as_uri())
            driver.execute_script(axe)
            found[f"{page.parent.name}/{page.name}"] = driver.execute_async_script(
                "const done = arguments[arguments.length - 1];"
                "axe.run(document).then(r => done(r.violations), e => done([{impact: 'critical',"
                " id: 'axe-error', nodes: [], help: String(e)}]));")
        return found
    finally:
        driver.quit()


@needs_browser
@pytest.mark.browser
@pytest.mark.slow
def test_html_guides_and_index_have_no_serious_or_critical_violations(tmp_path, catalog):
    council = load_meeting(EXAMPLES / "kommunalbestyrelse-temamoede.yaml", catalog)
    pages = [render_guide(council, catalog, tmp_path / "fuld.html", fmt="html"),
             render_guide(council, catalog, tmp_path / "kort.html", variant="kort", fmt="html")]
    # Both kinds of index: a committee's without a logo, the council's with its logo.
    result = build_packs([EXAMPLES / "socialudvalg.yaml", EXAMPLES / "kommunalbestyrelse-temamoede.yaml"],
                         out_dir=tmp_path / "pakke", jobs=2)
    assert not result.failed
    pages += [outcome.folder / "index.html" for outcome in result.built]
    found = _violations(pages)
    indexes = {"socialudvalg/index.html", "kommunalbestyrelse-temamoede/index.html"}
    assert set(found) == {f"{tmp_path.name}/fuld.html", f"{tmp_path.name}/kort.html", *indexes}
    bad = {name: [(v["id"], v["impact"], len(v["nodes"])) for v in violations
                  if v["impact"] in ("serious", "critical")]
           for name, violations in found.items()}
    assert bad == {name: [] for name in found}
