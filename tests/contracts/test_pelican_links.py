"""Contract with Pelican's internals that a page's links rely on:

- parallel_render renders pages after the generators ran, from a snapshot of the context; a document turns
  its {filename} and {static} links into addresses from the page being written by `localsiteurl` in the
  context it was made with (Content.get_siteurl), which ParallelWriter._render sets there.
- images and campaign_content take files out of what StaticGenerator copies by editing its `staticfiles`
  list in the static_generator_finalized signal: the list its context holds and its generate_output copies.
  incremental reads the save_as of each file in that list once the build is done, to take out of output/
  what the last build published and this one no longer does.

If a Pelican upgrade changes either, this fails by name."""

import datetime

from pelican.contents import Article, Static
from pelican.generators import StaticGenerator
from pelican.settings import DEFAULT_CONFIG


def test_a_document_makes_its_links_from_localsiteurl_in_the_context_it_was_made_with(tmp_path):
    settings = {**DEFAULT_CONFIG, "PATH": str(tmp_path), "RELATIVE_URLS": True}
    context = {"localsiteurl": "", "generated_content": {}, "static_content": {}}
    image = Static("", settings=settings, source_path=str(tmp_path / "images" / "a.jpg"), context=context)
    context["static_content"]["images/a.jpg"] = image
    article = Article('<img src="{static}/images/a.jpg">', metadata={"title": "T", "date": datetime.datetime(2019, 2, 27)},
                      settings=settings, source_path=str(tmp_path / "actions" / "a.md"), context=context)
    context["localsiteurl"] = "../.."
    assert article.get_siteurl() == "../..", "Content.get_siteurl no longer reads context['localsiteurl']"
    assert article.content == '<img src="../../images/a.jpg">'


def test_the_static_generator_copies_the_list_its_context_holds(tmp_path):
    (tmp_path / "content" / "images").mkdir(parents=True)
    (tmp_path / "content" / "images" / "a.jpg").write_bytes(b"x")
    settings = {**DEFAULT_CONFIG, "PATH": str(tmp_path / "content"), "STATIC_PATHS": ["images"], "THEME_STATIC_PATHS": []}
    context = {"static_content": {}, "static_links": set(), "filenames": {}, "generated_content": {}}
    generator = StaticGenerator(context=context, settings=settings, path=settings["PATH"],
                                theme=DEFAULT_CONFIG["THEME"], output_path=str(tmp_path / "output"))
    generator.generate_context()
    assert context["staticfiles"] is generator.staticfiles, "StaticGenerator's context no longer holds its list"
    generator.staticfiles[:] = []
    generator.generate_output(writer=None)
    assert not (tmp_path / "output" / "images" / "a.jpg").exists(), "StaticGenerator copies from elsewhere"
