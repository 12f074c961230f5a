"""Compiled templates kept in the cache folder: the next process loads them instead of compiling,
the sandbox holds exactly as when it compiles, and a stale, damaged or foreign file is never used."""

from __future__ import annotations

from pathlib import Path

import jinja2
import pytest

from drafter import sandbox
from drafter.errors import Problem, TemplateError
from drafter.readers.sheet import read_sheet
from drafter.render import template_data
from drafter.sandbox import Limits, Sandbox, make_environment, render_here
from drafter.template_cache import compiled_templates, environment_key
from drafter.templating import builtin_root, template_filters

from .conftest import EXAMPLES
from .test_sandbox import ATTACKS, pack

DATA = template_data(read_sheet(EXAMPLES / "minimal.yaml"))


def search_path(folder: Path) -> tuple[str, ...]:
    return (str(folder), str(builtin_root()))


def fresh_render(folder: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[str | Problem, int]:
    """Render ``folder``'s report.j2 as a new process would (no environment kept in memory):
    the text or the refusal, and how many templates Jinja had to compile."""
    make_environment.cache_clear()
    compiled: list[str] = []
    original = Sandbox.compile

    def counting(self: Sandbox, source: str, name: str | None = None, filename: str | None = None,
                 raw: bool = False, defer_init: bool = False) -> object:
        compiled.append(name or "")
        return original(self, source, name, filename, raw, defer_init)

    monkeypatch.setattr(Sandbox, "compile", counting)
    try:
        return render_here(search_path(folder), DATA, Limits(), template_filters()), len(compiled)
    except TemplateError as exc:
        return exc.problems[0], len(compiled)
    finally:
        monkeypatch.setattr(Sandbox, "compile", original)


def kept_file(folder: Path) -> Path:
    """Where the sandbox's environment keeps the compiled code of ``folder``'s report.j2."""
    cache = make_environment(search_path(folder), template_filters()).bytecode_cache
    assert cache is not None
    return cache.folder / f"{cache.get_cache_key('report.j2', str(folder / 'report.j2'))}.code"


@pytest.mark.parametrize("source, message", ATTACKS)
def test_attacks_are_refused_alike_when_the_template_comes_from_the_cache(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, source: str, message: str) -> None:
    folder = pack(tmp_path, "::title x\n" + source)
    first, compiled_first = fresh_render(folder, monkeypatch)
    assert not kept_file(folder).exists() or compiled_first == 1  # this very template, not an older one
    again, compiled_again = fresh_render(folder, monkeypatch)
    assert isinstance(first, Problem) and first.message.startswith(message), first
    assert again == first  # the same message, file and line
    if kept_file(folder).is_file():  # compiled and kept: the second run compiled nothing
        assert (compiled_first, compiled_again) == (1, 0), source
    else:  # refused while compiling (an unknown filter or test): nothing was kept
        assert message.startswith("模板用了不存在或不允许的") and compiled_again == 1, source


def test_the_standard_pack_loads_compiled_and_renders_the_same(tmp_path: Path,
                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    standard = builtin_root() / "standard"
    first, _ = fresh_render(standard, monkeypatch)
    again, compiled = fresh_render(standard, monkeypatch)
    assert isinstance(first, str) and "::title" in first
    assert (again, compiled) == (first, 0)


@pytest.mark.parametrize("damage", [
    lambda data: data[: len(data) // 2],  # cut short (a full disk, a killed process)
    lambda data: data[:-40] + bytes(b ^ 0x20 for b in data[-40:]),  # bytes changed, length kept
    lambda data: data[:60] + bytes([data[60] ^ 0x01]) + data[61:],  # one bit of the digest
    lambda data: b"",
    lambda data: b"\x00" * len(data),
])
def test_a_damaged_cache_file_is_ignored_and_rewritten(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                      damage: object) -> None:
    folder = pack(tmp_path, '::title {{ sheet.meta.region }}{{ "年度" ~ "报告" }}\n::p 正文。\n')
    expected, _ = fresh_render(folder, monkeypatch)
    kept = kept_file(folder)
    whole = kept.read_bytes()
    kept.write_bytes(damage(whole))  # type: ignore[operator]
    got, compiled = fresh_render(folder, monkeypatch)
    assert (got, compiled) == (expected, 1)
    assert kept.read_bytes() == whole  # compiled again and rewritten


def test_a_template_changed_since_it_was_compiled_is_compiled_again(tmp_path: Path,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    folder = pack(tmp_path, "::title 甲\n")
    assert fresh_render(folder, monkeypatch)[0] == "::title 甲\n"
    pack(tmp_path, "::title 乙\n")  # same file, same length, other words
    assert fresh_render(folder, monkeypatch) == ("::title 乙\n", 1)


def test_code_compiled_by_another_environment_is_never_used(tmp_path: Path,
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    """Jinja's plain environment compiles ``~`` and ``*`` without the sandbox's checks: its code,
    kept by the same cache, lives in another folder and the sandbox never loads it."""
    folder = pack(tmp_path, "::title x\n{% set pair = [1, 2] %}{{ 'x' ~ pair }}\n")
    plain = jinja2.Environment(loader=jinja2.FileSystemLoader(list(search_path(folder))), trim_blocks=True,
                               lstrip_blocks=True, keep_trailing_newline=True)
    plain.bytecode_cache = compiled_templates(plain)
    assert plain.get_template("report.j2").render() == "::title x\nx[1, 2]\n"  # kept in plain's folder
    refused, compiled = fresh_render(folder, monkeypatch)
    assert isinstance(refused, Problem) and refused.message.startswith("模板试图把列表或字典当作文字输出")
    assert compiled == 1
    sandboxed = make_environment(search_path(folder), template_filters())
    assert plain.bytecode_cache is not None and sandboxed.bytecode_cache is not None
    assert plain.bytecode_cache.folder != sandboxed.bytecode_cache.folder


def test_the_folder_names_every_option_that_changes_the_code() -> None:
    paths = search_path(builtin_root() / "standard")
    env = make_environment(paths, template_filters())
    key = environment_key(env)
    assert environment_key(make_environment(paths, template_filters())) == key  # stable
    others = [
        Sandbox(loader=env.loader, undefined=jinja2.StrictUndefined, trim_blocks=False, lstrip_blocks=True,
                keep_trailing_newline=True),
        make_environment(paths, ()),  # without drafter's own filters
        jinja2.sandbox.ImmutableSandboxedEnvironment(trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True),
    ]
    others[0].filters.update(template_filters())
    keys = {environment_key(other) for other in others}
    assert key not in keys and len(keys) == len(others)
    monkeypatch = pytest.MonkeyPatch()
    try:  # another version of drafter
        monkeypatch.setattr("drafter.template_cache.__version__", "0.0.0-other")
        assert environment_key(env) != key
    finally:
        monkeypatch.undo()


def test_without_a_usable_cache_folder_templates_are_compiled_in_memory(tmp_path: Path,
                                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    folder = pack(tmp_path, "::title {{ sheet.meta.region }}\n")
    monkeypatch.setenv("DRAFTER_CACHE", "")
    assert compiled_templates(sandbox.Sandbox()) is None
    expected = fresh_render(folder, monkeypatch)
    assert expected[1] == 1 and isinstance(expected[0], str)
    blocked = tmp_path / "a file"
    blocked.write_text("where the cache folder should be", encoding="utf-8")
    monkeypatch.setenv("DRAFTER_CACHE", str(blocked))
    assert fresh_render(folder, monkeypatch) == expected
    assert fresh_render(folder, monkeypatch) == expected  # nothing kept, nothing broken
