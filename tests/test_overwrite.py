"""No command writes over a file it did not create: previews and schemas refuse, drafts are
backed up unless they are byte for byte what drafter wrote, batches refuse colliding names
before writing anything."""

from __future__ import annotations

import io
import shutil
import subprocess
import zipfile
from pathlib import Path

import docx
import pytest

from drafter.batch import build_many
from drafter.cli import run
from drafter.errors import UsageError

from .conftest import EXAMPLES, program


def drafter(capsys: pytest.CaptureFixture[str], *argv: object) -> tuple[int, str, str]:
    code = run([str(a) for a in argv])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


@pytest.fixture
def sheet(tmp_path: Path) -> Path:
    path = tmp_path / "县.yaml"
    shutil.copy(EXAMPLES / "minimal.yaml", path)
    return path


@pytest.mark.parametrize("argv", [["preview", "{sheet}", "--html", "-o", "{sheet}"],
                                  ["preview", "{sheet}", "-f", "md", "-o", "{sheet}", "--force"]])
def test_a_preview_named_like_its_sheet_gets_its_own_suffix(capsys: pytest.CaptureFixture[str], sheet: Path,
                                                           argv: list[str]) -> None:
    before = sheet.read_bytes()
    assert drafter(capsys, *(a.format(sheet=sheet) for a in argv))[0] == 0
    assert sheet.read_bytes() == before and len(list(sheet.parent.glob("县.yaml.*"))) == 1


def test_a_preview_never_replaces_its_own_sheet(capsys: pytest.CaptureFixture[str], sheet: Path) -> None:
    typed_as_text = sheet.rename(sheet.with_suffix(".txt"))  # a sheet saved by Notepad as .txt still reads
    before = typed_as_text.read_bytes()
    code, _, err = drafter(capsys, "preview", typed_as_text, "-f", "text", "-o", typed_as_text, "--force")
    assert code == 5 and f"错误：{typed_as_text}：输出文件就是输入的文件，不能覆盖；请换一个文件名" in err
    assert typed_as_text.read_bytes() == before


def test_schema_does_not_replace_a_clerks_file(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    clerks = tmp_path / "编辑器设置.json"
    clerks.write_text('{"files.encoding": "gb18030"}', encoding="utf-8")
    before = clerks.read_bytes()
    code, _, err = drafter(capsys, "schema", "-o", clerks)
    assert code == 5 and f"错误：{clerks}：文件已存在，且不是 drafter 生成的；如确要覆盖，请加 --force" in err
    assert clerks.read_bytes() == before
    assert drafter(capsys, "schema", "-o", clerks, "--force")[0] == 0 and b'"$schema"' in clerks.read_bytes()


def test_schema_and_html_preview_refresh_their_own_files(capsys: pytest.CaptureFixture[str], sheet: Path,
                                                         tmp_path: Path) -> None:
    schema, page = tmp_path / "s.json", tmp_path / "p.html"
    for _ in range(2):
        assert drafter(capsys, "schema", "-o", schema)[0] == 0
        assert drafter(capsys, "preview", sheet, "--html", "-o", page)[0] == 0


def test_a_text_preview_does_not_replace_another_file(capsys: pytest.CaptureFixture[str], sheet: Path,
                                                      tmp_path: Path) -> None:
    notes = tmp_path / "notes.md"
    notes.write_text("科长的修改意见", encoding="utf-8")
    code, _, err = drafter(capsys, "preview", sheet, "-f", "md", "-o", notes)
    assert code == 5 and "文件已存在，且不是 drafter 生成的；如确要覆盖，请加 --force" in err
    assert notes.read_text(encoding="utf-8") == "科长的修改意见"
    assert drafter(capsys, "preview", sheet, "-f", "md", "-o", notes, "--force")[0] == 0


def rewrite_part(path: Path, name: str, change: bytes) -> None:
    """An edit that keeps every other part, core properties included (as some tools do)."""
    with zipfile.ZipFile(path) as archive:
        parts = [(info, archive.read(info)) for info in archive.infolist()]
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for info, data in parts:
            archive.writestr(info, data.replace(b"</w:body>", change + b"</w:body>") if info.filename == name else data)
    path.write_bytes(out.getvalue())


@pytest.mark.parametrize("edit", ["word", "one-part"])
def test_a_draft_edited_a_moment_after_its_build_is_backed_up(capsys: pytest.CaptureFixture[str], sheet: Path,
                                                              tmp_path: Path, edit: str) -> None:
    """No time window: a quick fix right after the build is kept, whatever saved it."""
    target = tmp_path / "draft.docx"
    assert drafter(capsys, "build", sheet, "-o", target)[0] == 0
    if edit == "word":
        document = docx.Document(str(target))
        document.paragraphs[1].add_run("（快速修改）")
        document.save(str(target))
    else:
        rewrite_part(target, "word/document.xml", "<w:p><w:r><w:t>（快速修改）</w:t></w:r></w:p>".encode())
    edited = target.read_bytes()
    code, out, _ = drafter(capsys, "build", sheet, "-o", target)
    assert code == 0 and f"已备份为 {tmp_path / 'draft.bak.docx'}" in out
    assert (tmp_path / "draft.bak.docx").read_bytes() == edited


def test_a_draft_zipped_again_with_the_same_parts_is_still_drafters(capsys: pytest.CaptureFixture[str], sheet: Path,
                                                                    tmp_path: Path) -> None:
    """The digest covers the parts, not the zip: the same words zipped again lose nothing."""
    target = tmp_path / "draft.docx"
    assert drafter(capsys, "build", sheet, "-o", target)[0] == 0
    rewrite_part(target, "word/document.xml", b"")
    code, out, _ = drafter(capsys, "build", sheet, "-o", target)
    assert code == 0 and "备份" not in out


@pytest.mark.external
def test_a_libreoffice_resave_is_backed_up(capsys: pytest.CaptureFixture[str], sheet: Path, tmp_path: Path) -> None:
    soffice = program("soffice", "libreoffice-writer-nogui")
    target = tmp_path / "draft.docx"
    assert drafter(capsys, "build", sheet, "-o", target)[0] == 0
    resaved = tmp_path / "resaved"
    subprocess.run([soffice, f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}", "--headless",
                    "--convert-to", "docx", "--outdir", str(resaved), str(target)], check=True, capture_output=True,
                   timeout=180)
    shutil.copy(resaved / "draft.docx", target)
    code, out, _ = drafter(capsys, "build", sheet, "-o", target)
    assert code == 0 and "已备份为" in out and (tmp_path / "draft.bak.docx").exists()


def test_an_untouched_draft_is_replaced_without_a_backup(capsys: pytest.CaptureFixture[str], sheet: Path,
                                                         tmp_path: Path) -> None:
    target = tmp_path / "draft.docx"
    for _ in range(3):
        code, out, _ = drafter(capsys, "build", sheet, "-o", target)
        assert code == 0 and "备份" not in out
    assert sorted(p.name for p in tmp_path.iterdir()) == ["draft.docx", "县.yaml"]


@pytest.mark.parametrize("names", [["县.yaml", "县.yml"], ["a/x.yaml", "b/x.yaml"], ["A县.yaml", "a县.YAML"]])
def test_a_batch_with_colliding_names_writes_nothing(capsys: pytest.CaptureFixture[str], tmp_path: Path,
                                                     names: list[str]) -> None:
    paths = []
    for name in names:
        path = tmp_path / "in" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(EXAMPLES / "minimal.yaml", path)
        paths.append(path)
    out = tmp_path / "out"
    out.mkdir()
    code, _, err = drafter(capsys, "build", *paths, "-o", out)
    assert code == 2 and "一份会覆盖另一份" in err and all(str(p) in err for p in paths)
    assert list(out.iterdir()) == []
    with pytest.raises(UsageError):
        build_many(paths, out)


def test_the_same_sheet_named_twice_is_built_once(capsys: pytest.CaptureFixture[str], tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "in").mkdir()
    shutil.copy(EXAMPLES / "minimal.yaml", tmp_path / "in" / "x.yaml")
    (tmp_path / "out").mkdir()
    code, out, _ = drafter(capsys, "build", "in/x.yaml", "./in/x.yaml", "-o", "out")
    assert code in (0, 1) and "批量生成：1份事实表" in out


@pytest.mark.external
def test_build_pdf_keeps_a_pdf_it_did_not_write(capsys: pytest.CaptureFixture[str], sheet: Path,
                                               tmp_path: Path) -> None:
    program("soffice", "libreoffice-writer-nogui")
    target, pdf = tmp_path / "draft.docx", tmp_path / "draft.pdf"
    pdf.write_bytes(b"%PDF-1.4 the office's signed copy")
    code, out, _ = drafter(capsys, "build", sheet, "-o", target, "--pdf")
    assert code == 0 and f"已备份为 {tmp_path / 'draft.bak.pdf'}" in out
    assert (tmp_path / "draft.bak.pdf").read_bytes() == b"%PDF-1.4 the office's signed copy"
    code, out, _ = drafter(capsys, "build", sheet, "-o", target, "--pdf")  # its own PDF is simply replaced
    assert code == 0 and "备份" not in out and not (tmp_path / "draft.bak2.pdf").exists()
    pdftotext = program("pdftotext", "poppler-utils")
    assert "示例县" in subprocess.run([pdftotext, str(pdf), "-"], capture_output=True, text=True, check=True).stdout
