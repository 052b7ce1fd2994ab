"""The INCREMENTAL setting: defaults, merging and validation."""

from campaign.contract import merged_onto_defaults
from campaign.problems import ConfigurationError

SETTING = "INCREMENTAL"

DEFAULTS = {
    # False: every build reads every document (the manifest is still kept).
    "enabled": True,
    # Metadata fields that name another document: {field: kind of the named
    # document}. An action's page shows its briefing and a briefing's page
    # lists its actions, so a change to one rebuilds the other.
    "references": {"briefing": "briefings"},
    # Folders besides the theme, the plugins and the content folder whose
    # files every page may depend on: any change there means a full build.
    "extra_paths": [],
}



def merge_settings(user_value):
    """Return INCREMENTAL merged onto DEFAULTS, or raise naming the key and the fix."""
    merged = merged_onto_defaults("incremental", SETTING, user_value, DEFAULTS)
    if not isinstance(merged["enabled"], bool):
        raise ConfigurationError(f"incremental: {SETTING}['enabled'] must be True or False")
    references = merged["references"]
    if not isinstance(references, dict) or not all(
            isinstance(k, str) and isinstance(v, str) and k and v for k, v in references.items()):
        raise ConfigurationError(
            f"incremental: {SETTING}['references'] must map a metadata field to a kind, "
            'e.g. {"briefing": "briefings"}')
    extra = merged["extra_paths"]
    if not isinstance(extra, (list, tuple)) or not all(isinstance(p, str) for p in extra):
        raise ConfigurationError(f"incremental: {SETTING}['extra_paths'] must be a list of folder paths")
    merged["extra_paths"] = list(extra)
    return merged
