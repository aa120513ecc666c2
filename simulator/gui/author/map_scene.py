"""The map's scene and view: places laid out in columns, arrows between them, and navigation.

``MapScene`` turns a scenario into items (``map_items.py``) placed by ``layout.py``; ``MapView``
pans by dragging, zooms with Ctrl+wheel or +/-, moves between places with the arrow keys and
reports a click (or Enter) on a node, which the map panel turns into a preview.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, Qt, Signal
from PySide6.QtGui import QColor, QKeyEvent, QMouseEvent, QPainter, QWheelEvent
from PySide6.QtWidgets import QApplication, QGraphicsScene, QGraphicsView, QWidget

from simulator.gui.author.analysis import MapFacts, map_facts
from simulator.gui.author.layout import Layers, dot_positions, layered
from simulator.gui.author.map_items import EdgeItem, Fonts, NodeItem
from simulator.gui.style import shorten
from simulator.scenario.model import Scenario, attributed

COLUMN_GAP, ROW_GAP, MARGIN = 60.0, 18.0, 40.0
BEND_WIDTH, BEND_HEIGHT = 20.0, 6.0
MIN_FIT = 0.7  # "fit" never shrinks the map below this: smaller, the captions can't be read
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
        self.spans: dict[str, tuple[float, float, float]] = {}  # bend point -> column left, right, height
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
            via = self._via(edge.source, edge.target)
            arrow = EdgeItem(self.nodes[edge.source], self.nodes[edge.target], edge.kind, "\n".join(edge.labels), via)
            self.addItem(arrow)
            self.edges.append(arrow)
        self.setSceneRect(self.itemsBoundingRect().adjusted(-MARGIN, -MARGIN, MARGIN, MARGIN))

    def _via(self, source: str, target: str) -> list[QPointF]:
        """Where a long arrow crosses each column in between: straight across the column's slot."""
        forward = self.nodes[target].pos().x() > self.nodes[source].pos().x()
        points = []
        for bend in self.bends.get((source, target), []):
            left, right, y = self.spans[bend]
            points += [QPointF(left, y), QPointF(right, y)] if forward else [QPointF(right, y), QPointF(left, y)]
        return points

    def show_mood_arrows(self, on: bool) -> None:
        """Mood-rule arrows start at every move that lowers (or raises) the mood: many, so optional."""
        for edge in self.edges:
            if edge.kind == "mood":
                edge.setVisible(on)

    def _node(self, place: str, fonts: Fonts) -> NodeItem:
        facts = self.facts
        unreachable, dead_end = place in facts.unreachable, place in facts.dead_ends
        place_ = self.scenario.place(place)
        caption = place_.title if place in self.scenario.endings else attributed(place_)  # type: ignore[union-attr]
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
            said = f"{node.speaker + ': ' if node.speaker else ''}“{shorten(node.say, 300)}”"
            lines = [f"{place} (line {node.line})", said, f"{count} repl{'y' if count == 1 else 'ies'}"]
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

    def _layered(self, links: list[tuple[str, str]]) -> dict[str, tuple[float, float]]:
        """Centres of the places and bend points, column by column (bends also note their column's span)."""
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
                if Layers.is_bend(place):
                    self.spans[place] = (x, x + width, y + height / 2)
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
        steps = {
            Qt.Key.Key_Left.value: (-1, 0),
            Qt.Key.Key_Right.value: (1, 0),
            Qt.Key.Key_Up.value: (0, -1),
            Qt.Key.Key_Down.value: (0, 1),
        }
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
