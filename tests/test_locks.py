"""The locks install on every Python 3.11 a newcomer may have, Debian 12's python3 (3.11.2) included."""

import importlib.metadata
import re

import pytest
from packaging.specifiers import SpecifierSet

from conftest import ROOT

# The oldest 3.11 of a maintained distribution: Debian 12's python3, built with PGO and LTO, on which the
# build takes about 15% less CPU than on an interpreter built without them (docs/performance.md).
OLDEST_PYTHON = "3.11.2"
PIN = re.compile(r"^([A-Za-z0-9_.-]+)==([^ \\]+)", re.MULTILINE)


def pins(lock):
    return PIN.findall((ROOT / lock).read_text(encoding="utf-8"))


@pytest.mark.parametrize("lock", ["requirements.lock", "requirements-dev.lock"])
def test_every_pinned_package_installs_on_the_oldest_python_3_11(lock):
    refused = []
    for name, version in pins(lock):
        metadata = importlib.metadata.metadata(name)
        assert metadata["Version"] == version, f"{name}: {metadata['Version']} installed, {version} pinned in {lock}"
        requires = metadata.get("Requires-Python")
        if requires and not SpecifierSet(requires).contains(OLDEST_PYTHON):
            refused.append(f"{name}=={version} (Requires-Python {requires})")
    assert refused == [], f"{lock} does not install on Python {OLDEST_PYTHON}: {refused}"
