"""The Map tab: every node, ending and move as a diagram; click a node to play from there.

The scene (``map_scene.py``) is a plain ``QGraphicsScene`` laid out by ``layout.py``; Graphviz is
optional, so the map works on a bare install and says so when Graphviz is asked for but missing.
Colours say what kind of place each box is; unreachable places are hatched with a dashed border
and dead ends (no way out to an ending) are orange, so problems show at a glance. A place finder
and the arrow keys make it usable without a mouse.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QColor, QPainter, QPen, QPixmap
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QGraphicsScene,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from simulator.gui.author.flow import FlowLayout
from simulator.gui.author.layout import LayoutError
from simulator.gui.author.map_items import (
    DEAD_END,
    EDGE_COLOURS,
    EDGE_STYLES,
    LOOKS,
    UNREACHABLE_BORDER,
    UNREACHABLE_FILL,
    Look,
)
from simulator.gui.author.map_scene import BUILTIN, GRAPHVIZ, MapScene, MapView
from simulator.gui.style import plain_label
from simulator.scenario.model import Scenario

MAX_PLACES = 5000  # past this a diagram stops helping (and takes seconds); the report still works
__all__ = ["BUILTIN", "GRAPHVIZ", "MapPanel", "MapScene", "MapView"]


class MapPanel(QWidget):
    """The map tab: a place finder, layout and zoom controls, a legend, the diagram and a summary."""

    preview_requested = Signal(str)
    """Play the scenario from this node in the practice view."""
    try_reply_requested = Signal(str)
    """The trainer wants to type a reply at this node and see the ranking."""

    def __init__(self, parent: QWidget | None = None, dot: str | None = None) -> None:
        super().__init__(parent)
        self.dot = dot  # the dot program to use; None means look it up on PATH
        self.scenario: Scenario | None = None
        self.scene: MapScene | None = None
        self.playable = False
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 8, 0, 0)
        column.setSpacing(8)
        column.addLayout(self._controls())
        column.addWidget(_legend())
        self.notice = plain_label("", name="noticeLine")
        self.notice.hide()
        column.addWidget(self.notice)
        self.view = MapView()
        self.view.node_activated.connect(self._activated)
        column.addWidget(self.view, 1)
        self.summary = plain_label("", "muted")
        bottom = QHBoxLayout()
        bottom.addWidget(self.summary, 1)
        bottom.addWidget(self.mood_box)
        bottom.addWidget(self.layout_box)
        column.addLayout(bottom)

    def _controls(self) -> QHBoxLayout:
        row = QHBoxLayout()
        self.finder = QComboBox()
        self.finder.setAccessibleName("Find a place on the map")
        self.finder.setToolTip("Choose a node or ending to select it on the map (type to jump)")
        self.finder.setMinimumContentsLength(12)
        self.finder.activated.connect(lambda i: self.view.select(self.finder.itemData(i)))
        find_label = QLabel("&Find:")
        find_label.setBuddy(self.finder)
        self.preview_button = QPushButton("&Preview from here")
        self.preview_button.setAccessibleName("Preview the scenario from the selected node")
        self.preview_button.clicked.connect(self._preview_selected)
        self.try_button = QPushButton("&Try a reply…")
        self.try_button.setAccessibleName("Type a reply at the selected node and see which scripted reply it matches")
        self.try_button.setToolTip("Rank the selected node's replies against a typed one, as 'In your own words' play does")
        self.try_button.clicked.connect(self._try_selected)
        self.layout_box = QComboBox()
        self.layout_box.setAccessibleName("Map layout")
        self.layout_box.addItem("Built-in layout", BUILTIN)
        self.layout_box.addItem("Graphviz layout", GRAPHVIZ)
        self.layout_box.setToolTip("The built-in layout always works; Graphviz ('dot') is used when installed")
        self.layout_box.currentIndexChanged.connect(lambda _i: self._rebuild())
        self.mood_box = QCheckBox("&Mood-rule arrows")
        self.mood_box.setToolTip(
            "Show an arrow from every move that can trigger a mood rule (e.g. the customer walks out when the mood drops)"
        )
        self.mood_box.toggled.connect(lambda on: self.scene.show_mood_arrows(on) if self.scene else None)
        row.addWidget(find_label)
        row.addWidget(self.finder)
        row.addWidget(self.preview_button)
        row.addWidget(self.try_button)
        row.addStretch(1)
        for text, name, action in (
            ("−", "Zoom out", lambda: self.view.zoom(1 / 1.2)),
            ("+", "Zoom in", lambda: self.view.zoom(1.2)),
            ("Fit", "Fit the whole map", self.view_fit),
        ):
            button = QPushButton(text)
            button.setAccessibleName(name)
            button.setToolTip(name)
            button.clicked.connect(action)
            row.addWidget(button)
        return row

    def view_fit(self) -> None:
        self.view.fit()

    # -- content -------------------------------------------------------------------------
    def show_scenario(self, scenario: Scenario | None, playable: bool = True) -> None:
        """Draw ``scenario`` (None: the file could not be read); ``playable`` allows previews."""
        self.scenario = scenario
        self.playable = playable
        self._rebuild()

    def _rebuild(self) -> None:
        scenario = self.scenario
        self.notice.hide()
        old = self.scene
        self.scene = None
        if scenario is None:
            self._empty("The map appears once the file can be read: fix the errors listed under Problems.")
        elif len(scenario.nodes) + len(scenario.endings) > MAX_PLACES:
            self._empty(f"This scenario has more than {MAX_PLACES:,} places, too many to draw. The report still covers it.")
        else:
            self._draw(scenario)
        if old is not None:
            old.deleteLater()

    def _draw(self, scenario: Scenario) -> None:
        selected = self.view.selected_node()
        old = self.view.map_scene()
        same_file = old is not None and old.scenario.path == scenario.path
        transform, centre = self.view.transform(), self.view.mapToScene(self.view.viewport().rect().center())
        layout = self.layout_box.currentData()
        try:
            self.scene = MapScene(scenario, layout=layout, dot=self.dot)
        except LayoutError as exc:
            self._say(str(exc))
            self.layout_box.blockSignals(True)
            self.layout_box.setCurrentIndex(0)
            self.layout_box.blockSignals(False)
            self.scene = MapScene(scenario)
        self.scene.show_mood_arrows(self.mood_box.isChecked())
        self.scene.selectionChanged.connect(self._follow_selection)
        self.view.setScene(self.scene)
        self._fill_finder(scenario)
        self.summary.setText(self._summary_text())
        if same_file:  # the file was saved again: keep the trainer's zoom and place
            self.view.setTransform(transform)
            self.view.centerOn(centre)
        else:
            self.view.fit()
        if selected is not None and selected.place in self.scene.nodes:
            self.view.select(selected.place, centre=False)
        if not self.playable:
            self._say("Fix the errors listed under Problems to preview from a node; the map still shows what could be read.")
        self.preview_button.setEnabled(self.playable)

    def _empty(self, message: str) -> None:
        self.view.setScene(QGraphicsScene(self))
        self.finder.clear()
        self.summary.setText("")
        self._say(message)
        self.preview_button.setEnabled(False)

    def _say(self, message: str) -> None:
        self.notice.setText(message)
        self.notice.show()

    def _fill_finder(self, scenario: Scenario) -> None:
        self.finder.clear()
        for place in scenario.nodes:
            self.finder.addItem(place + (" (start)" if place == scenario.start else ""), place)
        for place, ending in scenario.endings.items():
            self.finder.addItem(f"{place} (ending: {ending.outcome})", place)

    def _summary_text(self) -> str:
        facts = self.scene.facts if self.scene else None
        if facts is None:
            return ""
        parts = [f"{len(facts.places)} places", f"{len(facts.edges)} arrows"]
        parts.append(f"{len(facts.unreachable)} unreachable" if facts.unreachable else "all reachable")
        parts.append(f"{len(facts.dead_ends)} dead end{'s' * (len(facts.dead_ends) != 1)}" if facts.dead_ends else "no dead ends")
        hint = "Click a node to preview from there; arrow keys move, Enter previews, Ctrl+wheel or +/− zoom."
        return " · ".join(parts) + ".  " + hint

    def _follow_selection(self) -> None:
        """Keep the place finder on the place selected in the map (by click, keys or code)."""
        node = self.view.selected_node()
        index = self.finder.findData(node.place) if node is not None else -1
        if index >= 0 and index != self.finder.currentIndex():
            self.finder.setCurrentIndex(index)

    # -- previews ------------------------------------------------------------------------
    def _activated(self, place: str) -> None:
        index = self.finder.findData(place)
        if index >= 0:
            self.finder.setCurrentIndex(index)
        if self.scenario is None or place not in self.scenario.nodes:
            self._say(f"“{place}” is an ending: preview from a node that leads to it.")
            return
        if not self.playable:
            self._say("Fix the errors listed under Problems before previewing; a broken file can't be played.")
            return
        self.notice.hide()
        self.preview_requested.emit(place)

    def _try_selected(self) -> None:
        node = self.view.selected_node()
        place = node.place if node is not None else self.finder.currentData()
        if self.scenario is None or place not in self.scenario.nodes:
            self._say("Select a node (not an ending) to try a reply there.")
            return
        self.notice.hide()
        self.try_reply_requested.emit(place)

    def _preview_selected(self) -> None:
        node = self.view.selected_node()
        place = node.place if node is not None else self.finder.currentData()
        if place:
            self.view.select(place)
            self._activated(place)


def _legend() -> QWidget:
    """Swatches for every kind of box and arrow, in the map's colours; wraps when space is short."""
    box = QWidget()
    box.setAccessibleName("Map legend")
    flow = FlowLayout(box, spacing=14)
    places = [(look.fill, look.border, Qt.PenStyle.SolidLine, name) for name, look in _legend_looks()]
    places.append((UNREACHABLE_FILL, UNREACHABLE_BORDER, Qt.PenStyle.DashLine, "unreachable"))
    places.append((DEAD_END.fill, DEAD_END.border, Qt.PenStyle.SolidLine, "dead end"))
    for fill, border, style, name in places:
        flow.addWidget(_swatch_entry(_box_swatch(fill, border, style), name))
    for kind, name in (("choice", "reply"), ("timeout", "timeout"), ("mood", "mood rule")):
        flow.addWidget(_swatch_entry(_line_swatch(EDGE_COLOURS[kind], EDGE_STYLES[kind]), name))
    policy = QSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
    policy.setHeightForWidth(True)
    box.setSizePolicy(policy)
    return box


def _legend_looks() -> list[tuple[str, Look]]:
    names = {"start": "start", "node": "node", "loyal": "loyal ending", "neutral": "neutral ending", "lost": "lost ending"}
    return [(names[k], LOOKS[k]) for k in names]


def _swatch_entry(pixmap: QPixmap, text: str) -> QWidget:
    entry = QWidget()
    row = QHBoxLayout(entry)
    row.setContentsMargins(0, 0, 0, 0)
    row.setSpacing(5)
    icon = QLabel()
    icon.setPixmap(pixmap)
    row.addWidget(icon)
    row.addWidget(plain_label(text, "small", wrap=False))
    return entry


def _box_swatch(fill: str, border: str, style: Qt.PenStyle) -> QPixmap:
    pixmap = _blank()
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(QPen(QColor(border), 1.6, style))
    painter.setBrush(QColor(fill))
    painter.drawRoundedRect(QRectF(1.5, 2.5, 23, 13), 3, 3)
    painter.end()
    return pixmap


def _line_swatch(colour: str, style: Qt.PenStyle) -> QPixmap:
    pixmap = _blank()
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(QPen(QColor(colour), 2, style))
    painter.drawLine(QPointF(1, 9), QPointF(25, 9))
    painter.end()
    return pixmap


def _blank() -> QPixmap:
    pixmap = QPixmap(26, 18)
    pixmap.fill(Qt.GlobalColor.transparent)
    return pixmap
