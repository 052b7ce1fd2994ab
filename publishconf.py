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

from campaign.addresses import site_url_from_environment  # noqa: E402
from pelicanconf import *  # noqa: E402,F401,F403


SITEURL = site_url_from_environment(os.environ)
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
