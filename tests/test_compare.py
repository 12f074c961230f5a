"""Last year as a reference: check --against (recycled text, forgotten plans) and compare (花脸稿)."""

from __future__ import annotations

import copy
from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn

from drafter.cli import run
from drafter.compare import compare_reports
from drafter.recycling import compare_years
from drafter.years import read_year

from .conftest import EXAMPLES

LAST = """测试县2023年法治政府建设情况报告
县人民政府：
一、主要举措和成效
（一）加强党的领导。全县深入学习贯彻习近平法治思想，县委常委会会议专题研究法治建设4次，县政府常务会议学法6次，将法治建设纳入全县经济社会发展总体规划和年度考核。
（二）规范行政执法。组织行政执法人员培训班3期，培训执法人员450人次，开展行政执法案卷评查，随机抽取执法案卷80卷，发现问题全部整改到位。
二、存在的不足
一是基层执法力量依然薄弱，乡镇执法人员专业素质有待提高。二是法治宣传的针对性和实效性还不够强。
三、2024年工作安排
一是深化乡镇综合行政执法改革，制定乡镇执法事项清单，开展乡镇执法人员轮训。
二是建设县级公共法律服务中心，实现村居法律顾问全覆盖。
三是推进行政复议规范化建设，推行复议案件繁简分流。
"""

THIS = """测试县2024年法治政府建设情况报告
县人民政府：
一、主要举措和成效
（一）加强党的领导。全县深入学习贯彻习近平法治思想，县委常委会会议专题研究法治建设4次，县政府常务会议学法6次，将法治建设纳入全县经济社会发展总体规划和年度考核。
（二）规范行政执法。制定乡镇执法事项清单，开展乡镇执法人员轮训2期，培训执法人员520人次，开展行政执法案卷评查，随机抽取执法案卷96卷。
（三）化解行政争议。推行复议案件繁简分流，行政复议规范化建设通过市级验收。
二、存在的不足
一是基层执法力量依然薄弱，乡镇执法人员专业素质有待提高。二是数字化执法平台应用不够充分。
三、2025年工作安排
一是推进行政执法数字化平台全覆盖。
"""


@pytest.fixture
def years(tmp_path: Path) -> tuple[Path, Path]:
    last, this = tmp_path / "2023.txt", tmp_path / "2024.txt"
    last.write_text(LAST, encoding="utf-8")
    this.write_text(THIS, encoding="utf-8")
    return last, this


def test_recycled_paragraphs_sentences_share_and_forgotten_plans(years: tuple[Path, Path]) -> None:
    result = compare_years(*years)
    assert [(r.line, r.last_line, round(r.similarity, 2)) for r in result.paragraphs] == [(4, 4, 1.0)]
    assert [(r.line, r.text) for r in result.sentences] == [(8, "一是基层执法力量依然薄弱，乡镇执法人员专业素质有待提高。")]
    assert 0.3 < result.share < 0.6
    assert [p.text for p in result.forgotten_plans] == ["建设县级公共法律服务中心，实现村居法律顾问全覆盖。"]
    assert result.forgotten_plans[0].line == 10


def test_check_against_prints_it(years: tuple[Path, Path], capsys: pytest.CaptureFixture[str]) -> None:
    last, this = years
    run(["check", str(this), "--against", str(last)])
    out = capsys.readouterr().out
    assert "照抄段落：第4行（相似度100%，上年第4行）" in out
    assert "上年计划未提及：上年第10行：建设县级公共法律服务中心" in out
    assert "照抄上年的文字约占全文的" in out


def test_a_report_against_itself_is_all_recycled() -> None:
    sheet = EXAMPLES / "boleshi-2023.yaml"
    result = compare_years(sheet, sheet)
    assert result.share == 1.0 and result.forgotten_plans == []


def _resolved(path: Path, accept: bool) -> list[str]:
    """The paragraphs Word shows after Accept All (``accept``) or Reject All: the kept changes
    unwrapped, the others removed, and a removed paragraph mark joins its paragraph to the next."""
    body = copy.deepcopy(docx.Document(str(path)).element.body)
    keep, drop = ("w:ins", "w:del") if accept else ("w:del", "w:ins")
    texts: list[str] = []
    carried = ""
    for paragraph in body.iter(qn("w:p")):
        mark = paragraph.find(f"{qn('w:pPr')}/{qn('w:rPr')}")
        joined = mark is not None and mark.find(qn(drop)) is not None
        text = carried
        for element in paragraph.iter(qn("w:t"), qn("w:delText"), qn("w:tab")):
            wrapper = element.getparent().getparent()
            if wrapper.tag == qn(drop):
                continue
            text += "\t" if element.tag == qn("w:tab") else element.text or ""
        carried = text if joined else ""
        if not joined and text:
            texts.append(text)
    return texts


def test_compare_writes_tracked_changes_that_accept_and_reject_to_each_year(years: tuple[Path, Path],
                                                                            tmp_path: Path) -> None:
    last, this = years
    target = tmp_path / "花脸稿.docx"
    assert run(["compare", str(last), str(this), "-o", str(target)]) == 0
    body = docx.Document(str(target)).element.body
    assert body.findall(f".//{qn('w:ins')}") and body.findall(f".//{qn('w:del')}")
    assert _resolved(target, accept=True) == [p.text for p in read_year(this).paragraphs]
    assert _resolved(target, accept=False) == [p.text for p in read_year(last).paragraphs]
    # word by word: in a changed sentence the figures are marked, not the whole sentence
    deleted = ["".join(t.text for t in d.iter(qn("w:delText"))) for d in body.iter(qn("w:del"))]
    assert "80" in deleted and "2023" in deleted


def test_compare_of_two_sheets_round_trips(tmp_path: Path) -> None:
    last, this = EXAMPLES / "minimal.yaml", EXAMPLES / "boleshi-2023.yaml"
    target = tmp_path / "h.docx"
    compare_reports(last, this, target)
    assert _resolved(target, accept=True) == [p.text for p in read_year(this).paragraphs]
    assert _resolved(target, accept=False) == [p.text for p in read_year(last).paragraphs]


def test_compare_never_replaces_a_report(years: tuple[Path, Path]) -> None:
    last, this = years
    before = this.read_bytes()
    assert run(["compare", str(last), str(this), "-o", str(this)]) == 2
    assert this.read_bytes() == before


def test_a_traditional_report_is_compared_in_simplified_characters() -> None:
    from .conftest import ROOT

    result = compare_years(EXAMPLES / "seeds" / "002_e14bf61c85165b7f.yaml", ROOT / "seeds" / "002_e14bf61c85165b7f.txt")
    assert result.share > 0.9  # the published (traditional, noisy) text is last year's sheet, recycled whole


@pytest.mark.external
def test_libreoffice_reads_the_tracked_changes(years: tuple[Path, Path], tmp_path: Path) -> None:
    import subprocess
    import zipfile

    from .conftest import program

    soffice = program("soffice", "libreoffice-writer-nogui")
    target = tmp_path / "花脸稿.docx"
    compare_reports(*years, target)
    subprocess.run([soffice, f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}", "--headless",
                    "--convert-to", "odt", "--outdir", str(tmp_path / "odt"), str(target)],
                   capture_output=True, timeout=300, check=True)
    content = zipfile.ZipFile(tmp_path / "odt" / "花脸稿.odt").read("content.xml").decode("utf-8")
    assert "<text:tracked-changes" in content
    assert content.count("<text:insertion>") > 3 and content.count("<text:deletion>") > 3
