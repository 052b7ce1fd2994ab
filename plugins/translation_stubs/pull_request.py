"""The "Translations needed" pull request, opened or updated by CI on every push to main.

Translators without git or a terminal work from it: CI runs `invoke stubs`,
commits the new stubs to the branch `translations-needed` and opens one pull
request (or updates its description). A translator opens a stub in GitHub's
web editor from that pull request, translates it, and proposes the change on
a branch of their own. The branch is only ever rebuilt from main while no
person has committed to it: a translator's commit there is never overwritten.
"""

import dataclasses
import json
import os
import urllib.error
import urllib.request

from campaign.annotations import markdown_code

from .repository import GitFailed, find_repository

BRANCH = "translations-needed"
TITLE = "Translations needed"
BOT_EMAIL = "41898282+github-actions[bot]@users.noreply.github.com"


@dataclasses.dataclass(frozen=True)
class Plan:
    push: bool  # rebuild the branch from main with the new stubs
    why: str


def plan(new_stubs, branch_authors):
    """What to do, from the stub files this run wrote and the authors of the branch's own commits (None: no branch).

    `why` is printed in the CI log, which is public on a public repository: it counts the people who
    committed and never names them.
    """
    if not new_stubs:
        return Plan(False, "no stub is missing: nothing to do")
    people = len({author for author in branch_authors or () if author != BOT_EMAIL})
    if people:
        return Plan(False, f"the branch {BRANCH} holds commits by {people} person(s) besides CI; it is left as it "
                           "is until the team merges or closes its pull request")
    return Plan(True, f"{len(new_stubs)} stub(s) to translate")


def description(new_stubs, guide="docs/translating.md"):
    """The pull request's text: what to translate and how, from a browser."""
    lines = ["These files are stubs: copies of originals waiting to be translated. To translate one from your browser:",
             "", "1. Open the **Files changed** tab, find the file in your language, and choose **Edit file** "
             "from its `…` menu.", "2. Translate the text in place, as the note at its top says.",
             "3. Choose **Commit changes…**, pick *Create a new branch for this commit and start a pull request*, "
             "and propose the change.", "", f"The checks on your pull request show any problem on its line. "
             f"The full guide: [{guide}]({guide}).", "", "Stubs in this pull request:", ""]
    lines += [f"- {markdown_code(path)}" for path in sorted(new_stubs)]
    return "\n".join(lines) + "\n"


def github(method, url, token, payload=None, opener=urllib.request.urlopen):
    """One GitHub REST call; returns the decoded JSON."""
    request = urllib.request.Request(url, method=method, data=json.dumps(payload).encode() if payload else None,
                                     headers={"Authorization": f"Bearer {token}", "Accept": "application/vnd.github+json",
                                              "X-GitHub-Api-Version": "2022-11-28"})
    with opener(request) as response:
        return json.loads(response.read() or b"null")


def open_or_update(repo, token, base, new_stubs, call=github):
    """Open the pull request from BRANCH into `base`, or update the open one's description; returns its URL."""
    api = f"https://api.github.com/repos/{repo}/pulls"
    owner = repo.split("/")[0]
    found = call("GET", f"{api}?head={owner}:{BRANCH}&state=open", token)
    body = description(new_stubs)
    if found:
        call("PATCH", f"{api}/{found[0]['number']}", token, {"body": body})
        return found[0]["html_url"]
    return call("POST", api, token, {"title": TITLE, "head": BRANCH, "base": base, "body": body})["html_url"]


class PullRequestFailed(Exception):
    """Why the pull request could not be opened or updated; the message says what to do."""


def untracked_files(repository, folder="content"):
    """Paths (relative to the work tree) of the untracked files under `folder`, exactly as named on disk.

    Read NUL-separated (`-z`): without it git quotes a name with a space or a byte outside ASCII
    ("\"\\321\\201….ru.md\""), which then names no file.
    """
    fields = iter(repository.run("status", "--porcelain=v1", "-z", "--untracked-files=all", "--", folder).split(b"\0"))
    found = []
    for field in fields:
        status, path = field[:2], field[3:]
        if status == b"??":
            found.append(os.fsdecode(path))
        elif status[:1] in (b"R", b"C"):
            next(fields, None)  # a rename or copy: the next field is its old name
    return found


def stage(repository, paths):
    """`git add` exactly these paths (no pathspec magic: a name with '*' or '[' is only itself)."""
    repository.run("add", "--", *(f":(literal){path}" for path in paths))


def github_remote(repo, token):
    """The address git pushes to and fetches from, with the workflow's token."""
    return f"https://x-access-token:{token}@github.com/{repo}.git"


def _rebuild_branch(repository, remote, repo, token, base, new_stubs):
    """Commit `new_stubs` to BRANCH (rebuilt from HEAD), push it, open or update its pull request; its URL."""
    repository.run("switch", "-q", "-C", BRANCH)
    stage(repository, new_stubs)
    repository.run("-c", "user.name=github-actions[bot]", "-c", f"user.email={BOT_EMAIL}", "commit", "-q", "-m",
                   f"{TITLE}: {len(new_stubs)} stub(s) from `invoke stubs`")
    repository.run("push", "-q", "--force", remote, f"HEAD:refs/heads/{BRANCH}")
    return open_or_update(repo, token, base, new_stubs)


def run(environ, folder, remote_for=github_remote):
    """main()'s work; raises GitFailed, PullRequestFailed or urllib's errors."""
    missing = [name for name in ("GITHUB_REPOSITORY", "GITHUB_TOKEN") if not environ.get(name)]
    if missing:
        raise PullRequestFailed(f"{' and '.join(missing)} not set; this runs in the workflow's "
                                "translations-needed job, which sets them")
    repo, token, base = environ["GITHUB_REPOSITORY"], environ["GITHUB_TOKEN"], environ.get("BASE", "main")
    repository = find_repository(folder)
    if repository is None:
        raise PullRequestFailed(f"{os.path.abspath(folder)} is not in a git repository with a work tree")
    new_stubs = untracked_files(repository)
    remote = remote_for(repo, token)
    authors = None
    if repository.run("ls-remote", "--heads", remote, BRANCH).strip():
        repository.run("fetch", "-q", remote, f"{BRANCH}:refs/remotes/stubs/{BRANCH}")
        authors = repository.run("log", "--format=%ae",
                                 f"{base}..refs/remotes/stubs/{BRANCH}").decode("utf-8", "replace").split()
    decision = plan(new_stubs, authors)
    print(f"translation_stubs: {decision.why}")
    if decision.push:
        print(f"translation_stubs: {_rebuild_branch(repository, remote, repo, token, base, new_stubs)}")
    return 0


def main(environ=os.environ, folder=".", remote_for=github_remote):
    """CI: commit the stubs `invoke stubs` just wrote to BRANCH and open or update the pull request.
    Exit code 0, or 1 with a named error (never a traceback) when git or GitHub refuses."""
    try:
        return run(environ, folder, remote_for)
    except (GitFailed, PullRequestFailed, urllib.error.URLError, OSError) as error:
        token = environ.get("GITHUB_TOKEN")
        message = str(error).replace(token, "***") if token else str(error)
        print(f"translation_stubs: the \"{TITLE}\" pull request was not opened or updated: {message}. "
              "Nothing was lost: the stubs are written again by the next push to main")
        return 1


if __name__ == "__main__":
    raise SystemExit(main())
