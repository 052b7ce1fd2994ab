"""multilingual.i18n: the templates' gettext gives what Jinja's newstyle gettext gives with our callables (which
take a message as text), in each page's language."""

import gettext

import pytest
from jinja2 import DictLoader, Environment

from multilingual.i18n import ThemeTranslations

MESSAGES = {
    "ru": {"Actions": "Акции", "Share": "<b>Поделиться</b>", "%(count)s of %(total)s": "%(count)s из %(total)s",
           "Fully 100%%": "Целиком 100%%"},
    "kk": {"Actions": "Акциялар"},
}

TEMPLATES = {
    "plain": "{{ _('Actions') }}|{{ gettext('Actions') }}|{{ _('Untranslated & <kept>') }}",
    "markup": "{{ _('Share') }}",
    "variables": "{{ _('%(count)s of %(total)s', count=3, total='<9>') }}",
    "percent": "{{ _('Fully 100%%') }}",
    "trans": "{% trans count=2 %}{{ count }} of many{% endtrans %}|{% trans %}Actions{% endtrans %}",
    "plural": "{% trans count=n %}one letter{% pluralize %}{{ count }} letters{% endtrans %}",
    "context": "{{ pgettext('menu', 'Actions') }}",
    "escaping": "{% autoescape false %}{{ _('Share')|e }}{% endautoescape %}|{{ _('Share')|e }}",
    "repeated": "{% for i in range(3) %}{{ _('Actions') }} {% endfor %}",
}


class Catalog(gettext.NullTranslations):
    def __init__(self, messages):
        super().__init__()
        self.messages = messages

    def gettext(self, message):
        return self.messages.get(message, message)


def environment(autoescape, fast):
    translations = ThemeTranslations({lang: Catalog(messages) for lang, messages in MESSAGES.items()}, [], "en")
    env = Environment(loader=DictLoader(TEMPLATES), autoescape=autoescape, extensions=["jinja2.ext.i18n"])
    gettext_, ngettext, pgettext, npgettext = translations.callables()
    env.install_gettext_callables(gettext_, ngettext, newstyle=True, pgettext=pgettext, npgettext=npgettext)
    if fast:
        env.globals["gettext"] = env.globals["_"] = translations.template_gettext()
    return env


@pytest.mark.parametrize("autoescape", [True, False])
@pytest.mark.parametrize("name", sorted(TEMPLATES))
def test_templates_translate_as_jinjas_own_gettext_does(name, autoescape):
    stock, fast = environment(autoescape, fast=False), environment(autoescape, fast=True)
    for lang in ("en", "ru", "kk", "de"):
        context = {"lang": lang, "n": 4}
        # Twice: the second rendering of each language is answered from what the first looked up.
        expected = stock.get_template(name).render(context)
        assert fast.get_template(name).render(context) == expected
        assert fast.get_template(name).render(context) == expected


def test_each_page_gets_its_own_language_and_variables_are_escaped():
    env = environment(True, fast=True)
    # A message is text, translated or not (unlike Jinja's own, which takes it as markup): catalogs are
    # translators' work (tests/hostile plants markup in one). Variables are escaped too.
    assert env.get_template("plain").render(lang="ru") == "Акции|Акции|Untranslated &amp; &lt;kept&gt;"
    assert env.get_template("plain").render(lang="kk").startswith("Акциялар|")
    assert env.get_template("plain").render(lang="en").startswith("Actions|")
    assert env.get_template("markup").render(lang="ru") == "&lt;b&gt;Поделиться&lt;/b&gt;"
    assert env.get_template("variables").render(lang="ru") == "3 из &lt;9&gt;"
    assert env.get_template("percent").render(lang="ru") == "Целиком 100%"
