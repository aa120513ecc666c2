"""PDF scorecards with Qt's own PDF writer: one page per trainee, and a cohort summary.

A trainee page holds, top to bottom: the header (who, which period, when), four key figures,
the per-dimension chart against the cohort average, the dimension table (first / best / latest /
change / average / cohort), the overall score over time (from two finished sessions, as on
screen), strengths and what to practise next, and the key moments. Texts are
clipped so the page never spills over: a scorecard is one sheet to hand over or file.

Without a trainee the document starts with the cohort summary (figures, the cohort's averages,
a table of every active trainee, continued over as many pages as needed), then a page per trainee.

Everything is drawn with ``QPainter.drawText``, never through HTML, so a name like ``<b>x</b>``
prints as typed; the text stays real text in the PDF (searchable, extractable, without ligatures). Qt needs a
``QGuiApplication`` for fonts: the CLI gets an offscreen one made here; the app already has one.
"""

from __future__ import annotations

import os
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QMarginsF, QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QGuiApplication, QPageLayout, QPageSize, QPainter, QPdfWriter, QPen

from simulator.charts import paint_comparison, paint_trend
from simulator.reports import data
from simulator.reports.exports import ExportResult, check_cancel, not_from_library, replacing, resolve
from simulator.store import supervision
from simulator.store.library import NOT_LIBRARY
from simulator.store.oddrows import Skipped

if TYPE_CHECKING:
    from simulator.reports.exports import Cancelled, Progress
    from simulator.store import Store
    from simulator.store.supervision import Filters

INK, MUTED, RULE, ACCENT = QColor("#1f2933"), QColor("#52606d"), QColor("#d3dce6"), QColor("#0b4f56")
WRAP = Qt.TextFlag.TextWordWrap | Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop
LEFT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
BODY_PT = 9.5
TREND_LINES = (5, 8)  # the trend chart's smallest and usual height, in 8.5 pt lines
OUTCOMES = {"loyal": "won back", "neutral": "settled", "lost": "lost"}


def ensure_app() -> None:
    """Fonts need a QGuiApplication; make an offscreen one when called from the command line."""
    if QGuiApplication.instance() is None:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        QGuiApplication(["simulator-export"])


def num(value: float | None, signed: bool = False) -> str:
    if value is None:
        return "–"
    if signed and round(value) == 0:
        return "0"
    return (f"{value:+.0f}" if signed else f"{value:.0f}").replace("-", "−")


def moment_line(m: data.KeyMoment, again: str = "") -> str:
    """One key moment; only the sign is a minus sign (a hyphen in the quotes stays one)."""
    return f"{num(m.impact, signed=True)} · “{data.clip(m.text, 120)}” ({m.scenario_title}{again}). {data.clip(m.feedback, 150)}"


def plain_letters(font: QFont) -> None:
    """No ligatures: text copied from the PDF reads "fl", "fi" and "ff", not their one-glyph forms.

    Qt maps a ligature glyph back to its single code point (U+FB02 for "fl"), so a copied
    "conflict" would not be found by a search for it. Qt < 6.7 has no feature API: no shaping there.
    """
    if hasattr(QFont, "Tag"):
        for feature in ("liga", "clig"):
            font.setFeature(QFont.Tag(feature), 0)
    else:
        font.setStyleStrategy(QFont.StyleStrategy.PreferNoShaping)


class Sheet:
    """A painter on the writer, a cursor going down the page, and the fonts in use."""

    def __init__(self, painter: QPainter, area: QRectF, footer: str) -> None:
        self.painter, self.area, self.footer, self.page = painter, area, footer, 1
        self.y = area.top()
        self.family = QGuiApplication.font().family()

    def font(self, points: float = BODY_PT, bold: bool = False) -> float:
        font = QFont(self.family)
        font.setPointSizeF(points)
        font.setBold(bold)
        plain_letters(font)
        self.painter.setFont(font)
        return self.painter.fontMetrics().height()

    def text(self, text: str, points: float = BODY_PT, *, bold: bool = False, colour: QColor = INK, indent: float = 0,
             width: float | None = None, gap: float = 0.25) -> float:  # fmt: skip
        """Wrapped text at the cursor; returns its height and moves the cursor below it."""
        line = self.font(points, bold)
        self.painter.setPen(colour)
        rect = QRectF(self.area.left() + indent, self.y, width or self.area.width() - indent, self.area.bottom() - self.y)
        used = self.painter.boundingRect(rect, WRAP, text).height()
        self.painter.drawText(rect, WRAP, text)
        self.y += used + line * gap
        return used

    def fits(self, height: float) -> bool:
        return self.y + height <= self.area.bottom()

    def rule(self, space: float = 0.6) -> None:
        line = self.painter.fontMetrics().height()
        self.painter.setPen(QPen(RULE, max(1.0, line * 0.06)))
        self.painter.drawLine(QPointF(self.area.left(), round(self.y)), QPointF(self.area.right(), round(self.y)))
        self.y += line * space

    def finish_page(self) -> None:
        line = self.font(7.5)
        self.painter.setPen(MUTED)
        below = QRectF(self.area.left(), self.area.bottom() + line * 0.8, self.area.width(), line)
        self.painter.drawText(below, LEFT, self.footer)
        self.painter.drawText(below, RIGHT, f"page {self.page}")

    def new_page(self, writer: QPdfWriter) -> None:
        self.finish_page()
        writer.newPage()
        self.page += 1
        self.y = self.area.top()


def describe(store: Store, filters: Filters) -> str:
    scenario = "all scenarios"
    if filters.scenario_id:
        titles = dict(supervision.scenarios(store))
        scenario = f"“{titles.get(filters.scenario_id, filters.scenario_id)}”"
    if filters.since or filters.until:
        first = filters.since[:10] if filters.since else "the start"
        last = filters.until[:10] if filters.until else "today"
        period = f"{scenario}, {first} to {last}"
    else:
        period = f"{scenario}, all time"
    return period if filters.library_only else f"{period}, sessions {NOT_LIBRARY} included"


def figures(sheet: Sheet, items: list[tuple[str, str]]) -> None:
    """A row of big numbers with small captions."""
    width = sheet.area.width() / len(items)
    big = sheet.font(17, bold=True)
    for i, (value, _) in enumerate(items):
        sheet.painter.setPen(ACCENT)
        sheet.painter.drawText(QRectF(sheet.area.left() + i * width, sheet.y, width, big), LEFT, value)
    small = sheet.font(7.5)
    sheet.painter.setPen(MUTED)
    for i, (_, caption) in enumerate(items):
        sheet.painter.drawText(QRectF(sheet.area.left() + i * width, sheet.y + big, width, small), LEFT, caption)
    sheet.y += big + small * 2


def grid(sheet: Sheet, headers: list[str], rows: list[list[str]], widths: list[float], *, points: float = 8.5,
         text_columns: tuple[int, ...] = (0,)) -> None:  # fmt: skip
    """A table: ``text_columns`` left-aligned, the others right-aligned numbers."""
    total = sum(widths)
    xs = [sheet.area.left()]
    for w in widths:
        xs.append(xs[-1] + sheet.area.width() * w / total)
    line = sheet.font(points, bold=True)
    row_h = line * 1.45
    for r, row in enumerate([headers, *rows]):
        if r == 1:
            sheet.font(points)
        sheet.painter.setPen(MUTED if r == 0 else INK)
        for c, text in enumerate(row):
            left = c in text_columns
            cell = QRectF(xs[c] + (line * 0.6 if left and c else 0), sheet.y, xs[c + 1] - xs[c] - line * 0.6, row_h)
            shown = sheet.painter.fontMetrics().elidedText(str(text), Qt.TextElideMode.ElideRight, round(cell.width()))
            sheet.painter.drawText(cell, LEFT if left else RIGHT, shown)
        sheet.y += row_h
        sheet.painter.setPen(QPen(RULE, max(1.0, line * 0.04)))
        sheet.painter.drawLine(QPointF(sheet.area.left(), round(sheet.y)), QPointF(sheet.area.right(), round(sheet.y)))
    sheet.y += line * 0.6


def trainee_page(sheet: Sheet, report: data.TraineeReport, period: str) -> None:
    r = report
    sheet.text("SERVICE RECOVERY SCORECARD", 7.5, bold=True, colour=MUTED, gap=0.1)
    sheet.text(r.trainee.name, 20, bold=True, gap=0.1)
    who = f"Employee ID {r.trainee.employee_id}" if r.trainee.employee_id else "No employee ID"
    sheet.text(f"{who} · {period}", 9, colour=MUTED, gap=0.6)
    for note in data.cautions(r):
        sheet.text(note, 9, bold=True, gap=0.4)
    passed = "–" if r.pass_rate is None else f"{100 * r.pass_rate:.0f}%"
    trend = "–" if r.trend is None else f"{r.trend:+.1f}/wk".replace("-", "−")
    figures(sheet, [(num(r.overall.average), "average overall (0-100)"), (trend, "trend, points per week"),
                    (passed, "finished sessions passed"), (f"{len(r.finished)}/{len(r.sessions)}", "finished")])  # fmt: skip
    sheet.rule()
    sheet.text("Against the cohort", 11, bold=True)
    sheet.font(8.5)
    height = sheet.painter.fontMetrics().height() * (1.5 * len(r.dimensions) + 1.8)
    paint_comparison(sheet.painter, QRectF(sheet.area.left(), sheet.y, sheet.area.width(), height),
                     [(d.label, d.average, d.cohort) for d in r.dimensions])  # fmt: skip
    sheet.y += height
    sheet.text("Progress per dimension", 11, bold=True)
    rows = [[d.label, num(d.first), num(d.best), num(d.latest), num(d.change, True), num(d.average), num(d.cohort)]
            for d in [*r.dimensions, r.overall]]  # fmt: skip
    grid(sheet, ["Dimension", "First", "Best", "Latest", "Change", "Average", "Cohort"], rows, [3.2, 1, 1, 1, 1, 1, 1])
    advice(sheet, r)
    moments(sheet, r)
    over_time(sheet, r)


def over_time(sheet: Sheet, r: data.TraineeReport) -> bool:
    """The screen's "Over time" chart of the overall score, from two finished sessions; False when not drawn.

    Last on the page, in the room the advice and key moments leave: drawn before them, it pushed
    "What cost points" off 12 of 40 pages of a sample cohort. It shrinks to what is left, and past
    its smallest size it is left out (the screen's scorecard always has it).
    """
    points = r.over_time()
    line = sheet.font(8.5)
    room = (sheet.area.bottom() - sheet.y) / line - 2  # lines, below its heading
    if len(points) < 2 or room < TREND_LINES[0]:
        return False
    sheet.text("Overall score over time", 11, bold=True, gap=0.1)
    line = sheet.font(8.5)
    height = line * min(room, TREND_LINES[1])
    paint_trend(sheet.painter, QRectF(sheet.area.left(), sheet.y, sheet.area.width(), height), points,
                f"{len(points)} finished sessions")  # fmt: skip
    sheet.y += height + line * 0.4
    return True


def advice(sheet: Sheet, r: data.TraineeReport) -> None:
    half = sheet.area.width() / 2 - 8
    top = sheet.y
    bottoms = []
    for col, (title, lines) in enumerate((("Strengths", r.strengths), ("Practise next", r.practise))):
        sheet.y = top
        sheet.text(title, 11, bold=True, indent=col * (half + 16), width=half)
        for line in lines[:3] or ["Nothing stands out yet."]:
            sheet.text("• " + data.clip(line, 200), 8.5, indent=col * (half + 16), width=half, gap=0.2)
        bottoms.append(sheet.y)
    sheet.y = max(bottoms) + 4


def moments(sheet: Sheet, r: data.TraineeReport) -> None:
    line = sheet.font(8.5)
    if not sheet.fits(line * 5):
        return
    sheet.text("Key moments", 11, bold=True)
    for title, chosen in (("What worked", r.gains[:2]), ("What cost points", r.losses[:2])):
        if not sheet.fits(line * 4):
            return
        sheet.text(title, 9, bold=True, colour=MUTED, gap=0.15)
        for m in chosen or []:
            again = f", {m.times} times" if m.times > 1 else ""
            entry = moment_line(m, again)
            if not sheet.fits(line * 3.2):
                return
            sheet.text(entry, 8.5, indent=line * 0.6, gap=0.3)
        if not chosen:
            sheet.text("None in this period.", 8.5, colour=MUTED, indent=line * 0.6)


def cohort_pages(sheet: Sheet, writer: QPdfWriter, store: Store, filters: Filters, period: str) -> list[Any]:
    lines, dims, averages = data.cohort(store, filters)
    active = [x for x in lines if x.sessions]
    sheet.text("SERVICE RECOVERY SIMULATOR", 7.5, bold=True, colour=MUTED, gap=0.1)
    sheet.text("Cohort summary", 20, bold=True, gap=0.1)
    sheet.text(period, 9, colour=MUTED, gap=0.6)
    sessions = sum(x.sessions for x in active)
    finished = sum(x.finished for x in active)
    overall = [x.overall for x in active if x.overall is not None]
    figures(sheet, [(f"{len(active):,}", "trainees active"), (f"{sessions:,}", "sessions"),
                    (f"{100 * finished / sessions:.0f}%" if sessions else "–", "finished"),
                    (num(sum(overall) / len(overall)) if overall else "–", "mean of trainees' overall")])  # fmt: skip
    sheet.rule()
    sheet.text("The cohort per dimension", 11, bold=True)
    sheet.font(8.5)
    height = sheet.painter.fontMetrics().height() * (1.8 * len(dims) + 1.8)
    paint_comparison(sheet.painter, QRectF(sheet.area.left(), sheet.y, sheet.area.width(), height),
                     [(label, averages.get(d), None) for d, label in dims])  # fmt: skip
    sheet.y += height
    sheet.text("Trainees", 11, bold=True)
    labels = dict(dims)
    headers = ["Trainee", "Sessions", "Last activity", "Overall", "Trend/wk", "Passed", "Weakest"]
    widths = [3.0, 1.2, 1.6, 1.0, 1.2, 1.0, 2.8]
    rows = [[x.name, f"{x.sessions}", (x.last_activity or "")[:10], num(x.overall),
             "–" if x.trend is None else f"{x.trend:+.1f}".replace("-", "−"),
             "–" if x.pass_rate is None else f"{100 * x.pass_rate:.0f}%", data.weakest(x.averages, labels) or "–"]
            for x in active]  # fmt: skip
    row_h = sheet.font(8.5) * 1.45
    while rows:
        room = max(1, int((sheet.area.bottom() - sheet.y) / row_h) - 2)
        grid(sheet, headers, rows[:room], widths, text_columns=(0, 6))
        rows = rows[room:]
        if rows:
            sheet.new_page(writer)
            sheet.text("Trainees (continued)", 11, bold=True)
    return active


def export_pdf(
    store: Store,
    out_path: str | Path,
    *,
    trainee: str | None = None,
    scenario: str | None = None,
    since: Any = None,
    until: Any = None,
    mode: str | None = None,
    unpublished: bool = False,
    decisions: bool = False,  # one signature for every format: a PDF has no choice rows
    progress: Progress | None = None,
    cancelled: Cancelled | None = None,
) -> ExportResult:
    filters = resolve(store, trainee, scenario, since, until, mode=mode, unpublished=unpublished)
    ensure_app()
    period = describe(store, filters)
    stamp = datetime.now(UTC).astimezone().strftime("%Y-%m-%d %H:%M")
    with replacing(out_path, store.path) as temp:
        writer = QPdfWriter(str(temp))
        writer.setResolution(300)
        writer.setTitle("Service recovery scorecards")
        writer.setCreator("Service Recovery Simulator")
        writer.setPageLayout(QPageLayout(QPageSize(QPageSize.PageSizeId.A4), QPageLayout.Orientation.Portrait,
                                         QMarginsF(16, 14, 16, 18), QPageLayout.Unit.Millimeter))  # fmt: skip
        painter = QPainter(writer)
        try:
            skipped: list[Skipped] = []
            pages, trainees, sessions = _paint(writer, painter, store, filters, period=period, stamp=stamp,
                                               progress=progress, cancelled=cancelled, skipped=skipped)  # fmt: skip
        finally:
            painter.end()
    left_out = not_from_library(store, filters)
    return ExportResult(Path(out_path), "pdf", pages, sessions, trainees, tuple(skipped), left_out=left_out)


def _paint(writer: QPdfWriter, painter: QPainter, store: Store, filters: Filters, *, period: str, stamp: str,
           progress: Progress | None, cancelled: Cancelled | None,
           skipped: list[Skipped]) -> tuple[int, int, int]:  # fmt: skip
    """Pages, trainees and sessions painted; sessions whose rows can't be read go to ``skipped``."""
    area = QRectF(writer.pageLayout().paintRectPixels(writer.resolution()))
    area.moveTo(0, 0)
    sheet = Sheet(painter, area, f"Service Recovery Simulator · {period} · made {stamp}")
    if filters.trainee_id:
        ids = [filters.trainee_id]
    else:
        ids = [x.trainee_id for x in cohort_pages(sheet, writer, store, filters, period)]
    sessions = 0
    for done, trainee_id in enumerate(ids, 1):
        check_cancel(cancelled)
        report = data.trainee_report(store, trainee_id, filters)
        if report is None:
            continue
        if done > 1 or not filters.trainee_id:
            sheet.new_page(writer)
        trainee_page(sheet, report, period)
        sessions += len(report.sessions)
        skipped += report.skipped
        if progress is not None:
            progress(done, len(ids))
    sheet.finish_page()
    return sheet.page, len(ids), sessions
