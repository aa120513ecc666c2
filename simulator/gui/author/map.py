"""The scenario map: every node, ending and move as a diagram; click a node to play from there.

The scene is a plain ``QGraphicsScene`` laid out by ``layout.py`` (Graphviz is optional), so the
map works on a bare install. Colours say what kind of place each box is; unreachable places are
hatched with a dashed border and dead ends (no way out to an ending) are orange, so problems show
at a glance. The view is keyboard-usable: arrows move between places, Enter previews, +/- zoom.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QColor, QKeyEvent, QMouseEvent, QPainter, QPen, QPixmap, QWheelEvent
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QComboBox,
    QGraphicsScene,
    QGraphicsView,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from simulator.gui.author.analysis import MapFacts, map_facts
from simulator.gui.author.layout import Layers, LayoutError, dot_positions, layered
from simulator.gui.author.map_items import (
    DEAD_END,
    EDGE_COLOURS,
    EDGE_STYLES,
    LOOKS,
    UNREACHABLE_BORDER,
    UNREACHABLE_FILL,
    EdgeItem,
    Fonts,
    NodeItem,
)
from simulator.gui.style import plain_label, shorten
from simulator.scenario.model import Scenario

COLUMN_GAP, ROW_GAP, MARGIN = 60.0, 18.0, 40.0
BEND_WIDTH, BEND_HEIGHT = 20.0, 6.0
MIN_FIT = 0.7  # "fit" never shrinks the map below this: smaller, the captions can't be read
MAX_PLACES = 5000  # past this a diagram stops helping (and takes seconds); the report still works
BUILTIN, GRAPHVIZ = "builtin", "graphviz"


class MapScene(QGraphicsScene):
    """The diagram of one scenario; ``nodes`` maps each place id to its box."""

    def __init__(self, scenario: Scenario, facts: MapFacts | None = None, layout: str = BUILTIN, dot: str | None = None) -> None:
        super().__init__()
        self.scenario = scenario
        self.facts = facts or map_facts(scenario)
        fonts = Fonts(QApplication.font())
        self.nodes = {p: self._node(p, fonts) for p in self.facts.places}
        links = [(e.source, e.target) for e in self.facts.edges if e.kind != "mood"]
        self.bends: dict[tuple[str, str], list[str]] = {}
        if layout == GRAPHVIZ:
            sizes = {p: (n.rect.width(), n.rect.height()) for p, n in self.nodes.items()}
            centres = dot_positions(self.facts.places, links, sizes, dot)
        else:
            centres = self._layered(links)
        for place, item in self.nodes.items():
            item.setPos(*centres.get(place, (0.0, 0.0)))
            self.addItem(item)
        self.edges = []
        for edge in self.facts.edges:
            via = [QPointF(*centres[b]) for b in self.bends.get((edge.source, edge.target), [])]
            item = EdgeItem(self.nodes[edge.source], self.nodes[edge.target], edge.kind, "\n".join(edge.labels), via)
            self.addItem(item)
            self.edges.append(item)
        self.setSceneRect(self.itemsBoundingRect().adjusted(-MARGIN, -MARGIN, MARGIN, MARGIN))

    def show_mood_arrows(self, on: bool) -> None:
        """Mood-rule arrows start at every move that lowers (or raises) the mood: many, so optional."""
        for edge in self.edges:
            if edge.kind == "mood":
                edge.setVisible(on)

    def _node(self, place: str, fonts: Fonts) -> NodeItem:
        facts = self.facts
        unreachable, dead_end = place in facts.unreachable, place in facts.dead_ends
        place_ = self.scenario.place(place)
        caption = place_.title if place in self.scenario.endings else place_.say  # type: ignore[union-attr]
        return NodeItem(
            place,
            facts.kinds[place],
            fonts,
            unreachable=unreachable,
            dead_end=dead_end,
            caption=shorten(caption, 60),
            tip=self._tip(place),
        )

    def _tip(self, place: str) -> str:
        scenario, facts = self.scenario, self.facts
        if place in scenario.endings:
            ending = scenario.endings[place]
            lines = [f"{place}: ending ({ending.outcome})", ending.title, shorten(ending.debrief, 300)]
        else:
            node = scenario.nodes[place]
            count = len(node.choices)
            lines = [f"{place} (line {node.line})", f"“{shorten(node.say, 300)}”", f"{count} repl{'y' if count == 1 else 'ies'}"]
            if node.time_limit:
                lines[-1] += f", {node.time_limit:g} s time limit"
            lines.append("Click (or press Enter) to preview the scenario from here.")
        if place in facts.never_played:
            lines.append("Unreachable in play: the 'when' conditions or the mood never lead here.")
        elif place in facts.unreachable:
            lines.append("Unreachable: no path from the start leads here.")
        if place in facts.stuck:
            lines.append("Dead end: a trainee can arrive here with every reply hidden by its 'when'.")
        elif place in facts.dead_ends:
            lines.append("Dead end: no way from here leads to any ending.")
        return "\n".join(lines)

    def _layered(self, links: list[tuple[str, str]]) -> tuple[dict[str, tuple[float, float]], dict[str, tuple[float, float]]]:
        """Centres of the places and of the bend points, column by column."""
        facts = self.facts
        roots = [self.scenario.start] if self.scenario.start in self.nodes else []
        entered = {target for _, target in links}
        loose = [(e.source, e.target) for e in facts.edges if e.kind == "mood" and e.target not in entered]
        layers = layered(facts.places, links, roots, below=facts.unreachable, loose=loose)
        self.bends = layers.bends
        centres: dict[str, tuple[float, float]] = {}
        x = 0.0
        for column in layers.columns:
            real = [self.nodes[p].rect for p in column if not Layers.is_bend(p)]
            width = max((r.width() for r in real), default=BEND_WIDTH)
            heights = [BEND_HEIGHT if Layers.is_bend(p) else self.nodes[p].rect.height() for p in column]
            y = -(sum(heights) + ROW_GAP * (len(column) - 1)) / 2
            for place, height in zip(column, heights, strict=True):
                centres[place] = (x + width / 2, y + height / 2)
                y += height + ROW_GAP
            x += width + COLUMN_GAP
        return centres


class MapView(QGraphicsView):
    """Pans by dragging, zooms with Ctrl+wheel or +/-, and reports clicked or entered nodes."""

    node_activated = Signal(str)
    """The trainer clicked a place, or pressed Enter on the selected one."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setRenderHints(QPainter.RenderHint.Antialiasing | QPainter.RenderHint.TextAntialiasing)
        self.setDragMode(QGraphicsView.DragMode.ScrollHandDrag)
        self.setTransformationAnchor(QGraphicsView.ViewportAnchor.AnchorUnderMouse)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setBackgroundBrush(QColor("#fbfcfd"))
        self.setAccessibleName("Scenario map")
        self.setAccessibleDescription("Arrow keys move between places, Enter previews from the selected node, + and - zoom")
        self._pressed: QPointF | None = None

    def map_scene(self) -> MapScene | None:
        scene = self.scene()
        return scene if isinstance(scene, MapScene) else None

    def selected_node(self) -> NodeItem | None:
        scene = self.map_scene()
        chosen = [i for i in scene.selectedItems() if isinstance(i, NodeItem)] if scene else []
        return chosen[0] if chosen else None

    def select(self, place: str, centre: bool = True) -> None:
        scene = self.map_scene()
        if scene is None or place not in scene.nodes:
            return
        item = scene.nodes[place]
        scene.clearSelection()
        item.setSelected(True)
        scene.setFocusItem(item)
        if centre:
            self.centerOn(item)

    # -- zoom ----------------------------------------------------------------------------
    def zoom(self, factor: float) -> None:
        current = self.transform().m11()
        factor = max(0.1, min(3.0, current * factor)) / current
        self.scale(factor, factor)

    def fit(self) -> None:
        """Show the whole map, but never larger than life and never so small it can't be read."""
        scene = self.scene()
        if scene is None:
            return
        self.resetTransform()
        rect = scene.sceneRect()
        view = self.viewport().rect()
        scale = min(view.width() / max(rect.width(), 1), view.height() / max(rect.height(), 1), 1.0)
        scale = max(scale, MIN_FIT)
        self.scale(scale, scale)
        start = self.map_scene()
        if start is not None and scale == MIN_FIT and start.scenario.start in start.nodes:
            self.centerOn(start.nodes[start.scenario.start])
        else:
            self.centerOn(rect.center())

    def wheelEvent(self, event: QWheelEvent) -> None:
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            self.zoom(1.15 if event.angleDelta().y() > 0 else 1 / 1.15)
        else:
            super().wheelEvent(event)

    # -- mouse: a click without a drag activates the node under the pointer -----------------
    def mousePressEvent(self, event: QMouseEvent) -> None:
        self._pressed = event.position()
        super().mousePressEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        super().mouseReleaseEvent(event)
        pressed, self._pressed = self._pressed, None
        if pressed is None or event.button() != Qt.MouseButton.LeftButton:
            return
        if (event.position() - pressed).manhattanLength() > QApplication.startDragDistance():
            return
        item = self.itemAt(event.position().toPoint())
        if isinstance(item, NodeItem):
            self.select(item.place, centre=False)
            self.node_activated.emit(item.place)

    # -- keys ----------------------------------------------------------------------------
    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        steps = {Qt.Key.Key_Left: (-1, 0), Qt.Key.Key_Right: (1, 0), Qt.Key.Key_Up: (0, -1), Qt.Key.Key_Down: (0, 1)}
        if key in steps:
            self._move(*steps[key])
        elif key in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space):
            node = self.selected_node()
            if node is not None:
                self.node_activated.emit(node.place)
        elif key in (Qt.Key.Key_Plus, Qt.Key.Key_Equal):
            self.zoom(1.2)
        elif key == Qt.Key.Key_Minus:
            self.zoom(1 / 1.2)
        elif key == Qt.Key.Key_0:
            self.fit()
        else:
            super().keyPressEvent(event)

    def _move(self, dx: int, dy: int) -> None:
        """Select the nearest place in the direction of an arrow key (the start if none is selected)."""
        scene = self.map_scene()
        if scene is None:
            return
        here = self.selected_node()
        if here is None:
            first = scene.scenario.start if scene.scenario.start in scene.nodes else next(iter(scene.nodes), None)
            if first:
                self.select(first)
            return
        best, best_cost = None, float("inf")
        for item in scene.nodes.values():
            delta = item.pos() - here.pos()
            along = delta.x() * dx + delta.y() * dy
            across = abs(delta.x() * dy) + abs(delta.y() * dx)
            if along > 1 and across <= along * 1.5 + 20:
                cost = along + 2 * across
                if cost < best_cost:
                    best, best_cost = item, cost
        if best is not None:
            self.select(best.place)


class MapPanel(QWidget):
    """The map tab: a place finder, layout and zoom controls, a legend, the diagram and a summary."""

    preview_requested = Signal(str)
    """Play the scenario from this node in the practice view."""

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
        legend = QHBoxLayout()
        legend.addWidget(_legend(), 1)
        legend.addWidget(self.mood_box, 0, Qt.AlignmentFlag.AlignTop)
        legend.addWidget(self.layout_box, 0, Qt.AlignmentFlag.AlignTop)
        column.addLayout(legend)
        self.notice = plain_label("", name="noticeLine")
        self.notice.hide()
        column.addWidget(self.notice)
        self.view = MapView()
        self.view.node_activated.connect(self._activated)
        column.addWidget(self.view, 1)
        self.summary = plain_label("", "muted")
        column.addWidget(self.summary)

    def _controls(self) -> QHBoxLayout:
        row = QHBoxLayout()
        self.finder = QComboBox()
        self.finder.setAccessibleName("Find a place on the map")
        self.finder.setToolTip("Choose a node or ending to select it on the map (type to jump)")
        self.finder.setMinimumContentsLength(18)
        self.finder.activated.connect(lambda i: self.view.select(self.finder.itemData(i)))
        find_label = QLabel("&Find:")
        find_label.setBuddy(self.finder)
        self.preview_button = QPushButton("&Preview from here")
        self.preview_button.setAccessibleName("Preview the scenario from the selected node")
        self.preview_button.clicked.connect(self._preview_selected)
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

    def _preview_selected(self) -> None:
        node = self.view.selected_node()
        place = node.place if node is not None else self.finder.currentData()
        if place:
            self.view.select(place)
            self._activated(place)


def _legend() -> QWidget:
    """Swatches for every kind of box and arrow, in the same colours the map uses (two rows)."""
    box = QWidget()
    box.setAccessibleName("Map legend")
    rows = QVBoxLayout(box)
    rows.setContentsMargins(0, 0, 0, 0)
    rows.setSpacing(2)
    places = [(look.fill, look.border, Qt.PenStyle.SolidLine, name) for name, look in _legend_looks()]
    places.append((UNREACHABLE_FILL, UNREACHABLE_BORDER, Qt.PenStyle.DashLine, "unreachable"))
    places.append((DEAD_END.fill, DEAD_END.border, Qt.PenStyle.SolidLine, "dead end"))
    arrows = [("choice", "reply"), ("timeout", "timeout"), ("mood", "mood rule")]
    for entries in (
        [_swatch_entry(_box_swatch(fill, border, style), name) for fill, border, style, name in places[:5]],
        [_swatch_entry(_box_swatch(fill, border, style), name) for fill, border, style, name in places[5:]]
        + [_swatch_entry(_line_swatch(EDGE_COLOURS[kind], EDGE_STYLES[kind]), name) for kind, name in arrows],
    ):
        row = QHBoxLayout()
        row.setSpacing(14)
        for entry in entries:
            row.addWidget(entry)
        row.addStretch(1)
        rows.addLayout(row)
    return box


def _legend_looks() -> list[tuple[str, object]]:
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
