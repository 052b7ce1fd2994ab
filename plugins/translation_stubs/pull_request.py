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
import subprocess
import urllib.request

BRANCH = "translations-needed"
TITLE = "Translations needed"
BOT_EMAIL = "41898282+github-actions[bot]@users.noreply.github.com"


@dataclasses.dataclass(frozen=True)
class Plan:
    push: bool  # rebuild the branch from main with the new stubs
    why: str


def plan(new_stubs, branch_authors):
    """What to do, from the stub files this run wrote and the authors of the branch's own commits (None: no branch)."""
    if not new_stubs:
        return Plan(False, "no stub is missing: nothing to do")
    people = sorted({author for author in branch_authors or () if author != BOT_EMAIL})
    if people:
        return Plan(False, f"the branch {BRANCH} holds commits by {', '.join(people)}; it is left as it is "
                           "until the team merges or closes its pull request")
    return Plan(True, f"{len(new_stubs)} stub(s) to translate")


def description(new_stubs, guide="docs/translating.md"):
    """The pull request's text: what to translate and how, from a browser."""
    lines = ["These files are stubs: copies of originals waiting to be translated. To translate one from your browser:",
             "", "1. Open the **Files changed** tab, find the file in your language, and choose **Edit file** "
             "from its `…` menu.", "2. Translate the text in place, as the note at its top says.",
             "3. Choose **Commit changes…**, pick *Create a new branch for this commit and start a pull request*, "
             "and propose the change.", "", f"The checks on your pull request show any problem on its line. "
             f"The full guide: [{guide}]({guide}).", "", "Stubs in this pull request:", ""]
    lines += [f"- `{path}`" for path in sorted(new_stubs)]
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


def _git(*args, check=True):
    return subprocess.run(["git", *args], check=check, capture_output=True, text=True).stdout


def main():
    """CI: commit the stubs `invoke stubs` just wrote to BRANCH and open or update the pull request."""
    repo, token, base = os.environ["GITHUB_REPOSITORY"], os.environ["GITHUB_TOKEN"], os.environ.get("BASE", "main")
    new_stubs = [line[3:] for line in _git("status", "--porcelain", "--untracked-files=all", "content").splitlines()
                 if line.startswith("?? ")]
    remote = f"https://x-access-token:{token}@github.com/{repo}.git"
    exists = bool(_git("ls-remote", "--heads", remote, BRANCH).strip())
    authors = None
    if exists:
        _git("fetch", "-q", remote, f"{BRANCH}:refs/remotes/stubs/{BRANCH}")
        authors = _git("log", "--format=%ae", f"{base}..refs/remotes/stubs/{BRANCH}").split()
    decision = plan(new_stubs, authors)
    print(f"translation_stubs: {decision.why}")
    if not decision.push:
        return 0
    _git("switch", "-q", "-C", BRANCH)
    _git("add", "--", *new_stubs)
    _git("-c", "user.name=github-actions[bot]", "-c", f"user.email={BOT_EMAIL}", "commit", "-q", "-m",
         f"{TITLE}: {len(new_stubs)} stub(s) from `invoke stubs`")
    _git("push", "-q", "--force", remote, f"HEAD:refs/heads/{BRANCH}")
    print(f"translation_stubs: {open_or_update(repo, token, base, new_stubs)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
