"""The Progress screen (4): consistency, proficiency, outcomes and small wins at a glance.

Everything is drawn from :func:`views.progress.progress_figures`; ``g`` narrows the whole
screen to one goal's subtree, ``/`` to the goals whose title holds a text (each with its
subtree); both show in the top bar and ``escape`` widens the screen again.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult, SystemCommand
from textual.binding import BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.events import Resize
from textual.widgets import Input, Static

from ...bindings import bindings
from ...dialogs.goal_picker import GoalPicker
from ...domain.text import clean_text
from ...domain.words import days, number, plural, week_start
from ...views.practice import FOCUS_DAYS, practice_figures
from ...views.progress import ProgressFigures, progress_figures
from ...widgets.footer import Footer
from ...widgets.glyphs import glyph
from ...widgets.topbar import TopBar
from ..base import MasteryScreen
from ..capture import goal_options
from .charts import (
    outcomes_view,
    practice_table,
    trends_view,
    weekly_chart,
    wins_text,
)
from .export import EXPORT_CHOICES, Transfers
from .heatmap import HeatMapView
from .practice import focus_view, quality_total, render_quality_map

NARROW = 80
"""Below this width the heat map and the weekly chart stack instead of sitting side by side."""

ALL = "*"
"""The picker's value for all goals."""


class ProgressScreen(MasteryScreen):
    """Streaks, a calendar heat map, minutes against plan, trends, outcomes and wins."""

    TITLE_TEXT = "Progress"
    AUTO_FOCUS = "#progress-body"
    CONTEXT_WHY = "Progress is narrowed to it"
    KEY_SCOPES = ("progress",)
    BINDINGS: ClassVar[list[BindingType]] = bindings("progress")

    def __init__(self) -> None:
        super().__init__()
        self.transfers = Transfers(self)
        """Export and import (``x``, ``X`` and the palette)."""
        self.goal_id: str | None = None
        self.filter_text = ""
        self.figures: ProgressFigures | None = None
        self.heat_by = "minutes"
        """What the heat map shows: ``minutes`` a day, or each day's ``quality`` (``v``)."""

    def compose(self) -> ComposeResult:
        yield TopBar("progress")
        yield Input(
            placeholder=f"goals whose title holds{glyph('more')} (enter: done, esc: all)",
            id="progress-filter",
        )
        with VerticalScroll(id="progress-body"):
            yield Static(id="progress-glance")
            with Horizontal(classes="progress-row"):
                with Vertical(id="progress-heat", classes="progress-panel"):
                    yield Static(id="progress-heat-title", classes="progress-title")
                    yield HeatMapView(id="progress-heatmap")
                    yield Static(id="progress-heat-total")
                with Vertical(id="progress-tasks", classes="progress-panel"):
                    yield Static("Tasks done a week", classes="progress-title")
                    yield Static(id="progress-weekly")
            with Vertical(id="progress-streaks", classes="progress-panel"):
                yield Static(
                    "Streaks, habit strength and this week against the plan",
                    classes="progress-title",
                )
                yield Static(id="progress-practice")
            with Vertical(id="progress-focus", classes="progress-panel"):
                yield Static(
                    f"Deliberate practice, last {FOCUS_DAYS // 7} weeks: quality, focus areas",
                    classes="progress-title",
                )
                yield Static(id="progress-focus-rows")
            with Vertical(id="progress-outcomes", classes="progress-panel"):
                yield Static("Outcomes: measures against their deadlines", classes="progress-title")
                yield Static(id="progress-outcome-rows")
            with Vertical(id="progress-trends", classes="progress-panel"):
                yield Static("Proficiency: self-rating, 1-10", classes="progress-title")
                yield Static(id="progress-trend-rows")
            with Vertical(id="progress-wins", classes="progress-panel"):
                yield Static("Small wins", classes="progress-title")
                yield Static(id="progress-wins-text")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#progress-filter").display = False
        self.maybe_refresh()
        self.query_one("#progress-body").focus()

    def on_resize(self, event: Resize) -> None:
        self.set_class(event.size.width < NARROW, "-narrow")

    # Drawing ---------------------------------------------------------------------------------

    def maybe_refresh(self) -> None:
        if self.figures is not None and self.figures.today != date.today():
            self._drawn_version = -1  # a new day: every figure moves on
        super().maybe_refresh()

    def refresh_data(self) -> None:
        snapshot = self.store.snapshot()
        today = date.today()
        if self.goal_id and not any(g.id == self.goal_id for g in snapshot.goals):
            self.goal_id = None  # the goal was deleted (here or in another session)
        figures = progress_figures(snapshot, today, self.goal_id, self.filter_text)
        self.figures = figures
        self._status()
        self.query_one("#progress-glance", Static).update(self._glance(figures))
        self._draw_heat()
        self.query_one("#progress-practice", Static).update(practice_table(figures.practice, today))
        deliberate = practice_figures(snapshot, today, self.goal_id, self.filter_text)
        self.query_one("#progress-focus-rows", Static).update(focus_view(deliberate.goals, today))
        self.query_one("#progress-wins-text", Static).update(
            wins_text(figures.wins, figures.goal_titles, today)
        )
        self.query_one("#progress-weekly", Static).update(weekly_chart(figures.tasks_per_week))
        self.query_one("#progress-outcome-rows", Static).update(
            outcomes_view(figures.outcomes)
            if figures.outcomes
            else _empty(
                "No active performance goal here. Add one on the Goals screen with a measure "
                "(target, current, deadline) to see it here."
            )
        )
        self.query_one("#progress-trend-rows", Static).update(
            trends_view(figures.trends, today)
            if figures.trends
            else _empty(
                "No self-ratings yet: select a mastery goal on the Goals screen and press r."
            )
        )

    def _draw_heat(self) -> None:
        """The heat map by minutes or by quality, with its title and the line under it."""
        figures = self.figures
        assert figures is not None
        title = self.query_one("#progress-heat-title", Static)
        total = self.query_one("#progress-heat-total", Static)
        view = self.query_one(HeatMapView)
        if self.heat_by == "quality":
            title.update("Quality: how deliberate each day was (v: minutes)")
            snapshot = self.store.snapshot()
            qmap = practice_figures(snapshot, figures.today, self.goal_id, self.filter_text).quality
            view.update(render_quality_map(qmap))
            total.update(quality_total(qmap))
            return
        heat = figures.heat
        title.update("Consistency: practice minutes a day (v: quality)")
        view.show(heat)
        total.update(
            Text(
                f"{heat.weeks} weeks: {number(heat.total)} min on {days(heat.active_days)}",
                style="dim",
            )
        )

    def action_toggle_heat(self) -> None:
        """``v``: the heat map by practice minutes, or by quality."""
        self.heat_by = "quality" if self.heat_by == "minutes" else "minutes"
        if self.figures is not None:
            self._draw_heat()

    def _glance(self, figures: ProgressFigures) -> Text:
        """Today and this week in one line (or what the filter hides)."""
        needle = clean_text(self.filter_text.strip())
        if needle and figures.scope.goal_ids == frozenset():
            return _empty(f"No goal here matches “{needle}”: escape shows every goal again.")
        minutes_today = figures.heat.minutes.get(figures.today, 0)
        week_minutes = sum(
            m for d, m in figures.heat.minutes.items() if week_start(figures.today) <= d
        )
        done_week = figures.tasks_per_week[-1][1] if figures.tasks_per_week else 0
        best = max(figures.practice, key=lambda row: row.current, default=None)
        wins = figures.wins.this_week
        dot = f" {glyph('dot')} "
        text = Text(end="")
        text.append("Today ", style="bold")
        text.append(f"{minutes_today} min", style="green" if minutes_today else "dim")
        text.append(dot)
        text.append("This week ", style="bold")
        text.append(f"{week_minutes} min, ")
        text.append(plural(wins, "win"), style="yellow" if wins else "")
        text.append(f", {plural(done_week, 'task')} done")
        if best is not None and best.current:
            text.append(dot)
            text.append("Streak ", style="bold")
            text.append(days(best.current), style="green")
        return text

    def _status(self) -> None:
        goal = self.figures.scope.goal if self.figures else None
        parts = [f"goal: {goal.title}"] if goal else []
        needle = clean_text(self.filter_text.strip())
        if needle:
            parts.append(f"“{needle}”")
        self.query_one(TopBar).status = " · ".join(parts) + " (esc: all)" if parts else ""

    def context_goal_id(self) -> str | None:
        return self.goal_id

    # Narrowing -------------------------------------------------------------------------------

    def action_pick_goal(self) -> None:
        snapshot = self.store.snapshot()
        if not snapshot.goals:
            self.notify("There are no goals yet: add one on the Goals screen (1).", markup=False)
            return

        def chosen(goal_id: str | None) -> None:
            if goal_id is None:
                return
            self.goal_id = goal_id if goal_id != ALL else None
            self.refresh_data()
            self.query_one("#progress-body").scroll_home(animate=False)

        options = [("All goals (no narrowing)", ALL), *goal_options(snapshot, open_only=False)]
        self.app.push_screen(
            GoalPicker(
                "Narrow Progress to a goal and everything under it",
                options,
                self.goal_id or ALL,
            ),
            chosen,
        )

    def action_clear_goal(self) -> None:
        """Escape: every goal again (the goal narrowing and the text filter both go)."""
        box = self.query_one("#progress-filter", Input)
        changed = self.goal_id is not None or bool(self.filter_text)
        self.goal_id = None
        self.filter_text = ""
        with box.prevent(Input.Changed):
            box.value = ""
        box.display = False
        self.query_one("#progress-body").focus()
        if changed:
            self.refresh_data()

    def action_filter(self) -> None:
        box = self.query_one("#progress-filter", Input)
        box.display = True
        box.focus()

    @on(Input.Changed, "#progress-filter")
    def _filter_changed(self, event: Input.Changed) -> None:
        if event.value != self.filter_text:
            self.filter_text = event.value
            self.refresh_data()

    @on(Input.Submitted, "#progress-filter")
    def _filter_done(self) -> None:
        box = self.query_one("#progress-filter", Input)
        box.display = bool(self.filter_text.strip())
        self.query_one("#progress-body").focus()

    def action_scroll(self, delta: int) -> None:
        body = self.query_one("#progress-body", VerticalScroll)
        # from the target, not the current position, so quick repeated presses add up
        body.scroll_to(y=body.scroll_target_y + delta * 3, animate=False)

    # Export and import -----------------------------------------------------------------------

    def action_export(self) -> None:
        self.transfers.choose_export()

    def action_import(self) -> None:
        self.transfers.choose_import()

    # Palette ---------------------------------------------------------------------------------

    def commands(self) -> Iterable[SystemCommand]:
        for fmt, _key, label in EXPORT_CHOICES:
            yield SystemCommand(
                f"Export as {label}",
                f"Write a {label} export into {self.store.export_dir}",
                lambda fmt=fmt: self.transfers.export_as(fmt),
            )


def _empty(message: str) -> Text:
    return Text(message, style="italic dim")
