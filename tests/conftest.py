"""Shared fixtures: the shipped content, a scratch copy to break, the built site."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from generator.loader import load_guideline

ROOT = Path(__file__).resolve().parent.parent
CONTENT = ROOT / "content"


@pytest.fixture(scope="session")
def guideline():
    return load_guideline(CONTENT)


@pytest.fixture
def content_copy(tmp_path) -> Path:
    target = tmp_path / "content"
    shutil.copytree(CONTENT, target)
    return target
