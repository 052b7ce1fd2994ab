"""The "Translations needed" pull request: when CI rebuilds its branch, and what it asks of GitHub."""

import subprocess

from translation_stubs.pull_request import BOT_EMAIL, BRANCH, description, main, open_or_update, plan, stage, untracked_files
from translation_stubs.repository import find_repository


def test_the_branch_is_rebuilt_only_while_no_person_has_committed_to_it():
    assert plan([], None).push is False
    assert plan(["actions/x.ru.md"], None).push is True
    assert plan(["actions/x.ru.md"], [BOT_EMAIL, BOT_EMAIL]).push is True
    kept = plan(["actions/x.ru.md"], [BOT_EMAIL, "aigerim@example.org"])
    assert kept.push is False and "1 person(s)" in kept.why and "left as it is" in kept.why


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


def test_a_stub_s_name_is_shown_as_typed_in_the_description():
    # A name with a backtick would end its code span, and the rest would show as Markdown: an image, a link.
    text = description(["actions/a`![x](https://evil.example/p.png)`.ru.md"])
    assert "- ``actions/a`![x](https://evil.example/p.png)`.ru.md``" in text


def git(folder, *args):
    return subprocess.run(["git", "-C", str(folder), "-c", "user.name=t", "-c", "user.email=t@example.org", *args],
                          check=True, capture_output=True).stdout


def test_new_stubs_are_found_and_staged_by_their_real_names(tmp_path):
    actions = tmp_path / "content" / "actions"
    actions.mkdir(parents=True)
    (actions / "free-them.md").write_text("Title: Free them\n", encoding="utf-8")
    git(tmp_path, "init", "-q")
    git(tmp_path, "add", ".")
    git(tmp_path, "commit", "-q", "-m", "original")
    names = ["content/actions/free them.kk.md", "content/actions/свобода.ru.md", "content/actions/a*[b].ru.md"]
    for name in names:
        (tmp_path / name).write_text("Title: x\n", encoding="utf-8")
    (tmp_path / "elsewhere.md").write_text("not content\n", encoding="utf-8")
    repository = find_repository(tmp_path)
    found = untracked_files(repository)
    assert sorted(found) == sorted(names)
    stage(repository, found)
    staged = git(tmp_path, "diff", "--cached", "--name-only", "-z").decode("utf-8").split("\0")
    assert sorted(filter(None, staged)) == sorted(names)


def test_a_failure_is_a_named_error_not_a_traceback(tmp_path, capsys):
    assert main({}, folder=str(tmp_path)) == 1
    assert "GITHUB_REPOSITORY and GITHUB_TOKEN not set" in capsys.readouterr().out
    environ = {"GITHUB_REPOSITORY": "o/r", "GITHUB_TOKEN": "secret-token"}
    assert main(environ, folder=str(tmp_path)) == 1  # tmp_path is in no repository
    out = capsys.readouterr().out
    assert "Translations needed\" pull request was not opened or updated" in out and "not in a git repository" in out
    git(tmp_path, "init", "-q")
    git(tmp_path, "commit", "-q", "--allow-empty", "-m", "start")
    assert main(dict(environ, BASE="no-such-branch"), folder=str(tmp_path), remote_for=lambda repo, token: str(tmp_path / "nowhere.git")) == 1
    out = capsys.readouterr().out
    assert "git ls-remote failed" in out and "secret-token" not in out and "Traceback" not in out
