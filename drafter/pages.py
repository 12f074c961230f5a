"""The rendered page, checked: what a typesetter looks at once LibreOffice has laid the draft out.

The .docx only asks for a layout; Word, WPS and LibreOffice each decide where lines break and
pages end. So the check reads the PDF LibreOffice made of the draft (``pdftotext -bbox-layout``
gives every word with its position, ``pdffonts`` the faces used) against the .docx itself:

- a page other than the last that does not reach the 22nd line of the grid (撑满版心, 5.2.3);
- the signature block alone on a page, or issuer and date on different pages (7.3.5);
- characters of the .docx missing from the PDF (compared as multisets, order aside);
- a line that begins with closing punctuation (避头尾, GB/T 15834 §5.1);
- a paragraph whose last line holds only one or two characters;
- the faces the draft names that LibreOffice did not have and replaced.

Used by ``drafter build --pdf`` on the PDF it writes and by ``drafter check 稿件.docx --pages``,
both of which lay the draft out with :func:`lay_out` (LibreOffice, given the signature block's
kept tail where it needs it in a form it honours).
Needs LibreOffice (``soffice``) and poppler's ``pdftotext``/``pdffonts``.
"""

from __future__ import annotations

import io
import re
import shutil
import subprocess
import tempfile
import zipfile
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import docx
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Pt
from lxml import etree

from . import office, ooxml
from .errors import Problem, ToolMissing, UsageError
from .findings import Finding
from .style import FACES, GB9704, NO_LINE_START, STYLE_ID, PageLayout

_SIGNATURE_STYLES = (STYLE_ID["issuer"], STYLE_ID["date"])
_UNSIGNED_STYLES = tuple(STYLE_ID[part] for part in ("title", "byline", "addressee", "issuer", "date", "closing"))
_STANDALONE = tuple(STYLE_ID[f"heading{n}"] for n in range(1, 5))
_ATTACHMENT_HEAD = re.compile(r"附件\d*")  # the label heading an attachment's page (spans.attachment_pages)
_POSTSCRIPT = {  # how each face names itself inside a PDF
    "仿宋_GB2312": "FangSong_GB2312", "楷体_GB2312": "KaiTi_GB2312", "方正小标宋简体": "FZXBSJW",
    "黑体": "SimHei", "仿宋": "FangSong", "楷体": "KaiTi", "宋体": "SimSun", "Times New Roman": "TimesNewRoman",
}
_POSTSCRIPT.update({name: name for name in FACES if name not in _POSTSCRIPT})


def _tool(name: str, package: str) -> str:
    found = shutil.which(name)
    if found is None:
        raise ToolMissing(Problem(f"没有找到 {name}，无法检查排出的页面；请安装 poppler（Debian 包 {package}）后重试"))
    return found


def convert(docx_paths: list[Path], folder: Path, missing: str = "无法排出页面检查；请安装 LibreOffice 后重试",
            failed: str = "") -> list[Path]:
    """PDFs of ``docx_paths`` in ``folder``, from one LibreOffice run (starting it is most of the
    time). ``missing`` and ``failed`` finish the messages with what it means for the caller."""
    program = office.soffice()
    if program is None:
        raise ToolMissing(Problem(f"没有找到 LibreOffice（soffice），{missing}"))
    produced = office.convert(program, docx_paths, "pdf", folder)
    lost = [path for path in docx_paths if path not in produced]
    if lost:
        raise ToolMissing([Problem(f"LibreOffice 未能转换出 PDF{failed}", path) for path in lost])
    return [produced[path] for path in docx_paths]


def lay_out(docx_paths: list[Path], folder: Path, missing: str = "无法排出页面检查；请安装 LibreOffice 后重试",
            failed: str = "") -> list[Path]:
    """PDFs of ``docx_paths`` in ``folder`` as :func:`convert` makes them, except that a draft
    whose signature block LibreOffice left alone or split, or whose pages before it it left
    short, is laid out again with the block's kept tail (see :func:`kept_tail`).

    The .docx keeps the last body paragraph with the block (``w:keepNext`` with widow control),
    which ECMA-376 (17.3.1.15) defines as "at least partly on the same page": Word carries its
    last two lines over with the block. LibreOffice 7.4 treats every paragraph kept with the
    next as one that may not be split: it moves the whole paragraph, and gives the keep up
    (splitting issuer from date, or leaving them alone) when the paragraph and the block do not
    fit on one page. Its copy is therefore given what Word does, in a form it honours: the
    paragraph's last two printed lines as a paragraph of their own kept with the block."""
    pdfs = convert(docx_paths, folder, missing, failed)
    tuned: dict[int, bytes] = {}
    try:
        for index, (path, pdf) in enumerate(zip(docx_paths, pdfs)):
            if any(f.rule in _TAIL_RULES for f in check_pages(path, pdf, fonts=False)):
                data = kept_tail(path, read_pdf(pdf))
                if data is not None:
                    tuned[index] = data
    except ToolMissing:  # without poppler the pages cannot be read: LibreOffice's own PDF it is
        return pdfs
    if tuned:
        again = folder / ".tail"
        again.mkdir(exist_ok=True)
        copies = []
        for index, data in tuned.items():
            copies.append(again / docx_paths[index].name)
            copies[-1].write_bytes(data)
        for index, pdf in zip(tuned, convert(copies, again, missing, failed)):
            pdf.replace(pdfs[index])
    return pdfs


_TAIL_RULES = ("page-signature-alone", "page-signature-split", "page-short")


def kept_tail(draft: Path, pages: list[Page]) -> bytes | None:
    """The draft with the body's last two printed lines, read from LibreOffice's own PDF, kept
    with the signature block: the paragraph that holds the first of them split exactly where
    LibreOffice broke that line, its head as it was (the last line spread to the full width, as
    it was when justified inside the paragraph), its tail a paragraph without indent kept with
    the next, as is every paragraph after it. None when the PDF does not show those lines as
    the ends of the paragraphs before the block (text differs, or no paragraph need split)."""
    document = docx.Document(str(draft))
    paragraphs = document.paragraphs
    start = next((i for i, p in enumerate(paragraphs) if ooxml.style_id(p) in _SIGNATURE_STYLES and p.text.strip()), 0)
    lines = [line.text for page in pages for line in page.lines]
    first = paragraphs[start].text.replace(" ", "") if start else None
    at = max((i for i, text in enumerate(lines) if text == first), default=0)
    if at < 2:
        return None
    printed = "".join(lines[at - 2:at])
    for index in range(start - 1, -1, -1):  # the paragraphs the two lines end, last first
        body = paragraphs[index]
        if not ooxml.follows(paragraphs[index + 1], body):
            return None  # a table stands between: its rows are not the paragraph's lines
        text = ooxml.text_of(body)
        offset = len(text)
        while printed and offset > 0:  # walk back over the printed tail, spaces aside
            offset -= 1
            if text[offset].isspace():
                continue
            if text[offset] != printed[-1]:
                return None
            printed = printed[:-1]
        if printed:  # the whole paragraph is among the two lines: it goes over with them
            body.paragraph_format.keep_with_next = True
            continue
        if not text[:offset].strip():
            return None
        tail = ooxml.split_paragraph(body, offset)
        body.paragraph_format.keep_with_next = False
        body.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.DISTRIBUTE
        tail.paragraph_format.first_line_indent = Pt(0)
        tail.paragraph_format.keep_with_next = tail.paragraph_format.widow_control = True
        buffer = io.BytesIO()
        document.save(buffer)
        return buffer.getvalue()
    return None


@dataclass
class Line:
    """One printed line: its vertical middle (points from the top of the page) and its text."""

    middle: float
    text: str


@dataclass
class Page:
    number: int
    lines: list[Line] = field(default_factory=list)
    """Lines inside the 版心 (the footer's page number left out)."""


def read_pdf(pdf: Path, page: PageLayout = GB9704.page) -> list[Page]:
    """Every page's lines, words joined by their baseline, from ``pdftotext -bbox-layout``."""
    xhtml = subprocess.run([_tool("pdftotext", "poppler-utils"), "-bbox-layout", str(pdf), "-"],
                           capture_output=True, check=True).stdout
    root = etree.fromstring(xhtml, etree.XMLParser(recover=True, huge_tree=True))
    bottom = page.top.pt + page.lines_per_page * page.line_pitch.pt + 6
    pages = []
    for number, element in enumerate(root.iter("{*}page"), 1):
        rows: dict[int, list[tuple[float, float, str]]] = {}
        for word in element.iter("{*}word"):
            y0, y1, x0 = float(word.get("yMin")), float(word.get("yMax")), float(word.get("xMin"))
            if y1 <= bottom and word.text:
                rows.setdefault(round(y1), []).append((x0, (y0 + y1) / 2, word.text))
        merged: list[list[tuple[float, float, str]]] = []
        for key in sorted(rows):  # words of one line may differ by a point in height (Latin vs CJK)
            if merged and abs(max(w[1] for w in rows[key]) - max(w[1] for w in merged[-1])) < 6:
                merged[-1].extend(rows[key])
            else:
                merged.append(list(rows[key]))
        lines = [Line(max(w[1] for w in words), "".join(w[2] for w in sorted(words))) for words in merged]
        pages.append(Page(number, lines))
    return pages


def row_of(line: Line, page: PageLayout = GB9704.page) -> int:
    """The grid row (1–22) a line stands on."""
    return int((line.middle - page.top.pt) // page.line_pitch.pt) + 1


@dataclass
class DraftText:
    """What the .docx says, for comparison with its PDF."""

    paragraphs: list[tuple[str, str]]
    """(style id, text) of every body paragraph, in order."""
    rows: list[list[str]]
    """The cells of every table row."""

    @property
    def characters(self) -> Counter[str]:
        text = "".join(t for _, t in self.paragraphs) + "".join(cell for row in self.rows for cell in row)
        return Counter(ch for ch in text if not ch.isspace())


def read_docx(path: Path) -> DraftText:
    document = docx.Document(str(path))
    paragraphs = [(ooxml.style_id(p) or "", p.text) for p in document.paragraphs]
    rows = [[cell.text for cell in row.cells] for table in document.tables for row in table.rows]
    return DraftText(paragraphs, rows)


def pdf_fonts(pdf: Path) -> list[str]:
    """Names of the faces in the PDF, subset prefixes (``ABCDEF+``) removed."""
    listing = subprocess.run([_tool("pdffonts", "poppler-utils"), str(pdf)], capture_output=True, text=True,
                             check=True).stdout.splitlines()[2:]
    return sorted({line.split()[0].split("+")[-1] for line in listing if line.strip()})


def _named_faces(draft: Path) -> set[str]:
    """The faces of the draft's font table: Word, WPS and drafter list there the faces in use."""
    with zipfile.ZipFile(draft) as archive:
        try:
            root = etree.fromstring(archive.read("word/fontTable.xml"))
        except KeyError:
            return set()
    return {font.get(qn("w:name")) for font in root.iter(qn("w:font"))}


def font_report(draft: Path, pdf: Path) -> tuple[list[str], list[str]]:
    """(faces the draft names but LibreOffice did not have, the faces it used in the PDF)."""
    used = pdf_fonts(pdf)
    key = [re.sub(r"[^a-z0-9]", "", name.lower()) for name in used]
    missing = []
    for face in sorted(_named_faces(draft)):
        wanted = re.sub(r"[^a-z0-9]", "", _POSTSCRIPT.get(face, face).lower())
        if not wanted or not any(k.startswith(wanted) for k in key):
            missing.append(face)
    return missing, used


def _heading_lines(lines: list[Line], headings: list[str]) -> int:
    """How many of the first ``lines`` of a page make up a heading standing alone: kept with
    the next paragraph, it leaves that many lines free at the foot of the page before."""
    text = ""
    for count, line in enumerate(lines[:4], 1):
        text += line.text
        if text in headings:
            return count
    return 0


_PRINTED = re.compile(r"\d+日印发$")


def colophon_page(pages: list[Page]) -> int | None:
    """The page holding a formal copy's 版记 (its "……日印发" line), if there is one."""
    return next((p.number for p in reversed(pages) if any(_PRINTED.search(line.text) for line in p.lines)), None)


def colophon_move(pages: list[Page]) -> int:
    """How a formal copy's 版记 must move to stand at the foot of an even page, the back of the
    last body page: 0 where it does (or there is none); 1 (to a page of its own) where it shares
    an odd page with the body; 2 (after an unnumbered blank page, 7.5) where it stands alone on
    an odd page, the body having ended on an even one with no room left for it."""
    colophon = colophon_page(pages)
    if colophon is None or colophon % 2 == 0:
        return 0
    return 2 if _foot_only(pages[colophon - 1]) else 1


def _foot_only(page: Page, layout: PageLayout = GB9704.page) -> bool:
    """Does the page hold nothing above its lower half (the 版记 alone)?"""
    return bool(page.lines) and all(row_of(line, layout) > layout.lines_per_page // 2 for line in page.lines)


def check_pages(draft: Path, pdf: Path, page: PageLayout = GB9704.page, fonts: bool = True) -> list[Finding]:
    """The rendered-page findings for a draft and the PDF made of it (``fonts``: and the faces
    LibreOffice replaced)."""
    text, pages = read_docx(draft), read_pdf(pdf, page)
    findings: list[Finding] = []
    lost = text.characters - Counter(ch for p in pages for line in p.lines for ch in line.text if not ch.isspace())
    if lost:
        shown = "、".join(f"“{ch}”{n}个" if n > 1 else f"“{ch}”" for ch, n in lost.most_common(8))
        findings.append(Finding("page-lost-characters", "error",
                                f"PDF 中缺少 {sum(lost.values())} 个字符：{shown}（Word 中有，排出的页面上没有）"))
    signature = [t.replace(" ", "") for style, t in text.paragraphs if style in _SIGNATURE_STYLES and t.strip()]
    unsigned = {t.replace(" ", "") for style, t in text.paragraphs if style in _UNSIGNED_STYLES}
    headings = [t.replace(" ", "") for style, t in text.paragraphs if style in _STANDALONE and t.strip()]
    table_rows = {"".join(row).replace(" ", "") for row in text.rows}
    last_seen = {line.text: i for i, p in enumerate(pages) for line in p.lines}  # the title may repeat the issuer
    holding = sorted({last_seen[t] for t in signature if t in last_seen})
    if signature and len(holding) > 1:
        findings.append(Finding("page-signature-split", "error",
                                f"发文机关署名和成文日期分在第{holding[0] + 1}页和第{holding[-1] + 1}页"))
    for i in holding[-1:]:
        if not any(line.text not in unsigned for line in pages[i].lines):
            findings.append(Finding("page-signature-alone", "error",
                                    f"第{i + 1}页只有署名和日期，没有正文（GB/T 9704 7.3.5.5：应调整行距字距使其与正文同页）"))
    colophon = colophon_page(pages)
    if colophon is not None and colophon % 2:
        findings.append(Finding("page-colophon-odd", "warning",
                                f"版记在第{colophon}页（单页）：双面印刷时应在最后一页的背面（偶数页）；"
                                "drafter build --formal --pdf 会自动改排"))
    # The 版记 on a page of its own, the back of the last body page: that body page may end short.
    alone = colophon == len(pages) > 1 and _foot_only(pages[-1], page)
    end = len(pages) - 1 - alone
    while alone and end > 0 and not pages[end].lines:  # and the blank page before it (7.5)
        end -= 1
    for i, current in enumerate(pages[:end]):
        if not current.lines or any(line.text in table_rows for line in current.lines):
            continue  # a page with a table is measured in rows, not lines
        rows = row_of(current.lines[-1], page)
        after = pages[i + 1].lines
        allowed = page.lines_per_page - _heading_lines(after, headings)  # a heading went over with its text
        if i + 1 in holding:
            continue  # the signature keeps the last paragraph with it: LibreOffice may move all of it
        if after and _ATTACHMENT_HEAD.fullmatch(after[0].text):
            continue  # an attachment starts a page of its own (7.3.7)
        if rows < allowed:
            findings.append(Finding("page-short", "warning",
                                    f"第{i + 1}页只排到第{rows}行，未撑满版心（应为{page.lines_per_page}行）"))
    ends = [t.replace(" ", "") for style, t in text.paragraphs if style not in _UNSIGNED_STYLES]
    for current in pages:
        for line in current.lines:
            if line.text[:1] in NO_LINE_START:
                findings.append(Finding("page-line-start", "warning",
                                        f"第{current.number}页第{row_of(line, page)}行以标点“{line.text[0]}”开头：{line.text}"))
            if len(line.text) <= 2 and any(e.endswith(line.text) and len(e) > len(line.text) for e in ends):
                findings.append(Finding("page-short-last-line", "warning",
                                        f"第{current.number}页第{row_of(line, page)}行只有“{line.text}”一两个字，"
                                        "可删改几个字让段落少占一行"))
    missing, used = font_report(draft, pdf) if fonts else ([], [])
    if missing:
        findings.append(Finding("page-fonts", "warning",
                                f"本机没有字体 {'、'.join(missing)}，PDF 用了替代字体（{'、'.join(used)}），"
                                "字形和行内字数可能与 Word 中不同"))
    return findings


def check_file(path: Path, template: str | None = None) -> list[Finding]:
    """``drafter check 文件 --pages``: a .docx draft, or the draft a sheet builds to, laid out by
    LibreOffice in a temporary folder and its pages checked."""
    from .pipeline import draft

    suffix = path.suffix.lower()
    if suffix not in (".docx", ".yaml", ".yml"):
        raise UsageError(Problem("--pages 只能检查 Word 成稿（.docx）或事实表（.yaml）", path))
    with tempfile.TemporaryDirectory() as folder:
        target = Path(folder) / "稿件.docx"
        if suffix == ".docx":
            shutil.copyfile(path, target)
        else:
            target.write_bytes(draft(path, template).docx())
        (pdf,) = lay_out([target], Path(folder))
        return check_pages(target, pdf)
