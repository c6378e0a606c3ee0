"""Shared fixtures: the example page in the repo and the optional ../shared data."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

REPO = Path(__file__).resolve().parent.parent
EXAMPLES = REPO / "examples"
SHARED = REPO.parent / "shared"
EXAMPLE_PAGE = EXAMPLES / "la-lv-haftars-putins.txt"


@pytest.fixture(scope="session")
def example_text() -> str:
    return EXAMPLE_PAGE.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def example_expected() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(
        (EXAMPLES / "la-lv-haftars-putins.expected.json").read_text(encoding="utf-8")
    )
    return data


def shared_dir(*parts: str) -> Path:
    """A folder of ../shared, or a skip saying it is absent."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(
            f"{path} is absent: these tests need the project's shared/ folder beside the repo"
        )
    return path


def double_encoded(text: str, reading: str) -> bytes:
    """``text`` as a crawl stores it when UTF-8 was read as ``reading`` and saved again.
    A byte the code page leaves undefined reads as the C1 control of its value, as
    browsers read Windows-1252."""
    chars = []
    for byte in text.encode("utf-8"):
        try:
            chars.append(bytes([byte]).decode(reading))
        except UnicodeDecodeError:
            chars.append(chr(byte))
    return "".join(chars).encode("utf-8")
