"""The read layer: what each screen, the weekly review and the report show, from a snapshot.

Pure functions of a :class:`~masterytui.domain.model.Snapshot` and a few plain arguments
(a day, a filter): no Textual, no TinyDB, so every figure is tested without a terminal and
``masterytui export`` never loads the user interface. The layers, bottom up:
``domain`` ← ``store`` ← ``views`` ← ``screens`` and ``widgets`` ← ``app``.

- :mod:`.board`: the Board's columns after its filters;
- :mod:`.feedback`: the Feedback screen's filters over the log and the practice log;
- :mod:`.progress`: every figure of the Progress screen, and :mod:`.practice` its
  deliberate practice (quality by day, each mastery goal's focus areas);
- :mod:`.review`: the weekly review, and :mod:`.review_markdown` the same as Markdown;
- :mod:`.today`: the Today list with its words (the Today screen, ``masterytui today`` and
  the report's Today section);
- :mod:`.report`, :mod:`.report_today`: the Markdown report (``export --format md``).

The views a screen redraws from are kept per table version (:mod:`.memo`): switching screens,
or a change to a table a screen does not show, does not work them out again. Words (plurals,
numbers, dates, Markdown escaping) are :mod:`masterytui.domain.words`, shared with the store.
"""
