"""Plain Pelican over the benchmark corpus: pass (c), and the base of (b).

Pelican's defaults (its notmyidea theme, category, tag, author and archive
pages, feeds), with only what the corpus needs: where articles and pages are,
and the language and slug from `slug.<lang>.md` file names. PATH and
OUTPUT_PATH are given by bench/run.py.
"""

AUTHOR = "Campaign team"
SITENAME = "Benchmark campaign"
SITEURL = ""
RELATIVE_URLS = True
TIMEZONE = "UTC"
DEFAULT_LANG = "en"

PLUGINS = []
ARTICLE_PATHS = ["actions", "briefings"]
PAGE_PATHS = ["pages"]
STATIC_PATHS = []
FILENAME_METADATA = r"(?P<slug>[^.]+)(?:\.(?P<lang>[a-z]{2,3}))?"

CACHE_CONTENT = False
LOAD_CONTENT_CACHE = False
