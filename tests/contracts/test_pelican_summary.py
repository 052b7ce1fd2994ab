"""Contract with Pelican's summary: campaign_content.reader.leading_summary gives a document without a
Summary line what Pelican's get_summary would, from its first lines only, with Pelican's own cutters
(pelican.utils.truncate_html_paragraphs, truncate_html_words, strip_toc_elements_from_html). If an
upgrade changes how Pelican cuts a summary, this fails by name."""

import datetime

import pytest
from pelican.contents import Article
from pelican.settings import DEFAULT_CONFIG

from campaign_content.reader import leading_summary

HTML = ('<div class="toc"><ul><li><a href="#a">A</a></li></ul></div>\n<h2 id="a">A</h2>\n'
        + "\n".join(f"<p>Paragraph {n} says <em>something</em> about the detentions of 27 February.</p>"
                    for n in range(150)))  # past the head of 100 lines


@pytest.mark.parametrize("settings", [{}, {"SUMMARY_MAX_PARAGRAPHS": 2}, {"SUMMARY_MAX_LENGTH": 7},
                                      {"SUMMARY_END_SUFFIX": " [more]"}])
def test_leading_summary_is_pelicans_summary(tmp_path, settings):
    settings = {**DEFAULT_CONFIG, "PATH": str(tmp_path), **settings}
    article = Article(HTML, metadata={"title": "T", "date": datetime.datetime(2019, 2, 27)}, settings=settings,
                      source_path=str(tmp_path / "a.md"))
    assert leading_summary(HTML, settings) == article.get_summary(""), "Pelican's summary changed"
