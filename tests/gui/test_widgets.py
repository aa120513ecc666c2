"""The screens' building blocks on their own: chart, face, meter, bridge, catalog, and the app's self-test."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from freshstart import fresh_start, start_code
from guihelp import ROOT, write_scenario
from PySide6.QtGui import QColor

from simulator.engine import FakeClock, Session
from simulator.gui.bridge import SessionBridge
from simulator.gui.catalog import NOT_AVAILABLE, load_catalog, read_entry
from simulator.gui.chart import RubricChart
from simulator.gui.face import FaceView, MoodMeter, resolve_face
from simulator.resources import face_path
from simulator.scenario import read_scenario


def dims(*scores: float | None) -> list[SimpleNamespace]:
    return [SimpleNamespace(label=f"Skill {i}", scaled=s) for i, s in enumerate(scores)]


def test_chart_paints_bars_in_proportion(qtbot: Any) -> None:
    chart = RubricChart()
    qtbot.addWidget(chart)
    chart.set_scores(dims(100, 50, 0, None))
    chart.resize(600, chart.sizeHint().height())
    image = chart.grab().toImage()
    row = chart._row_height()
    track_left = chart._label_width()
    track_width = 600 - track_left - (chart.fontMetrics().horizontalAdvance("100") + 16)

    def colour_at(fraction: float, index: int) -> QColor:
        return image.pixelColor(int(track_left + track_width * fraction), 4 + index * row + row // 2)

    assert colour_at(0.9, 0).name() == "#2f8a4c"  # full green bar
    assert colour_at(0.4, 1).name() == "#c27c0e"  # half, amber ...
    assert colour_at(0.6, 1).name() == "#e4e7eb"  # ... and the track beyond it
    assert "Skill 3: not scored" in chart.accessibleDescription()
    assert chart.sizeHint().height() == 4 * row + 8


def test_face_follows_mood_bands_and_the_meter_glides(qtbot: Any) -> None:
    assert resolve_face("warming", "david") == face_path("david", "warming")
    assert resolve_face("warming", "no-such-look") == face_path("maria", "warming")
    assert resolve_face("../../etc/passwd", "maria") is None
    face = FaceView()
    qtbot.addWidget(face)
    face.show_face(face_path("maria", "upset"), "upset", "Maria")
    assert face.accessibleDescription() == "Maria looks upset"
    meter = MoodMeter()
    qtbot.addWidget(meter)
    meter.show()
    meter.set_mood(30, animate=False)
    meter.set_mood(80)
    assert meter.target == 80
    qtbot.waitUntil(lambda: meter._shown == 80, timeout=2000)


def test_bridge_re_emits_engine_events_as_signals(qtbot: Any, gate_file: Path) -> None:
    session = Session(read_scenario(gate_file), clock=FakeClock())
    bridge = SessionBridge(session)
    with qtbot.waitSignal(bridge.session_started):
        session.begin()
    with qtbot.waitSignal(bridge.choice_made) as made:
        session.choose(1)
    assert made.args[0].target == "listens"
    with qtbot.waitSignal(bridge.choice_undone):
        session.undo()
    session.choose(1)
    with qtbot.waitSignal(bridge.session_finished) as finished:
        session.choose(1)
    assert finished.args[0].scorecard.outcome == "loyal"
    bridge.detach()
    assert session.listeners == []


def test_catalog_reads_cards_fast_and_survives_broken_files(tmp_path: Path) -> None:
    good = write_scenario(tmp_path, id="good", title="A good one")
    broken = tmp_path / "broken.yaml"
    broken.write_text("title: [unclosed\n", encoding="utf-8")
    listed = tmp_path / "list.yaml"
    listed.write_text("- a\n- b\n", encoding="utf-8")
    entry = read_entry(good)
    assert (entry.id, entry.title, entry.difficulty, entry.minutes, entry.customer) == (
        "good",
        "A good one",
        "easy",
        3.0,
        "Maria Okafor",
    )
    for unreadable in (broken, listed, tmp_path / "gone.yaml"):  # a trainee sees no parser words (the workbench does)
        assert read_entry(unreadable).problem == NOT_AVAILABLE
    entries = load_catalog([broken, good])
    assert [e.path for e in entries[:2]] == [good, broken]  # named files first, then easy to hard
    assert len({e.path.resolve() for e in entries}) == len(entries)


def test_a_broken_file_gets_a_card_that_cannot_start(make_window: Any, tmp_path: Path) -> None:
    broken = tmp_path / "broken.yaml"
    broken.write_text("id: broken\ntitle: [unclosed\n", encoding="utf-8")
    window = make_window(broken)
    window.profile.name_edit.setText("Ana")
    window.profile.create_button.click()
    card = next(c for c in window.library.cards if c.entry.path == broken)
    assert not card.start_button.isEnabled()


def test_app_self_test_plays_a_bundled_scenario(tmp_path: Path) -> None:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "SIMULATOR_DB": str(tmp_path / "unused.db")}
    done = subprocess.run(
        [sys.executable, "-m", "simulator", "--self-test"],
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "self-test passed" in done.stdout
    assert not (tmp_path / "unused.db").exists()  # the self-test never writes to the user's database


def test_card_header_stops_before_the_nodes_and_copes_with_any_key_order() -> None:
    from simulator.scenario.header import read_header

    text = (
        "tags: [a, b]\nid: x\ncustomer:\n  persona: >-\n    long\n    text\n  name: Ann\n"
        "rubric: {speed: {label: Speed}}\ntitle: 'T: <b>'\nsummary: |\n  two\n  lines\n"
        "difficulty: hard\nminutes: 4.5\nnodes:\n  a: {say: [unclosed\n"
    )
    header = read_header(text.encode())
    assert header == {
        "id": "x",
        "customer.name": "Ann",
        "title": "T: <b>",
        "summary": "two\nlines",
        "difficulty": "hard",
        "minutes": "4.5",
    }  # stopped at nodes: the broken YAML there is never read
    late = read_header(
        b"nodes: {a: 1}\ntitle: Late\nid: y\nsummary: s\ndifficulty: easy\nminutes: 1\ncustomer: {name: B, look: tom}\n"
    )
    assert late is not None and late["title"] == "Late" and late["customer.look"] == "tom"
    assert read_header(b"just text") is None
    assert read_header(b"[1, 2]") is None


def test_style_sheet_sizes_follow_the_font_scale(qapp: Any, monkeypatch: Any) -> None:
    from simulator.gui import style

    sheet = style.style_sheet(11.0)
    assert "@" not in sheet and "font-size: 11.0pt" in sheet and "font-size: 18.7pt" in sheet  # body, title
    assert style.apply(qapp, scale=2.0) == 22.0
    assert qapp.font().pointSizeF() == 22.0
    monkeypatch.setenv("SIMULATOR_FONT_SCALE", "1.5")
    assert style.apply(qapp) == 16.5
    monkeypatch.setenv("SIMULATOR_FONT_SCALE", "huge")
    assert style.apply(qapp) == 11.0


def test_start_up_imports_only_the_profile_and_library_screens(tmp_path: Path) -> None:
    """The library loads when a trainee is chosen; the play and debrief screens (QtSvg, the transcript,
    the chart) and the engine with ``transitions`` on first use (~100 M instructions of start-up when
    the store's row checks imported them for two tuples)."""
    code = (
        "import sys\n"
        + start_code(tmp_path / 'r.db')
        + "assert 'simulator.gui.library' not in sys.modules, 'the library is built once a trainee is chosen'\n"
        "window.choose_trainee(store.add_trainee('A'))\n"
        "assert window.stack.currentWidget() is window.library and window.library.cards\n"
        "late = ['PySide6.QtSvg', 'simulator.gui.play', 'simulator.gui.debrief', 'simulator.gui.chart', 'simulator.charts',\n"
        "        'simulator.engine.session', 'transitions']\n"
        "print(sorted(m for m in late if m in sys.modules))\n"
    )
    assert fresh_start(code) == "[]"


def test_start_up_never_builds_the_qt_namespace_enums(tmp_path: Path) -> None:
    """Touching ``Qt.*`` builds 93 Python enums (~14 ms, a tenth of start-up): profile and library don't."""
    code = (
        "import enum\n"
        "built = []\n"
        "create = enum.EnumType._create_\n"
        "def spy(cls, name, *args, **kwargs):\n"
        "    built.append(name)\n"
        "    return create(cls, name, *args, **kwargs)\n"
        "enum.EnumType._create_ = spy\n"
        + start_code(tmp_path / 'r.db')
        + "app.processEvents()\n"
        "window.choose_trainee(store.add_trainee('A'))\n"
        "window.repaint()\n"
        "assert built, 'the spy saw no enum at all'\n"
        "print(sorted({'AlignmentFlag', 'Key', 'TextFormat', 'FocusPolicy'} & set(built)))\n"
    )
    assert fresh_start(code) == "[]"


def test_enum_numbers_used_at_start_up_match_qt() -> None:
    from PySide6.QtCore import Qt

    from simulator.gui import style

    assert Qt.TextFormat.PlainText.value == style.PLAIN_TEXT
    assert Qt.FocusPolicy.NoFocus.value == style.NO_FOCUS
    assert Qt.ScrollBarPolicy.ScrollBarAlwaysOff.value == style.SCROLL_BAR_ALWAYS_OFF
    assert Qt.ScrollBarPolicy.ScrollBarAlwaysOn.value == style.SCROLL_BAR_ALWAYS_ON
    assert (Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft).value == style.ALIGN_TOP_LEFT
    assert Qt.ItemDataRole.AccessibleTextRole.value == style.ACCESSIBLE_TEXT_ROLE


def test_an_enum_property_that_does_not_take_raises(qtbot: Any) -> None:
    """A misspelt property name would otherwise leave the label's default: rich text."""
    from PySide6.QtWidgets import QLabel

    from simulator.gui.style import PLAIN_TEXT, set_enum_property

    label = QLabel()
    qtbot.addWidget(label)
    set_enum_property(label, "textFormat", PLAIN_TEXT)
    assert label.textFormat().value == PLAIN_TEXT
    with pytest.raises(ValueError, match="textFormatt"):
        set_enum_property(label, "textFormatt", PLAIN_TEXT)
    with pytest.raises(ValueError, match="textFormat"):
        set_enum_property(label, "textFormat", "plain")  # type: ignore[arg-type]


def test_numbers_set_through_properties_take_effect(qtbot: Any) -> None:
    from PySide6.QtCore import Qt

    from simulator.gui.library import LibraryScreen
    from simulator.gui.style import plain_label

    label = plain_label("<b>bold?</b>")
    qtbot.addWidget(label)
    assert label.textFormat() == Qt.TextFormat.PlainText
    library = LibraryScreen()
    qtbot.addWidget(library)
    assert library.scroll_area.focusPolicy() == Qt.FocusPolicy.NoFocus
    assert library.scroll_area.horizontalScrollBarPolicy() == Qt.ScrollBarPolicy.ScrollBarAlwaysOff
    assert library.scroll_area.verticalScrollBarPolicy() == Qt.ScrollBarPolicy.ScrollBarAlwaysOn


def test_profile_intro_asks_to_create_until_someone_exists(qtbot: Any) -> None:
    from simulator.gui.profile import INTRO_FIRST, INTRO_PICK, ProfileScreen

    screen = ProfileScreen()
    qtbot.addWidget(screen)
    screen.show_trainees([])
    assert screen.intro.text() == INTRO_FIRST and screen.people.isHidden()
    screen.show_trainees([SimpleNamespace(id="t1", name="Ana Souza", employee_id=None)], "t1")
    assert screen.intro.text() == INTRO_PICK and not screen.people.isHidden()
    assert screen.continue_button.text() == "Continue as Ana Souza"


def test_main_window_carries_the_app_icon_from_the_style_sheet(make_window: Any) -> None:
    window = make_window()
    sizes = [size.toTuple() for size in window.windowIcon().availableSizes()]
    assert sizes == [(256, 256)], "assets/icons/app.png, set by qproperty-windowIcon in style.qss"
