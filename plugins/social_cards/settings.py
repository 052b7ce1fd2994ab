"""The SOCIAL_CARDS setting: defaults, merging and validation."""

import os

from campaign.contract import merged_onto_defaults
from campaign.problems import ConfigurationError

SETTING = "SOCIAL_CARDS"
DEFAULTS = {
    # Draw cards (a production build's job: previews need absolute addresses).
    "enabled": False,
    # Fonts under THEME: a freely licensed one covering Latin, Cyrillic (with
    # the Kazakh letters) and Arabic.
    "bold_font": "fonts/DejaVuSans-Bold.ttf",
    "regular_font": "fonts/DejaVuSans.ttf",
}

def merge_settings(user_value, theme):
    merged = merged_onto_defaults("social_cards", SETTING, user_value, DEFAULTS)
    for key in ("bold_font", "regular_font"):
        path = os.path.join(theme, merged[key])
        if merged["enabled"] and not os.path.isfile(path):
            raise ConfigurationError(f"social_cards: {SETTING}['{key}'] = {merged[key]!r} is not a font file under "
                                     f"the theme ({path})")
        merged[key] = path
    return merged
