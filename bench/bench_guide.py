"""Benchmark: the full discussion guide for the largest example against WeasyPrint alone.

The baseline does the same work with plain WeasyPrint: it lays out the legal appendix's HTML (the
full guide cites the appendix's pages, so ``render_guide`` lays it out first) and renders the guide's
HTML with ``HTML(string=...).write_pdf(pdf_variant="pdf/ua-1")``: stylesheets inlined, fonts by
absolute file URL, no fetcher, no caches. The ratio shows
what our pipeline adds (template, safe fetcher, log capture, atomic write) or saves (cached CSS and
fonts). Runs are interleaved so a busy machine colours both sides alike.
"""

from __future__ import annotations

import os
import statistics
import tempfile
import time
from pathlib import Path

from pypdf import PdfReader

from workbook.content.load import load_catalog
from workbook.guide.make import STYLESHEETS, TEMPLATE, make_guide, render_guide
from workbook.guide.view import build_view
from workbook.meeting.load import load_meeting
from workbook.render.env import find_template_file, render_html

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "kommunalbestyrelse-temamoede.yaml"


def baseline_html(meeting, catalog, variant: str = "fuld") -> tuple[str, str]:
    """Return the guide's (or the appendix's) HTML with the stylesheets inlined and a base URL."""
    html = render_html(TEMPLATE[variant], build_view(meeting, catalog, variant=variant), None)
    styles = []
    for name in STYLESHEETS:
        path = find_template_file(name, None)
        styles.append(path.read_text(encoding="utf-8").replace(
            "url(assets/", f"url({path.parent.as_uri()}/assets/"))
    html = html.replace("</head>", "<style>\n" + "\n".join(styles) + "\n</style>\n</head>", 1)
    return html, find_template_file(STYLESHEETS[0], None).parent.as_uri() + "/"


def main() -> dict[str, float]:
    """Print medians of make_guide, render_guide and WeasyPrint alone, and their ratios."""
    import weasyprint

    runs = 2 if os.environ.get("WORKBOOK_BENCH_QUICK") == "1" else 5
    catalog = load_catalog()
    meeting = load_meeting(EXAMPLE, catalog)
    html, base = baseline_html(meeting, catalog)
    appendix_html, _ = baseline_html(meeting, catalog, "jura")
    times: dict[str, list[float]] = {"make": [], "render": [], "weasyprint": []}
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp)
        # Warm-up: the first render parses the stylesheets and loads the fonts once per process.
        render_guide(meeting, catalog, out / "warm.pdf")
        weasyprint.HTML(string=html, base_url=base).write_pdf(pdf_variant="pdf/ua-1")
        for _ in range(runs):
            start = time.perf_counter()
            make_guide(EXAMPLE, output=out / "make.pdf")
            times["make"].append(time.perf_counter() - start)
            start = time.perf_counter()
            render_guide(meeting, catalog, out / "render.pdf")
            times["render"].append(time.perf_counter() - start)
            start = time.perf_counter()
            weasyprint.HTML(string=appendix_html, base_url=base).render()
            weasyprint.HTML(string=html, base_url=base).write_pdf(out / "plain.pdf", pdf_variant="pdf/ua-1")
            times["weasyprint"].append(time.perf_counter() - start)
        pages = len(PdfReader(out / "render.pdf").pages)
    med = {k: statistics.median(v) for k, v in times.items()}
    print(f"{EXAMPLE.name}: {len(meeting.themes)} temaer, {pages} sider, {runs} kørsler (median)")
    print(f"  make_guide (katalog i cache, mødefil læst): {med['make']:.2f} s")
    print(f"  render_guide (katalog givet):               {med['render']:.2f} s")
    print(f"  WeasyPrint alene (bilagets opsætning + guiden): {med['weasyprint']:.2f} s")
    print(f"  forhold render_guide / WeasyPrint:          {med['render'] / med['weasyprint']:.2f} (mål ≤ 1,15)")
    print(f"  forhold make_guide / WeasyPrint:            {med['make'] / med['weasyprint']:.2f}")
    return {
        "guide_s": med["make"],
        "render_guide_s": med["render"],
        "weasyprint_s": med["weasyprint"],
        "guide_ratio": med["make"] / med["weasyprint"],
        "render_ratio": med["render"] / med["weasyprint"],
        "pages": pages,
    }


if __name__ == "__main__":
    main()
