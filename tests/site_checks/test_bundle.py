"""The mirror bundle: built with index_file_links every link ends in a file,
the zip verifies, and the site works from file:// in a sub-folder."""

import hashlib
import zipfile

import pytest

import site_checks_fixtures as fixtures
from conftest import build_site
from site_checks import Site, bundle, links


@pytest.fixture(scope="module")
def bundled(tmp_path_factory):
    """The clean fixture site built for the bundle, zipped, then unzipped into a sub-folder."""
    tmp = tmp_path_factory.mktemp("bundle")
    assert links.check(Site(fixtures.site("clean").output), require_index_files=True), \
        "the plain build links to folders"
    settings = {"MULTILINGUAL": {"languages": ["en", "ru", "kk"], "locales": {"en": "en_GB"}, "index_file_links": True,
                                 "index_pages": {"": "index", "actions/": "actions", "briefings/": "briefings"}}}
    site = build_site(tmp, fixtures.clean_files(), settings=settings, strict=True).output
    zip_path = tmp / "dist" / "mirror.zip"
    checksum_path, checksum = bundle.write_zip(site, zip_path, "mirror")
    unpacked = tmp / "usb-stick" / "copies"
    with zipfile.ZipFile(zip_path) as archive:
        archive.extractall(unpacked)
    return site, zip_path, checksum_path, checksum, unpacked / "mirror"


def test_bundle_links_all_end_in_files(bundled):
    site = bundled[0]
    assert links.check(Site(site), require_index_files=True) == []


def test_zip_has_a_sha256sum_file(bundled):
    _, zip_path, checksum_path, checksum, unpacked = bundled
    assert checksum == hashlib.sha256(zip_path.read_bytes()).hexdigest()
    assert checksum_path.read_text() == f"{checksum}  mirror.zip\n"
    assert (unpacked / "index.html").is_file() and (unpacked / "ru" / "actions" / "free-them" / "index.html").is_file()


@pytest.mark.browser
def test_bundle_opened_from_file_navigates_home_to_action_to_russian(bundled, chromium):
    unpacked = bundled[4]
    context = chromium.new_context()
    try:
        tab = context.new_page()
        tab.goto((unpacked / "index.html").as_uri())
        # The stylesheet loads from file:// under the CSP: the header is dark.
        assert tab.eval_on_selector(".site-header", "e => getComputedStyle(e).backgroundColor") == "rgb(27, 27, 27)"
        tab.get_by_role("link", name="Free them").first.click()
        tab.wait_for_load_state()
        assert tab.url == (unpacked / "actions" / "free-them" / "index.html").as_uri()
        assert tab.locator("h1").inner_text() == "Free them"
        tab.locator('nav.languages a[hreflang="ru"]').click()
        tab.wait_for_load_state()
        assert tab.url == (unpacked / "ru" / "actions" / "free-them" / "index.html").as_uri()
        assert tab.locator("h1").inner_text() == "Освободите их"
        tab.locator(".site-name").click()
        tab.wait_for_load_state()
        assert tab.url == (unpacked / "ru" / "index.html").as_uri()
    finally:
        context.close()
