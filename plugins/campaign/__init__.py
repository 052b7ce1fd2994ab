"""What every plugin of the campaign site shares: the contract between the
plugins (contract.py), one error hierarchy and one problem type (problems.py),
how a source file's bytes become text (sources.py), atomic writes
(output.py), addresses (addresses.py) and CI annotations (annotations.py).

Not a Pelican plugin: nothing to register; the plugins import from it.
"""
