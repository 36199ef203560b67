"""The sample file behind ``--demo``: three people's goals, told the method's way.

A runner pairs beating last year's marathon time with cadence and foot strike; a website
owner pairs +$30,000 a year with copywriting, page layouts and the Adobe tools; a lifter
pairs a 200 lb bench press with accessory strength. Dates are relative to ``today`` so the
practice streak is live whenever the demo is opened.
"""

from __future__ import annotations

import random
from dataclasses import replace
from datetime import date, datetime, timedelta
from typing import Any

from .domain.errors import ValidationError
from .domain.model import RWA, Measure, PracticePlan
from .domain.spaced import LessonReview, ReviewAnswer
from .store import MasteryStore

DONE_DAYS_AGO = {
    "Book the spring marathon": -6,
    "Film my stride from the side": -3,
    "Swipe file: 20 headlines that sold": -1,
    "Close-grip bench technique video": 0,
}
"""When the sample's Done cards were finished, relative to today."""
GYM_DAYS = (0, -3, -5)
"""The lifter's practice days, as offsets from today (each week on the same weekdays)."""


def seed_demo(store: MasteryStore, today: date | None = None, seed: int = 7) -> None:
    """Fill an empty ``store`` with the sample story, in one change.

    Refused (``ValidationError``, nothing written) when the file holds any document: checked
    under the lock, so data another session added while the welcome was open is never mixed
    with the sample.
    """
    today = today or date.today()
    rng = random.Random(seed)

    def day(offset: int) -> str:
        return (today + timedelta(days=offset)).isoformat()

    def at(offset: int, hour: int = 19) -> str:
        when = datetime.combine(today + timedelta(days=offset), datetime.min.time())
        return when.replace(hour=hour).isoformat(timespec="seconds")

    with store.change("load the sample data"):
        if store.holds_data():
            raise ValidationError(
                "The file already holds goals, tasks, feedback or practice: the sample data "
                "is loaded only into an empty file (masterytui --demo opens it on its own)."
            )
        running = store.add_goal(
            "Running", "area", why="Running clears my head and I want to be strong at 50."
        )
        marathon = store.add_goal(
            "Beat last year's marathon time",
            "performance",
            running.id,
            why="Last year I faded after 30 km; I know I can hold the pace.",
            commitment="I'm going to run the city marathon in under 3:40.",
            measure=Measure(target=220, unit="min", current=228, deadline=day(130), start=236),
            rwa=RWA(5, 5, 4),
        )
        cadence = store.add_goal(
            "A consistent running cadence and efficient foot strikes",
            "mastery",
            marathon.id,
            why="Form, not lungs, was what broke down in the last 10 km.",
            commitment="I'm going to do 20 minutes of cadence drills every day.",
            practice_plan=PracticePlan(minutes_per_day=20),
            rwa=RWA(4, 5, 3),
            cue="I get home from work and put my bag down",
            outcome="Holding 178 spm and light feet all the way past 30 km.",
            obstacle="I feel too tired after work and tell myself I'll do it later.",
        )
        website = store.add_goal(
            "Sales pages", "area", why="The website should pay for my time, not just cost it."
        )
        income = store.add_goal(
            "+$30,000 a year from the website",
            "performance",
            website.id,
            commitment="I'm going to add $2,500 a month of sales by next autumn.",
            measure=Measure(target=30000, unit="$", current=11200, deadline=day(45), start=0),
            rwa=RWA(4, 4, 2),
        )
        copy = store.add_goal(
            "Sales copywriting",
            "mastery",
            income.id,
            why="Words sell; the design only gets them read.",
            commitment="I'm going to write one sales page draft a week.",
            practice_plan=PracticePlan(sessions_per_week=4),
            rwa=RWA(4, 5, 3),
            cue="it is Saturday morning and the coffee is made",
        )
        layouts = store.add_goal(
            "Coding custom page layouts",
            "mastery",
            income.id,
            practice_plan=PracticePlan(sessions_per_week=3),
        )
        adobe = store.add_goal(
            "The Adobe creative tools",
            "mastery",
            income.id,
            practice_plan=PracticePlan(minutes_per_day=15),
            rwa=RWA(3, 2, 3),
        )
        store.add_goal("Photoshop retouching", "mastery", adobe.id)
        store.add_goal("Illustrator icons", "mastery", adobe.id, status="paused")
        strength = store.add_goal("Strength", "area", why="Lifting keeps my back healthy.")
        bench = store.add_goal(
            "Bench press 200 lb",
            "performance",
            strength.id,
            commitment="I'm going to bench 200 lb for one clean rep by March.",
            measure=Measure(target=200, unit="lb", current=175, deadline=day(95), start=150),
            rwa=RWA(5, 4, 4),
        )
        accessory = store.add_goal(
            "Strength in accessory muscles",
            "mastery",
            bench.id,
            why="Triceps and upper back give out before my chest does.",
            commitment="I'm going to lift accessories on my three gym days.",
            # Three named gym days, today one of them: the last one was missed (Today says
            # "don't miss twice"), and the days between are rest days that keep a streak.
            practice_plan=PracticePlan(
                sessions_per_week=3,
                days=tuple(sorted({(today + timedelta(o)).weekday() for o in GYM_DAYS})),
            ),
        )
        store.add_goal(
            "Deadlift 300 lb",
            "performance",
            strength.id,
            measure=Measure(target=300, unit="lb", current=300, start=225),
            status="achieved",
        )
        store.add_goal("Learn to swim butterfly", "mastery", running.id, status="dropped")

        tasks = [
            ("Book the spring marathon", marathon, "done", None, "H"),
            ("Film my stride from the side", cadence, "done", None, "M"),
            ("Metronome run at 178 spm", cadence, "doing", day(0), "H"),
            ("Strides after every easy run", cadence, "next", day(2), "M"),
            ("Get a gait analysis at the running shop", cadence, "backlog", None, "L"),
            ("Long run 28 km at marathon pace", marathon, "next", day(5), "H"),
            ("Rewrite the pricing page headline", copy, "doing", day(-1), "H"),
            ("Study three long-form sales letters", copy, "next", day(3), "M"),
            ("Swipe file: 20 headlines that sold", copy, "done", None, None),
            ("Ask Dana to review the offer page", copy, "backlog", None, "M"),
            ("Build a two-column hero layout in CSS grid", layouts, "doing", day(4), "M"),
            ("Responsive testimonial cards", layouts, "backlog", None, None),
            ("Photoshop: frequency separation tutorial", adobe, "next", None, "L"),
            ("Set up A/B test of the new headline", income, "backlog", day(10), "H"),
            ("Face pulls 3x15 twice a week", accessory, "doing", None, "M"),
            ("Close-grip bench technique video", accessory, "done", None, "L"),
            ("Test a 185 lb single", bench, "next", day(12), "H"),
            ("Buy a lifting belt", strength, "backlog", None, None),
        ]
        finished = [  # done over the last twelve weeks: the habit of finishing small steps
            ("Buy a metronome app", cadence, -80),
            ("Run 3x 1 km at 175 spm", cadence, -66),
            ("Read 'Daniels' Running Formula' ch. 2", marathon, -59),
            ("10 km tempo run", marathon, -45),
            ("Rewrite the About page", copy, -74),
            ("Outline the offer page", copy, -52),
            ("Draft three headline options", copy, -38),
            ("Collect five testimonials", income, -31),
            ("CSS grid course: module 1", layouts, -70),
            ("Rebuild the footer with flexbox", layouts, -24),
            ("Photoshop: layers and masks tutorial", adobe, -63),
            ("Retouch the product photos", adobe, -17),
            ("Bench 165 lb for 3x5", bench, -77),
            ("Bench 170 lb for 3x5", bench, -41),
            ("Dips: 3x10 bodyweight", accessory, -56),
            ("Rows: add 10 lb", accessory, -29),
            ("Plan the spring race calendar", running, -10),
            ("Long run 21 km", marathon, -8),
        ]
        for title, goal, offset in finished:
            task = store.add_task(title, goal.id, "done")
            store.put(
                "tasks",
                {**task.to_doc(), "done_at": at(offset, 18), "created_at": at(offset - 9, 9)},
            )
        repeating = [  # (title, goal, column, due, every)
            ("Foam-roll calves and hips", cadence, "next", day(0), "2d"),
            ("Send the weekly sales-page draft to Dana", copy, "next", day(3), "1w"),
        ]
        for name, goal, column, when, every in repeating:
            store.add_task(name, goal.id, column, due=when, every=every)
        for title, goal, column, due, priority in tasks:
            task = store.add_task(title, goal.id, column, due=due, priority=priority)
            if column == "done":  # finished this past week, so the Done column shows it
                store.put("tasks", {**task.to_doc(), "done_at": at(DONE_DAYS_AGO[title], 18)})
        # The goals were set some months ago, so Progress can tell which outcomes lag.
        for doc in list(store.docs("goals").values()):
            store.put("goals", {**doc, "created_at": at(-120, 9), "updated_at": at(-3, 9)})

        feedback = [
            (-58, "note", "self", "Started logging cadence: 164 spm on easy runs.", "", cadence),
            (
                -50,
                "lesson",
                "coach",
                "Overstriding: my foot lands well ahead of the hips.",
                "Shorter, quicker steps; think 'feet under me'.",
                cadence,
            ),
            (-41, "win", "self", "First week of drills every single day.", "", cadence),
            (
                -33,
                "setback",
                "self",
                "Calf strain after adding hill sprints too fast.",
                "Add one new stress at a time and keep an easy week every fourth.",
                marathon,
            ),
            (
                -27,
                "improve",
                "mentor",
                "Your headlines describe the product, not the result.",
                "Lead with the outcome the reader wants.",
                copy,
            ),
            (
                -20,
                "win",
                "peer",
                "Dana said the new offer page finally reads like a person.",
                "",
                copy,
            ),
            (
                -16,
                "lesson",
                "expert",
                "Conversion dropped when I removed the guarantee.",
                "Test one change at a time.",
                income,
            ),
            (
                -12,
                "note",
                "other",
                "Analytics: 62% of visitors are on phones.",
                "Design the mobile layout first.",
                layouts,
            ),
            (
                -9,
                "setback",
                "self",
                "Missed three days of Photoshop practice.",
                "Practise right after lunch, before email.",
                adobe,
            ),
            (-6, "win", "self", "Benched 175 lb for a clean triple.", "", bench),
            (
                -4,
                "improve",
                "coach",
                "Elbows flare on the way up.",
                "Tuck elbows to about 45 degrees; film a set.",
                accessory,
            ),
            (-2, "win", "self", "Held 176 spm for a whole 10 km.", "", cadence),
            (
                -1,
                "lesson",
                "peer",
                "Reading sales letters aloud shows the clunky lines.",
                "Read every draft aloud before publishing.",
                copy,
            ),
            (0, "win", "mentor", "The pricing page headline test is already ahead.", "", income),
        ]
        obstacles = {-9: "Email first: once I open it, the afternoon is gone."}
        # Days (relative) the older lessons were reviewed: only two lessons are due today
        # (the elbows one, waiting since three days, and yesterday's, on its first interval).
        reviews = {
            -50: "-49 applied, -46 applied, -39 applied, -18 applied",
            -27: "-26 applied, -23 again, -22 applied, -19 applied, -12 applied",
            -16: "-15 applied, -12 applied, -5 applied",
        }
        for offset, kind, source, text, step, goal in feedback:
            entry = store.add_feedback(
                text,
                kind,
                source,
                next_step=step,
                goal_id=goal.id,
                at=at(offset, 19),
                obstacle=obstacles.get(offset, ""),
            )
            if offset in reviews:
                answers = tuple(
                    ReviewAnswer(day(int(o)), a)
                    for o, a in (item.split() for item in reviews[offset].split(", "))
                )
                entry = replace(entry, review=LessonReview(answers=answers))
                store.put("feedback", entry.to_doc())
        # The runner's if-then plan, answered in the weekly reviews of the last six weeks.
        for weeks, answer in enumerate(("yes", "no", "yes", "no_cue", "yes", "yes"), start=1):
            store.check_plan(cadence.id, answer, today - timedelta(weeks=weeks))

        # 60 days of practice, a live streak on cadence, gaps elsewhere.
        for offset in range(-59, 1):
            if offset > -40 or rng.random() < 0.7:
                note = "metronome drills" if offset % 3 else "drills + strides"
                store.log_practice(
                    rng.choice((15, 20, 20, 25, 30)),
                    cadence.id,
                    on=day(offset),
                    note=note,
                    **_deliberate(CADENCE_FOCUS, offset),
                )
            if rng.random() < 0.55:
                store.log_practice(
                    rng.choice((30, 45, 60)),
                    copy.id,
                    on=day(offset),
                    note="draft + read aloud",
                    **_deliberate(COPY_FOCUS, offset),
                )
            if rng.random() < 0.35:
                store.log_practice(rng.choice((30, 45)), layouts.id, on=day(offset))
            # Practised the last four days, not yet today: a streak at risk tonight.
            if (rng.random() < 0.45 or -4 <= offset <= -1) and offset not in (0, -5):
                store.log_practice(
                    rng.choice((10, 15, 20)), adobe.id, on=day(offset), note="Photoshop drills"
                )
            gym_day = offset % 7 in (0, 2, 4)
            if gym_day and (rng.random() < 0.85 or offset == -5) and offset not in (0, -3):
                store.log_practice(
                    rng.choice((40, 50, 60)),
                    accessory.id,
                    on=day(offset),
                    note="face pulls, dips, rows",
                )

        ratings = {
            cadence: [(-56, 3), (-42, 4), (-28, 5), (-14, 6), (-3, 7)],
            copy: [(-50, 4), (-30, 5), (-10, 6)],
            layouts: [(-45, 5), (-20, 6)],
            adobe: [(-40, 3), (-15, 3), (-5, 4)],
            accessory: [(-50, 4), (-25, 5), (-4, 6)],
        }
        for goal, points in ratings.items():
            for offset, level in points:
                store.log_proficiency(goal.id, level, day(offset))


# Deliberate practice: the sub-skills worked on (the first most, the last only long ago, so
# Progress has one to call neglected), and the next fix each one leaves for next time.
CADENCE_FOCUS = (
    ("cadence at 180 spm", "hold 180 spm on the hill repeats"),
    ("foot strike under the hips", "film one lap and check the landing"),
    ("relaxed shoulders", "shake out the arms every km"),
)
COPY_FOCUS = (
    ("headlines", "ten headlines for the pricing page, pick two"),
    ("calls to action", "one ask per section, nothing more"),
    ("customer interviews", "reuse the customer's own words"),
)


def _deliberate(focuses: tuple[tuple[str, str], ...], offset: int) -> dict[str, Any]:
    """The focus, quality, difficulty and next fix of the demo's session ``offset`` days ago:
    quality grows over the 60 days; every fifth session is a quick log of minutes only."""
    if offset % 5 == 4:
        return {}
    # the last focus only before the last four weeks; the first three days in five
    pick = 2 if offset < -35 and offset % 5 == 3 else (1 if offset % 5 == 3 else 0)
    focus, fix = focuses[pick]
    quality = min(5, 2 + (offset + 60) // 20 - (offset % 4 == 1))
    return {
        "focus": focus,
        "quality": max(1, quality),
        "difficulty": 4 if pick == 0 else 3,
        "next_fix": fix if offset % 3 == 0 or offset == 0 else "",
    }
