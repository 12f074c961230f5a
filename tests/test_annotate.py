"""check --annotate: each finding a Word comment on the offending words, in a copy; the original untouched."""

from __future__ import annotations

import subprocess
import zipfile
from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn

from drafter.pipeline import draft
from drafter.cli import run
from drafter.writers.docx import write_docx

from .conftest import SHEETS, program


def commented_words(path: Path) -> dict[str, str]:
    """Each comment's text → the words its range covers, read back with python-docx."""
    document = docx.Document(str(path))
    texts = {str(c.comment_id): c.text for c in document.comments}
    covered: dict[str, str] = {}
    for paragraph in document.element.body.iter(qn("w:p")):
        open_ranges: dict[str, str] = {}
        for element in paragraph.iter():
            if element.tag == qn("w:commentRangeStart"):
                open_ranges[element.get(qn("w:id"))] = ""
            elif element.tag == qn("w:commentRangeEnd"):
                key = element.get(qn("w:id"))
                covered[texts[key]] = open_ranges.pop(key, "")
            elif element.tag == qn("w:t"):
                for key in open_ranges:
                    open_ranges[key] += element.text or ""
    return covered


@pytest.fixture
def faulty_draft(tmp_path: Path) -> Path:
    path = tmp_path / "初稿.docx"
    path.write_bytes(write_docx(draft(SHEETS / "review-faults.yaml").document))
    return path


def test_findings_become_comments_on_the_right_words(faulty_draft: Path, capsys: pytest.CaptureFixture[str]) -> None:
    original = faulty_draft.read_bytes()
    assert run(["check", str(faulty_draft), "--annotate"]) == 1
    target = faulty_draft.with_name("初稿（审阅稿）.docx")
    assert f"已写出审阅稿：{target}（15条批注，原稿未改动）" in capsys.readouterr().out
    assert faulty_draft.read_bytes() == original
    covered = commented_words(target)
    assert covered["错误：“法治政治建设”应为“法治政府建设”"] == "法治政治建设"
    assert covered["错误：“程序程序”疑似多打了字，请核对"] == "程序程序"
    assert covered["错误：“前前置”疑似多打了字，请核对"] == "前前"
    assert covered["错误：“办结率达到120%”：比率不会超过100%"] == "办结率达到120%"
    assert covered["错误：标点“，，”重复或多余"] == "，，"
    assert covered["错误：还有未填写的内容“（请填写……）”"] == "（请填写"
    # a finding about the whole report sits on the title
    assert covered["错误：缺少督察工作规定要求的“不足和原因”部分"] == "测试县2024年法治政府建设情况报告"
    # the text of the copy is the text of the original: only comment marks were added
    assert [p.text for p in docx.Document(str(target)).paragraphs] == \
        [p.text for p in docx.Document(str(faulty_draft)).paragraphs]


def test_annotate_refuses_to_replace_the_original_or_an_existing_copy(faulty_draft: Path) -> None:
    original = faulty_draft.read_bytes()
    assert run(["check", str(faulty_draft), "--annotate", "-o", str(faulty_draft)]) == 2
    assert faulty_draft.read_bytes() == original
    other = faulty_draft.with_name("审阅稿.docx")
    other.write_bytes(b"keep")
    assert run(["check", str(faulty_draft), "--annotate", "-o", str(other)]) == 5
    assert other.read_bytes() == b"keep"
    assert run(["check", str(faulty_draft), "--annotate", "-o", str(other), "--force"]) == 1
    assert len(docx.Document(str(other)).comments) == 15


def test_annotate_needs_a_word_file(tmp_path: Path) -> None:
    assert run(["check", str(SHEETS / "review-faults.yaml"), "--annotate", "-o", str(tmp_path / "x.docx")]) == 2


@pytest.mark.external
def test_libreoffice_reads_the_comments(faulty_draft: Path, tmp_path: Path) -> None:
    soffice = program("soffice", "libreoffice-writer-nogui")
    assert run(["check", str(faulty_draft), "--annotate", "-o", str(tmp_path / "审阅稿.docx")]) == 1
    subprocess.run([soffice, f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}", "--headless",
                    "--convert-to", "odt", "--outdir", str(tmp_path / "odt"), str(tmp_path / "审阅稿.docx")],
                   capture_output=True, timeout=300, check=True)
    content = zipfile.ZipFile(tmp_path / "odt" / "审阅稿.odt").read("content.xml").decode("utf-8")
    assert content.count("<office:annotation ") + content.count("<office:annotation>") == 15
    assert "“法治政治建设”应为“法治政府建设”" in content


def test_options_that_need_annotate_are_refused_without_it(faulty_draft: Path,
                                                           capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["check", str(faulty_draft), "-o", str(faulty_draft.with_name("x.docx"))]) == 2
    assert run(["check", str(faulty_draft), "--format", "json", "--annotate"]) == 2
    assert "不能与 --annotate、--against 同时使用" in capsys.readouterr().err


def test_a_table_finding_sits_on_its_cell(tmp_path: Path) -> None:
    sheet = tmp_path / "t.yaml"
    sheet.write_text(
        "meta: {region: 测试县, year: 2023, date: 2024-03-20}\n"
        "parts:\n"
        "  - kind: achievements\n"
        "    text: 全年办理行政复议35件。\n"
        "    table:\n"
        "      caption: 主要数据\n"
        "      columns: [项目, 数量]\n"
        "      rows: [[行政复议, '35'], [行政诉讼, '20'], [合计, '56']]\n", encoding="utf-8")
    draft_path = tmp_path / "d.docx"
    draft_path.write_bytes(write_docx(draft(sheet).document))
    assert run(["check", str(draft_path), "--annotate", "-o", str(tmp_path / "a.docx")]) == 1
    covered = commented_words(tmp_path / "a.docx")
    assert covered["错误：表格“合计”行“数量”列为56，上面各行之和为55"] == "合计"
