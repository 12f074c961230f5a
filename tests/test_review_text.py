"""Repeated words by character sequences, and outdated formulations read with their historical context."""

from __future__ import annotations

import pytest

from drafter.lint import Passage, outdated, repeated_words


@pytest.mark.parametrize(
    "text, quote",
    [
        ("重点复核合法性审查程序程序是否确实。", "程序程序"),
        ("确保常务会讨论前前置法定程序履行到位。", "前前"),
        ("坚持依法依法行政。", "依法依法"),  # the second copy starts a longer word
        ("加强执法执法人员培训。", "执法执法"),
        ("持续续推进示范创建。", "续续"),
        ("推进行政执法三项制度制度化。", "制度制度"),
        ("坚持严格格规范公正文明执法。", "格格"),
        ("落实重大行政决策决策程序。", "决策决策"),
        ("建立法律顾问问制度。", "问问"),
    ],
)
def test_doubled_sequences_are_found(text: str, quote: str) -> None:
    assert [f.quote for f in repeated_words(Passage(text))] == [quote]


@pytest.mark.parametrize(
    "text",
    ["对对口帮扶单位开展法治督察。", "全市市场主体达到1.2万户。", "各部门门户网站及时公开。", "牢牢把握依法治县总要求。",
     "扎扎实实推进、认认真真整改。", "2023年年底前全部完成。", "一件一件抓落实。", "转变工作作风。", "树立现代管理理念。",
     "学习习近平法治思想。", "进行行政执法检查。", "召开常委会会议。", "发展全过程人民民主。", "在在线平台公开。",
     "学习中国共产党党章。", "推动公开开展评议。", "人人参与、层层落实。", "方方面面。"],
)
def test_reduplications_and_word_boundaries_are_silent(text: str) -> None:
    assert list(repeated_words(Passage(text))) == []


@pytest.mark.parametrize(
    "text",
    [
        "自2019年贯彻党的十九届四中全会精神以来，全县持续推进依法行政。",  # a past year, 自……以来
        "党的十九大以来，全县深入贯彻落实十九大精神。",  # 以来 after the event
        "2020年，全县学习贯彻党的十九届五中全会精神。",  # a past year
        "时任县长带头学习贯彻十九大精神。",  # 时任
        "全县曾深入推进“七五”普法。",  # 曾
        "对照原“七五”普法规划开展总结验收。",  # 原
        "自“七五”普法启动起，推进“七五”普法各项任务。",  # 自……起
        "回顾五年来推进“十三五”规划的历程。",  # 回顾
        "党的十八大以来，全县深入学习贯彻十八届四中全会精神。",
        "原县政府法制办公室的职责已划入县司法局。",
        "2018年，县委依法治县领导小组调整为县委全面依法治县委员会。",
        "三年扫黑除恶专项斗争以来，全县开展扫黑除恶专项斗争成效明显。",
        "原县工商行政管理局、原县食品药品监督管理局整合组建县市场监督管理局。",
        "2019年，全县深入学习习近平总书记全面依法治国新理念新思想新战略。",
        "党的十八大以来，全县学习贯彻习近平总书记系列重要讲话精神。",
        "2020年，全县决胜全面建成小康社会，打赢脱贫攻坚战。",
    ],
)
def test_historical_mentions_are_silent(text: str) -> None:
    assert list(outdated(Passage(text), 2024)) == []


@pytest.mark.parametrize(
    "text",
    ["全县深入学习贯彻党的十九大和十九届历次全会精神。", "今年以来，全县深入学习贯彻党的十九届六中全会精神。",
     "扎实推进“七五”普法。", "2024年，深入学习贯彻党的十九大精神。", "认真学习贯彻党的十八届四中全会精神。",
     "县政府法制办审核规范性文件14件。", "县委依法治县领导小组召开会议。", "深入开展扫黑除恶专项斗争。",
     "县工商行政管理局开展专项检查。", "深入学习习近平总书记全面依法治国新理念新思想新战略。",
     "认真学习贯彻习近平总书记系列重要讲话精神。", "奋力决胜全面建成小康社会。", "坚决打赢脱贫攻坚战。"],
)
def test_current_use_is_flagged(text: str) -> None:
    assert [f.rule for f in outdated(Passage(text), 2024)] == ["outdated"]
