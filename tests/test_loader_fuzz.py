"""Property: whatever an editor does to a content file, the loader gives a model or a clean ContentError."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.content.loader import load_guideline
from generator.content.model import Guideline
from generator.content.nodes import SLUG
from generator.content.problems import ContentError

from .conftest import CONTENT

FILES = sorted(str(p.relative_to(CONTENT)) for p in CONTENT.rglob("*.yml"))
ORIGINALS = {name: (CONTENT / name).read_text(encoding="utf-8") for name in FILES}
WORK = Path(tempfile.mkdtemp(prefix="aiguide-fuzz-")) / "content"
shutil.copytree(CONTENT, WORK)

scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-10, 10),
    st.floats(allow_nan=False, allow_infinity=False),
    st.text(max_size=12),
    st.sampled_from(["赤", "黄", "青", "必須", "推奨", "企画", "公平性", "", "---", "[", "{a: 1}", "&a", "*a", "\t", "- x"]),
    # ids and names an attacker (or a slip) might write
    st.sampled_from(["../../outside", "..", "/etc/passwd", "a/b", "<b>x</b>", "x onfocus=alert(1) autofocus",
                     "javascript:alert(1)", "citizen-1\n", "Citizen-1", "-x", "x" * 2000, "{: onclick=alert(1) }"]),
)
values = st.recursive(scalars, lambda inner: st.one_of(st.lists(inner, max_size=3), st.dictionaries(st.text(max_size=6), inner, max_size=3)), max_leaves=6)


def check(name: str, text: str) -> None:
    (WORK / name).write_text(text, encoding="utf-8")
    try:
        result = load_guideline(WORK)
        assert isinstance(result, Guideline)
        assert_ids_are_slugs(result)
    except ContentError as error:
        assert error.problems
        for problem in error.problems:
            assert problem.file and problem.expected and problem.found
            problem.format()
    finally:
        (WORK / name).write_text(ORIGINALS[name], encoding="utf-8")


def assert_ids_are_slugs(guideline: Guideline) -> None:
    """Whatever loads, every id that becomes a path, URL or HTML id is a short slug."""
    ids = [d.id for d in guideline.domains] + [c.id for c in guideline.cells] + [c.id for c in guideline.chapters]
    ids += [s.id for c in guideline.chapters for s in c.sections] + [p.id for c in guideline.cells for p in c.points]
    ids += [t.id for t in guideline.tiers] + [p.id for p in guideline.phases] + [c.id for c in guideline.considerations]
    for value in ids:
        assert SLUG.fullmatch(value) and len(value) <= 60, value


def _paths(value, prefix=()):
    yield prefix
    if isinstance(value, dict):
        for key, child in value.items():
            yield from _paths(child, prefix + (key,))
    elif isinstance(value, list):
        for index, child in enumerate(value):
            yield from _paths(child, prefix + (index,))


def _replace(value, path, new):
    if not path:
        return new
    head, rest = path[0], path[1:]
    copy = dict(value) if isinstance(value, dict) else list(value)
    copy[head] = _replace(value[head], rest, new)
    return copy


def _delete(value, path):
    if not path:
        return None
    head, rest = path[0], path[1:]
    copy = dict(value) if isinstance(value, dict) else list(value)
    if rest:
        copy[head] = _delete(value[head], rest)
    elif isinstance(copy, dict):
        copy.pop(head)
    else:
        copy.pop(head)
    return copy


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(name=st.sampled_from(FILES), data=st.data())
def test_structural_mutations_never_crash(name, data):
    tree = yaml.safe_load(ORIGINALS[name])
    paths = list(_paths(tree))
    path = data.draw(st.sampled_from(paths))
    if data.draw(st.booleans()) and path:
        mutated = _delete(tree, path)
    else:
        mutated = _replace(tree, path, data.draw(values))
    check(name, yaml.safe_dump(mutated, allow_unicode=True, sort_keys=False))


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(name=st.sampled_from(FILES), data=st.data())
def test_text_edits_never_crash(name, data):
    lines = ORIGINALS[name].splitlines()
    index = data.draw(st.integers(0, len(lines) - 1))
    action = data.draw(st.sampled_from(["delete", "duplicate", "insert", "indent", "dedent", "truncate", "alias"]))
    if action == "delete":
        del lines[index]
    elif action == "duplicate":
        lines.insert(index, lines[index])
    elif action == "insert":
        lines.insert(index, data.draw(st.text(max_size=20)))
    elif action == "indent":
        lines[index] = "  " + lines[index]
    elif action == "dedent":
        lines[index] = lines[index][2:]
    elif action == "alias":  # anchors and aliases: the way to a billion laughs
        line = lines[index]
        if ": " in line:
            key, _, value = line.partition(": ")
            lines[index] = f"{key}: " + data.draw(st.sampled_from([f"&x {value}", "*x", "&x [*x, *x]", f"!!python/str {value}"]))
    else:
        lines[index] = lines[index][: data.draw(st.integers(0, len(lines[index])))]
    check(name, "\n".join(lines))
