"""The template sandbox against a hostile pack: no code, no files, no model internals, no
exhaustion. Each attack ends quickly with a Chinese message naming the template line and
exit code 3, writes nothing, and leaks nothing of what it tried to reach."""

from __future__ import annotations

import re
import time
from pathlib import Path

import pytest
from pydantic import BaseModel

from drafter.cli import run
from drafter.errors import TemplateError
from drafter.readers.sheet import read_sheet
from drafter.render import template_data
from drafter.sandbox import Limits, render_here
from drafter.templating import builtin_root, template_filters

from .conftest import EXAMPLES

SHEET = EXAMPLES / "minimal.yaml"


def pack(tmp_path: Path, source: str) -> Path:
    folder = tmp_path / "pack"
    folder.mkdir(exist_ok=True)
    (folder / "report.j2").write_text(source, encoding="utf-8")
    return folder


def render_in_process(tmp_path: Path, source: str) -> str:
    """The sandbox's rules without the child process (fast; the process is tested below)."""
    folder = pack(tmp_path, source)
    data = template_data(read_sheet(SHEET))
    return render_here((str(folder), str(builtin_root())), data, Limits(), template_filters())


def refusal(tmp_path: Path, source: str) -> str:
    with pytest.raises(TemplateError) as caught:
        render_in_process(tmp_path, source)
    problem = caught.value.problems[0]
    assert problem.line is not None and str(problem.file).endswith("report.j2")
    return problem.message


MODEL_NAMES = sorted(name for name in dir(BaseModel) if not name.startswith("_"))


def test_the_model_is_not_there_only_its_data(tmp_path: Path) -> None:
    """Every public name of a pydantic model (parse_raw, parse_file, dict, json, copy, construct,
    schema, validate, model_*) is simply absent: templates receive mappings, not the model."""
    assert {"parse_raw", "parse_file", "dict", "json", "copy", "construct", "schema", "validate"} <= set(MODEL_NAMES)
    for name in MODEL_NAMES:
        for source in (f"{{{{ sheet.{name} }}}}", f"{{{{ sheet.meta.{name} }}}}", f'{{{{ sheet|attr("{name}") }}}}'):
            message = refusal(tmp_path, "::title x\n" + source)
            assert message == f"模板用到的“{name}”不存在：请检查拼写，或在事实表中补上", source


def test_the_data_is_plain(tmp_path: Path) -> None:
    data = template_data(read_sheet(EXAMPLES / "boleshi-2023.yaml"))

    def kinds(value: object) -> set[str]:
        if isinstance(value, dict):
            return {"dict"}.union(*(kinds(v) for v in value.values()), *(kinds(k) for k in value))
        if isinstance(value, list):
            return {"list"}.union(*(kinds(v) for v in value))
        return {type(value).__name__}

    assert kinds(data) <= {"dict", "list", "str", "int", "float", "bool", "date", "NoneType"}


ATTACKS = [  # (template line, the message's start); also run from the compiled-template cache (test_template_cache.py)
    ('{{ sheet.parse_raw("x", proto="pickle", allow_pickle=True) }}', "模板用到的“parse_raw”不存在"),
    ('{{ sheet.parse_file("secret.json") }}', "模板用到的“parse_file”不存在"),
    ("{{ sheet.__class__ }}", "模板试图访问“__class__”"),
    ('{{ sheet|attr("__class__") }}', "模板试图访问“__class__”"),
    ('{{ "{0.__class__.__mro__}".format(sheet) }}', "模板试图访问“__class__”"),
    ('{{ "{0.meta.__class__}".format(sheet) }}', "模板试图访问“__class__”"),
    ('{{ "{x.__init__}".format_map({"x": cycler}) }}', "模板试图访问“__init__”"),
    ("{{ cycler.__init__.__globals__ }}", "模板试图访问“__init__”"),
    ("{{ sheet.meta.region.encode() }}", "模板试图访问“encode”"),
    ("{{ (1).to_bytes(1000000000, 'big') }}", "模板试图访问“to_bytes”"),
    ("{{ sheet.items.__self__ }}", "模板试图访问“__self__”"),
    ("{{ lipsum(1000000) }}", "模板用到的“lipsum”不存在"),
    ("{{ sheet.meta.region.expandtabs(300000000) }}", "模板试图访问“expandtabs”"),
    ('{{ "x"|pprint }}', "模板用了不存在或不允许的过滤器“pprint”"),
    ('{{ sheet|tojson }}', "模板用了不存在或不允许的过滤器“tojson”"),
    ('{{ "x"|xmlattr }}', "模板用了不存在或不允许的过滤器“xmlattr”"),
    ("{% if sheet is callable %}x{% endif %}", "模板用了不存在或不允许的测试“callable”"),
    ("{{ range(100000000)|list }}", "模板试图生成过多内容（range 超过 10000 个数）"),
    ('{{ "x"|center(300000000) }}', "模板试图生成过多内容"),
    ('{{ "x".center(300000000) }}', "模板试图生成过多内容"),
    ('{{ "x".ljust(300000000) }}', "模板试图生成过多内容"),
    ('{{ "x".rjust(300000000) }}', "模板试图生成过多内容"),
    ('{{ "x".zfill(300000000) }}', "模板试图生成过多内容"),
    ('{{ "x\\ny"|indent(300000000) }}', "模板试图生成过多内容"),
    ('{{ "{:>300000000}".format(1) }}', "模板试图生成过多内容"),
    ('{{ "{:{w}}".format(1, w=300000000) }}', "模板试图生成过多内容"),
    ('{{ "%0300000000d" % 1 }}', "模板试图生成过多内容"),
    ('{{ "%.300000000f" % 1 }}', "模板试图生成过多内容"),
    ('{{ "%*d" % (300000000, 1) }}', "模板试图在格式中使用“*”宽度"),
    ('{{ "%0300000000d"|format(1) }}', "模板试图生成过多内容"),
    ('{{ "x" * 300000000 }}', "模板试图生成过多内容"),
    ('{{ ["x"] * 300000000 }}', "模板试图生成过多内容"),
    ('{{ "ab".replace("", "x" * 1000000) }}', "模板试图生成过多内容"),
    ('{{ ("x" * 1000000)|replace("x", "yyy") }}', "模板试图生成过多内容"),
    ('{{ ("x" * 1000)|batch(100000000)|list }}', "模板试图batch/slice 的份数应在 1 到 10000 之间"),
    ('{{ ("x" * 1000)|slice(100000000)|list }}', "模板试图batch/slice 的份数应在 1 到 10000 之间"),
    ('{{ ("x" * 1000000).join(["a", "b", "c"]) }}', "模板试图生成过多内容"),
    ('{{ ["a", "b", "c"]|join("x" * 1000000) }}', "模板试图生成过多内容"),
    ('{% set ns = namespace(s="ab") %}{% for i in range(64) %}{% set ns.s = ns.s ~ ns.s %}{% endfor %}',
     "模板试图生成过多内容"),
    ('{% set ns = namespace(s="ab") %}{% for i in range(64) %}{% set ns.s = ns.s + ns.s %}{% endfor %}',
     "模板试图生成过多内容"),
    ("{% set ns = namespace(n=7) %}{% for i in range(64) %}{% set ns.n = ns.n * ns.n %}{% endfor %}",
     "模板试图生成过大的数"),
    ("{{ 2 ** 100000000 }}", "模板试图生成过大的数"),
    ("{% set ns = namespace(n=10**60) %}{% for i in range(64) %}{% set ns.n = ns.n ** 2 %}{% endfor %}",
     "模板试图生成过大的数"),
    ("{% set l = [1] %}{% for i in range(40) %}{% set l = [l, l] %}{% endfor %}{{ l }}",
     "模板试图把列表或字典当作文字输出"),
    ("{% set l = [1] %}{% for i in range(40) %}{% set l = [l, l] %}{% endfor %}{{ l|string }}",
     "模板试图把列表或字典当作文字输出"),
    ("{% set l = [1] %}{% for i in range(40) %}{% set l = [l, l] %}{% endfor %}{{ 'x' ~ l }}",
     "模板试图把列表或字典当作文字输出"),
    ("{% set l = [1] %}{% for i in range(40) %}{% set l = [l, l] %}{% endfor %}{{ '%s' % [l] }}",
     "模板试图把列表或字典当作文字输出"),
    ('{{ "{}".format(sheet) }}', "模板试图把列表或字典当作文字输出"),
    ('{{ "{0!r}".format(sheet) }}', "模板试图把列表或字典当作文字输出"),
    ('{{ ([{"a": "x" * 1000000}] * 2000000)|join(attribute="a") }}', "模板试图生成过多内容"),
    ("{{ [sheet, sheet]|sum(start=[]) }}", "模板试图sum 只能对数字求和"),
    ("{% macro f(n) %}{{ f(n + 1) }}{% endmacro %}{{ f(0) }}", "模板递归过深"),
    ('{% include "report.j2" %}', "模板递归过深"),
    ('{% include "/etc/passwd" %}', "模板引用的“/etc/passwd”不存在（只能引用模板文件夹中的文件）"),
    ('{% import "os" as os %}', "模板引用的“os”不存在（只能引用模板文件夹中的文件）"),
    ("{{ sheet.meta.region.upper }}", "模板试图把列表或字典当作文字输出"),
]


@pytest.mark.parametrize("source, message", ATTACKS)
def test_attacks_are_refused_with_the_template_line(tmp_path: Path, source: str, message: str) -> None:
    start = time.perf_counter()
    got = refusal(tmp_path, "::title x\n" + source)
    assert got.startswith(message), got
    assert time.perf_counter() - start < 5


def test_what_templates_legitimately_do_still_works(tmp_path: Path) -> None:
    source = """::title {{ sheet.meta.region }}{{ "%d年" % sheet.meta.year }}{{ "{}".format("报告") }}
{% for part in sheet.parts %}
::h1 {{ loop.index }}{{ part.kind|upper|lower }}{{ part['items']|length }}{{ (part.text or ["无"])|join("；") }}
{% endfor %}
{% set ns = namespace(n=0) %}{% for i in range(3) %}{% set ns.n = ns.n + i %}{% endfor %}
{{ ns.n }}{{ "x"|center(5) }}|{{ sheet.meta.region.replace("县", "市") }}{{ sheet.parts|map(attribute="kind")|join(",") }}
{{ sheet.figures.items()|list|length }}{{ cycler("a", "b").next() }}{{ [3, 1, 2]|sort|first }}{{ 2 ** 10 }}
"""
    text = render_in_process(tmp_path, source)
    assert text.splitlines()[0] == "::title 示例县2024年报告"
    assert "0市" not in text and "示例市" in text and "achievements,plans" in text and "a1" in text and "1024" in text


def test_a_file_read_leaks_nothing_into_the_message(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    secret = tmp_path / "secret.json"
    secret.write_text('{"password": "hunter2"}', encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    folder = pack(tmp_path, '::title {{ sheet.parse_file("secret.json") }}\n{% include "../secret.json" %}')
    code = run(["build", str(SHEET), "-t", str(folder), "-o", str(tmp_path / "out.docx")])
    err = capsys.readouterr().err
    assert code == 3 and "hunter2" not in err and "Traceback" not in err
    assert not (tmp_path / "out.docx").exists()


@pytest.mark.parametrize("source, message", [
    ("{% for i in range(10000) %}{% for j in range(10000) %}{% for k in range(10000) %}{% endfor %}{% endfor %}"
     "{% endfor %}", "report.j2，第1行：模板运行超过 2 秒，已停止（可能有过多或无尽的循环、递归）"),
    ("{% macro f(n) %}{% if n < 30 %}{{ f(n + 1) }}{{ f(n + 1) }}{% endif %}{% endmacro %}{{ f(0) }}",
     "report.j2，第1行：模板运行超过 2 秒，已停止（可能有过多或无尽的循环、递归）"),
    ("{% for i in range(10000) %}{% for j in range(10000) %}{{ 'x' * 1000 }}{% endfor %}{% endfor %}",
     "report.j2，第1行：模板输出超过 2,000,000 个字符（一份报告约 3 万字），已停止"),
    ("{% set ns = namespace(x=[]) %}{% for i in range(10000) %}{% set ns.x = ns.x + [('x' ~ i) * 400000] %}"
     "{% endfor %}", "report.j2，第1行：模板占用内存超过 300 MB，已停止"),
])
def test_budgets_stop_a_template_from_outside(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                             monkeypatch: pytest.MonkeyPatch, source: str, message: str) -> None:
    """Time, output and memory, enforced in the child process a pack from outside runs in."""
    monkeypatch.setenv("DRAFTER_TEMPLATE_SECONDS", "2")
    monkeypatch.setenv("DRAFTER_TEMPLATE_MEMORY_MB", "300")
    folder = pack(tmp_path, source)
    start = time.perf_counter()
    code = run(["build", str(SHEET), "-t", str(folder), "-o", str(tmp_path / "out.docx")])
    elapsed = time.perf_counter() - start
    err = capsys.readouterr().err
    assert code == 3 and err.strip().endswith(message), err
    assert elapsed < 15 and not (tmp_path / "out.docx").exists()
    resource = pytest.importorskip("resource")  # POSIX: the largest child's peak memory
    assert resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss < 1024 * 1024  # KB: under 1 GB


def test_the_memory_watchdog_where_the_system_cannot_limit_memory(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    """Windows has no address-space limit: the child measures Python's allocations instead
    (forced here on Linux)."""
    monkeypatch.setenv("DRAFTER_TEMPLATE_MEMORY_WATCH", "1")
    monkeypatch.setenv("DRAFTER_TEMPLATE_MEMORY_MB", "200")
    folder = pack(tmp_path, "{% set ns = namespace(x=[]) %}{% for i in range(10000) %}"
                            "{% set ns.x = ns.x + [('x' ~ i) * 400000] %}{% endfor %}")
    code = run(["build", str(SHEET), "-t", str(folder), "-o", str(tmp_path / "out.docx")])
    assert code == 3 and "模板占用内存超过 200 MB，已停止" in capsys.readouterr().err


def test_a_pack_that_hangs_in_one_step_is_killed(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    """Comparing two structures built to share their parts is one long step the template
    cannot be interrupted in; the parent kills the child at the limit."""
    monkeypatch.setenv("DRAFTER_TEMPLATE_SECONDS", "1")
    folder = pack(tmp_path, '{% set ns = namespace(a="a", b="a") %}{% for i in range(60) %}'
                            "{% set ns.a, ns.b = [ns.a, ns.b], [ns.b, ns.a] %}{% endfor %}{{ ns.a == ns.b }}")
    start = time.perf_counter()
    code = run(["build", str(SHEET), "-t", str(folder), "-o", str(tmp_path / "out.docx")])
    assert code == 3 and "模板运行超过 1 秒，已停止" in capsys.readouterr().err
    assert time.perf_counter() - start < 15


def test_limits_are_read_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DRAFTER_TEMPLATE_CHARS", "5000")
    monkeypatch.setenv("DRAFTER_TEMPLATE_SECONDS", "0.5")
    assert Limits.from_environment() == Limits(seconds=0.5, memory_mb=512, chars=5000)
    monkeypatch.setenv("DRAFTER_TEMPLATE_SECONDS", "很久")
    with pytest.raises(TemplateError) as caught:
        Limits.from_environment()
    assert caught.value.problems[0].message == "环境变量 DRAFTER_TEMPLATE_SECONDS 应为正数，现为“很久”"


def test_a_smaller_output_limit_applies_to_builtin_packs_too(monkeypatch: pytest.MonkeyPatch,
                                                             capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    monkeypatch.setenv("DRAFTER_TEMPLATE_CHARS", "100")
    code = run(["build", str(EXAMPLES / "boleshi-2023.yaml"), "-o", str(tmp_path / "out.docx")])
    assert code == 3 and "模板输出超过 100 个字符" in capsys.readouterr().err


def test_the_documented_allow_lists_are_the_real_ones() -> None:
    from drafter.sandbox import FILTERS, GLOBALS, STR_METHODS, TESTS

    from .conftest import ROOT

    docs = (ROOT / "docs" / "templates.md").read_text(encoding="utf-8")
    section = docs[docs.index("## 安全"):]
    words = set(re.findall(r"[\w=!<>]+", section))
    own = {name for name, _ in template_filters()}
    assert set(FILTERS) | own <= words and set(TESTS) <= words and set(STR_METHODS) <= words and set(GLOBALS) <= words
    documented_filters = set(re.search(r"过滤器：(.+?)，以及", section, re.S).group(1).replace("`", "").split())
    assert documented_filters == set(FILTERS)
    for absent in ("pprint", "tojson", "xmlattr", "urlize", "urlencode", "filesizeformat", "random", "safe"):
        assert absent not in FILTERS
    for name, default in (("DRAFTER_TEMPLATE_SECONDS", "10"), ("DRAFTER_TEMPLATE_MEMORY_MB", "512"),
                          ("DRAFTER_TEMPLATE_CHARS", "2000000")):
        assert f"| `{name}` | {default} |" in section
    assert (Limits.seconds, Limits.memory_mb, Limits.chars) == (10.0, 512, 2_000_000)
