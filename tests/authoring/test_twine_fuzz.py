"""Never a traceback: seeded random damage to Twee and Twine HTML drafts is imported or refused with a message."""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from twine_stories import as_html, as_twee

from simulator.authoring.twine import import_twine
from simulator.scenario import load_scenario

MARKS = "[]{}\\:|<>-&;#\"'$()\n\t\0\u2028é"


def damaged(text: str, rng: random.Random) -> str:
    chars = list(text)
    for _ in range(rng.randint(1, 12)):
        at = rng.randrange(len(chars) + 1)
        action = rng.random()
        if action < 0.4:
            chars.insert(at, rng.choice(MARKS))
        elif action < 0.7 and at < len(chars):
            del chars[at : at + rng.randint(1, 30)]
        else:
            chars.insert(at, "\n:: " if rng.random() < 0.5 else "[[")
    return "".join(chars)


@pytest.mark.parametrize(("suffix", "write"), [(".twee", as_twee), (".html", as_html)])
def test_damaged_drafts_import_cleanly_or_are_refused_with_a_line(tmp_path: Path, suffix: str, write) -> None:
    rng = random.Random(20)
    original = write(5)
    for number in range(25):
        source = tmp_path / f"draft{number}{suffix}"
        source.write_text(damaged(original, rng), encoding="utf-8", errors="surrogatepass")
        out = tmp_path / f"out{number}.yaml"
        result = import_twine(source, out)
        if result.written:
            assert load_scenario(out).ok, source.read_text(encoding="utf-8", errors="replace")
        else:
            assert not out.exists()
            assert any(n.level == "error" and n.line >= 1 for n in result.notes)
