"""Which scripted reply a typed one means, worked out offline.

Trainees may type what they would say instead of picking a card; this module ranks the replies
shown at a node by meaning so the player can ask "Closest to: ...?" and score the confirmed reply
exactly as a click. The meaning comes from WordLlama's small English model (16 MB of token
embeddings shipped inside its wheel, averaged per text): nothing is downloaded, ever.

Embeddings alone blur one thing the rubric cares about: whether a reply apologises or hides behind
a rule. Two short word lists nudge the score when the typed text and a reply agree (or disagree)
on that. A trainer's ``cues:`` (other ways to say a reply) count as the reply itself.

Typed text that is mostly not English words (gibberish, another language, only emoji) is
"unsure": the player then shows the cards rather than guessing.
"""

from __future__ import annotations

import logging
import re
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from simulator.scenario.model import Choice

MAX_CHARS = 2000  # longer text is cut: nobody says more than this to a customer in one go
CLEAR_MARGIN = 0.05  # the best reply must lead the next by this much to be "clearly" meant
SHORTLIST = 3  # at most this many replies are offered when two or more are close
ENGLISH_SHARE = 0.7  # at least this share of the words must be ones the model knows (in one or two pieces)
SHORT = 6  # past this many words, a text with no common English word is taken for another language
STANCE_WEIGHT = 0.05  # how much agreeing on apology / rule-hiding moves a score
VERDICTS = ("clear", "close", "unsure", "empty")

# What cosine similarity of averaged word vectors misses: the stance of a reply.
STANCE = {
    "apology": re.compile(r"\b(sorry|apolog\w*|my (mistake|fault))\b", re.IGNORECASE),
    "rule": re.compile(r"\b(polic(y|ies)|rules?|system|not my|afraid|nothing (more|else) I can)\b", re.IGNORECASE),
}
WORD = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+)?")
# The commonest English words: a longer text with none of them is another language.
_COMMON = """
i you he she it we they me him her us them my your yours our their this that these those a an the is are was were be been
am do does did have has had will would can could shall should may might must to of in on at for with from by about and or
but if so not no yes what when where who why how all any some there here it's i'm i'll i've you're we're we'll that's
there's here's don't can't won't let let's just very too also till until now then up out over off more again one two
please thanks thank sorry okay ok sure right
"""
FUNCTION_WORDS = frozenset(_COMMON.split())


@dataclass(frozen=True, slots=True)
class Ranked:
    """One reply and how close the typed text came to it (cosine, nudged by stance)."""

    choice: Choice
    similarity: float


@dataclass(frozen=True, slots=True)
class Match:
    """The ranking of one typed reply and what the player should do with it."""

    text: str
    ranked: tuple[Ranked, ...]
    verdict: str  # one of VERDICTS
    cut: bool = False  # the text was longer than MAX_CHARS and was cut

    @property
    def best(self) -> Choice | None:
        return self.ranked[0].choice if self.ranked and self.verdict in ("clear", "close") else None

    @property
    def shortlist(self) -> tuple[Ranked, ...]:
        """The replies to offer: the best when clear, two or three when close, none when unsure."""
        if self.verdict == "clear":
            return self.ranked[:1]
        if self.verdict != "close":
            return ()
        top = self.ranked[0].similarity
        near = [r for r in self.ranked[:SHORTLIST] if top - r.similarity <= 2 * CLEAR_MARGIN]
        return tuple(near) if len(near) >= 2 else self.ranked[:2]


def prepare(text: str) -> tuple[str, bool]:
    """The text as it will be matched and stored: trimmed, cut at MAX_CHARS (and whether it was)."""
    text = text.strip()
    return (text[:MAX_CHARS].rstrip(), True) if len(text) > MAX_CHARS else (text, False)


def model_folder() -> Path:
    """Where the wordllama package keeps its weights and tokenizer (also inside a frozen build)."""
    import importlib.util

    spec = importlib.util.find_spec("wordllama")
    if spec is None or spec.origin is None:
        raise ModelMissing("the wordllama package is not installed (pip install wordllama)")
    return Path(spec.origin).parent


class ModelMissing(RuntimeError):
    """The model can't be loaded here; the player falls back to the cards."""


_lock = threading.Lock()
_model: Any = None


def load_model() -> Any:
    """The shared WordLlama model, loaded once (about half a second) and never downloaded."""
    global _model  # noqa: PLW0603 - one model per process: 32 MB we load at most once
    with _lock:
        if _model is None:
            _model = _load()
        return _model


def model_loaded() -> bool:
    return _model is not None


def _load() -> Any:
    # wordllama calls logging.basicConfig() when imported, which would make every library's INFO
    # messages appear on the app's stderr; put the root logger back as it was.
    root = logging.getLogger()
    handlers, level = list(root.handlers), root.level
    try:
        from wordllama import WordLlama
    except ImportError as exc:
        raise ModelMissing(f"the wordllama package is not installed: {exc}") from exc
    finally:
        root.handlers[:], root.level = handlers, level
    try:
        # cache_dir = the package folder: the wheel ships tokenizers/ and weights/ there, and
        # the default loader looks for tokenizer/ instead and then tries the network.
        return WordLlama.load(cache_dir=model_folder(), disable_download=True)
    except (OSError, ValueError) as exc:
        raise ModelMissing(f"the matching model could not be read: {exc}") from exc


class Matcher:
    """Ranks a node's replies against typed text; the model is loaded on first use."""

    def __init__(self, model: Any = None) -> None:
        self._model = model

    @property
    def model(self) -> Any:
        if self._model is None:
            self._model = load_model()
        return self._model

    def rank(self, text: str, choices: Sequence[Choice]) -> Match:
        text, cut = prepare(text)
        if not text or not choices:
            return Match(text, (), "empty", cut)
        scores = self._scores(text, choices)
        order = sorted(range(len(choices)), key=lambda i: -scores[i])  # on full precision: rounding makes ties
        ranked = tuple(Ranked(choices[i], round(scores[i], 4)) for i in order)
        return Match(text, ranked, self._verdict(text, ranked), cut)

    def _scores(self, text: str, choices: Sequence[Choice]) -> list[float]:
        phrasings = [(i, p) for i, c in enumerate(choices) for p in (c.text, *c.cues)]
        vectors = self.model.embed([text] + [p for _, p in phrasings], norm=True)
        cosines = vectors[1:] @ vectors[0]
        scores = [-1.0] * len(choices)
        for (i, _), cos in zip(phrasings, cosines.tolist(), strict=True):
            scores[i] = max(scores[i], cos)
        said = stance(text)
        return [s + STANCE_WEIGHT * agreement(said, stance(c.text)) for s, c in zip(scores, choices, strict=True)]

    def _verdict(self, text: str, ranked: tuple[Ranked, ...]) -> str:
        if not self.looks_english(text):
            return "unsure"
        if len(ranked) == 1 or ranked[0].similarity - ranked[1].similarity >= CLEAR_MARGIN:
            return "clear"
        return "close"

    def looks_english(self, text: str) -> bool:
        """Mostly words the model knows (gibberish and other scripts shatter into byte pieces), and
        a common English word once past a few words (other languages written in Latin letters)."""
        words = [w.lower() for w in WORD.findall(text)]
        if not words:
            return False
        tokenizer = self.model.tokenizer
        known = sum(1 for w in words if len(tokenizer.encode(w, add_special_tokens=False).ids) <= 2)
        return known / len(words) >= ENGLISH_SHARE and (len(words) <= SHORT or not FUNCTION_WORDS.isdisjoint(words))


def stance(text: str) -> frozenset[str]:
    """Which stances (apology, hiding behind a rule) a text takes."""
    return frozenset(name for name, pattern in STANCE.items() if pattern.search(text))


def agreement(said: frozenset[str], reply: frozenset[str]) -> float:
    """+1 per stance both take, -0.5 per stance only one of them takes."""
    return len(said & reply) - 0.5 * len(said ^ reply)
