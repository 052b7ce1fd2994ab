"""The PARALLEL_RENDER setting: defaults, merging and validation."""

from campaign.contract import merged_onto_defaults
from campaign.problems import ConfigurationError

SETTING = "PARALLEL_RENDER"
DEFAULTS = {
    # Processes that render pages; 0 means one per CPU core, 1 turns it off.
    "processes": 0,
    # Below this many pages the forks cost more than they save.
    "min_pages": 200,
}



def merge_settings(user_value):
    merged = merged_onto_defaults("parallel_render", SETTING, user_value, DEFAULTS)
    for key in DEFAULTS:
        value = merged[key]
        if not isinstance(value, int) or isinstance(value, bool) or value < 0:
            raise ConfigurationError(f"parallel_render: {SETTING}['{key}'] must be a whole number >= 0")
    return merged
