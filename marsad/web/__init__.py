"""The analyst's dashboard: server-rendered pages (Jinja2, autoescaped) with the bundled scripts
and styles in ``static/`` (built from ``frontend/`` by ``make web`` and committed)."""
