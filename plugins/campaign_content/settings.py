"""The CAMPAIGN_CONTENT setting: defaults, merging and validation."""

import datetime

from campaign.contract import merged_onto_defaults
from campaign.problems import ConfigurationError

SETTING = "CAMPAIGN_CONTENT"

DEFAULTS = {
    # Folder under PATH holding targets.toml and people.toml.
    "data_path": "data",
    # The date that decides whether an action is still open. None means the
    # day of the build in TIMEZONE, so a scheduled build closes actions on time.
    "today": None,
    # A briefing with at least this many headings gets a table of contents.
    "toc_min_headings": 3,
    # Facts declared only in the default-language document; translations
    # inherit them, and one that sets a different value is an error.
    "locked_fields": ["date", "deadline", "state", "outcome-date", "targets", "petition", "people", "briefing",
                      "required-languages"],
    # Processes converting Markdown when a build reads many files: 1 reads
    # in this process only; above 1, that many workers convert while this
    # process reads behind them; 0, one worker per CPU core (reader.py, prefetch).
    "read_processes": 1,
    # A small JSON file under the output folder saying when the site was
    # built and how many actions are open and closed, for an uptime monitor
    # to see a stale site (publishconf.py sets "build.json"); None: none.
    "build_record": None,
    # Keep each document's conversion in CACHE_PATH/conversions, keyed by its
    # text, the settings and the code (conversions.py): every build, strict
    # and publish ones included, converts only documents that changed.
    "conversion_cache": True,
    # The page whose Summary introduces the site on every language's home
    # page (its translations give it in their language); None: no introduction.
    "home_intro": "about",
    # Plain text files under PATH the site publishes as they are besides images, each named by its path
    # (e.g. "extra/robots.txt", which STATIC_PATHS and EXTRA_PATH_METADATA put at the site's root; see
    # docs/authoring.md). Only .txt: a page, an SVG or a script would run on the site's own address.
    "text_files": [],
}
TEXT_FILE_EXTENSION = ".txt"
LOCKABLE = ("date", "deadline", "state", "outcome-date", "targets", "petition", "people", "briefing", "modified",
            "required-languages")



def merge_settings(user_value):
    """Return the CAMPAIGN_CONTENT dict merged onto DEFAULTS, or raise."""
    merged = merged_onto_defaults("campaign_content", SETTING, user_value, DEFAULTS)
    if not isinstance(merged["data_path"], str) or not merged["data_path"]:
        raise ConfigurationError(
            f"campaign_content: {SETTING}['data_path'] must be a folder name under PATH"
        )
    today = merged["today"]
    if isinstance(today, str):
        try:
            merged["today"] = datetime.date.fromisoformat(today)
        except ValueError:
            raise ConfigurationError(
                f"campaign_content: {SETTING}['today'] = {today!r} is not a date; "
                "write it as YYYY-MM-DD or leave it out"
            ) from None
    elif today is not None and not isinstance(today, datetime.date):
        raise ConfigurationError(
            f"campaign_content: {SETTING}['today'] must be a YYYY-MM-DD string or None"
        )
    locked = merged["locked_fields"]
    if not isinstance(locked, (list, tuple)) or not all(field in LOCKABLE for field in locked):
        raise ConfigurationError(
            f"campaign_content: {SETTING}['locked_fields'] must be a list of fields among {', '.join(LOCKABLE)}"
        )
    merged["locked_fields"] = list(locked)
    minimum = merged["toc_min_headings"]
    if not isinstance(minimum, int) or isinstance(minimum, bool) or minimum < 1:
        raise ConfigurationError(
            f"campaign_content: {SETTING}['toc_min_headings'] must be a whole number >= 1"
        )
    record = merged["build_record"]
    if record is not None and (not isinstance(record, str) or not record.endswith(".json") or "/" in record
                               or record.startswith(".")):
        raise ConfigurationError(
            f"campaign_content: {SETTING}['build_record'] must be a file name ending in .json, e.g. 'build.json', or None"
        )
    if not isinstance(merged["conversion_cache"], bool):
        raise ConfigurationError(f"campaign_content: {SETTING}['conversion_cache'] must be True or False")
    text_files = merged["text_files"]
    if not isinstance(text_files, (list, tuple)) or not all(is_text_file_name(name) for name in text_files):
        raise ConfigurationError(
            f"campaign_content: {SETTING}['text_files'] must be a list of paths under PATH, each ending in "
            f"{TEXT_FILE_EXTENSION}, written with '/' and without '..', e.g. ['extra/robots.txt']"
        )
    merged["text_files"] = list(text_files)
    processes = merged["read_processes"]
    if not isinstance(processes, int) or isinstance(processes, bool) or processes < 0:
        raise ConfigurationError(
            f"campaign_content: {SETTING}['read_processes'] must be a whole number >= 0 (0: one per CPU core)"
        )
    return merged


def is_text_file_name(name):
    """Whether `name` can be one of text_files: a relative path, with '/', to a .txt file."""
    if not isinstance(name, str) or not name.endswith(TEXT_FILE_EXTENSION) or "\\" in name:
        return False
    parts = name.split("/")
    return not name.startswith("/") and all(part not in ("", ".", "..") for part in parts)


def build_date(merged, timezone_name):
    """The date that decides open and closed actions."""
    if merged["today"] is not None:
        return merged["today"]
    from zoneinfo import ZoneInfo

    return datetime.datetime.now(ZoneInfo(timezone_name or "UTC")).date()
