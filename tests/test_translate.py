"""The translation layer: every pydantic error type and every libyaml/PyYAML problem has a
Chinese sentence, and none of them lets English through."""

from __future__ import annotations

import re
from pathlib import Path
from typing import get_args

import pytest
import yaml
from pydantic_core.core_schema import ErrorType

from drafter.errors import SheetError
from drafter.numbering import chinese_numeral, numeral_value
from drafter.readers.sheet import read_sheet
from drafter.readers.translate import PYDANTIC_MESSAGES, YAML_PROBLEMS, validation_message, yaml_message

from .fuzz.harness import english_words

LIBYAML_PROBLEMS = [  # every problem string in libyaml's scanner.c, parser.c and reader.c
    "block sequence entries are not allowed in this context", "control characters are not allowed",
    "could not find expected ':'", "could not find expected directive name", "did not find URI escaped octet",
    "did not find expected '!'", "did not find expected ',' or ']'", "did not find expected ',' or '}'",
    "did not find expected '-' indicator", "did not find expected <document start>",
    "did not find expected <stream-start>", "did not find expected alphabetic or numeric character",
    "did not find expected comment or line break", "did not find expected digit or '.' character",
    "did not find expected hexdecimal number", "did not find expected key", "did not find expected node content",
    "did not find expected tag URI", "did not find expected version number",
    "did not find expected whitespace or line break", "did not find expected whitespace",
    "did not find the expected '>'", "expected low surrogate area", "found a tab character that violates indentation",
    "found a tab character where an indentation space is expected", "found an incorrect leading UTF-8 octet",
    "found an incorrect trailing UTF-8 octet", "found an indentation indicator equal to 0",
    "found character that cannot start any token", "found duplicate %TAG directive",
    "found duplicate %YAML directive", "found extremely long version number", "found incompatible YAML document",
    "found invalid Unicode character escape code", "found undefined tag handle", "found unexpected ':'",
    "found unexpected document indicator", "found unexpected end of stream", "found unexpected non-alphabetical character",
    "found unknown directive name", "found unknown escape character", "incomplete UTF-16 character",
    "incomplete UTF-16 surrogate pair", "incomplete UTF-8 octet sequence", "input error", "input is too long",
    "invalid Unicode character", "invalid leading UTF-8 octet", "invalid length of a UTF-8 sequence",
    "invalid trailing UTF-8 octet", "mapping keys are not allowed in this context",
    "mapping values are not allowed in this context",
    # PyYAML's composer and constructor
    "but found another document", "found undefined alias", "second occurrence", "found unhashable key",
    "could not determine a constructor for the tag 'tag:yaml.org,2002:python/name'", "failed to convert base64 data",
    "expected a mapping node, but found scalar",
]


def test_every_pydantic_error_type_has_a_chinese_sentence() -> None:
    """Every type the installed pydantic knows, also those newer than the table (a fresh install
    may bring a newer pydantic): the table's own sentence, or the general one in Chinese."""
    assert len(set(get_args(ErrorType)) & set(PYDANTIC_MESSAGES)) >= 100
    for kind in get_args(ErrorType):
        message = validation_message({"type": kind, "loc": ("meta", "x"), "msg": "English", "input": 1})
        assert re.search(r"[\u4e00-\u9fff]", message) and english_words(message) == [], (kind, message)


@pytest.mark.parametrize("problem", LIBYAML_PROBLEMS)
def test_every_yaml_problem_has_a_chinese_sentence(problem: str) -> None:
    exc = yaml.MarkedYAMLError(context=None, problem=problem)
    message = yaml_message(exc)
    assert re.search(r"[\u4e00-\u9fff]", message) and english_words(message) == [], message
    assert message != "格式有误（请检查这一行的缩进、冒号和引号）" or problem == "did not find expected <stream-start>"


def test_no_table_entry_speaks_english() -> None:
    for text in [*PYDANTIC_MESSAGES.values(), *(chinese for _, chinese in YAML_PROBLEMS)]:
        assert english_words(text) == [], text


@pytest.mark.parametrize("text", ["found unknown escape character", "Input should be a valid number",
                                  "unable to parse string as a number", "Keys should be strings",
                                  "mapping values are not allowed here"])
def test_the_english_scanner_finds_library_text(text: str) -> None:
    assert english_words(f"错误：s.yaml，第3行：{text}") != []


def test_the_english_scanner_allows_paths_options_fields_and_quotes() -> None:
    message = ("错误：D:\\模板\\s.yaml，第3行，“meta.region”：请用 drafter import report.docx，或加 --force；"
               "“abc def”不是数字；Windows 路径请改用单引号，Tab 键、UTF-8、Big5、JSON、YAML 均可")
    assert english_words(message) == []


@pytest.mark.parametrize("n, text", [(10000, "一万"), (10001, "一万零一"), (10010, "一万零一十"), (11000, "一万一千"),
                                     (100000, "十万"), (110000, "十一万"), (123456789, "一亿二千三百四十五万六千七百八十九")])
def test_chinese_numerals_past_ten_thousand(n: int, text: str) -> None:
    assert chinese_numeral(n) == text and numeral_value(text) == n


def test_numerals_read_back_for_every_count_to_a_hundred_thousand() -> None:
    assert all(numeral_value(chinese_numeral(n)) == n for n in range(1, 100_001))


def test_an_explicit_tag_that_holds_its_type_is_kept(tmp_path: Path) -> None:
    sheet = tmp_path / "s.yaml"
    sheet.write_text("meta:\n  region: 示例县\n  year: !!int 2024\n  date: 2025-03-20\n"
                     "parts:\n  - kind: other\n    text: !!str 12\n", encoding="utf-8")
    read = read_sheet(sheet)
    assert (read.meta.year, str(read.meta.date), read.parts[0].text) == (2024, "2025-03-20", ["12"])


def test_a_binary_tag_is_refused(tmp_path: Path) -> None:
    """Bytes would pass the text checks: only the tags a sheet is made of are read."""
    sheet = tmp_path / "s.yaml"
    sheet.write_text("meta:\n  region: !!binary 法治\n  year: 2024\nparts: [{kind: other}]\n", encoding="utf-8")
    with pytest.raises(SheetError) as caught:
        read_sheet(sheet)
    assert str(caught.value).endswith("第2行：YAML 格式错误：不允许的 YAML 标签（事实表里只能写文字、数字、列表和“名称: 内容”）")


@pytest.mark.parametrize("tag", ["int", "float", "bool"])
@pytest.mark.parametrize("value", ["", "+", "-", "0x", "0b", ":", "1:", "_", ".", "+.", "-_", "0o", "e"])
def test_a_typed_tag_over_text_not_of_its_type_is_a_sheet_error(tmp_path: Path, tag: str, value: str) -> None:
    """Each constructor fails its own way (``!!int +`` an IndexError); every way gets the line."""
    sheet = tmp_path / "s.yaml"
    sheet.write_text(f"meta:\n  region: 示例县\n  year: 2024\nfigures:\n  案件: {{value: !!{tag} {value}, unit: 件}}\n"
                     "parts: [{kind: other}]\n", encoding="utf-8")
    try:
        read_sheet(sheet)
    except SheetError as caught:
        assert "第5行" in str(caught), str(caught)
