"""False alarms on the team's clean corpus (tests/corpus): at most 0.05 findings per 1,000 characters."""

from __future__ import annotations

from pathlib import Path

from drafter.review import review

CORPUS = Path(__file__).parent / "corpus"


def template_of(path: Path) -> str:
    """The pack a report of this form is checked against (a signed article has no required parts)."""
    if "article" in path.name:
        return "article"
    return "summary" if path.read_text(encoding="utf-8").splitlines()[0].endswith("工作总结") else "standard"


def corpus_findings() -> tuple[int, list[str]]:
    characters, found = 0, []
    for path in sorted(CORPUS.glob("*.txt")):
        characters += len(path.read_text(encoding="utf-8"))
        found += [f"{path.name}:{f.line}: {f.message}" for f in review(path, template_of(path)).findings]
    return characters, found


def test_clean_corpus_gives_almost_no_false_findings() -> None:
    characters, found = corpus_findings()
    rate = len(found) / characters * 1000
    print(f"\nclean corpus: {characters} characters, {len(found)} findings, {rate:.3f} per 1,000 characters")
    for line in found:
        print("  " + line)
    assert characters >= 30_000
    assert rate <= 0.05, found
