"""The site's own logic, in plain Python without MkDocs imports.

MkDocs hooks in ``overrides/hooks/`` are thin adapters around these modules, so a later move
to another generator means new adapters, not a rewrite (see README, "Plan for Material's end
of life").
"""
