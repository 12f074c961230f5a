"""The usage rules (data/usage-rules.yaml): each fires on its own bad example, and stays silent on
the corrected sentence and on the sentences where the wrong string is sound (its context conditions)."""

from __future__ import annotations

import re

import pytest

from drafter.lint import Passage, usage, usage_rules

RULES = sorted(usage_rules()[0].values(), key=lambda rule: rule.wrong)
CATEGORIES = ("形近音近字", "成语熟语", "异形词", "法律和行政用语", "文件和理论名称")


def test_the_rule_set_is_broad_and_sourced() -> None:
    assert len(RULES) >= 200
    assert {rule.category for rule in RULES} == set(CATEGORIES)
    assert all(rule.source and rule.wrong != rule.right for rule in RULES)


@pytest.mark.parametrize("rule", RULES, ids=lambda rule: rule.wrong)
def test_rule_fires_on_its_example_and_not_on_the_correction(rule) -> None:
    bad, good, sound = rule.examples
    if rule.before is not None or rule.after is not None:
        assert bad != rule.wrong, "a rule with a context condition needs a whole example sentence"
    found = list(usage(Passage(bad)))
    assert [f.message.split("”应为")[0] for f in found] == [f"“{rule.wrong}"]
    assert found[0].quote == rule.wrong and found[0].severity == rule.severity
    assert list(usage(Passage(good))) == []
    for sentence in sound:
        assert rule.wrong in sentence
        assert list(usage(Passage(sentence))) == [], sentence


def test_every_context_condition_is_a_valid_expression() -> None:
    """Conditions are compiled when a text holds their wrong string: a broken one must fail here,
    not in a clerk's check."""
    for rule in RULES:
        for pattern in (rule.before, rule.not_before, rule.after, rule.not_after):
            if pattern is not None:
                re.compile(pattern)


def test_overlapping_rules_report_the_longest_once() -> None:
    found = list(usage(Passage("严格规范行政权利运行，保障权利运行，推进法治政治建设。")))
    assert [f.message for f in found] == ["“行政权利运行”应为“行政权力运行”", "“权利运行”应为“权力运行”",
                                          "“法治政治建设”应为“法治政府建设”"]


def documented_row(entry: dict, group: dict) -> str:
    """The row docs/review-rules.md gives a rule: wrong, right, its context conditions, its source."""
    conditions = [f"{label} `{entry[key]}`".replace("|", "\\|")
                  for key, label in (("b", "前接"), ("nb", "前面不是"), ("a", "后接"), ("na", "后面不是")) if key in entry]
    conditions += [entry["note"]] if "note" in entry else []
    return f"| {entry['w']} | {entry['r']} | {'；'.join(conditions)} | {entry.get('source', group['source'])} |"


def test_every_rule_is_documented_with_its_source() -> None:
    import yaml

    from .conftest import ROOT

    data = yaml.safe_load((ROOT / "drafter" / "data" / "usage-rules.yaml").read_text(encoding="utf-8"))
    doc = (ROOT / "docs" / "review-rules.md").read_text(encoding="utf-8")
    missing = [documented_row(e, g) for g in data["groups"] for e in g["rules"] if documented_row(e, g) not in doc]
    assert not missing, "docs/review-rules.md lacks:\n" + "\n".join(missing)
    assert all(f"**{name}**：{text}" in doc for name, text in data["sources"].items())


def regenerate_doc() -> None:
    """Rewrite the rule tables of docs/review-rules.md from the data: ``python -m tests.test_review_rules``."""
    import re

    import yaml

    from .conftest import ROOT

    data = yaml.safe_load((ROOT / "drafter" / "data" / "usage-rules.yaml").read_text(encoding="utf-8"))
    path = ROOT / "docs" / "review-rules.md"
    doc = path.read_text(encoding="utf-8")
    head, tail = doc[:doc.index("### 形近音近字")], doc[doc.index("## 二、"):]
    head = re.sub(r"共 \d+ 条", f"共 {sum(len(g['rules']) for g in data['groups'])} 条", head)
    tables = []
    for group in data["groups"]:
        warning = "；警告" if group.get("severity") == "warning" else ""
        tables += [f"### {group['category']}（{len(group['rules'])}条，出处：{group['source']}{warning}）", "",
                   "| 误写 | 应写 | 上下文条件 | 出处 |", "|---|---|---|---|"]
        tables += [documented_row(entry, group) for entry in group["rules"]] + [""]
    path.write_text(head + "\n".join(tables) + "\n" + tail, encoding="utf-8")


if __name__ == "__main__":
    regenerate_doc()
