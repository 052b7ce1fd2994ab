"""Production settings (`invoke publish`): pelicanconf.py plus these.

SITEURL, the site's public address, comes from the environment, e.g.

    SITEURL=https://campaign.example.org invoke publish

(CAMPAIGN_SITEURL is read too). It is used where an address must be
absolute: feeds, the sitemap, hreflang alternates and shared links. Page
links stay relative (RELATIVE_URLS), so the same build also works from a
sub-folder, a mirror or file://.
"""

import os
import sys

sys.path.append(os.path.dirname(os.path.abspath(__file__)))
sys.path.append(os.path.join(os.path.dirname(os.path.abspath(__file__)), "plugins"))

from campaign.problems import ConfigurationError  # noqa: E402
from pelicanconf import *  # noqa: E402,F401,F403


class PublishConfigError(ConfigurationError):
    """publishconf.py cannot work out the site's address."""


def site_url_from_environment(environ=os.environ):
    """The absolute site address from SITEURL or CAMPAIGN_SITEURL, without a trailing slash."""
    value = (environ.get("SITEURL") or environ.get("CAMPAIGN_SITEURL") or "").strip()
    if not value:
        raise PublishConfigError(
            "publishconf.py: SITEURL is not set. Give the site's public address, e.g. "
            "`SITEURL=https://campaign.example.org invoke publish` (or set CAMPAIGN_SITEURL)")
    if not value.startswith(("https://", "http://")):
        raise PublishConfigError(
            f"publishconf.py: SITEURL must be an absolute http(s) address such as https://campaign.example.org, "
            f"not {value!r}")
    return value.rstrip("/")


SITEURL = site_url_from_environment()
RELATIVE_URLS = True

# Feeds: one Atom feed per language, written by the multilingual plugin.
MULTILINGUAL = {**MULTILINGUAL, "feeds": True}  # noqa: F405

# Translations awaiting review (in TRANSLATION_STUBS["review_languages"])
# are left out; an open action not ready in one of its Required-Languages is
# held back (written in no language) while the rest of the site publishes;
# and the team's status page, which names translators and reviewers, is not
# published: names go to the CI job summary and a build artifact only
# (docs/publishing.md).
TRANSLATION_STUBS = {**TRANSLATION_STUBS, "unreviewed": "hide", "required_languages": "hold",  # noqa: F405
                     "status_page": None}

# build.json: when the site was built and how many actions are open, for an
# uptime monitor to catch a site whose daily build stopped (docs/publishing.md).
CAMPAIGN_CONTENT = {**CAMPAIGN_CONTENT, "build_record": "build.json"}  # noqa: F405

# Share previews: a card per action and briefing in each language (plugins/social_cards).
SOCIAL_CARDS = {"enabled": True}

DELETE_OUTPUT_DIRECTORY = True
