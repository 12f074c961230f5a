"""Previews: sections chosen by number or title, every format, rebuilt on save, and the HTML
page as a real browser (headless Chromium) sees it."""

from __future__ import annotations

import html.parser
import os
import subprocess
import threading
import time
from pathlib import Path

import pytest

from drafter.cli import run
from drafter.errors import UsageError
from drafter.preview import preview, watch, watched_files

from .conftest import EXAMPLES, SHEETS, chromium_command, program

COMPLETE = EXAMPLES / "boleshi-2023.yaml"


@pytest.mark.parametrize(
    "selector, first_line",
    [("1", "一、工作开展情况"), ("1.3", "（三）不断优化政府职能，营造更加优质营商环境。一是坚持"),
     ("存在的问题", "三、存在的问题"), ("数字赋能", "（十）数字赋能法治政府建设。以综合")],
)
def test_a_section_by_number_or_title(selector: str, first_line: str) -> None:
    text = preview(COMPLETE, selector)
    assert text.startswith(first_line)


def test_a_section_ends_where_its_siblings_begin() -> None:
    text = preview(COMPLETE, "1.11")
    assert text.startswith("（十一）加快推进法治政府示范创建") and "二、" not in text
    whole = preview(COMPLETE, "1")
    assert "（十一）" in whole and "二、党政主要负责人" not in whole


@pytest.mark.parametrize(
    "selector, message",
    [("9", "没有第 9 部分：全文共有4个一级标题，可选 1 至 4（1 工作开展情况；2 党政主要负责人履行推进法治建设第一责任人"
           "职责情况；3 存在的问题；4 2024年工作计划）"), ("不存在的标题", "没有标题含“不存在的标题”的部分"),
     ("法治", "“法治”对应多个标题（（一）深入学习习近平法治思想、（二）扎实推进反恐维稳法治化常态化、"
              "（十）数字赋能法治政府建设、（十一）加快推进法治政府示范创建、"
              "二、党政主要负责人履行推进法治建设第一责任人职责情况），请改用序号，如 --section 1.2")],
)
def test_a_section_that_cannot_be_found(selector: str, message: str) -> None:
    with pytest.raises(UsageError) as caught:
        preview(COMPLETE, selector)
    assert caught.value.problems[0].message == message


def test_markdown_keeps_the_outline() -> None:
    text = preview(SHEETS / "canonical.yaml", output_format="md")
    assert "## 一、2024年度推进法治政府建设的主要举措和成效" in text
    assert "<strong>（一）夯实法治政府建设基础。</strong>一是<strong>加强党的领导。</strong>将法治政府建设纳入考核。" in text
    assert "| 行政复议 | 35件 |" in text


class _Anchors(html.parser.HTMLParser):
    """Collects heading anchors (id, data-number, text) and the contents links."""

    def __init__(self) -> None:
        super().__init__()
        self.headings: list[tuple[str, str]] = []
        self.links: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if "data-number" in found:
            self.headings.append((found["id"] or "", found["data-number"] or ""))
        if tag == "a" and (found.get("href") or "").startswith("#"):
            self.links.append(found["href"] or "")


def test_html_preview_command_writes_a_self_contained_page(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    page = tmp_path / "p.html"
    assert run(["preview", str(COMPLETE), "--html", "-o", str(page)]) == 0
    text = page.read_text(encoding="utf-8")
    assert text.startswith("<!DOCTYPE html>") and "<link" not in text and "<script" not in text
    assert "仿宋_GB2312" in text and "黑体" in text and "楷体_GB2312" in text
    assert capsys.readouterr().out.startswith(f"已写出预览：{page}")


@pytest.mark.external
def test_html_preview_in_headless_chromium(tmp_path: Path) -> None:
    chromium = chromium_command(tmp_path / "profile")
    page = tmp_path / "preview.html"
    page.write_text(preview(COMPLETE, output_format="html"), encoding="utf-8")
    dom = subprocess.run([*chromium, "--dump-dom", page.as_uri()], capture_output=True, text=True,
                         timeout=120, check=True).stdout
    parsed = _Anchors()
    parsed.feed(dom)
    assert parsed.headings[:3] == [("s1", "一、"), ("s1-1", "（一）"), ("s1-2", "（二）")]
    assert ("s1-11", "（十一）") in parsed.headings and parsed.headings[-1] == ("s4", "四、")
    assert parsed.links == ["#" + anchor for anchor, _ in parsed.headings]
    shot = tmp_path / "preview.png"
    subprocess.run([*chromium, "--window-size=1280,1600", f"--screenshot={shot}", page.as_uri()],
                   capture_output=True, timeout=120, check=True)
    assert shot.stat().st_size > 10_000
    print(f"screenshot kept at {shot}")


def test_watch_rebuilds_when_the_sheet_changes(tmp_path: Path) -> None:
    sheet = tmp_path / "s.yaml"
    sheet.write_text((EXAMPLES / "minimal.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    runs: list[str] = []
    stop = threading.Event()
    watcher = threading.Thread(target=watch, args=(lambda: [sheet], lambda: runs.append(preview(sheet)), stop, 0.05))
    watcher.start()
    try:
        deadline = time.monotonic() + 10
        while not runs and time.monotonic() < deadline:
            time.sleep(0.02)
        time.sleep(0.1)
        edited = tmp_path / "edited.yaml"  # saved the way editors save: whole, then renamed over
        edited.write_text(sheet.read_text(encoding="utf-8").replace("示例县", "改名县"), encoding="utf-8")
        os.replace(edited, sheet)
        while len(runs) < 2 and time.monotonic() < deadline:
            time.sleep(0.02)
    finally:
        stop.set()
        watcher.join()
    assert runs[0].startswith("示例县") and runs[1].startswith("改名县")


@pytest.mark.external
def test_build_pdf_has_chinese_text(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    program("soffice", "libreoffice-writer-nogui")
    target = tmp_path / "report.docx"
    assert run(["build", str(COMPLETE), "-o", str(target), "--pdf"]) == 0
    out = capsys.readouterr().out
    assert f"已生成 PDF：{target.with_suffix('.pdf')}（共" in out
    pages = int(out.split("（共")[1].split("页")[0])
    print(f"PDF pages: {pages}")
    text = subprocess.run([program("pdftotext", "poppler-utils"), str(target.with_suffix(".pdf")), "-"],
                          capture_output=True, text=True, check=True).stdout
    assert "博乐市2023年法治政府建设情况报告" in text.replace(" ", "") and 9 <= pages <= 13


def test_build_pdf_without_libreoffice_says_so(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))
    code = run(["build", str(EXAMPLES / "minimal.yaml"), "-o", str(tmp_path / "d.docx"), "--pdf"])
    err = capsys.readouterr().err
    assert code == 6 and (tmp_path / "d.docx").exists()
    assert "没有找到 LibreOffice（soffice），未生成 PDF；请安装 LibreOffice 后重试。Word 初稿已生成" in err


def test_build_pdf_when_libreoffice_fails_keeps_the_docx(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    fake = tmp_path / "bin" / "soffice"
    fake.parent.mkdir()
    fake.write_text("#!/bin/sh\nexit 1\n")
    fake.chmod(0o755)
    monkeypatch.setenv("PATH", str(fake.parent))
    code = run(["build", str(EXAMPLES / "minimal.yaml"), "-o", str(tmp_path / "d.docx"), "--pdf"])
    err = capsys.readouterr().err
    assert code == 6 and (tmp_path / "d.docx").exists() and not (tmp_path / "d.pdf").exists()
    assert "LibreOffice 未能转换出 PDF；Word 初稿已生成" in err


def test_watch_follows_the_pack_the_sheet_names_beside_it(tmp_path: Path) -> None:
    """``meta.template: locality`` is the folder beside the sheet, from any working folder; a sheet
    half edited (unreadable for a moment) still has the standard pack watched."""
    watched = watched_files(EXAMPLES / "locality-2024.yaml")
    assert EXAMPLES / "locality" / "report.j2" in watched
    broken = tmp_path / "s.yaml"
    broken.write_text("meta: [\n", encoding="utf-8")
    assert broken in watched_files(broken) and len(watched_files(broken)) > 1
