"""The contract between the plugins: the one place that says what each plugin
adds to the context and to documents, which plugins each needs before it, and
every plugin's merged setting.

A plugin never spells another plugin's context key or reads another
plugin's raw setting: it imports the name from here and asks here for the
merged value. `prepare(settings)` runs once, at the first `initialized`
receiver (and in the command-line tasks that read settings without a
build): it checks PLUGINS and merges every setting, each exactly once.
"""

import os

from .problems import ConfigurationError

# -- Context keys (Pelican copies settings into every generator's context) ----

# campaign_content: the targets and people (campaign_content.data.Data).
CAMPAIGN_DATA = "CAMPAIGN_DATA"
# campaign_content: the date that decides whether an action is open.
CAMPAIGN_BUILD_DATE = "CAMPAIGN_BUILD_DATE"
# campaign_content: {(kind, slug, lang)} left out for bad input, already reported.
SKIPPED_DOCUMENTS = "SKIPPED_DOCUMENTS"
# multilingual: [Language] in order, for templates.
LANGUAGES = "LANGUAGES"
# translation_stubs: the translation status report of the whole site.
TRANSLATION_STATUS = "TRANSLATION_STATUS"
# translation_stubs (a setting, so that the build's caller sees it): {original path: [why]} held back.
TRANSLATION_HELD_BACK = "TRANSLATION_HELD_BACK"
# social_cards: {lang: card path} of the site's own card.
SOCIAL_SITE_CARDS = "SOCIAL_SITE_CARDS"
# images: {person id: Picture}.
PEOPLE_PICTURES = "PEOPLE_PICTURES"
# incremental: the build's plan and recorder (incremental.IncrementalBuild), or absent.
INCREMENTAL = "INCREMENTAL_STATE"
# incremental: ARTICLE_PATHS + PAGE_PATHS as configured, when a partial build narrowed them.
INCREMENTAL_DOCUMENT_PATHS = "INCREMENTAL_DOCUMENT_PATHS"
# campaign_content: the build's ConversionCache (a setting, so every reader of the build shares it).
CONVERSION_CACHE = "CAMPAIGN_CONVERSION_CACHE"
# multilingual: the theme's catalogs and languages (multilingual.i18n.ThemeTranslations), loaded once
# per build (a setting, so that the readers and CardTexts, which see only the settings, share it too).
THEME_TRANSLATIONS = "MULTILINGUAL_THEME_TRANSLATIONS"
# Set by prepare(): every plugin setting below is merged.
SETTINGS_MERGED = "CAMPAIGN_SETTINGS_MERGED"

# -- Document attributes: who adds them (templates and the named plugins read them) --

DOCUMENT_ATTRIBUTES = {
    "campaign_content": ("kind", "targets", "people", "is_open", "deadline_passed", "briefing_page",
                         "related_actions", "outcome", "outcome_date", "outcome_lang", "letter", "toc",
                         "read_problems", "field_lines", "mail_to"),
    "multilingual": ("translations", "language_links", "alternates"),
    "translation_stubs": ("translation_state", "outdated_original", "awaiting_review"),
    "petition_links": ("act_links",),
    "social_cards": ("social_card",),
    "images": ("lead_image",),
}
# What list pages, feeds and the sitemap may show of a document (multilingual
# keeps these in its records): Pelican's own attributes, then campaign_content's.
LIST_ATTRIBUTES = ("title", "summary", "date", "category", "author", "tags", "modified",
                   "deadline", "is_open", "state")

# -- The plugins, in the order PLUGINS must list them, and what each needs before it --

PLUGIN_ORDER = ("campaign_content", "multilingual", "translation_stubs", "petition_links", "social_cards",
                "images", "parallel_render", "incremental")
REQUIRES = {
    "campaign_content": (),
    "multilingual": ("campaign_content",),
    "translation_stubs": ("campaign_content", "multilingual"),
    "petition_links": ("campaign_content", "multilingual"),
    "social_cards": ("campaign_content", "multilingual"),
    "images": ("campaign_content", "multilingual"),
    "parallel_render": (),
    "incremental": ("campaign_content", "multilingual"),
}


def check_plugins(loaded):
    """Raise a ConfigurationError unless every plugin of ours in `loaded` has
    the plugins it needs, listed before it, and ours keep PLUGIN_ORDER."""
    ours = [name for name in loaded if name in REQUIRES]
    for position, name in enumerate(ours):
        for needed in REQUIRES[name]:
            if needed not in ours:
                raise ConfigurationError(
                    f"PLUGINS lists '{name}', which needs '{needed}': add '{needed}' before it in pelicanconf.py")
            if ours.index(needed) > position:
                raise ConfigurationError(
                    f"PLUGINS lists '{name}' before '{needed}', which it needs first: in pelicanconf.py, list them as "
                    f"{', '.join(n for n in PLUGIN_ORDER if n in ours)}")
    expected = [name for name in PLUGIN_ORDER if name in ours]
    if ours != expected:
        raise ConfigurationError(f"PLUGINS lists the campaign plugins as {', '.join(ours)}; their signals must run "
                                 f"in the order {', '.join(expected)}: list them so in pelicanconf.py")


# -- Settings: every plugin's one dict setting, merged once ---------------------

def _campaign_content(settings):
    from campaign_content.settings import merge_settings
    return merge_settings(settings.get("CAMPAIGN_CONTENT"))


def _multilingual(settings):
    from multilingual.settings import merge_settings
    return merge_settings(settings.get("MULTILINGUAL"), settings["DEFAULT_LANG"], settings["THEME"])


def _translation_stubs(settings):
    from translation_stubs.settings import merge_settings
    return merge_settings(settings.get("TRANSLATION_STUBS"), settings["MULTILINGUAL"]["languages"],
                          settings["DEFAULT_LANG"])


def _petition_links(settings):
    from petition_links.settings import merge_settings
    return merge_settings(settings.get("PETITION_LINKS"))


def _social_cards(settings):
    from social_cards.settings import merge_settings
    return merge_settings(settings.get("SOCIAL_CARDS"), settings["THEME"])


def _parallel_render(settings):
    from parallel_render.settings import merge_settings
    return merge_settings(settings.get("PARALLEL_RENDER"))


def _incremental(settings):
    from incremental.settings import merge_settings
    return merge_settings(settings.get("INCREMENTAL"))


# In merge order: translation_stubs checks its languages against the merged MULTILINGUAL.
MERGERS = (
    ("CAMPAIGN_CONTENT", _campaign_content),
    ("MULTILINGUAL", _multilingual),
    ("TRANSLATION_STUBS", _translation_stubs),
    ("PETITION_LINKS", _petition_links),
    ("SOCIAL_CARDS", _social_cards),
    ("PARALLEL_RENDER", _parallel_render),
    ("INCREMENTAL", _incremental),
)


def prepare(settings):
    """Check PLUGINS and merge every plugin's setting in `settings`, once; return `settings`."""
    if settings.get(SETTINGS_MERGED):
        return settings
    check_plugins([os.path.basename(str(name)) for name in settings.get("PLUGINS") or ()])
    for name, merge in MERGERS:
        settings[name] = merge(settings)
    settings[SETTINGS_MERGED] = True
    return settings


def merged(settings, name):
    """One plugin's merged setting (`name` as in MERGERS, e.g. "MULTILINGUAL")."""
    return prepare(settings)[name]


# -- Languages -------------------------------------------------------------------

def languages(settings):
    """The configured languages, the default one first."""
    return merged(settings, "MULTILINGUAL")["languages"]


# -- Document kinds --------------------------------------------------------------

PAGES = "pages"


def kind_of_source(source):
    """The kind of a document from its path under PATH ('actions/x.md' -> 'actions'): the first folder."""
    first, separator, _ = source.replace(os.sep, "/").partition("/")
    return first if separator else PAGES


def kind_of(document):
    """What a document is ('actions', 'briefings', 'pages'), as PATH_METADATA gave it."""
    return getattr(document, "kind", None) or PAGES


# -- The incremental build, as other plugins see it --------------------------------
#
# `incremental(context)` gives (plan, record). The plan only answers
# questions about this build and the last one; the recorder only takes
# note of what this build wrote and wants the next build to know. Without
# the incremental plugin every build is full and nothing is recorded: these
# base classes are that case, and the incremental plugin subclasses them.


class FullBuildNeeded(Exception):
    """Raised by a plugin when a partial build finds its change reaches further: sitebuild builds everything."""


class WiderBuildNeeded(Exception):
    """Raised by a plugin when other pages show what changed: sitebuild builds again, writing those too."""


class Plan:
    """What this build reads and writes, and what the last build left (read-only)."""

    partial = False
    reread = frozenset()  # document sources read in this (partial) build

    def previous(self, name, default=None):
        """What a plugin remembered in the last build."""
        return default

    def previous_large(self, name, default=None):
        """What a plugin kept apart in the last build (Recorder.remember_large)."""
        return default

    def is_current(self, output, key):
        """Whether the last build wrote `output` from the same key and it is still there."""
        return False

    def writes_pages_of(self, document):
        """Whether this build writes the document's own pages."""
        return True

    def wider_build_reason(self, sources):
        """Why pages besides these documents' own must be written, now that what they show changed; or None."""
        return None

    def documents_key(self):
        """A key of every document source and everything else the build depends on; None: never current."""
        return None


class Recorder:
    """What this build wrote and what it leaves for the next one."""

    def remember(self, name, value):
        pass

    def remember_large(self, name, value):
        pass

    def output(self, output, key):
        """`output` (relative to OUTPUT_PATH) was written from `key`."""

    def page(self, output, document):
        """`output` is one of `document`'s own pages."""

    def published(self, output):
        """`output` is a file of content published as it is or resized (an image's copy or variant): a
        full build that no longer publishes it takes it out of the site, as a fresh build would not have it."""


class IncrementalBuild:
    def __init__(self, plan, record):
        self.plan, self.record = plan, record


FULL_BUILD = IncrementalBuild(Plan(), Recorder())


def incremental(context):
    """This build's IncrementalBuild (plan, record): a full one without the incremental plugin."""
    return context.get(INCREMENTAL) or FULL_BUILD


def merged_onto_defaults(plugin, setting, user_value, defaults):
    """The rule every plugin's dict setting starts with: None means the defaults; anything but a
    dict, or a key the plugin does not know, is a ConfigurationError naming the setting."""
    user_value = {} if user_value is None else user_value
    if not isinstance(user_value, dict):
        raise ConfigurationError(f"{plugin}: {setting} must be a dict, not {type(user_value).__name__}")
    unknown = sorted(set(user_value) - set(defaults))
    if unknown:
        raise ConfigurationError(f"{plugin}: unknown key(s) {', '.join(map(repr, unknown))} in {setting}; "
                                 f"known keys are {', '.join(sorted(defaults))}")
    return {**defaults, **user_value}
