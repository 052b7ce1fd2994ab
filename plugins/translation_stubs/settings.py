"""The TRANSLATION_STUBS setting: defaults, merging and validation."""

from campaign.contract import merged_onto_defaults
from campaign.problems import ConfigurationError

SETTING = "TRANSLATION_STUBS"

DEFAULTS = {
    # An outdated translation's page says so and links to the current original.
    "outdated_notice": True,
    # Where the build writes the team's translation status page (a folder path
    # ending in '/'); None writes no page.
    "status_page": "translation-status/",
    # Languages whose translations must be reviewed before they are published
    # (Translation-Status: reviewed). [] asks for no review.
    "review_languages": [],
    # What a build does with a translation that still awaits review in one of
    # review_languages: "show" it with a "not yet reviewed" mark (pelicanconf.py,
    # for translators and reviewers) or "hide" it (publishconf.py).
    "unreviewed": "show",
    # An action whose Required-Languages are not ready (missing, stub,
    # outdated, or awaiting review): "notice" mentions it in the build log,
    # "error" logs an error per language, so a strict build fails (publishconf.py).
    "required_languages": "notice",
}
UNREVIEWED_VALUES = ("show", "hide")
REQUIRED_LANGUAGES_VALUES = ("notice", "error", "hold")



def merge_settings(user_value, languages=None, default_lang=None):
    """Return TRANSLATION_STUBS merged onto DEFAULTS, or raise naming the key.

    `languages` (the configured ones) and `default_lang`, when given, are
    what review_languages may name.
    """
    merged = merged_onto_defaults("translation_stubs", SETTING, user_value, DEFAULTS)
    if not isinstance(merged["outdated_notice"], bool):
        raise ConfigurationError(
            f"translation_stubs: {SETTING}['outdated_notice'] must be True or False"
        )
    page = merged["status_page"]
    if page is not None and (not isinstance(page, str) or not page.endswith("/") or page.startswith("/")
                             or ".." in page.split("/")):
        raise ConfigurationError(
            f"translation_stubs: {SETTING}['status_page'] must be a folder path such as "
            f"'translation-status/' (no leading '/', ending in '/') or None, not {page!r}"
        )
    review = merged["review_languages"]
    if not isinstance(review, (list, tuple)) or not all(isinstance(lang, str) for lang in review):
        raise ConfigurationError(
            f"translation_stubs: {SETTING}['review_languages'] must be a list of language codes such as "
            f"['ru', 'kk'], not {review!r}"
        )
    for lang in review:
        if lang == default_lang:
            raise ConfigurationError(
                f"translation_stubs: {SETTING}['review_languages'] names '{lang}', the original language, "
                "which has no translations to review; remove it"
            )
        if languages is not None and lang not in languages:
            raise ConfigurationError(
                f"translation_stubs: {SETTING}['review_languages'] names '{lang}', which is not in "
                f"MULTILINGUAL['languages'] ({', '.join(languages)}); remove it or configure the language"
            )
    merged["review_languages"] = list(review)
    for key, allowed in (("unreviewed", UNREVIEWED_VALUES), ("required_languages", REQUIRED_LANGUAGES_VALUES)):
        if merged[key] not in allowed:
            raise ConfigurationError(
                f"translation_stubs: {SETTING}[{key!r}] must be {' or '.join(map(repr, allowed))}, not {merged[key]!r}"
            )
    return merged
