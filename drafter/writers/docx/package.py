"""The .docx package around a draft: drafter's reference document (made from :mod:`drafter.style`
and shipped), the skeleton each draft starts from, the zip with only the changed parts
recompressed, the draft mark and digest that tell a rebuild the file is drafter's own, and a
pack's own reference document."""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from ...errors import Problem, TemplateError
from ...stamp import CORE, stamped_core
from ...style import FACES, GB9704, ROLES, SCRIPT_LANGS, TABLE_STYLE, Face, Style
from .wordml import escape


DRAFT_MARK = "由 drafter 根据事实表生成的初稿"
"""The comments property of every draft: how a rebuild recognises a file drafter wrote."""

REFERENCE = Path(__file__).parents[2] / "data" / "reference.docx"
"""drafter's reference document for :data:`~drafter.style.GB9704`, shipped with it and generated
by :func:`reference_docx` (``python -m drafter.writers.docx`` writes it again after a change to
:mod:`drafter.style`; a test fails while the shipped one is stale). Open it in Word to see
every style of a draft."""


def shipped_reference(house: Style) -> Path | None:
    """The shipped reference document of ``house`` when it is drafter's style in one of its
    scripts: ``reference.docx``, or ``reference-zh-TW.docx``/``reference-zh-HK.docx`` for the
    traditional faces (building one from python-docx's template costs a build's own time)."""
    for script, lang in SCRIPT_LANGS.items():
        if house == GB9704.for_script(script):
            return REFERENCE if script == "simplified" else REFERENCE.with_name(f"reference-{lang}.docx")
    return None


_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_STALE_RELS = ("/stylesWithEffects", "/customXml", "/thumbnail", "/webSettings")
_FIXED_TIME = (2024, 1, 1, 0, 0, 0)


def _font_table(house: Style) -> bytes:
    """``word/fontTable.xml`` naming every face of the draft with its alternate name, charset,
    panose and family, so Word and WPS without 仿宋_GB2312 take 仿宋 rather than any font."""
    fonts = [f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:fonts xmlns:w="{_W}">']
    for name in house.faces():
        face = FACES.get(name, Face(charset="00", panose="00000000000000000000", family="auto", pitch="variable"))
        alt = f'<w:altName w:val="{face.alt}"/>' if face.alt else ""
        fonts.append(f'<w:font w:name="{name}">{alt}<w:panose1 w:val="{face.panose}"/><w:charset w:val="{face.charset}"/>'
                     f'<w:family w:val="{face.family}"/><w:pitch w:val="{face.pitch}"/></w:font>')
    return ("".join(fonts) + "</w:fonts>").encode("utf-8")


_APP_XML = (b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Properties xmlns="http://schemas.openxmlformats.org/'
            b'officeDocument/2006/extended-properties"><Application>drafter</Application><DocSecurity>0</DocSecurity>'
            b'</Properties>')
"""An honest ``docProps/app.xml``: written by drafter, no page or word count it cannot know."""


def _theme(blob: bytes, house: Style) -> bytes:
    """The theme with its Japanese faces (ＭＳ 明朝, ＭＳ ゴシック) replaced by the draft's own."""
    major, minor = house.headings[0].east_asian, house.body.east_asian
    blob = re.sub(rb'<a:font script="Jpan" typeface="[^"]*"/>', b"", blob)
    for tag, face in ((b"majorFont", major), (b"minorFont", minor)):
        blob = re.sub(rb"(<a:" + tag + rb">.*?<a:ea typeface=\")[^\"]*", lambda m: m.group(1) + face.encode(), blob,
                      count=1, flags=re.S)
    return blob


def reference_docx(house: Style) -> bytes:
    """The empty draft of ``house``: page, styles, footers and settings from :mod:`drafter.style`,
    cleared of what python-docx's template brings along and a draft does not use (styles with
    effects, a blank thumbnail, bibliography sources, Japanese theme fonts, a Mac Word app.xml)."""
    import docx  # making a reference document is rare: not loaded on a build
    from docx.oxml.ns import qn

    from .styles import setup_page, setup_styles

    doc = docx.Document()
    setup_page(doc, house)
    setup_styles(doc, house)
    package = doc.part.package
    for owner in (package, doc.part):
        for r_id, rel in list(owner.rels.items()):
            if rel.reltype.endswith(_STALE_RELS):
                owner.rels.pop(r_id)
    settings = doc.settings.element
    for stale in settings.findall(qn("w:savePreviewPicture")) + settings.findall(qn("w:rsids")):
        settings.remove(stale)
    for part in package.iter_parts():
        if part.partname == "/docProps/app.xml":
            part._blob = _APP_XML
        elif part.partname == "/word/fontTable.xml":
            part._blob = _font_table(house)
        elif part.partname == "/word/theme/theme1.xml":
            part._blob = _theme(part.blob, house)
    props = doc.core_properties
    props.author = props.last_modified_by = "drafter"
    props.created = props.modified = dt.datetime(*_FIXED_TIME)
    buffer = io.BytesIO()
    doc.save(buffer)
    out = io.BytesIO()  # the same bytes every time: fixed entry times, so the shipped file can be compared
    with zipfile.ZipFile(buffer) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            target.writestr(zipfile.ZipInfo(info.filename, _FIXED_TIME), source.read(info), zipfile.ZIP_DEFLATED)
    return out.getvalue()


@lru_cache(maxsize=4)
def skeleton(house: Style, reference: bytes | None = None) -> bytes:
    """The document a draft starts from: a pack's own ``reference.docx``, else the shipped one
    for the standard style, else one made once per style (setting up some forty styles costs
    more than writing a whole report)."""
    if reference is not None:
        return reference
    shipped = shipped_reference(house)
    return shipped.read_bytes() if shipped is not None else reference_docx(house)


@dataclass(frozen=True)
class Skeleton:
    """What a draft takes from its skeleton's ``word/document.xml`` and styles: the text up to the
    body (declaration, namespaces), the body's section properties as shipped (page, grid,
    footers), and the id of the style named "Table Grid"."""

    head: str
    section: str
    table_style: str


_SECTION_TAG = re.compile(r"<w:sectPr\b[^>]*?(/?)>|</w:sectPr>")
_STYLE = re.compile(r"<w:style\b([^>]*)>(.*?)</w:style>", re.S)
_STYLE_ID = re.compile(r'w:styleId="([^"]*)"')
_STYLE_NAME = re.compile(r'<w:name w:val="([^"]*)"')


def _style_id(styles: str, name: str) -> str | None:
    """The id of the style named ``name`` in ``word/styles.xml`` (Word may give it another id,
    such as "a3" in a Chinese Word)."""
    for style in _STYLE.finditer(styles):
        found_name, found_id = _STYLE_NAME.search(style.group(2)), _STYLE_ID.search(style.group(1))
        if found_name and found_id and found_name.group(1) == name:
            return found_id.group(1)
    return None


def _last_section(body: str) -> str:
    """The body's own ``w:sectPr``, its last child (a ``w:sectPrChange`` inside it holds another)."""
    depth, end = 0, None
    for tag in reversed(list(_SECTION_TAG.finditer(body))):
        if tag.group().startswith("</"):
            depth += 1
            end = end if end is not None else tag.end()
            continue
        if tag.group(1):  # <w:sectPr .../>: the body's, when it is the last tag
            if depth == 0:
                return tag.group()
            continue
        depth -= 1
        if depth == 0 and end is not None:
            return body[tag.start():end]
    return ""


@lru_cache(maxsize=4)
def skeleton_parts(house: Style, reference: bytes | None = None) -> Skeleton:
    """The skeleton's pieces a draft is written into, found once per process."""
    parts = {info.filename: data for info, data in _skeleton_entries(house, reference)}
    document = parts.get("word/document.xml", b"").decode("utf-8", "replace")
    start, end = document.find("<w:body>"), document.rfind("</w:body>")
    if start < 0 or end < 0:
        raise TemplateError(Problem("模板的参考文档无法使用（正文部分缺失）；请以 drafter/data/reference.docx 为底修改"))
    table_style = _style_id(parts.get("word/styles.xml", b"").decode("utf-8", "replace"), TABLE_STYLE)
    if table_style is None:  # pack_reference has checked a pack's own: only a damaged skeleton lacks it
        raise TemplateError(Problem(f"模板的参考文档缺少表格样式“{TABLE_STYLE}”；请以 drafter/data/reference.docx 为底修改"))
    return Skeleton(document[:start + len("<w:body>")], _last_section(document[start:end]), table_style)


@lru_cache(maxsize=4)
def _skeleton_entries(house: Style, reference: bytes | None = None) -> tuple[tuple[zipfile.ZipInfo, bytes], ...]:
    """The skeleton's zip entries, in order; all but the body and the properties are reused as they are."""
    with zipfile.ZipFile(io.BytesIO(skeleton(house, reference))) as archive:
        return tuple((info, archive.read(info)) for info in archive.infolist())


_CHANGED_PARTS = ("word/document.xml", CORE)


@lru_cache(maxsize=4)
def _unchanged_zip(house: Style, reference: bytes | None = None) -> bytes:
    """The skeleton's parts but the body and the properties, compressed once per process
    ([Content_Types].xml first): each draft's two parts are appended to a copy of it."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for info, data in _skeleton_entries(house, reference):
            if info.filename not in _CHANGED_PARTS:
                archive.writestr(info.filename, data)
    return buffer.getvalue()


_CORE_XML = ("<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n<cp:coreProperties "
             'xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
             'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" '
             'xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
             "<dc:title>{title}</dc:title><dc:subject/><dc:creator>{author}</dc:creator><cp:keywords/>"
             "<dc:description>{mark}</dc:description><cp:lastModifiedBy>{author}</cp:lastModifiedBy>"
             '<cp:revision>1</cp:revision><dcterms:created xsi:type="dcterms:W3CDTF">{now}</dcterms:created>'
             '<dcterms:modified xsi:type="dcterms:W3CDTF">{now}</dcterms:modified><cp:category/>'
             "</cp:coreProperties>")


def core_properties(title: str, author: str) -> bytes:
    """``docProps/core.xml`` of a draft: its title and issuer (Word's 文件信息), the draft mark,
    created and modified now (UTC)."""
    now = dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
    return _CORE_XML.format(title=escape(title), author=escape(author), mark=escape(DRAFT_MARK), now=now).encode("utf-8")


def package(document: bytes, properties: bytes, house: Style, reference: bytes | None = None,
            stamped: bool = False) -> bytes:
    """The .docx bytes: the skeleton's parts with this draft's body (``document``) and core
    ``properties``; only those two are compressed on each build. ``stamped`` writes the digest
    of every part into the properties (:mod:`drafter.stamp`)."""
    changed = {"word/document.xml": document, CORE: properties}
    if stamped:  # the parts in the order they are written: the skeleton's, then the two changed
        parts = [(info.filename, data) for info, data in _skeleton_entries(house, reference)
                 if info.filename not in _CHANGED_PARTS]
        changed[CORE] = stamped_core(parts + [(name, changed[name]) for name in _CHANGED_PARTS])
    buffer = io.BytesIO(_unchanged_zip(house, reference))
    with zipfile.ZipFile(buffer, "a", zipfile.ZIP_DEFLATED, compresslevel=1) as archive:  # fast: on every build
        for name in _CHANGED_PARTS:
            archive.writestr(name, changed[name])
    return buffer.getvalue()


def pack_reference(folder: Path) -> bytes | None:
    """A template pack's own ``reference.docx``: drafter's reference document opened in Word,
    its styles changed (fonts, sizes, spacing) and saved into the pack folder. It must keep
    every style drafter writes with (checked here, so a draft never falls back to 正文)."""
    path = folder / "reference.docx"
    if not path.is_file():
        return None
    import docx  # only for a pack that brings its own reference document

    try:
        styles = docx.Document(str(path)).styles
        ids, names = {style.style_id for style in styles}, {style.name for style in styles}
    except Exception:  # python-docx raises several kinds for a file that is not a .docx
        raise TemplateError(Problem("模板的参考文档无法打开（不是有效的 .docx 文件）", path)) from None
    missing = [role.id for role in ROLES if role.id not in ids] + ([TABLE_STYLE] if TABLE_STYLE not in names else [])
    if missing:
        raise TemplateError(Problem(f"模板的参考文档缺少 drafter 的样式：{'、'.join(missing)}；"
                                    "请以 drafter/data/reference.docx 为底修改", path))
    return path.read_bytes()
