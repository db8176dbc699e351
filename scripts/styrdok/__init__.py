"""The site's own logic, in plain Python without MkDocs imports.

``pipeline.py`` holds the build's steps in order; the MkDocs plugin in ``scripts/mkdocs_styrdok``
is a thin adapter that calls them at MkDocs' events, so a later move to another generator means
a new adapter, not a rewrite (see README, "Developer's guide").
"""
