"""What every plugin of the campaign site shares: one error hierarchy, one
problem type and one way to print it (problems.py), and how a source file's
bytes become text (sources.py).

Not a Pelican plugin: nothing to register; the plugins import from it.
"""
