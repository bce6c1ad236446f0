"""Load, validate and render the async communications maturity model.

Nothing in this package imports MkDocs: the site build wires it in through
scripts/hooks.py and scripts/macros.py, and everything else runs on its own.
"""
