"""Everything an open action page offers: letters, petition, share links.

`act_links()` is a plain function of one action's data and the merged
PETITION_LINKS setting; the generator hands its result to the templates.
"""

import dataclasses

from multilingual.i18n import language_name

from .letter import group_targets, with_salutations
from .networks import NETWORKS
from .settings import networks_for
from .urls import WEBMAIL_BUILDERS, add_utm, encode_letter, mailto_link, mailto_subject_link


@dataclasses.dataclass(frozen=True)
class LetterVersion:
    """One letter, in one language, to one group of targets."""

    lang: str
    language_name: str
    subject: str
    body: str
    # The targets with their texts (address, salutation) in this language.
    targets: list
    # None when the mailto URL would be over the budget.
    mailto: object
    mailto_length: int
    webmail: list
    # Over the budget: a mailto with the addresses and subject only, the letter to paste.
    mailto_short: object = None

    @property
    def over_budget(self):
        return self.mailto is None

    @property
    def text(self):
        """The letter as one text, ready to copy."""
        return f"{self.subject}\n\n{self.body}"


@dataclasses.dataclass(frozen=True)
class LetterGroup:
    """Targets written to together; versions[0] is in their language."""

    lang: str
    targets: list
    emails: list
    versions: list

    @property
    def side_by_side(self):
        return len(self.versions) > 1


@dataclasses.dataclass(frozen=True)
class ShareLink:
    # The network's key (networks.NETWORKS): the link's class is share-<network>.
    network: str
    # The button's text, in the page's language.
    name: str
    url: str


@dataclasses.dataclass(frozen=True)
class ActLinks:
    groups: list
    petition: object
    share: list
    letter_page: object


@dataclasses.dataclass(frozen=True)
class OverBudget:
    """A letter whose mailto URL is over the budget (a build warning)."""

    lang: str
    length: int
    emails: tuple


def send_links(subject, body, emails, config):
    """(mailto URL, [(web composer, URL)]) of one letter; composers over the budget are left out."""
    encoded = encode_letter(subject, body, config["cc"])
    webmail = []
    for name in config["webmail"]:
        url = WEBMAIL_BUILDERS[name](emails, encoded)
        if len(url) <= config["mailto_budget"]:
            webmail.append((name, url))
    return mailto_link(emails, encoded), webmail


class LetterSender:
    """send_links() made once per letter text and recipients: the same letter
    to the same targets is offered on the pages of several languages (1,212
    distinct of 2,020 letters on the 1,000 x 3 bench corpus)."""

    def __init__(self, config):
        self.config = config
        self._made = {}

    def links(self, subject, body, emails):
        key = (subject, body, tuple(emails))
        if key not in self._made:
            self._made[key] = send_links(subject, body, emails, self.config)
        return self._made[key]


def letter_version(letter, lang, page_lang, targets, emails, config, sender=None, closing=""):
    """The letter in `lang` with the targets' salutation in that language, the sender's `closing`
    line (name and town, in that language) at the end, and its links."""
    body = with_salutations(letter.body, [t.salutation for t in targets])
    if closing:
        body = body.rstrip("\n") + "\n" + closing
    mailto, webmail = (sender or LetterSender(config)).links(letter.subject, body, emails)
    too_long = len(mailto) > config["mailto_budget"]
    return LetterVersion(
        lang=lang,
        language_name=language_name(lang, page_lang),
        subject=letter.subject,
        body=body,
        targets=targets,
        mailto=None if too_long else mailto,
        mailto_length=len(mailto),
        webmail=webmail,
        mailto_short=short_mailto(emails, letter.subject, config["mailto_budget"]) if too_long else None,
    )


def short_mailto(emails, subject, budget):
    """The send button of a letter too long for a link: the addresses and the subject, or the addresses alone
    when the subject does not fit either (fifty officials and a long Cyrillic subject); the page shows the
    subject with the letter to copy."""
    link = mailto_subject_link(emails, subject)
    return link if len(link) <= budget else mailto_subject_link(emails, None)


def by_salutation(members, langs, default_lang):
    """`members` split so that each part shares one salutation in every language of `langs`, in order."""
    parts = {}
    for target in members:
        key = tuple(target.in_language(lang, default_lang).salutation.strip() for lang in langs)
        parts.setdefault(key, []).append(target)
    return list(parts.values())


def letter_groups(page_lang, target_ids, raw_targets, letters, default_lang, config, sender=None, closings=None):
    """[LetterGroup] for one page: `letters` is {lang: Letter} of the action's versions.

    Each group's letter opens with exactly one salutation: officials whose
    salutations differ get a send link each. `closings` is {lang: the
    sender's name-and-town line}; `sender`, a LetterSender, lets the pages of
    one build share their letters' links.
    """
    if page_lang not in letters:
        return []
    sender = sender or LetterSender(config)
    closings = closings or {}
    ordered = [raw_targets[i] for i in target_ids if i in raw_targets]
    groups = []
    for lang, ids in group_targets(ordered, page_lang, set(letters)):
        version_langs = list(dict.fromkeys([lang, page_lang]))
        for members in by_salutation([raw_targets[i] for i in ids], version_langs, default_lang):
            groups.append(_letter_group(lang, members, version_langs, page_lang, letters, default_lang, config,
                                        sender, closings))
    return groups


def _letter_group(lang, members, version_langs, page_lang, letters, default_lang, config, sender, closings):
    emails = [t.email for t in members]
    versions = []
    for version_lang in version_langs:
        localized = [t.in_language(version_lang, default_lang) for t in members]
        versions.append(letter_version(letters[version_lang], version_lang, page_lang, localized, emails, config,
                                       sender, closings.get(version_lang, "")))
    return LetterGroup(lang=lang, targets=[t.in_language(page_lang, default_lang) for t in members], emails=emails,
                       versions=versions)


def over_budget(groups):
    return [OverBudget(v.lang, v.mailto_length, tuple(g.emails)) for g in groups for v in g.versions if v.over_budget]


def campaign_name(config, slug):
    return config["utm_campaign"] or slug


def petition_link(url, slug, config):
    if not url:
        return None
    if config["utm"]:
        return add_utm(url, "campaign-site", "referral", campaign_name(config, slug))
    return url


def share_links(page_url, title, text, lang, slug, config, networks=NETWORKS, translate=None):
    """[ShareLink] in the language's order; none without an absolute page URL.

    `networks` is the registry `config` was merged with; `translate` (a gettext
    function of the page's language) gives each button its name.
    """
    if not page_url:
        return []
    translate = translate or (lambda name: name)
    links = []
    for key in networks_for(config, lang, networks):
        network = networks[key]
        url = page_url
        if config["utm"]:
            url = add_utm(page_url, network.key, network.utm_medium, campaign_name(config, slug))
        links.append(ShareLink(network.key, translate(network.name),
                               network.url(url, title, text, config["mastodon_instance"])))
    return links


def act_links(page_lang, slug, target_ids, raw_targets, letters, default_lang, config,
              petition=None, page_url=None, title="", share_text="", letter_page=None, sender=None, closings=None,
              translate=None):
    """ActLinks for an open action page in `page_lang`; `translate` is that language's gettext."""
    return ActLinks(
        groups=letter_groups(page_lang, target_ids, raw_targets, letters, default_lang, config, sender, closings),
        petition=petition_link(petition, slug, config),
        share=share_links(page_url, title, share_text or title, page_lang, slug, config, translate=translate),
        letter_page=letter_page,
    )
