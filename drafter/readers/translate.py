"""The one place where the libraries' English becomes a clerk's Chinese: pydantic and YAML.

pydantic (the sheet model) and libyaml/PyYAML (the sheet syntax) describe faults in English
and in their own terms ("unable to parse string as a number", "found unknown escape
character"). Every pydantic error type and every libyaml and PyYAML problem is mapped here,
so no English reaches a clerk, and the commonest slips get a hint that says what to type
instead: a Windows path in double quotes, a unit written into a number, a Tab, an "@" at
the start of a text, a second "---". A test checks that every pydantic error type has an
entry, and the fuzz tests that no English word reaches the screen.
"""

from __future__ import annotations

import re
from typing import Any

import yaml

from ..text import HAN

# ---------------------------------------------------------------------------------------------
# pydantic: every error type (pydantic_core.core_schema.ErrorType), by the type's name.
# Types that a sheet cannot produce still get a sentence: a library upgrade must not let
# English through.
_GENERIC = "内容的类型不符合要求"
PYDANTIC_MESSAGES: dict[str, str] = {
    "missing": "缺少必填字段",
    "extra_forbidden": "未知字段",
    "string_type": "应为文字",
    "string_sub_type": "应为文字",
    "string_unicode": "文字中有无法识别的字符",
    "string_too_short": "不能为空",
    "string_too_long": "文字过长",
    "string_pattern_mismatch": "文字格式不符合要求",
    "string_not_ascii": "应只含英文字母和数字",
    "int_type": "应为整数",
    "int_parsing": "应为整数",
    "int_parsing_size": "整数过大",
    "int_from_float": "应为整数",
    "float_type": "应为数字",
    "float_parsing": "应为数字",
    "finite_number": "应为有限的数字",
    "decimal_type": "应为数字",
    "decimal_parsing": "应为数字",
    "decimal_max_digits": "数字的位数过多",
    "decimal_max_places": "小数位数过多",
    "decimal_whole_digits": "整数部分位数过多",
    "complex_type": "应为数字",
    "complex_str_parsing": "应为数字",
    "multiple_of": "数值不符合要求",
    "greater_than": "数值过小",
    "greater_than_equal": "数值过小",
    "less_than": "数值过大",
    "less_than_equal": "数值过大",
    "bool_type": "应为 true 或 false",
    "bool_parsing": "应为 true 或 false",
    "list_type": "应为列表（每项另起一行，以“- ”开头）",
    "tuple_type": "应为列表（每项另起一行，以“- ”开头）",
    "set_type": "应为列表（每项另起一行，以“- ”开头）",
    "frozen_set_type": "应为列表（每项另起一行，以“- ”开头）",
    "set_item_not_hashable": "列表中的项应为文字或数字",
    "iterable_type": "应为列表（每项另起一行，以“- ”开头）",
    "iteration_error": "列表无法读取",
    "too_short": "项数太少",
    "too_long": "项数太多",
    "model_type": "应为若干“名称: 内容”行",
    "model_attributes_type": "应为若干“名称: 内容”行",
    "dict_type": "应为若干“名称: 内容”行",
    "mapping_type": "应为若干“名称: 内容”行",
    "dataclass_type": "应为若干“名称: 内容”行",
    "dataclass_exact_type": "应为若干“名称: 内容”行",
    "invalid_key": "名称应为文字",
    "literal_error": "取值不在允许的范围内",
    "enum": "取值不在允许的范围内",
    "union_tag_invalid": "取值不在允许的范围内",
    "union_tag_not_found": "缺少区分类型的字段",
    "date_type": "应为日期，如 2024-03-20",
    "date_parsing": "应为日期，如 2024-03-20",
    "date_from_datetime_parsing": "应为日期，如 2024-03-20",
    "date_from_datetime_inexact": "应为日期（不带时刻），如 2024-03-20",
    "date_past": "日期应早于今天",
    "date_future": "日期应晚于今天",
    "datetime_type": "应为日期和时刻",
    "datetime_parsing": "应为日期和时刻",
    "datetime_object_invalid": "日期和时刻无效",
    "datetime_from_date_parsing": "应为日期和时刻",
    "datetime_past": "日期应早于今天",
    "datetime_future": "日期应晚于今天",
    "time_type": "应为时刻",
    "time_parsing": "应为时刻",
    "time_delta_type": "应为时长",
    "time_delta_parsing": "应为时长",
    "timezone_naive": "不应带时区",
    "timezone_aware": "应带时区",
    "timezone_offset": "时区不符合要求",
    "bytes_type": "应为文字",
    "bytes_too_short": "内容太短",
    "bytes_too_long": "内容太长",
    "bytes_invalid_encoding": "内容的编码无效",
    "url_type": "应为网址",
    "url_parsing": "应为网址",
    "url_syntax_violation": "网址格式有误",
    "url_too_long": "网址过长",
    "url_scheme": "网址的协议不符合要求",
    "uuid_type": "应为标识码",
    "uuid_parsing": "应为标识码",
    "uuid_version": "标识码版本不符合要求",
    "none_required": "此处应留空",
    "value_error": "内容不符合要求",
    "assertion_error": "内容不符合要求",
    "json_invalid": "内容格式有误",
    "json_type": _GENERIC,
    "needs_python_object": _GENERIC,
    "recursion_loop": "内容引用了自身（别名循环）",
    "no_such_attribute": "未知字段",
    "get_attribute_error": _GENERIC,
    "frozen_field": "此字段不能修改",
    "frozen_instance": "此内容不能修改",
    "default_factory_not_called": _GENERIC,
    "is_instance_of": _GENERIC,
    "is_subclass_of": _GENERIC,
    "callable_type": _GENERIC,
    "arguments_type": _GENERIC,
    "missing_argument": "缺少必填字段",
    "unexpected_keyword_argument": "未知字段",
    "missing_keyword_only_argument": "缺少必填字段",
    "unexpected_positional_argument": _GENERIC,
    "missing_positional_only_argument": "缺少必填字段",
    "multiple_argument_values": "字段重复",
    "missing_sentinel_error": "缺少必填字段",
}

_NUMBER_WITH_UNIT = re.compile(r"^\s*([-+]?\d[\d,，]*(?:\.\d+)?)\s*(\S.*?)\s*$")


def _quote(value: Any, limit: int = 20) -> str:
    text = str(value)
    return f"“{text[:limit]}……”" if len(text) > limit else f"“{text}”"


def validation_message(error: Any, known_key: Any = None) -> str:
    """A Chinese sentence for one pydantic error (an item of ``ValidationError.errors()``).

    ``known_key`` suggests a key for a misspelt one (``titel`` → ``title``)."""
    kind, ctx, value = error["type"], error.get("ctx") or {}, error.get("input")
    if kind == "extra_forbidden":
        key = str(error["loc"][-1])
        guess = known_key(key) if known_key else None
        return f"未知字段“{key}”" + (f"，是否想写“{guess}”？" if guess else "，请删除或改正")
    if kind == "literal_error":
        expected = str(ctx.get("expected", "")).replace("' or '", "', '").replace("'", "")
        return f"应为以下之一：{expected.replace(', ', '、')}"
    bound = next((ctx[k] for k in ("ge", "gt", "le", "lt", "min_length") if k in ctx), None)
    if kind in ("greater_than_equal", "greater_than", "less_than_equal", "less_than", "too_short") and bound is None:
        return PYDANTIC_MESSAGES[kind]
    if kind == "greater_than_equal":
        return f"应不小于 {bound}"
    if kind == "greater_than":
        return f"应大于 {bound}"
    if kind == "less_than_equal":
        return f"应不大于 {bound}"
    if kind == "less_than":
        return f"应小于 {bound}"
    if kind == "too_short":
        return f"至少需要 {bound} 项"
    if kind in ("value_error", "assertion_error"):
        reason = str(ctx.get("error", ""))
        return reason if _has_chinese(reason) else PYDANTIC_MESSAGES[kind]
    if error["loc"] and error["loc"][-1] == "[key]":
        return f"名称{_quote(value)}应为文字：数字或列表作名称时请加引号，如 '{value}'"
    if kind in ("float_parsing", "int_parsing", "decimal_parsing") and isinstance(value, str):
        with_unit = _NUMBER_WITH_UNIT.match(value)
        if with_unit and not re.fullmatch(r"[\d.eE+-]+", with_unit.group(2)):
            return (f"{PYDANTIC_MESSAGES[kind]}：{_quote(value)}中有文字；"
                    f"数值只写数字（{with_unit.group(1)}），单位“{with_unit.group(2)}”写在 unit 中")
        if kind != "int_parsing":
            return f"{PYDANTIC_MESSAGES[kind]}，{_quote(value)}不是数字"
    return PYDANTIC_MESSAGES.get(kind, _GENERIC)


def _has_chinese(text: str) -> bool:
    return re.search(f"[{HAN}]", text) is not None


# ---------------------------------------------------------------------------------------------
# YAML: every problem libyaml's scanner, parser and reader can report, and PyYAML's composer
# and constructor, by a fragment of the English (first match wins: specific before general).
YAML_PROBLEMS: list[tuple[str, str]] = [
    ("found unknown escape character", "双引号中的反斜杠“\\”后面跟了不能转义的字符"),
    ("found invalid Unicode character escape code", "双引号中的“\\u…”不是有效的字符编码"),
    ("did not find expected hexdecimal number", "双引号中的“\\x”“\\u”后面应为十六进制数字"),
    ("expected low surrogate area", "双引号中的“\\u…”不是有效的字符编码"),
    ("found a tab character that violates indentation", "不能用 Tab 键缩进，请改用空格"),
    ("found a tab character where an indentation space is expected", "不能用 Tab 键缩进，请改用空格"),
    ("found character that cannot start any token", "这个字符不能出现在内容开头"),
    ("found unexpected end of stream", "引号没有闭合"),
    ("found unexpected document indicator", "引号没有闭合（中间出现了“---”或“...”行）"),
    ("mapping values are not allowed", "这里不能出现“: ”（冒号后有空格的文字请整段加引号）"),
    ("mapping keys are not allowed", "这里不能出现“? ”（以问号加空格开头的文字请整段加引号）"),
    ("block sequence entries are not allowed", "这里不能出现“- ”（以短横加空格开头的文字请整段加引号）"),
    ("could not find expected ':'", "缺少“: ”"),
    ("found unexpected ':'", "冒号位置不对（冒号后有空格的文字请整段加引号）"),
    ("did not find expected key", "缩进不一致，或列表项缺少“- ”"),
    ("did not find expected '-' indicator", "列表项的缩进不一致"),
    ("did not find expected ',' or ']'", "方括号或花括号没有配对"),
    ("did not find expected ',' or '}'", "方括号或花括号没有配对"),
    ("did not find expected node content", "内容不完整（可能少了括号、引号的另一半）"),
    ("expected the node content", "内容不完整（可能少了括号、引号的另一半）"),
    ("did not find expected <document start>", "内容的缩进或结构有误"),
    ("did not find expected <stream-start>", "文件开头有误"),
    ("did not find expected comment or line break", "这一行的末尾有多余的内容"),
    ("did not find expected alphabetic or numeric character", "“&”或“*”后面应为名称（文字中以“&”“*”开头时请加引号）"),
    ("found undefined alias", "用了未定义的别名（*名称 前面没有对应的 &名称）"),
    ("second occurrence", "同一个锚点名称（&名称）定义了两次"),
    ("found duplicate anchor", "同一个锚点名称（&名称）定义了两次"),
    ("but found another document", "一个文件只能有一份事实表，这里的“---”开始了第二份；请删去它"),
    ("expected a single document", "一个文件只能有一份事实表，这里的“---”开始了第二份；请删去它"),
    ("found unhashable key", "名称不能是列表或“名称: 内容”（以“?”“[”“{”开头的名称请加引号）"),
    ("could not determine a constructor for the tag",
     "不允许的 YAML 标签（事实表里只能写文字、数字、列表和“名称: 内容”）"),
    ("found undefined tag handle", "不允许的 YAML 标签（事实表里只能写文字、数字、列表和“名称: 内容”）"),
    ("did not find expected tag URI", "YAML 标签写法有误（文字中以“!”开头时请加引号）"),
    ("did not find the expected '>'", "YAML 标签写法有误（文字中以“!”开头时请加引号）"),
    ("did not find expected '!'", "YAML 标签写法有误（文字中以“!”开头时请加引号）"),
    ("did not find URI escaped octet", "YAML 标签写法有误（文字中以“!”开头时请加引号）"),
    ("failed to convert base64", "!!binary 的内容不是有效的 base64"),
    ("expected a mapping", "这里应为若干“名称: 内容”行"),
    ("expected a sequence", "这里应为列表"),
    ("found an indentation indicator equal to 0", "“|”或“>”后面的缩进数字不能为 0"),
    ("found unknown directive name", "“%”开头的行是 YAML 指令，不能这样写（文字中以“%”开头时请加引号）"),
    ("found duplicate %YAML directive", "“%YAML”指令重复"),
    ("found duplicate %TAG directive", "“%TAG”指令重复"),
    ("found incompatible YAML document", "不支持的 YAML 版本"),
    ("found extremely long version number", "“%YAML”指令的版本号有误"),
    ("did not find expected version number", "“%YAML”指令的版本号有误"),
    ("did not find expected digit or '.' character", "“%YAML”指令的版本号有误"),
    ("could not find expected directive name", "“%”开头的行是 YAML 指令，不能这样写（文字中以“%”开头时请加引号）"),
    ("found unexpected non-alphabetical character", "“%”开头的行是 YAML 指令，不能这样写（文字中以“%”开头时请加引号）"),
    ("did not find expected whitespace", "这里缺少空格"),
    ("control characters are not allowed", "含有不能出现在事实表中的控制字符"),
    ("invalid Unicode character", "含有不能出现在事实表中的字符"),
    ("special characters are not allowed", "含有不能出现在事实表中的控制字符"),
    ("UTF-8", "文件编码有误"),
    ("UTF-16", "文件编码有误"),
    ("input is too long", "文件过大"),
    ("input error", "文件无法读取"),
    # contexts, when the problem itself is not listed above
    ("while scanning a quoted scalar", "引号没有闭合"),
    ("while parsing a flow", "方括号或花括号没有配对"),
    ("while scanning a simple key", "缺少“: ”"),
    ("while parsing a block mapping", "缩进不一致"),
    ("while parsing a block collection", "列表项的缩进不一致"),
    ("expected <block end>, but found", "缩进不一致"),
    ("while scanning a block scalar", "“|”或“>”之后的文字缩进有误"),
    ("while scanning an anchor", "“&”后面应为名称（文字中以“&”开头时请加引号）"),
    ("while scanning an alias", "“*”后面应为名称（文字中以“*”开头时请加引号）"),
    ("while scanning a tag", "YAML 标签写法有误（文字中以“!”开头时请加引号）"),
    ("while parsing a tag", "YAML 标签写法有误（文字中以“!”开头时请加引号）"),
    ("directive", "“%”开头的行是 YAML 指令，不能这样写（文字中以“%”开头时请加引号）"),
]
_YAML_FALLBACK = "格式有误（请检查这一行的缩进、冒号和引号）"


def _line_of(text: str, mark: Any) -> str:
    if mark is None or not text:
        return ""
    lines = text.splitlines()
    return lines[mark.line] if 0 <= mark.line < len(lines) else ""


def yaml_message(exc: yaml.YAMLError, text: str = "") -> str:
    """A Chinese sentence for a YAML syntax error, with a hint for the commonest slips
    (``text`` is the document, to look at the character the error points at)."""
    problem, context = getattr(exc, "problem", None) or "", getattr(exc, "context", None) or ""
    if _has_chinese(problem) and not context:  # our own tag constructors speak Chinese already
        return problem
    mark = getattr(exc, "problem_mark", None)
    line = _line_of(text, mark)
    char = line[mark.column] if mark is not None and 0 <= mark.column < len(line) else ""
    if "cannot start any token" in problem and char and char != "\t":
        return f"“{char}”不能出现在内容开头：以“{char}”开头的文字请整段加引号，如 '{line[mark.column:].strip()}'"
    if "tab character" in problem or ("cannot start any token" in problem and char == "\t"):
        return "不能用 Tab 键缩进，请改用空格"
    message = next((chinese for english, chinese in YAML_PROBLEMS if english in problem), None)
    message = message or next((chinese for english, chinese in YAML_PROBLEMS if english in context), _YAML_FALLBACK)
    if "escape" in problem or "hexdecimal" in problem or "surrogate" in problem:
        if re.search(r"[A-Za-z]:\\", line):
            return (message + "：Windows 路径请改用单引号（如 'D:\\模板\\我市'），或把“\\”写成“/”"
                    "（如 D:/模板/我市）")
        return message + "：如要写反斜杠本身，请改用单引号，或写成“\\\\”"
    if "second occurrence" in problem or "duplicate anchor" in context:
        first = getattr(exc, "context_mark", None)
        anchor = re.match(r"&([^\s,\[\]{}]+)", line[mark.column:]) if mark is not None else None
        if first is not None:
            name = f"“&{anchor.group(1)}”" if anchor else "（&名称）"
            return f"锚点{name}定义了两次（第{first.line + 1}行已定义），请改用另一个名称"
    return message


def yaml_mark(exc: yaml.YAMLError) -> Any:
    """Where to point the clerk: the opening quote or bracket of what was left open,
    else the slip itself."""
    context = getattr(exc, "context", None) or ""
    context_mark, problem_mark = getattr(exc, "context_mark", None), getattr(exc, "problem_mark", None)
    opened = "quoted" in context or "flow" in context
    return (context_mark if opened else problem_mark) or context_mark
