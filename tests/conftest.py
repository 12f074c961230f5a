"""Shared test helpers: case files, building a sheet, and outside programs."""

from __future__ import annotations

import io
import os
import shutil
from pathlib import Path

import docx
import pytest

from drafter.pipeline import draft
from drafter.writers.docx import write_docx

HERE = Path(__file__).parent
SHEETS = HERE / "sheets"
TEMPLATES = HERE / "templates"
ROOT = HERE.parent
EXAMPLES = ROOT / "examples"
REQUIRE_EXTERNAL = os.environ.get("DRAFTER_REQUIRE_EXTERNAL") == "1"


def program(name: str, package: str) -> str:
    """Path of an outside program; skip the test where it is missing, except in CI
    (``DRAFTER_REQUIRE_EXTERNAL=1``), where a missing program is a failure."""
    found = shutil.which(name)
    if found:
        return found
    message = f"{name} not installed (Debian package {package})"
    if REQUIRE_EXTERNAL:
        pytest.fail(message + " but DRAFTER_REQUIRE_EXTERNAL=1")
    pytest.skip(message)


def chromium_command(profile: Path) -> list[str]:
    """Headless Chromium that stays on this machine (no network, no updates), with its
    profile in ``profile``; the test adds ``--dump-dom`` or ``--screenshot`` and a page."""
    return [program("chromium", "chromium"), "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
            "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
            f"--user-data-dir={profile}"]


def built(sheet: Path) -> docx.document.Document:
    """Render and write a sheet, then read the .docx back with python-docx."""
    return docx.Document(io.BytesIO(write_docx(draft(sheet).document)))


@pytest.fixture(scope="session", autouse=True)
def _drafter_cache(tmp_path_factory: pytest.TempPathFactory) -> None:
    """drafter's cache folder (the segmenter's dictionary buckets) inside the test run's
    temporary folder, for this process and every drafter process a test starts."""
    os.environ["DRAFTER_CACHE"] = str(tmp_path_factory.mktemp("cache"))


@pytest.fixture(scope="session")
def complete_docx() -> docx.document.Document:
    return built(EXAMPLES / "boleshi-2023.yaml")


try:  # property tests: a few hundred examples in the default run, 10,000+ in CI's slow job
    from hypothesis import HealthCheck, settings

    settings.register_profile("default", max_examples=150, deadline=None,
                              suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
    # The CI jobs replay fixed inputs (``derandomize``), so a run fails only where the code changed;
    # the default profile stays random so that local runs keep exploring.
    settings.register_profile("slow", max_examples=3_000, deadline=None, derandomize=True,  # × 4 properties = 12,000
                              suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much,
                                                     HealthCheck.function_scoped_fixture])
    settings.register_profile("fuzz", max_examples=10_000, deadline=None, derandomize=True,  # shared out in test_fuzz.py: 20,000 inputs
                              suppress_health_check=list(HealthCheck))
    settings.load_profile("default")
except ImportError:  # pragma: no cover - hypothesis is in the test extra
    pass
