"""Make workbook/content/data/law-index.json from the law texts in ../shared/law (retsinformation.dk).

Usage: python3 tools/make_law_index.py [LAW_DIR] [OUTPUT] [MIRROR_SEED_DIR]

For every act (LBK, lov, BEK) it records the id, title, short name, document number and date, the
ELI address, and the provisions that exist: each § (with its letter) and, per stk., how many
numbered items (nr.) it has. Older consolidations of the same act are kept under ``older`` so that
a citation of them can be warned about. Amending acts (lov om ændring ...) are indexed without
provisions: their published text shows only what they insert into other acts.

A few acts the catalog needs are not in the law folder. They come from the public mirror of
retsinformation.dk (GitHub Ansvar-Systems/Danish-law-mcp, ``data/seed/<year>_<number>.json``, newest
consolidation by date; see MIRROR_ACTS). Without the mirror, the entries already in the committed
index are kept as they are. Two entries are added by hand: the GDPR (articles 1-99) and the unwritten
kommunalfuldmagtsregler.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_LAW_DIR = ROOT.parent.parent / "shared" / "law"
DEFAULT_OUTPUT = ROOT / "workbook" / "content" / "data" / "law-index.json"

#: Short names as used in running Danish text (lower case; the label capitalises the first letter).
SHORT_NAMES = {
    "serviceloven": "serviceloven",
    "barnets-lov": "barnets lov",
    "aeldreloven": "ældreloven",
    "straffeloven": "straffeloven",
    "forvaltningsloven": "forvaltningsloven",
    "arbejdsmiljoeloven": "arbejdsmiljøloven",
    "arbejdsskadesikringsloven": "arbejdsskadesikringsloven",
    "databeskyttelsesloven": "databeskyttelsesloven",
    "udbudsloven": "udbudsloven",
    "rsv-loven": "lov om registrerede socialøkonomiske virksomheder",
    "boerneattestloven": "børneattestloven",
    "bek-boerneattest-socialomraadet": "bekendtgørelsen om børneattest på det sociale område",
    "bek-underretningspligt": "bekendtgørelsen om underretningspligt efter barnets lov",
    "bek-kriminalregisteret": "kriminalregisterbekendtgørelsen",
    "bek-rehabiliteringsteam": "bekendtgørelsen om rehabiliteringsplan og rehabiliteringsteam",
    "bek-ressourceforloeb": ("bekendtgørelsen om ophævelse af bekendtgørelsen om ret til samtale med "
                             "sundhedskoordinator og koordinerende sagsbehandler for personer i ressourceforløb"),
    "bek-oplaeringskrav": "bekendtgørelsen om krav om personer under oplæring i offentlige kontrakter",
    "folkeoplysningsloven": "folkeoplysningsloven",
    "bek-folkeoplysning": "folkeoplysningsbekendtgørelsen",
    "lab": "lov om en aktiv beskæftigelsesindsats",
    "lob": "lov om organisering og understøttelse af beskæftigelsesindsatsen",
    "kommunestyrelsesloven": "kommunestyrelsesloven",
    # amending acts: named by what they do (the guide prints the number beside the name)
    "forsikring-af-frivillige": "lov om ændring af serviceloven (forsikring af frivillige)",
    "beskaeftigelsesreform": "beskæftigelsesreformen, første fase",
    "barnets-lov-aendring": ("lov om ændring af barnets lov og retssikkerhedsloven (underretning, målgruppe for "
                             "børn med nedsat funktionsevne m.v.)"),
    "boerneattestloven-aendring": "lov om ændring af børneattestloven (orienteringspligt for politiet)",
    "arbejdsmiljoeloven-aendring": "lov om ændring af arbejdsmiljøloven (frivilligt arbejde m.v.)",
}

#: Acts without a text in the law folder.
EXTRA_ACTS = {
    "databeskyttelsesforordningen": {
        "title": ("Europa-Parlamentets og Rådets forordning (EU) 2016/679 af 27. april 2016 "
                  "(databeskyttelsesforordningen)"),
        "short_name": "databeskyttelsesforordningen",
        "kind": "forordning",
        "number": "forordning (EU) 2016/679",
        "date": "2016-04-27",
        "eli": "https://eur-lex.europa.eu/eli/reg/2016/679/oj",
        "document": "",
        "amending": False,
        "unit": "art.",
        "provisions": {str(n): [] for n in range(1, 100)},
        "repealed": [],
        "older": [],
    },
    "kommunalfuldmagten": {
        "title": "Kommunalfuldmagtsreglerne (uskrevne retsgrundsætninger om kommunernes opgaver)",
        "short_name": "kommunalfuldmagtsreglerne",
        "kind": "ulovbestemt",
        "number": "uskrevne regler",
        "date": "",
        "eli": "",
        "document": "",
        "amending": False,
        "unit": "",
        "provisions": {},
        "repealed": [],
        "older": [],
    },
}

#: Acts taken from the mirror: id -> seed files (newest first; the rest become ``older``).
MIRROR_ACTS = {
    "aktivloven": ["2025_1004"],
    "arbejdsloeshedsforsikringsloven": ["2025_1077"],
    "bek-udbetaling-dagpenge": ["2026_39"],
    "bek-unges-arbejde": ["2025_1713"],
    "bek-psykisk-arbejdsmiljoe": ["2020_1406"],
    "erstatningsansvarsloven": ["2025_1080"],
    "folkeoplysningsloven": ["2018_1115"],
}
MIRROR_SHORT_NAMES = {
    "aktivloven": "lov om aktiv socialpolitik",
    "arbejdsloeshedsforsikringsloven": "lov om arbejdsløshedsforsikring",
    "bek-udbetaling-dagpenge": "bekendtgørelsen om udbetaling af dagpenge",
    "bek-unges-arbejde": "bekendtgørelsen om unges arbejde",
    "bek-psykisk-arbejdsmiljoe": "bekendtgørelsen om psykisk arbejdsmiljø",
    "erstatningsansvarsloven": "erstatningsansvarsloven",
}

DOC_SUFFIX = re.compile(r"^(?P<id>.+?)-(?:(?P<kind>lbk|lov)-)?(?P<no>\d+)-(?P<year>\d{4})$")
PARAGRAPH = re.compile(r"^§ (?P<no>\d+(?: [a-z]+)?)\. ?(?P<text>.*)$")
RANGE = re.compile(r"^§§ (?P<first>\d+(?: [a-z]+)?)-(?P<last>\d+(?: [a-z]+)?)\. \((?:Ophævet|Udelades)\)")
STK = re.compile(r"(?:^|(?<=[.:;)] ))Stk\. (\d+)\. ")
NUMBERED = re.compile(r"(?:^|(?<=[\s:]))(\d+)\) ")


def provision_key(number: str) -> tuple[int, str]:
    """Sort key for '18 a' -> (18, 'a')."""
    head, _, letter = number.partition(" ")
    return int(head), letter


def structure(text: str) -> list[int]:
    """For a paragraph's text: per stk., the highest numbered item (0 when none)."""
    starts = [0] + [m.start() for m in STK.finditer(text)]
    pieces = [text[a:b] for a, b in zip(starts, [*starts[1:], len(text)], strict=True)]
    counts = []
    for piece in pieces:
        numbers = [int(n) for n in NUMBERED.findall(piece)]
        # a list counts only when it runs 1), 2), ... from one
        counts.append(max(numbers) if numbers and 1 in numbers else 0)
    return counts


def read_document(path: Path) -> dict:
    lines = path.read_text(encoding="utf-8").splitlines()
    title = lines[0].removeprefix("# ").strip()
    meta = dict(re.findall(r"^- (\w+): (.*)$", "\n".join(lines[1:6]), flags=re.M))
    doc = re.match(r"(\d{4}) nr\. (\d+) af (\d{4}-\d{2}-\d{2})", meta["Dokument"])
    number, issued = doc.group(2), dt.date.fromisoformat(doc.group(3))
    match = DOC_SUFFIX.match(path.stem)
    if not match:
        raise SystemExit(f"{path.name}: file name does not end in -<kind>-<number>-<year>")
    act_id = match.group("id")
    amending = "-aendring" in act_id or title.startswith("Lov om ændring")
    kind = "BEK" if act_id.startswith("bek-") else ("LBK" if match.group("kind") == "lbk" else "lov")
    kind_label = {"BEK": "BEK", "LBK": "LBK", "lov": "lov"}[kind]
    number_label = f"{kind_label} nr. {number} af {issued.day}.{issued.month}.{issued.year}"
    provisions, repealed = ({}, []) if amending else paragraphs(lines)
    short = SHORT_NAMES.get(act_id) or number_label[0].lower() + number_label[1:]
    return entry(act_id, title, short, kind, number_label, issued, meta["ELI"].strip(), path.stem,
                 amending, provisions, repealed)


def paragraphs(lines: list[str]) -> tuple[dict[str, list[int]], list[list[str]]]:
    """The §§ that exist (with their stk./nr. structure) and the ranges that are repealed."""
    provisions: dict[str, list[int]] = {}
    repealed: list[list[str]] = []
    for line in lines:
        if m := RANGE.match(line):
            repealed.append([m.group("first"), m.group("last")])
        elif m := PARAGRAPH.match(line):
            no, text = m.group("no"), m.group("text")
            if text.startswith(("(Ophævet)", "(Udelades)")):
                repealed.append([no, no])
            else:
                provisions[no] = structure(text)
    return dict(sorted(provisions.items(), key=lambda kv: provision_key(kv[0]))), repealed


def entry(act_id: str, title: str, short: str, kind: str, number_label: str, issued: dt.date, eli: str,
          document: str, amending: bool, provisions: dict, repealed: list) -> dict:
    act_title = title.removeprefix("Bekendtgørelse af ")
    return {
        "id": act_id,
        "title": act_title[0].upper() + act_title[1:],
        "short_name": short,
        "kind": kind,
        "number": number_label,
        "date": issued.isoformat(),
        "eli": eli,
        "document": document,
        "amending": amending,
        "unit": "§",
        "provisions": provisions,
        "repealed": repealed,
        "older": [],
    }


def read_mirror(act_id: str, path: Path) -> dict:
    """One act from the mirror's seed JSON (retsinformation.dk's text, split by provision)."""
    data = json.loads(path.read_text(encoding="utf-8"))
    title = data["title"]
    issued = dt.date.fromisoformat(data["issued_date"])
    year, number = path.stem.split("_")
    kind = "LBK" if title.startswith("Bekendtgørelse af ") else ("BEK" if title.startswith("Bekendtgørelse") else "lov")
    number_label = f"{kind} nr. {number} af {issued.day}.{issued.month}.{issued.year}"
    lines = [p["content"] for p in data["provisions"]]
    provisions, repealed = paragraphs(lines)
    short = MIRROR_SHORT_NAMES.get(act_id) or SHORT_NAMES.get(act_id, act_id)
    title = re.sub(r"\bom om\b", "om", title)  # a typo in one published title
    return entry(act_id, title, short, kind, number_label, issued,
                 f"https://www.retsinformation.dk/eli/lta/{year}/{number}", f"{act_id}-{kind.lower()}-{number}-{year}",
                 False, provisions, repealed)


def build(law_dir: Path, mirror: Path | None = None, committed: dict | None = None) -> dict:
    """The index from the law folder, plus MIRROR_ACTS from the mirror (or, without it, as committed)."""
    by_id: dict[str, list[dict]] = {}
    for path in sorted(law_dir.glob("*.md")):
        if path.name in ("INDEX.md", "README.md"):
            continue
        found = read_document(path)
        by_id.setdefault(found["id"], []).append(found)
    kept: dict[str, dict] = {}
    for act_id, seeds in MIRROR_ACTS.items():
        if mirror is not None:
            by_id.setdefault(act_id, []).extend(read_mirror(act_id, mirror / f"{seed}.json") for seed in seeds)
        elif committed and act_id in committed["acts"]:
            kept[act_id] = committed["acts"][act_id]
    acts: dict[str, dict] = {}
    for act_id, versions in sorted(by_id.items()):
        versions.sort(key=lambda e: e["date"], reverse=True)
        current, *older = versions
        current["older"] = [{k: e[k] for k in ("document", "number", "date", "eli", "provisions", "repealed")}
                            for e in older]
        acts[act_id] = {k: v for k, v in current.items() if k != "id"}
    acts.update(kept)
    acts.update(EXTRA_ACTS)
    return {
        "about": "Made by tools/make_law_index.py from the law texts in shared/law and a few acts from the "
                 "mirror of retsinformation.dk (captured February 2026). Do not edit by hand: rerun the script.",
        "acts": dict(sorted(acts.items())),
    }


def main(argv: list[str]) -> int:
    law_dir = Path(argv[1]) if len(argv) > 1 else DEFAULT_LAW_DIR
    output = Path(argv[2]) if len(argv) > 2 else DEFAULT_OUTPUT
    mirror = Path(argv[3]) if len(argv) > 3 else None
    committed = json.loads(output.read_text(encoding="utf-8")) if output.is_file() else None
    index = build(law_dir, mirror, committed)
    text = json.dumps(index, ensure_ascii=False, indent=1, sort_keys=False) + "\n"
    tmp = output.with_suffix(".json.tmp")
    tmp.write_text(text, encoding="utf-8")
    tmp.replace(output)
    print(f"{output}: {len(index['acts'])} acts")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
