"""Files on disk: atomic writes, digests and safe names."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from workbook.files import atomic_path, file_digest, safe_name, write_text_atomic


def test_file_digest_is_the_sha256_of_the_content(tmp_path: Path) -> None:
    path = tmp_path / "a.bin"
    path.write_bytes(b"x" * (3 << 20))
    assert file_digest(path) == hashlib.sha256(b"x" * (3 << 20)).hexdigest()


def test_a_failed_write_leaves_the_old_file(tmp_path: Path) -> None:
    target = tmp_path / "moede.yaml"
    write_text_atomic(target, "gammel")
    with pytest.raises(RuntimeError), atomic_path(target) as tmp:
        tmp.write_text("halv")
        raise RuntimeError
    assert target.read_text() == "gammel"
    assert [p.name for p in tmp_path.iterdir()] == ["moede.yaml"]


@pytest.mark.parametrize(("text", "name"), [
    ("Fejl: a/b?.xlsx", "Fejl_ a_b_.xlsx"), ("Ærø Kommune", "Ærø Kommune"), ("CON", "CON_"),
    ("com1.txt", "com1.txt_"), ("..", "_"), (" rapport. ", "rapport"),
])
def test_safe_name(text: str, name: str) -> None:
    assert safe_name(text) == name


def test_safe_name_cuts_at_a_whole_character() -> None:
    assert safe_name("æ" * 200, max_bytes=11) == "æææææ"
    assert len(safe_name("ø" * 300).encode()) <= 200
