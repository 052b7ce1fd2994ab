"""The contract between the plugins (plugins/campaign/contract.py) holds in a real build."""

import pytest
from pelican import signals

from campaign import contract
from campaign.problems import ConfigurationError
from conftest import ROOT, build_site, minimal_files
from sitebuild import load_settings

ALL = list(contract.PLUGIN_ORDER)


def test_the_demo_settings_list_the_plugins_in_the_contract_order():
    settings = load_settings(str(ROOT / "pelicanconf.py"))
    assert [name for name in settings["PLUGINS"] if name in contract.REQUIRES] == ALL
    assert settings[contract.SETTINGS_MERGED] is True


@pytest.mark.parametrize("plugins, message", [
    ([n for n in ALL if n != "multilingual"], "PLUGINS lists 'translation_stubs', which needs 'multilingual'"),
    (["multilingual", "campaign_content"] + ALL[2:], "PLUGINS lists 'multilingual' before 'campaign_content'"),
    (ALL[:-2] + ["incremental", "parallel_render"], "must run in the order"),
])
def test_plugins_missing_or_out_of_order_stop_the_build_with_the_fix(tmp_path, plugins, message):
    with pytest.raises(ConfigurationError, match=message) as raised:
        build_site(tmp_path, minimal_files(), settings={"PLUGINS": plugins})
    assert "pelicanconf.py" in str(raised.value)


def test_every_setting_is_merged_once_and_read_merged_by_tasks(tmp_path):
    settings = load_settings(str(ROOT / "pelicanconf.py"), overrides={"DEFAULT_LANG": "en",
                                                                     "MULTILINGUAL": {"languages": ["ru", "en"]}})
    assert contract.languages(settings) == ["en", "ru"]  # the default language first, once
    for name, _ in contract.MERGERS:
        assert isinstance(settings[name], dict), name
    merged = settings["MULTILINGUAL"]
    assert contract.prepare(settings)["MULTILINGUAL"] is merged  # a second prepare merges nothing again


def test_documents_carry_the_attributes_the_contract_names(tmp_path):
    seen = {}

    def collect(generators):
        for generator in generators:
            for document in list(getattr(generator, "articles", [])) + list(getattr(generator, "pages", [])):
                for version in [document] + list(getattr(document, "translations", [])):
                    seen.setdefault(version.source_path, version)

    signals.all_generators_finalized.connect(collect)
    try:
        build_site(tmp_path, minimal_files())
    finally:
        signals.all_generators_finalized.disconnect(collect)
    actions = [d for d in seen.values() if contract.kind_of(d) == "actions"]
    assert actions, "the fixture has actions"
    always = {"multilingual": ("translations", "language_links", "alternates"),
              "campaign_content": ("kind", "targets", "people", "is_open", "deadline_passed"),
              "petition_links": ("act_links",)}
    for plugin, names in always.items():
        for name in names:
            assert name in contract.DOCUMENT_ATTRIBUTES[plugin], (plugin, name)
            assert all(hasattr(action, name) for action in actions), (plugin, name)
    translations = [action for action in actions if action.lang != "en"]
    assert translations and all(hasattr(action, "translation_state") for action in translations)
    assert "translation_state" in contract.DOCUMENT_ATTRIBUTES["translation_stubs"]


def test_the_kind_of_a_source_is_its_first_folder():
    assert contract.kind_of_source("actions/free-them.ru.md") == "actions"
    assert contract.kind_of_source("about.md") == "pages"
