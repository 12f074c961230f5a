"""A realistic report with planted faults of every kind: each is found once, at its line, and the
sound text around them (history, 对对口, a correct 同比) stays silent."""

from __future__ import annotations

from pathlib import Path

from drafter.review import review

PLANTED = Path(__file__).parent / "faults" / "planted-2024.txt"


def test_every_planted_fault_is_found_once() -> None:
    found = [(f.line, f.rule, f.quote) for f in review(PLANTED).findings]
    assert sorted(found, key=lambda f: (f[0], f[1], f[2] or "")) == sorted([
        (3, "typo", "贯切落实"), (3, "typo", "布署"), (3, "typo", "再接再励"), (3, "typo", "法制政府"),
        (5, "repeated", "程序程序"), (5, "repeated", "依法依法"), (5, "typo", "近一步"), (5, "typo", "截止"),
        (6, "repeated", "执法执法"), (6, "typo", "做出"), (6, "typo", "授理"),
        (6, "yoy-direction", "120件，上年100件，同比下降20%"),
        (7, "typo", "权利清单"), (7, "typo", "发辉"), (7, "typo", "竟争"), (7, "yoy-size", "1200户，同比增长20%"),
        (7, "numbering", "（二）"),  # the repeated （二）; the （四） after it is right
        (8, "typo", "一如继往"), (8, "yoy-direction", "由400件增加到500件，同比下降25%"),
        (8, "yoy-size", "60件，较上年50件增加20件"),
        (10, "repeated", "续续"), (10, "typo", "按排"), (10, "date-padding", "2024年04月05日"),
        (10, "date-mixed", "2〇24年6月"),
        (14, "repeated", "加强加强"), (14, "repeated", "规范规范"),
    ], key=lambda f: (f[0], f[1], f[2] or ""))
