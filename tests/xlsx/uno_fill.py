"""Fill a workbook in a running LibreOffice through UNO, as a person would, and save it as xlsx.

Run with the system Python that has python3-uno (``/usr/bin/python3``), not the project's venv::

    /usr/bin/python3 uno_fill.py PLAN.json

PLAN.json holds ``pipe`` (the name soffice accepts on), ``source`` and ``target`` (paths), ``cells``
(each ``{"sheet", "row", "column", "kind", "value"}``, 1-based; kind ``pick`` chooses entry
``value`` of the cell's validation list, ``string`` types text, ``formula`` types as into the cell
input line), ``rename`` ([old, new]) and ``move`` ([sheet, position]). It prints JSON: for every
cell, what ended up in it (``text``) and the text of the row's ``id_column`` cell as LibreOffice shows it.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

import uno
from com.sun.star.beans import PropertyValue
from com.sun.star.connection import NoConnectException


def _prop(name: str, value: object) -> PropertyValue:
    prop = PropertyValue()
    prop.Name, prop.Value = name, value
    return prop


def _connect(pipe: str, seconds: float) -> object:
    """Return LibreOffice's desktop, waiting up to ``seconds`` for soffice to accept connections."""
    local = uno.getComponentContext()
    resolver = local.ServiceManager.createInstanceWithContext("com.sun.star.bridge.UnoUrlResolver", local)
    deadline = time.monotonic() + seconds
    while True:
        try:
            ctx = resolver.resolve(f"uno:pipe,name={pipe};urp;StarOffice.ComponentContext")
            break
        except NoConnectException:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.3)
    return ctx.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", ctx)


def _choices(doc: object, cell: object) -> list[str]:
    """Return the entries of the validation list on ``cell``, as its dropdown shows them."""
    formula = cell.getPropertyValue("Validation").getFormula1()
    names = doc.NamedRanges
    if names.hasByName(formula):
        rows = names.getByName(formula).getReferredCells().getDataArray()
        return [str(row[0]) for row in rows if str(row[0]).strip()]
    return [part.strip('"') for part in formula.split(";")]


def _fill(doc: object, cells: list[dict], id_column: int) -> list[dict]:
    typed = []
    sheets = doc.Sheets
    for spec in cells:
        sheet = sheets.getByName(spec["sheet"])
        cell = sheet.getCellByPosition(spec["column"] - 1, spec["row"] - 1)
        if spec["kind"] == "pick":
            cell.setString(_choices(doc, cell)[spec["value"]])
        elif spec["kind"] == "string":
            cell.setString(spec["value"])
        else:
            cell.setFormula(spec["value"])
        item_id = sheet.getCellByPosition(id_column - 1, spec["row"] - 1).getString()
        typed.append({**spec, "text": cell.getString(), "number": cell.getValue(), "item_id": item_id})
    return typed


def main(plan_file: str) -> None:
    plan = json.loads(Path(plan_file).read_text(encoding="utf-8"))
    desktop = _connect(plan["pipe"], plan.get("connect_seconds", 60))
    source = uno.systemPathToFileUrl(str(Path(plan["source"]).resolve()))
    doc = desktop.loadComponentFromURL(source, "_blank", 0, (_prop("Hidden", True),))
    try:
        typed = _fill(doc, plan["cells"], plan["id_column"])
        old, new = plan["rename"]
        doc.Sheets.getByName(old).setName(new)
        name, position = plan["move"]
        doc.Sheets.moveByName(name, position)
        target = uno.systemPathToFileUrl(str(Path(plan["target"]).resolve()))
        doc.storeToURL(target, (_prop("FilterName", "Calc MS Excel 2007 XML"),))
        order = list(doc.Sheets.getElementNames())
    finally:
        doc.close(True)
    json.dump({"typed": typed, "sheets": order}, sys.stdout)


if __name__ == "__main__":
    main(sys.argv[1])
