"""The web copy (``drafter publish``): read back with an HTML5 parser and in Chromium."""

from __future__ import annotations

import dataclasses
import subprocess
from collections import Counter
from pathlib import Path

import html5lib
import pytest

from drafter.pipeline import draft
from drafter.cli import run
from drafter.spans import heading_label
from drafter.writers.text import write_text
from drafter.writers.web import write_web_html, write_web_text

from .conftest import EXAMPLES, chromium_command

XHTML = "{http://www.w3.org/1999/xhtml}"
SHEETS = sorted(EXAMPLES.glob("*.yaml")) + sorted((EXAMPLES / "seeds").glob("*.yaml"))


def _visible(element) -> str:  # noqa: ANN001 - an ElementTree element from html5lib
    return "".join(element.itertext())


def _characters(text: str) -> Counter[str]:
    return Counter(ch for ch in text if not ch.isspace())


@pytest.mark.parametrize("sheet", SHEETS, ids=lambda p: p.stem)
def test_the_page_holds_every_character_and_the_outline_of_the_draft(sheet: Path) -> None:
    result = draft(sheet)
    page = html5lib.parse(write_web_html(result.document, result.sheet.meta.date), namespaceHTMLElements=True)
    article = page.find(f".//{XHTML}article")
    assert page.get("lang") == "zh-CN" and page.find(f".//{XHTML}script") is None
    # Every character of the report is on the page (the formal copy's 版头 and 版记 belong to
    # paper); the page adds only the issuer and date a reader sees under the title.
    shown = _characters(_visible(article))
    draft_text = _characters(write_text(dataclasses.replace(result.document, formal=None)))
    assert not draft_text - shown
    extra = shown - draft_text
    assert extra == _characters(result.document.issuer + result.document.date) & extra
    headings = [(int(h.tag[-1]), _visible(h)) for h in article.iter() if h.tag[len(XHTML):] in ("h2", "h3", "h4", "h5")]
    assert headings == [(h.level + 1, heading_label(h)) for h in result.document.headings()]
    assert [_visible(h) for h in article.iter(f"{XHTML}h1")] == ["".join(result.document.title) or "法治政府建设情况报告"]


def test_the_page_dates_and_tables_are_machine_readable() -> None:
    result = draft(EXAMPLES / "boleshi-2023.yaml")
    page = html5lib.parse(write_web_html(result.document, result.sheet.meta.date), namespaceHTMLElements=True)
    times = {t.get("datetime") for t in page.iter(f"{XHTML}time")}
    assert times == {"2024-03-20"}
    region = page.find(f".//{XHTML}div[@role='region']")
    assert region.get("aria-label") == "2023年法治政府建设主要数据" and region.get("tabindex") == "0"
    assert [th.get("scope") for th in region.iter(f"{XHTML}th")] == ["col", "col"]
    viewport = [m.get("content") for m in page.iter(f"{XHTML}meta") if m.get("name") == "viewport"]
    assert viewport == ["width=device-width, initial-scale=1"]


def test_the_cms_text_gives_the_site_fields_then_one_paragraph_a_line() -> None:
    result = draft(EXAMPLES / "boleshi-2023.yaml")
    text = write_web_text(result.document)
    lines = text.splitlines()
    assert lines[:4] == ["标题：博乐市2023年法治政府建设情况报告", "发布机关：博乐市人民政府", "成文日期：2024年3月20日", ""]
    assert lines[4] == "博尔塔拉蒙古自治州人民政府："
    assert lines[5].startswith("\u3000\u30002023年以来，") and "\u3000\u3000一、工作开展情况" in lines
    assert lines[-3:] == ["博乐市人民政府", "2024年3月20日", "审核人：王静"]
    body = text.split("\n\n", 1)[1]
    assert _characters(body) == _characters(write_text(result.document).split("\n", 2)[2])


def test_publish_writes_both_files_in_a_new_folder_and_never_overwrites(tmp_path: Path,
                                                                       capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "网页稿" / "2024"
    assert run(["publish", str(EXAMPLES / "boleshi-2023.yaml"), "-o", f"{folder}/"]) == 0
    page, text = folder / "博乐市2023年法治政府建设情况报告.html", folder / "博乐市2023年法治政府建设情况报告.txt"
    out = capsys.readouterr().out
    assert f"已生成网页稿：{page}" in out and f"已生成纯文本：{text}" in out
    before = page.read_bytes(), text.read_bytes()
    text.write_text("网站编辑改过的稿子", encoding="utf-8")
    assert run(["publish", str(EXAMPLES / "boleshi-2023.yaml"), "-o", str(folder)]) == 5
    assert "文件已存在；如确要覆盖，请加 --force" in capsys.readouterr().err
    assert page.read_bytes() == before[0] and text.read_text(encoding="utf-8") == "网站编辑改过的稿子"
    assert run(["publish", str(EXAMPLES / "boleshi-2023.yaml"), "-o", str(folder), "--force"]) == 0
    assert text.read_bytes() == before[1]


def test_publish_to_a_file_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    blocker = tmp_path / "稿.html"
    blocker.write_text("x", encoding="utf-8")
    assert run(["publish", str(EXAMPLES / "minimal.yaml"), "-o", str(blocker)]) == 5
    assert "网页稿要写两个文件，-o 应为文件夹" in capsys.readouterr().err
    assert blocker.read_text(encoding="utf-8") == "x"


def test_traditional_copy_is_converted_and_labelled(tmp_path: Path) -> None:
    assert run(["publish", str(EXAMPLES / "boleshi-2023.yaml"), "-o", str(tmp_path), "--script", "tw"]) == 0
    page = next(tmp_path.glob("*.html")).read_text(encoding="utf-8")
    assert '<html lang="zh-TW">' in page and "法治政府建設" in page and "法治政府建设" not in page


@pytest.mark.external
def test_the_page_renders_on_a_phone_in_chromium(tmp_path: Path) -> None:
    result = draft(EXAMPLES / "boleshi-2023.yaml")
    page = tmp_path / "page.html"
    page.write_text(write_web_html(result.document, result.sheet.meta.date), encoding="utf-8")
    chromium = chromium_command(tmp_path / "profile")
    dom = subprocess.run([*chromium, "--dump-dom", page.as_uri()], capture_output=True, text=True, timeout=120,
                         check=True).stdout
    assert "<h2>一、工作开展情况</h2>" in dom and "<h3>（十一）加快推进法治政府示范创建。</h3>" in dom
    shot = tmp_path / "phone.png"
    subprocess.run([*chromium, "--window-size=390,844", "--hide-scrollbars", f"--screenshot={shot}", page.as_uri()],
                   capture_output=True, timeout=120, check=True)
    assert shot.stat().st_size > 10_000
    print(f"screenshot kept at {shot}")
