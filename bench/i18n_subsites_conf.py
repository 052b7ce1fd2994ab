"""Pelican 4.12 + pelican-i18n-subsites 1.0.0 over the benchmark corpus: pass (b).

The plugin's documented setup: one subsite per extra language in
I18N_SUBSITES, and Jinja's i18n extension for the theme. Translations are
found the way Pelican finds them (same slug, another lang). The languages
come from BENCH_LANGS (set by bench/run.py).
"""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from plain_conf import *  # noqa: E402,F401,F403

PLUGINS = ["i18n_subsites"]
JINJA_ENVIRONMENT = {"extensions": ["jinja2.ext.i18n"]}

_LANGS = os.environ.get("BENCH_LANGS", "en,ru,kk").split(",")
DEFAULT_LANG = _LANGS[0]
I18N_SUBSITES = {lang: {"SITENAME": f"Benchmark campaign ({lang})"} for lang in _LANGS[1:]}
