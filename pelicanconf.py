"""Site settings for development builds (`invoke build`).

Production overrides live in publishconf.py.
"""

AUTHOR = "Campaign team"
SITENAME = "Right to Protest: Kazakhstan"
SITEURL = ""
# Relative links everywhere: the site works from any folder or mirror.
RELATIVE_URLS = True

PATH = "content"
THEME = "theme"
TIMEZONE = "Asia/Almaty"
DEFAULT_LANG = "en"

PLUGIN_PATHS = ["plugins"]
PLUGINS = ["campaign_content", "multilingual", "translation_stubs", "petition_links", "social_cards", "images",
           "parallel_render", "incremental"]

ARTICLE_PATHS = ["actions", "briefings"]
PAGE_PATHS = ["pages"]
STATIC_PATHS = ["images"]
# FILENAME_METADATA reads a language out of a static file's name too (team.final.jpg: "fin"), and Pelican
# has no setting for where such a file goes: without these the build stopped on a KeyError.
STATIC_LANG_URL = "{path}"
STATIC_LANG_SAVE_AS = "{path}"
IGNORE_FILES = [".#*", "*~", "*.swp"]

# `slug.md` is the default language, `slug.ru.md` its Russian translation.
FILENAME_METADATA = r"(?P<slug>[^.]+)(?:\.(?P<lang>[a-z]{2,3}(?:-[A-Za-z0-9]+)?))?"
# The folder says what a document is; the relative path names it in messages.
PATH_METADATA = r"(?P<source_file>(?P<kind>[^/]+)/.*)"

# Clean URLs: the default language at the root, the others under /<lang>/.
ARTICLE_URL = "{kind}/{slug}/"
ARTICLE_SAVE_AS = "{kind}/{slug}/index.html"
ARTICLE_LANG_URL = "{lang}/{kind}/{slug}/"
ARTICLE_LANG_SAVE_AS = "{lang}/{kind}/{slug}/index.html"
PAGE_URL = "{slug}/"
PAGE_SAVE_AS = "{slug}/index.html"
PAGE_LANG_URL = "{lang}/{slug}/"
PAGE_LANG_SAVE_AS = "{lang}/{slug}/index.html"

# The multilingual plugin writes home pages, lists and feeds per language;
# Pelican's own single-language ones are switched off.
DIRECT_TEMPLATES = []
CATEGORY_SAVE_AS = ""
CATEGORIES_SAVE_AS = ""
TAG_SAVE_AS = ""
TAGS_SAVE_AS = ""
AUTHOR_SAVE_AS = ""
AUTHORS_SAVE_AS = ""
ARCHIVES_SAVE_AS = ""
YEAR_ARCHIVE_SAVE_AS = ""
MONTH_ARCHIVE_SAVE_AS = ""
DAY_ARCHIVE_SAVE_AS = ""
DRAFT_SAVE_AS = ""
DRAFT_LANG_SAVE_AS = ""
FEED_ALL_ATOM = None
FEED_ALL_RSS = None
CATEGORY_FEED_ATOM = None
TRANSLATION_FEED_ATOM = None
AUTHOR_FEED_ATOM = None
AUTHOR_FEED_RSS = None

# Translations are grouped by the multilingual plugin, which reports
# orphans and duplicates by file and field.
ARTICLE_TRANSLATION_ID = None
PAGE_TRANSLATION_ID = None

# No smarty: it knows only English quotation marks ("" -> “”), while Russian
# and Kazakh use «»; writers type the marks of their language, and every
# file converts about 30% faster.
MARKDOWN = {
    "extension_configs": {
        "markdown.extensions.extra": {},
        # The theme places the table of contents: no [TOC] marker is looked for in every paragraph.
        "markdown.extensions.toc": {"permalink": False, "marker": ""},
    },
    "output_format": "html5",
}

JINJA_ENVIRONMENT = {
    # Everything from content is escaped unless a template marks it |safe.
    "autoescape": True,
    "extensions": ["jinja2.ext.i18n"],
    "trim_blocks": True,
    "lstrip_blocks": True,
    # Templates do not change during a build: no stat() on every include.
    "auto_reload": False,
}

MULTILINGUAL = {
    "languages": ["en", "ru", "kk"],
    "locales": {"en": "en_GB"},
    "site_names": {
        "ru": "Право на протест: Казахстан",
        "kk": "Наразылық білдіру құқығы: Қазақстан",
    },
    "index_pages": {"": "index", "actions/": "actions", "briefings/": "briefings"},
}

# Builds keep what they read in cache/: each document's conversion, keyed
# by its text (plugins/campaign_content/conversions.py), and the translation
# status per file. Every document still goes through our checks and signals
# on every build. Pelican's own content cache is off (a caching layer that
# is neither "reader" nor "generator"): it kept a second copy of every
# document, keyed by file time, and pickling it gave each Russian or Kazakh
# page a UTF-8 copy in memory for the whole build (tests/contracts).
CACHE_CONTENT = True
LOAD_CONTENT_CACHE = True
CONTENT_CACHING_LAYER = "none"
CHECK_MODIFIED_METHOD = "mtime"
CACHE_PATH = "cache"
# Uncompressed: gzip cost more than the whole cached read on 1,000 x 3 files.
GZIP_CACHE = False

CAMPAIGN_CONTENT = {
    "data_path": "data",
    # Large builds convert Markdown on every CPU core (see README, Performance).
    "read_processes": 0,
}

# Stubs for translators, the outdated notice and the team's status page
# (docs/translating.md).
TRANSLATION_STUBS = {
    "outdated_notice": True,
    "status_page": "translation-status/",
    # Languages whose translations a second person reviews before they are
    # published, e.g. ["ru", "kk"]. This build shows a translation awaiting
    # review with a "not yet reviewed" mark; publishconf.py leaves it out.
    "review_languages": [],
    "unreviewed": "show",
    # An action whose Required-Languages are not ready is mentioned in the
    # log here; publishconf.py makes it an error, so `invoke publish` fails.
    "required_languages": "notice",
}

# Mailto, web-composer, petition and share links and printable letters
# (plugins/petition_links/settings.py lists every key and its default).
PETITION_LINKS = {
    "mailto_budget": 1800,
    "utm": False,
    "mastodon_instance": None,
}
