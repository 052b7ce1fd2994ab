"""petition_links: every way to act that an action page offers, per language.

From an action's metadata, its targets and the `::: letter` block of each
language it builds: mailto links (RFC 6068) grouped by the targets'
preferred language, with the letter in that language beside the page's;
Gmail and Outlook compose links; the petition link (UTM optional); share
links as plain <a> elements; and a printable letter page with a QR code.
A closed or past-deadline action gets none of them (generator.py).
"""

import logging

from pelican import signals

from campaign import contract

from .generator import LetterPagesGenerator
from .letter import Letter, parse_letter  # noqa: F401
from .settings import merge_settings  # noqa: F401

logger = logging.getLogger(__name__)


def configure(pelican):
    """Merge and validate PETITION_LINKS before anything is read."""
    contract.prepare(pelican.settings)


def add_generator(pelican):
    return LetterPagesGenerator


def register():
    signals.initialized.connect(configure)
    signals.get_generators.connect(add_generator)
