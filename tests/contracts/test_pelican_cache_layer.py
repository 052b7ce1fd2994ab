"""Contract with Pelican's internals: pelicanconf.py turns Pelican's own content cache off with a
CONTENT_CACHING_LAYER that is neither "reader" nor "generator", while CACHE_CONTENT and
LOAD_CONTENT_CACHE stay on for our caches (conversions, translation status), which read them. Pelican
enables each of its layers by comparing that setting with its name (readers.Readers and
generators.CachingGenerator). If an upgrade validates the value or caches otherwise, this fails."""

from conftest import ROOT, build_site, minimal_files
from pelican.settings import read_settings

from campaign_content.conversions import FILE_NAME


def test_pelicanconf_keeps_our_caches_and_none_of_pelicans(tmp_path):
    settings = read_settings(str(ROOT / "pelicanconf.py"))
    assert settings["CACHE_CONTENT"] and settings["LOAD_CONTENT_CACHE"]
    assert settings["CONTENT_CACHING_LAYER"] not in ("reader", "generator")

    site = build_site(tmp_path, minimal_files(), settings={
        "CACHE_CONTENT": True, "LOAD_CONTENT_CACHE": True, "CONTENT_CACHING_LAYER": settings["CONTENT_CACHING_LAYER"]})
    cache = sorted(path.name for path in (tmp_path / "cache").iterdir())
    assert FILE_NAME in cache and "translation_stubs-documents.pickle" in cache, cache
    assert not [name for name in cache if name.startswith(("ArticlesGenerator", "PagesGenerator"))], cache
    assert site.report.problems == []
