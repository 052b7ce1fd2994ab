"""Contract with Pelican's content objects: multilingual, incremental and campaign_content key documents
by `relative_source_path`, which Pelican sets once when it makes the object (its method,
get_relative_source_path, works the path out again on every call). If a Pelican upgrade stops setting it,
or sets it otherwise, this fails by name."""

import datetime

from pelican.contents import Article
from pelican.settings import DEFAULT_CONFIG


def test_relative_source_path_is_set_once_as_the_method_gives_it_with_slashes(tmp_path):
    settings = {**DEFAULT_CONFIG, "PATH": str(tmp_path)}
    source = tmp_path / "actions" / "deep" / "a.ru.md"
    article = Article("<p>x</p>", metadata={"title": "T", "date": datetime.datetime(2019, 2, 27)},
                      settings=settings, source_path=str(source))
    assert article.relative_source_path == "actions/deep/a.ru.md", "Article.relative_source_path moved or changed"
    assert article.relative_source_path == article.get_relative_source_path()
