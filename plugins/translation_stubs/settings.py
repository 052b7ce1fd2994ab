"""The TRANSLATION_STUBS setting: defaults, merging and validation."""

SETTING = "TRANSLATION_STUBS"

DEFAULTS = {
    # An outdated translation's page says so and links to the current original.
    "outdated_notice": True,
    # Where the build writes the team's translation status page (a folder path
    # ending in '/'); None writes no page.
    "status_page": "translation-status/",
}


class TranslationStubsSettingsError(ValueError):
    """A bad TRANSLATION_STUBS setting in pelicanconf.py."""


def merge_settings(user_value):
    """Return TRANSLATION_STUBS merged onto DEFAULTS, or raise naming the key."""
    user_value = {} if user_value is None else user_value
    if not isinstance(user_value, dict):
        raise TranslationStubsSettingsError(
            f"translation_stubs: {SETTING} must be a dict, not {type(user_value).__name__}"
        )
    unknown = sorted(set(user_value) - set(DEFAULTS))
    if unknown:
        raise TranslationStubsSettingsError(
            f"translation_stubs: unknown key(s) {', '.join(map(repr, unknown))} in {SETTING}; "
            f"known keys are {', '.join(sorted(DEFAULTS))}"
        )
    merged = {**DEFAULTS, **user_value}
    if not isinstance(merged["outdated_notice"], bool):
        raise TranslationStubsSettingsError(
            f"translation_stubs: {SETTING}['outdated_notice'] must be True or False"
        )
    page = merged["status_page"]
    if page is not None and (not isinstance(page, str) or not page.endswith("/") or page.startswith("/")
                             or ".." in page.split("/")):
        raise TranslationStubsSettingsError(
            f"translation_stubs: {SETTING}['status_page'] must be a folder path such as "
            f"'translation-status/' (no leading '/', ending in '/') or None, not {page!r}"
        )
    return merged
