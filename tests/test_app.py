"""The use cases: the meeting file's indhold: key reaches every command that reads the meeting."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from workbook import app

ROOT = Path(__file__).resolve().parent.parent


def test_content_for_prefers_the_option_then_the_meeting_file() -> None:
    shutil.copytree(ROOT / "examples" / "lokalt-indhold", "lokalt")
    text = (ROOT / "examples" / "socialudvalg.yaml").read_text(encoding="utf-8")
    Path("med.yaml").write_text(text + "indhold: lokalt\n", encoding="utf-8")
    Path("uden.yaml").write_text(text, encoding="utf-8")
    assert app.content_for(None, Path("med.yaml")) == Path("lokalt").resolve()
    assert app.content_for(Path("andet"), Path("med.yaml")) == Path("andet")
    assert app.content_for(None, Path("uden.yaml")) is None
    assert app.content_for(None) is None


@pytest.mark.slow
def test_build_uses_each_meetings_own_content() -> None:
    shutil.copytree(ROOT / "examples" / "lokalt-indhold", "lokalt")
    text = (ROOT / "examples" / "socialudvalg.yaml").read_text(encoding="utf-8")
    Path("moeder").mkdir()
    Path("moeder/med.yaml").write_text(text + "indhold: ../lokalt\n", encoding="utf-8")
    Path("moeder/uden.yaml").write_text(text, encoding="utf-8")
    result = app.build_packs([Path("moeder")], out_dir=Path("ud"), jobs=1)
    assert not result.failed, [o.message for o in result.failed]
    assert [o.source.name for o in result.outcomes] == ["med.yaml", "uden.yaml"]
    hashes = {name: json.loads(Path(f"ud/{name}/manifest.json").read_text())["inputs"]["catalog_content_hash"]
              for name in ("med", "uden")}
    assert hashes["med"] == app.load_catalog(Path("lokalt")).content_hash
    assert hashes["uden"] == app.load_catalog().content_hash != hashes["med"]
