"""A real-sized Twine draft, written the way trainers write them: shared by the import tests and the benchmark.

``story(n)`` is a service-recovery conversation of ``n`` layered passages (plus endings): every
passage answers with three links in the three arrow/bar forms, some loop back a layer (always
with a way forward), replies are scored by tags on the passages they reach, and the endings
carry outcome tags. ``as_html`` writes the same story as a published Twine 2 file.
"""

from __future__ import annotations

import html
import random

DIMENSIONS = ("listening", "emotional-repair", "alternatives", "surprise")
ENDINGS = (("Loyal fan", "outcome-loyal"), ("Fixed but forgettable", "outcome-neutral"), ("Walks out", "outcome-lost"))


def passages(count: int, seed: int = 20) -> list[tuple[str, list[str], str]]:
    """(name, tags, text) for ``count`` conversation passages and three endings."""
    rng = random.Random(seed)
    width = 6  # passages per layer after the first, which is the start alone
    layer_of = [0] + [1 + (i - 1) // width for i in range(1, count)]
    names = [f"Step {layer_of[i]}.{i}" for i in range(count)]
    out: list[tuple[str, list[str], str]] = []
    for i, name in enumerate(names):
        later = [n for n, layer in zip(names, layer_of, strict=True) if layer == layer_of[i] + 1] or [e for e, _ in ENDINGS]
        targets = [later[(2 * i) % len(later)], later[(2 * i + 1) % len(later)], rng.choice(ENDINGS)[0]]
        if layer_of[i] > 1 and i % 5 == 0:
            targets[2] = names[i - width]  # a loop back a layer, with the other two links still going forward
        tags = [f"{rng.choice(DIMENSIONS)}+{rng.randint(1, 3)}", f"mood{rng.choice(('+', '-'))}{rng.randint(1, 15)}"]
        text = (
            f"Narration: The queue behind the customer grows (moment {i}).\n"
            f"Feedback: Reply {i} keeps the customer talking.\n"
            f"I have been waiting for {i + 2} minutes & nobody <b>told</b> me why.\n"
            f"[[Ask what happened->{targets[0]}]]\n"
            f"[[{targets[1]}<-Offer a concrete Plan B]]\n"
            f"[[Explain the policy|{targets[2]}]]"
        )
        if i == 0:
            text += "".join(f"\n[[Option {k}->{target}]]" for k, target in enumerate(later))
        out.append((name, tags, text))
    for title, outcome in ENDINGS:
        out.append((title, [outcome], f"Debrief: What {title.lower()} teaches.\nThe customer's last words."))
    return out


def as_twee(count: int) -> str:
    head = (
        ':: StoryTitle\nThe long queue\n\n:: StoryData\n{"ifid": "3B6C2C55-9A3C-4B0C-8E63-3D1B6F0E2A10", "start": "Step 0.0"}\n\n'
    )
    return head + "\n\n".join(f":: {name} [{' '.join(tags)}]\n{text}" for name, tags, text in passages(count)) + "\n"


def as_html(count: int) -> str:
    items = "".join(
        f'<tw-passagedata pid="{pid}" name="{html.escape(name)}" tags="{" ".join(tags)}" position="0,0" size="100,100">'
        f"{html.escape(text)}</tw-passagedata>"
        for pid, (name, tags, text) in enumerate(passages(count), 1)
    )
    return (
        "<!DOCTYPE html><html><head><title>The long queue</title></head><body>\n"
        '<tw-storydata name="The long queue" startnode="1" creator="Twine" creator-version="2.7.1" '
        'ifid="3B6C2C55-9A3C-4B0C-8E63-3D1B6F0E2A10" format="Harlowe" format-version="3.3.7" options="" hidden>'
        '<style role="stylesheet" id="twine-user-stylesheet" type="text/twine-css"></style>'
        '<script role="script" id="twine-user-script" type="text/twine-javascript"></script>\n'
        f"{items}</tw-storydata>\n<script>var s = '<tw-storydata name=\"fake\">';</script></body></html>\n"
    )
