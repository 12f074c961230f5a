"""Every form a clerk has last year's report in — Word with automatic numbering, old .doc, the
website's PDF, the saved web page, text with each recognition case — imports with the right
structure, part by part, and builds back to ≥ 99 % of its text."""

from __future__ import annotations

import difflib
import io
import re
from pathlib import Path

import docx
import pytest
from docx.oxml import parse_xml
from lxml import html as lxml_html

from drafter import office
from drafter.cli import run
from drafter.importer import to_sheet
from drafter.readers.report import read_report
from drafter.readers.docx_numbering import ListNumbers
from drafter.pipeline import pack_for
from drafter.templating import resolve_pack
from drafter.render import render
from drafter.sheet import Sheet
from drafter.writers.docx import write_docx
from drafter.writers.text import write_text

from .conftest import HERE, program
from .test_import import normalised

IMPORTS = HERE / "imports"


def imported(path: Path) -> tuple[Sheet, list[str]]:
    sheet, warnings = to_sheet(read_report(path), str(path))
    return sheet, [w.message for w in warnings]


def fidelity(sheet: Sheet, reference: str) -> float:
    """How much of the reference text the built draft gives back (read with python-docx)."""
    document = render(sheet, pack_for(sheet))
    built = "\n".join(p.text for p in docx.Document(io.BytesIO(write_docx(document))).paragraphs)
    return difflib.SequenceMatcher(None, normalised(reference), normalised(built), autojunk=False).ratio()


def outline(sheet: Sheet) -> list[tuple[str, str | None, list[str | None]]]:
    """Each part's kind, title and its sections' titles."""
    return [(p.kind, p.title, [s.title for s in p.sections]) for p in sheet.parts]


# -- text reports, one per recognition case ----------------------------------------------------

def test_part_markers_open_level_one_and_are_kept(tmp_path: Path) -> None:
    path = IMPORTS / "parts-markers.txt"
    sheet, warnings = imported(path)
    assert outline(sheet) == [
        ("achievements", "2024年法治政府建设主要举措和成效", ["健全依法决策机制", "严格规范公正文明执法", "强化行政权力监督"]),
        ("shortcomings", None, ["法治意识有待增强", "执法队伍力量不足"]),
        ("plans", "2025年工作安排", ["深化法治政府示范创建", "加强执法队伍建设"]),
    ]
    assert sheet.intro == ["2024年，我县坚持以习近平法治思想为指导，现将有关情况报告如下。"]
    assert (sheet.meta.addressee, sheet.meta.issuer, str(sheet.meta.date)) == ("示范市人民政府", "示范县人民政府", "2025-03-20")
    assert sheet.meta.numbering is not None and sheet.meta.numbering.part_markers
    assert "原文一级标题写作“第一部分”（GB/T 9704-2012 7.3.3 的写法是“一、”），成稿照原文编号" \
           "（meta.numbering.part_markers；删去即按标准编号）" in warnings
    assert "第一部分　2024年法治政府建设主要举措和成效" in write_text(render(sheet, pack_for(sheet))).splitlines()
    assert fidelity(sheet, path.read_text(encoding="utf-8")) >= 0.99


def test_an_addressee_list_over_two_lines() -> None:
    path = IMPORTS / "addressee-list.txt"
    sheet, warnings = imported(path)
    assert sheet.meta.addressee == "中共示范县委、示范县人民政府，示范市司法局；示范县人大常委会"
    assert sheet.intro == ["现将我局2024年法治政府建设情况报告如下。"]
    assert [p.kind for p in sheet.parts] == ["achievements", "shortcomings", "plans"]
    assert (sheet.meta.issuer, str(sheet.meta.date)) == ("示范县市场监督管理局", "2025-03-15")
    assert "主送机关由2行合为一行，请核对" in warnings
    assert fidelity(sheet, path.read_text(encoding="utf-8")) >= 0.99


def test_contact_and_copy_lines_after_the_date() -> None:
    path = IMPORTS / "contact-after-date.txt"
    sheet, _ = imported(path)
    assert (sheet.meta.issuer, str(sheet.meta.date)) == ("示范县人民政府", "2025-03-20")
    assert sheet.meta.closing == ["（联系人：李明，联系电话：0909-1234567）", "抄送：示范市司法局。"]
    assert sheet.parts[-1].text == ["深入推进法治政府建设。"]
    assert fidelity(sheet, path.read_text(encoding="utf-8")) >= 0.99


def test_attachment_note_with_a_wrapped_name_and_attachment_bodies() -> None:
    path = IMPORTS / "attachments.txt"
    sheet, warnings = imported(path)
    assert (sheet.meta.issuer, str(sheet.meta.date)) == ("示范县人民政府", "2025-03-20")
    assert [a.title for a in sheet.attachments] == [
        "示范县2024年法治政府建设主要数据统计表", "示范县2024年度行政执法监督检查情况及典型案例汇编",
        "示范县2025年法治政府建设工作要点"]
    assert [len(a.text) for a in sheet.attachments] == [2, 1, 0]
    assert sheet.parts[-1].text == ["深入推进法治政府建设。"]  # the note did not swallow the signature
    assert "附件说明列出3件，文后附有2件附件，请核对" in warnings
    assert fidelity(sheet, path.read_text(encoding="utf-8")) >= 0.99


def test_attachments_are_laid_out_as_gb9704_asks(tmp_path: Path) -> None:
    sheet, _ = imported(IMPORTS / "attachments.txt")
    document = docx.Document(io.BytesIO(write_docx(render(sheet, pack_for(sheet)))))
    paragraphs = document.paragraphs
    texts = [p.text for p in paragraphs]
    note = texts.index("附件：1.示范县2024年法治政府建设主要数据统计表")
    assert texts[note + 1:note + 3] == ["2.示范县2024年度行政执法监督检查情况及典型案例汇编", "3.示范县2025年法治政府建设工作要点"]
    assert texts[note + 3] == "示范县人民政府" and note < texts.index("2025年3月20日")  # 7.3.4: before the signature
    first = paragraphs[note].paragraph_format
    assert first.left_indent - (-first.first_line_indent) == docx.shared.Pt(32)  # 左空二字
    label = texts.index("附件1")
    assert paragraphs[label].paragraph_format.page_break_before  # 7.3.7: on a new page
    assert texts[label + 1] == "示范县2024年法治政府建设主要数据统计表" and "附件3" not in texts


def test_numbering_habits_are_kept_and_explained(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    sheet, _ = imported(IMPORTS / "arabic-comma.txt")
    assert sheet.meta.numbering is not None and sheet.meta.numbering.arabic_mark == "、"
    assert "　　1、完善决策程序" in "\n".join(_outline(capsys, IMPORTS / "arabic-comma.txt"))
    assert "1、完善决策程序。出台重大行政决策程序规定。" in write_text(render(sheet, pack_for(sheet)))
    assert run(["import", str(IMPORTS / "arabic-comma.txt"), "-o", str(tmp_path / "s.yaml")]) == 0
    capsys.readouterr()
    run(["check", str(tmp_path / "s.yaml")])
    out = capsys.readouterr().out
    assert "三级标题写作“1、”：GB/T 9704-2012 7.3.3 规定第三层用“1.”（阿拉伯数字后加下脚点）；" \
           "按原文习惯编号，如需标准写法请删去 meta.numbering 中的相应项" in out


def _outline(capsys: pytest.CaptureFixture[str], path: Path) -> list[str]:
    assert run(["outline", str(path)]) == 0
    return capsys.readouterr().out.splitlines()


# -- Word, old Word, PDF: one report (tests/imports/source/numbered-report.fodt) in three forms ---

NUMBERED_OUTLINE = [
    ("achievements", "主要举措和成效", ["健全依法决策机制", "严格规范公正文明执法", "强化行政权力监督"]),
    ("shortcomings", None, ["法治意识有待增强", "执法队伍力量不足"]),
    ("plans", "2025年工作安排", ["深化法治政府示范创建", "加强执法队伍建设"]),
]
REFERENCE = (IMPORTS / "source" / "numbered-report.txt").read_text(encoding="utf-8")  # LibreOffice's own text export


def check_numbered_report(sheet: Sheet) -> None:
    assert outline(sheet) == NUMBERED_OUTLINE
    first = sheet.parts[0].sections[0]
    assert [s.title for s in first.sections] == ["完善决策程序", "加强合法性审查"]
    assert first.text[0].startswith("制定重大行政决策事项目录") and first.run_in is False
    assert [s.title for s in sheet.parts[2].sections[0].sections] == ["细化创建任务", "强化督察考核"]
    assert (sheet.meta.addressee, sheet.meta.issuer, str(sheet.meta.date)) == ("示范市人民政府", "示范县人民政府", "2025-03-20")
    assert sheet.meta.numbering is None and sheet.attachments == []
    assert fidelity(sheet, REFERENCE) >= 0.99


def test_libreoffice_docx_with_automatic_multilevel_numbering() -> None:
    raw = [p.text for p in docx.Document(IMPORTS / "numbered-lo.docx").paragraphs]
    assert "主要举措和成效" in raw and "一、主要举措和成效" not in raw  # the numbers are not in the text
    sheet, warnings = imported(IMPORTS / "numbered-lo.docx")
    check_numbered_report(sheet)
    assert warnings == []


def test_old_doc_through_libreoffice() -> None:
    program("soffice", "libreoffice-writer-nogui")
    sheet, _ = imported(IMPORTS / "numbered-report.doc")
    check_numbered_report(sheet)


def test_doc_without_libreoffice_says_so(capsys: pytest.CaptureFixture[str], tmp_path: Path,
                                         monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(office, "soffice", lambda: None)
    code = run(["import", str(IMPORTS / "numbered-report.doc"), "-o", str(tmp_path / "s.yaml")])
    assert code == 6 and "读取 .doc 文件需要 LibreOffice（soffice），但没有找到" in capsys.readouterr().err
    assert not (tmp_path / "s.yaml").exists()


def test_pdf_with_running_heads_and_page_numbers() -> None:
    sheet, _ = imported(IMPORTS / "numbered-report.pdf")
    check_numbered_report(sheet)
    text = str(sheet.model_dump())
    assert "办公室" not in text and "—1—" not in text and "— 1 —" not in text
    assert "公示执法决定3215件，实现执法信息公开透明。" in text  # a paragraph across a page break, joined


def test_a_pdf_without_text_is_a_scan(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    from PIL import Image

    path = tmp_path / "scan.pdf"
    Image.new("RGB", (600, 800), "white").save(path)
    assert run(["import", str(path), "-o", str(tmp_path / "s.yaml")]) == 4
    assert "这份 PDF 没有文字层（可能是扫描件）" in capsys.readouterr().err


def test_a_broken_pdf(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = tmp_path / "broken.pdf"
    path.write_bytes(b"%PDF-1.4\n garbage")
    assert run(["import", str(path), "-o", str(tmp_path / "s.yaml")]) == 4
    assert "无法读取这份 PDF" in capsys.readouterr().err


def test_saved_government_web_page() -> None:
    page = IMPORTS / "gov-page.html"
    sheet, _ = imported(page)
    assert [p.kind for p in sheet.parts] == ["achievements", "shortcomings", "plans"]
    assert [s.title for s in sheet.parts[0].sections] == ["健全依法决策机制", "严格规范公正文明执法", "强化行政权力监督"]
    assert len(sheet.parts[1].items) == 2 and sheet.parts[1].items_inline
    assert (sheet.meta.addressee, sheet.meta.issuer, str(sheet.meta.date)) == ("示范市人民政府", "示范县人民政府", "2025-03-20")
    text = str(sheet.model_dump())
    for furniture in ("首页", "当前位置", "分享到", "打印", "关闭", "主办单位", "备案号", "浏览次数", "相关链接"):
        assert furniture not in text
    tree = lxml_html.fromstring(page.read_bytes())  # the article as the browser shows it, read with lxml
    article = [tree.findtext(".//h1")] + [p.text_content() for p in tree.find_class("article-content")[0].iter("p")]
    assert fidelity(sheet, "\n".join(article)) >= 0.99


# -- .docx habits: heading styles without numbers, bold-only headings, list overrides -----------

def test_heading_styles_and_bold_only_headings(tmp_path: Path) -> None:
    document = docx.Document()
    document.add_paragraph("示范县2024年法治政府建设情况报告")
    document.add_paragraph("主要举措和成效", style="Heading 1")
    document.add_paragraph("加强组织领导").runs[0].bold = True
    document.add_paragraph("县政府常务会议专题研究法治政府建设4次。")
    document.add_paragraph("推进依法决策").runs[0].bold = True
    document.add_paragraph("全年作出重大行政决策8项。")
    document.add_paragraph("存在的问题", style="Heading 1")
    document.add_paragraph("执法力量不足。")
    path = tmp_path / "styled.docx"
    document.save(path)
    sheet, warnings = imported(path)
    assert outline(sheet) == [("achievements", "主要举措和成效", ["加强组织领导", "推进依法决策"]),
                              ("shortcomings", "存在的问题", [])]
    assert "加粗的“加强组织领导”识别为第2级标题（原文没有序号），请核对" in warnings


NUMBERING = """<w:numbering xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">
<w:abstractNum w:abstractNumId="90">
 <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/></w:lvl>
 <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="（%2）"/></w:lvl>
 <w:lvl w:ilvl="2"><w:start w:val="1"/><w:lvlRestart w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%3."/></w:lvl>
</w:abstractNum>
<w:num w:numId="90"><w:abstractNumId w:val="90"/></w:num>
<w:num w:numId="91"><w:abstractNumId w:val="90"/></w:num>
<w:num w:numId="92"><w:abstractNumId w:val="90"/><w:lvlOverride w:ilvl="0"><w:startOverride w:val="5"/></w:lvlOverride></w:num>
<w:abstractNum w:abstractNumId="93"><w:styleLink w:val="ReportList"/>
 <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="（%1）"/></w:lvl>
</w:abstractNum>
<w:abstractNum w:abstractNumId="94"><w:numStyleLink w:val="ReportList"/></w:abstractNum>
<w:num w:numId="94"><w:abstractNumId w:val="94"/></w:num>
<w:num w:numId="95"><w:abstractNumId w:val="90"/><w:lvlOverride w:ilvl="0"><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="第%1部分"/></w:lvl></w:lvlOverride></w:num>
</w:numbering>"""


def test_list_numbers_follow_restarts_and_overrides() -> None:
    document = docx.Document()
    numbering = document.part.numbering_part.element
    for child in parse_xml(NUMBERING):
        numbering.append(child)
    sequence = [(90, 0), (90, 1), (90, 2), (90, 1), (90, 2), (91, 0), (91, 2), (92, 0), (92, 1), (94, 0), (94, 0),
                (95, 0)]
    for num_id, level in sequence:
        paragraph = document.add_paragraph("文字")
        num_pr = paragraph._p.get_or_add_pPr()._add_numPr()
        num_pr._add_ilvl().val = level
        num_pr._add_numId().val = num_id
    numbers = ListNumbers(document)
    shown = [numbers.number(p) for p in document.paragraphs]
    # level 3 restarts only under level 1 (lvlRestart 1): 1. 2. run on across （一）（二）;
    # numId 91 shares the abstract list and counts on; numId 92 restarts level 1 at 5; numId 94 takes
    # its levels from a list style; numId 95 redefines level 1 for itself (a list of its own)
    assert shown == ["一、", "（一）", "1.", "（二）", "2.", "二、", "1.", "五、", "（一）", "（1）", "（2）", "第1部分"]


def test_import_prints_the_structure_it_found(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    assert run(["import", str(IMPORTS / "parts-markers.txt"), "-o", str(tmp_path / "s.yaml")]) == 0
    out = capsys.readouterr().out
    assert "识别出的结构（成稿将这样编号）：" in out
    assert "第一部分　2024年法治政府建设主要举措和成效  〔主要举措和成效〕" in out
    assert re.search(r"　（一）健全依法决策机制", out)
    assert "主送机关：示范市人民政府" in out and "落款：示范县人民政府　2025年3月20日" in out


# -- each seed's own draft, printed to PDF by LibreOffice, imports back ---------------------------

@pytest.fixture(scope="module")
def seed_pdfs(tmp_path_factory: pytest.TempPathFactory) -> dict[Path, Path]:
    """Each example seed sheet built and converted to PDF, all five in one LibreOffice call."""
    from drafter.build import build

    soffice = program("soffice", "libreoffice-writer-nogui")
    folder = tmp_path_factory.mktemp("seed-pdfs")
    drafts = {sheet: build(sheet, folder / f"{sheet.stem}.docx")[1] for sheet in SEED_SHEETS}
    pdfs = office.convert(soffice, list(drafts.values()), "pdf", folder)
    assert len(pdfs) == len(drafts)
    return {sheet: pdfs[draft] for sheet, draft in drafts.items()}


SEED_SHEETS = sorted((HERE.parent / "examples" / "seeds").glob("*.yaml"))


@pytest.mark.external
@pytest.mark.parametrize("sheet_path", SEED_SHEETS, ids=lambda p: p.name[:3])
def test_the_pdf_of_each_seed_draft_imports_back_to_an_equivalent_sheet(seed_pdfs: dict[Path, Path],
                                                                        sheet_path: Path) -> None:
    from drafter.readers.sheet import read_sheet

    original = read_sheet(sheet_path)
    back, _ = imported(seed_pdfs[sheet_path])
    fields = ("region", "year", "addressee", "issuer", "date", "byline", "closing", "script")
    assert {f: getattr(back.meta, f) for f in fields} == {f: getattr(original.meta, f) for f in fields}
    assert [p.kind for p in back.parts] == [p.kind for p in original.parts]
    template = original.meta.template
    drafted, redrafted = render(original, pack_for(original)), render(back, resolve_pack(template))
    assert [(h.level, h.number, h.text) for h in redrafted.headings()] == \
           [(h.level, h.number, h.text) for h in drafted.headings()]
    assert redrafted.title == drafted.title
    ratio = difflib.SequenceMatcher(None, normalised(write_text(drafted)), normalised(write_text(redrafted)),
                                    autojunk=False).ratio()
    # LibreOffice leaves out a few full-width commas squeezed at a line's end: they are not in the PDF at all
    assert ratio >= 0.995


@pytest.mark.parametrize("form", ["docx", "txt"])
def test_a_draft_with_attachments_and_habits_imports_back_to_its_sheet(tmp_path: Path, form: str) -> None:
    from drafter.build import build
    from drafter.readers.sheet import read_sheet

    sheet_path = IMPORTS / "attachments-habits.yaml"
    original = read_sheet(sheet_path)
    if form == "docx":
        _, draft, _ = build(sheet_path, tmp_path / "draft.docx")
    else:
        draft = tmp_path / "draft.txt"
        draft.write_text(write_text(render(original, pack_for(original))), encoding="utf-8")
    texts = write_text(render(original, pack_for(original))).splitlines()
    assert "第一部分　2024年度推进法治政府建设的主要举措和成效" in texts[3:5]
    assert "3、推行三项制度。全面落实行政执法公示制度。" in texts
    back, _ = imported(draft)
    assert back == original


@pytest.mark.parametrize("name", ["report.wps", "report.fodt"])
def test_wps_and_odf_files_go_through_libreoffice(tmp_path: Path, name: str) -> None:
    """A WPS file is an old Word file inside; an ODF text is LibreOffice's own: both convert."""
    program("soffice", "libreoffice-writer-nogui")
    source = IMPORTS / ("numbered-report.doc" if name.endswith(".wps") else "source/numbered-report.fodt")
    path = tmp_path / name
    path.write_bytes(source.read_bytes())
    sheet, _ = imported(path)
    check_numbered_report(sheet)


def test_a_web_page_in_gb2312(tmp_path: Path) -> None:
    page = (IMPORTS / "gov-page.html").read_text(encoding="utf-8").replace('charset="utf-8"', 'charset="gb2312"')
    path = tmp_path / "page.htm"
    path.write_bytes(page.encode("gb18030"))
    sheet, _ = imported(path)
    assert sheet.meta.addressee == "示范市人民政府" and len(sheet.parts) == 3


def test_previews_show_attachments() -> None:
    from drafter.writers.html import write_html
    from drafter.writers.markdown import write_markdown
    from drafter.writers.terminal import write_terminal

    document = render(sheet := read_sheet_at(IMPORTS / "attachments-habits.yaml"), pack_for(sheet))
    page = re.sub(r"<[^>]+>", "\n", write_html(document))
    for text in (write_text(document), write_markdown(document), page, write_terminal(document).plain):
        assert "附件：1.示范县2024年法治政府建设主要数据统计表" in text
        assert "2.示范县2025年法治政府建设工作要点" in text
        assert re.search(r"附件1\W+示范县2024年法治政府建设主要数据统计表", text)
        assert "附件2\n" not in text  # only named: no page of its own
    lines = write_text(document).splitlines()
    assert lines.index("附件：1.示范县2024年法治政府建设主要数据统计表") < lines.index("示范县人民政府") \
        < lines.index("附件1")


def read_sheet_at(path: Path) -> Sheet:
    from drafter.readers.sheet import read_sheet

    return read_sheet(path)


@pytest.mark.external
def test_each_attachment_starts_a_page_in_print(tmp_path: Path) -> None:
    """As printed (LibreOffice → PDF → pdftotext): the note is on the body's page, 附件1 heads a page."""
    import subprocess

    from drafter.build import build
    from drafter.export import export_pdf

    program("soffice", "libreoffice-writer-nogui")
    pdftotext = program("pdftotext", "poppler-utils")
    _, draft, _ = build(IMPORTS / "attachments-habits.yaml", tmp_path / "draft.docx")
    pdf, _, _ = export_pdf(draft)
    pages = [re.sub(r"\s+", "", page) for page in subprocess.run(
        [pdftotext, str(pdf), "-"], capture_output=True, text=True, check=True).stdout.split("\f")]
    last = next(n for n, page in enumerate(pages) if "附件1" in page)
    assert pages[last].startswith("附件1示范县2024年法治政府建设主要数据统计表")
    assert "附件：1.示范县2024年法治政府建设主要数据统计表2.示范县2025年法治政府建设工作要点示范县人民政府" \
        in pages[last - 1]


def test_a_table_on_a_web_page(tmp_path: Path) -> None:
    page = (IMPORTS / "gov-page.html").read_text(encoding="utf-8").replace(
        "<p style=\"text-indent:2em;\">（二）严格规范公正文明执法。",
        "<table><tr><td></td><td>本年</td><td>上年</td></tr><tr><td>复议案件</td><td>31</td><td>28</td></tr></table>"
        "<p style=\"text-indent:2em;\">（二）严格规范公正文明执法。")
    path = tmp_path / "page.html"
    path.write_text(page, encoding="utf-8")
    sheet, _ = imported(path)
    table = sheet.parts[0].sections[0].table
    assert table is not None and (table.columns, table.rows) == (["", "本年", "上年"], [["复议案件", "31", "28"]])


def test_rollover_moves_attachment_names_on_and_marks_their_text() -> None:
    from drafter.rollover import rollover_sheet

    new, _ = rollover_sheet(read_sheet_at(IMPORTS / "attachments-habits.yaml"))
    assert [(a.title, a.text) for a in new.attachments] == [
        ("示范县2025年法治政府建设主要数据统计表", ["【待更新】全年制定重大行政决策8项。", "【待更新】办理行政复议案件31件。"]),
        ("示范县2026年法治政府建设工作要点", []),
    ]
    assert new.meta.numbering == read_sheet_at(IMPORTS / "attachments-habits.yaml").meta.numbering


def test_line_numbers_of_a_pdf_are_explained(tmp_path: Path) -> None:
    _, warnings = imported(IMPORTS / "numbered-report.pdf")
    assert warnings[0] == "以下提示中的“第N行”指从PDF中提取出的第N段文字"
