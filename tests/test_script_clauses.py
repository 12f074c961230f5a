"""Converting clause by clause through the cache gives OpenCC's own conversion of the whole text."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from opencc import OpenCC

from drafter import script

ROOT = Path(__file__).resolve().parent.parent
TEXTS = sorted([*(ROOT / "seeds").rglob("*.txt"), *(ROOT / "examples").rglob("*.yaml")])
CONFIGS = ["s2t", "s2hk", "s2tw", "t2s"]


def lines() -> list[str]:
    return [line for path in TEXTS for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


@pytest.mark.parametrize("config", CONFIGS)
def test_every_line_converts_as_opencc_converts_it(config: str) -> None:
    whole = OpenCC(config).convert
    assert [script._convert(line, config) for line in lines()] == [whole(line) for line in lines()]


_ALPHABET = sorted({ch for line in lines() for ch in line} | set(" \t\n　，。、；：？！-—…“”（）"))


@given(st.text(alphabet=_ALPHABET, max_size=60), st.sampled_from(CONFIGS))
def test_any_text_converts_as_opencc_converts_it(text: str, config: str) -> None:
    assert script._convert(text, config) == OpenCC(config).convert(text)
