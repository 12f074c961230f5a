"""Import end to end: every seed comes back as itself, drafts come back as their sheets."""

from __future__ import annotations

import difflib
import io
import re
from pathlib import Path

import docx
import pytest

from drafter.build import build
from drafter.importer import import_report
from drafter.readers.report import read_report
from drafter.cli import run
from drafter.importer import to_sheet
from drafter.readers.noise import Cleaning, clean_line, squeeze_spaces
from drafter.readers.sheet import read_sheet
from drafter.pipeline import pack_for
from drafter.render import render
from drafter.writers.docx import write_docx

from .conftest import EXAMPLES, ROOT, SHEETS

SEEDS = sorted((ROOT / "seeds").glob("*.txt"))


def normalised(text: str) -> str:
    """The seed comparison: web noise (issue's list) cleaned, all whitespace removed."""
    cleaning = Cleaning()
    lines = (squeeze_spaces(clean_line(line, n, cleaning), n, cleaning) for n, line in enumerate(text.splitlines(), 1))
    return re.sub(r"\s+", "", "".join(lines))


@pytest.mark.parametrize("seed", SEEDS, ids=lambda p: p.name[:3])
def test_each_seed_goes_sheet_build_text_and_comes_back(seed: Path) -> None:
    sheet, _ = to_sheet(read_report(seed), str(seed))
    document = render(sheet, pack_for(sheet))
    text = "\n".join(p.text for p in docx.Document(io.BytesIO(write_docx(document))).paragraphs)
    ratio = difflib.SequenceMatcher(None, normalised(seed.read_text(encoding="utf-8")), normalised(text),
                                    autojunk=False).ratio()
    print(f"{seed.name}: script {sheet.meta.script}, ratio {ratio:.5f}")
    assert ratio >= 0.999


@pytest.mark.parametrize("seed, script", [("002", "tw"), ("003", "tw")])
def test_traditional_seeds_are_recognised_as_such(seed: str, script: str) -> None:
    [path] = [p for p in SEEDS if p.name.startswith(seed)]
    sheet, warnings = to_sheet(read_report(path), str(path))
    assert sheet.meta.script == script and sheet.meta.script_forms.get("範") == "范"
    assert warnings[0].message.startswith("原文为繁体字，事实表已转为简体")
    assert "堅" not in str(sheet.model_dump())


@pytest.mark.parametrize("example", sorted((EXAMPLES / "seeds").glob("*.yaml")), ids=lambda p: p.name[:3])
def test_each_seed_has_an_example_sheet_that_builds(example: Path, tmp_path: Path) -> None:
    assert (ROOT / "seeds" / f"{example.stem}.txt").exists()
    result, docx_path, _ = build(example, tmp_path)
    assert docx_path.exists() and result.parts >= 2


def test_seed_defects_are_kept_for_the_reviewer() -> None:
    """Import cleans web noise, never the clerk's own words: 程序程序 stays for `check` to find."""
    sheet, _ = to_sheet(read_report(SEEDS[0]), str(SEEDS[0]))
    assert "程序程序" in str(sheet.model_dump())


@pytest.mark.parametrize("sheet_path", [EXAMPLES / "boleshi-2023.yaml", EXAMPLES / "minimal.yaml",
                                        SHEETS / "canonical.yaml"], ids=lambda p: p.name)
def test_a_draft_made_by_drafter_imports_back_to_its_sheet(sheet_path: Path, tmp_path: Path) -> None:
    _, docx_path, _ = build(sheet_path, tmp_path / "draft.docx")
    target, _ = import_report(docx_path, tmp_path / "back.yaml")
    assert read_sheet(target) == read_sheet(sheet_path)


def test_a_traditional_draft_imports_back_to_the_simplified_sheet(tmp_path: Path) -> None:
    original = read_sheet(SHEETS / "canonical.yaml")
    _, docx_path, _ = build(SHEETS / "canonical.yaml", tmp_path / "draft.docx", script="traditional")
    paragraphs = [p.text for p in docx.Document(docx_path).paragraphs]
    assert "一、2024年度推進法治政府建設的主要舉措和成效" in paragraphs
    target, _ = import_report(docx_path, tmp_path / "back.yaml")
    back = read_sheet(target)
    assert back.meta.script == "traditional"
    assert back.model_copy(update={"meta": back.meta.model_copy(update={"script": "simplified", "script_forms": {}})}) \
        == original


def test_conversion_never_touches_font_or_style_names(tmp_path: Path) -> None:
    _, docx_path, _ = build(SHEETS / "canonical.yaml", tmp_path / "draft.docx", script="tw")
    styles = docx.Document(docx_path).styles
    east_asian = {s.element.rPr.rFonts.get("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}eastAsia")
                  for s in styles if s.element.rPr is not None and s.element.rPr.rFonts is not None}
    assert {"黑体", "楷体", "仿宋", "宋体"} <= east_asian  # faces with traditional characters (style.TRADITIONAL_FACES)
    assert not {"黑體", "楷體", "仿宋_GB2312"} & east_asian
    assert "标题后正文" in {s.name for s in styles}


def cli(capsys: pytest.CaptureFixture[str], *argv: object) -> tuple[int, str, str]:
    code = run([str(a) for a in argv])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_import_command_reports_what_it_changed(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, out, _ = cli(capsys, "import", SEEDS[3], "-o", tmp_path / "s.yaml")
    assert code == 0
    assert out.splitlines()[0] == f"已导入：{tmp_path / 's.yaml'}"
    assert "提示：删去汉字后的拼音注音，如“習(xí)”：" in out
    text = (tmp_path / "s.yaml").read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=drafter-sheet.schema.json")
    assert "# - 删去重复或多余的标点" in text
    assert (tmp_path / "drafter-sheet.schema.json").exists()
    assert cli(capsys, "check", tmp_path / "s.yaml")[0] in (0, 1)  # valid; review findings are the seed's own
    code, _, err = cli(capsys, "import", SEEDS[3], "-o", tmp_path / "s.yaml")
    assert code == 5 and "文件已存在；如确要覆盖，请加 --force" in err


def test_outline_of_a_sheet_and_of_a_report(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = cli(capsys, "outline", EXAMPLES / "boleshi-2023.yaml")
    assert code == 0
    lines = out.splitlines()
    assert lines[0] == "一、工作开展情况  〔主要举措和成效〕" and lines[11] == "　（十一）加快推进法治政府示范创建"
    code, out, _ = cli(capsys, "outline", SEEDS[2])
    assert code == 0 and out.splitlines()[0] == "一、2020年法治政府建设情况  〔主要举措和成效〕"


@pytest.mark.parametrize(
    "name, content, message",
    [
        ("empty.txt", b"", "文件是空的"),
        ("blank.txt", b"  \n\n ", "文件是空的"),
        ("binary.txt", bytes(range(256)) * 8, "不是文本"),
        ("nul.txt", "正文\x00内容".encode(), "这不是文本文件（含有二进制内容）；请导入 .txt 或 .docx"),
        ("fake.docx", b"not a zip at all", "不是有效的 .docx 文件（可能已损坏，或是旧版 .doc：请在 Word 中另存为 .docx）"),
        ("old.doc", b"\xd0\xcf\x11\xe0", "文件已损坏（旧版 Word/WPS 文件的开头不完整），请重新下载或从原处复制"),
    ],
)
def test_bad_reports_get_a_message_not_a_traceback(capsys: pytest.CaptureFixture[str], tmp_path: Path, name: str,
                                                   content: bytes, message: str) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    code, out, err = cli(capsys, "import", path, "-o", tmp_path / "s.yaml")
    assert code == 4 and message in err and "Traceback" not in out + err
    assert not (tmp_path / "s.yaml").exists()


def test_a_zip_that_is_not_a_word_document(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    import zipfile

    path = tmp_path / "x.docx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("hello.txt", "hi")
    code, _, err = cli(capsys, "import", path, "-o", tmp_path / "s.yaml")
    assert code == 4 and "无法作为 Word 文档打开（压缩包里没有 Word 正文）" in err


def test_a_three_megabyte_text_imports(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    seed = SEEDS[0].read_text(encoding="utf-8")
    big = tmp_path / "big.txt"
    big.write_text(seed * (3 * 1024 * 1024 // len(seed.encode())), encoding="utf-8")
    code, _, err = cli(capsys, "import", big, "-o", tmp_path / "big.yaml")
    assert code == 0, err
    assert cli(capsys, "check", tmp_path / "big.yaml")[0] in (0, 1)  # a valid sheet


def test_an_oversized_file_is_refused(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    huge = tmp_path / "huge.txt"
    huge.write_bytes(b"a" * (5 * 1024 * 1024 + 1))
    code, _, err = cli(capsys, "import", huge)
    assert code == 4 and "文件超过 5 MB，不像一份年度报告，请检查" in err
