"""The "Translations needed" pull request: when CI rebuilds its branch, and what it asks of GitHub."""

from translation_stubs.pull_request import BOT_EMAIL, BRANCH, description, open_or_update, plan


def test_the_branch_is_rebuilt_only_while_no_person_has_committed_to_it():
    assert plan([], None).push is False
    assert plan(["actions/x.ru.md"], None).push is True
    assert plan(["actions/x.ru.md"], [BOT_EMAIL, BOT_EMAIL]).push is True
    kept = plan(["actions/x.ru.md"], [BOT_EMAIL, "aigerim@example.org"])
    assert kept.push is False and "aigerim@example.org" in kept.why and "left as it is" in kept.why


class FakeGitHub:
    """Records the calls open_or_update makes, answering as GitHub would."""

    def __init__(self, open_pulls):
        self.open_pulls, self.calls = open_pulls, []

    def __call__(self, method, url, token, payload=None):
        self.calls.append((method, url, payload))
        if method == "GET":
            return self.open_pulls
        return {"html_url": "https://github.com/o/r/pull/7"}


def test_one_pull_request_is_opened_then_updated():
    fresh = FakeGitHub([])
    assert open_or_update("o/r", "t", "main", ["pages/about.kk.md"], call=fresh) == "https://github.com/o/r/pull/7"
    method, url, payload = fresh.calls[-1]
    assert (method, url) == ("POST", "https://api.github.com/repos/o/r/pulls")
    assert payload["title"] == "Translations needed" and payload["head"] == BRANCH and payload["base"] == "main"
    assert "- `pages/about.kk.md`" in payload["body"] and "Edit file" in payload["body"]
    existing = FakeGitHub([{"number": 7, "html_url": "https://github.com/o/r/pull/7"}])
    open_or_update("o/r", "t", "main", ["pages/about.kk.md", "pages/about.ru.md"], call=existing)
    assert [call[0] for call in existing.calls] == ["GET", "PATCH"]
    assert existing.calls[0][1].endswith(f"?head=o:{BRANCH}&state=open")
    assert "pages/about.ru.md" in existing.calls[1][2]["body"]


def test_the_description_walks_a_translator_through_the_browser():
    text = description(["actions/x.ru.md"])
    assert "Create a new branch for this commit" in text and "docs/translating.md" in text
