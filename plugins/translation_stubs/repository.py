"""The project's own git repository, and the one way this plugin runs git.

Content is untrusted. A folder of content/ may hold committed files named
HEAD, config, objects/ and refs/; git's repository discovery, started inside
that folder, takes it for a bare repository, reads its committed config
(`log.showSignature`, `gpg.program`, `core.fsmonitor`, …) and runs the
program it names. So the repository is found once, from the content folder
itself with implicit bare repositories refused and a work tree required, and
every command names it (`--git-dir`, `--work-tree`, paths relative to the
work tree) with signatures never shown.
"""

import dataclasses
import os
import subprocess

# Before any command's own options: no bare repository unless named with --git-dir, no signature checks
# (they run gpg.program).
SAFE_OPTIONS = ("-c", "safe.bareRepository=explicit", "-c", "log.showSignature=false")


class GitFailed(Exception):
    """A git command failed; the message names it and what git said."""


@dataclasses.dataclass(frozen=True)
class Repository:
    git_dir: str  # absolute
    work_tree: str  # absolute

    def command(self, *args):
        """The git command line for `args`, in this repository and no other."""
        return ["git", "--git-dir", self.git_dir, "--work-tree", self.work_tree, *SAFE_OPTIONS, *args]

    def run(self, *args):
        """git's standard output (bytes); GitFailed when git cannot be run or fails."""
        try:
            result = subprocess.run(self.command(*args), cwd=self.work_tree, capture_output=True, check=False)
        except OSError as error:
            raise GitFailed(f"git could not be run ({error.strerror or error})") from None
        if result.returncode != 0:
            said = result.stderr.decode("utf-8", "replace").strip().splitlines()
            name = next((arg for arg in args if not arg.startswith("-") and "=" not in arg), "")
            raise GitFailed(f"git {name} failed (exit {result.returncode})" + (f": {said[-1]}" if said else ""))
        return result.stdout

    def relative(self, path):
        """`path` relative to the work tree, with '/' (links resolved on both sides, as git does)."""
        return os.path.relpath(os.path.realpath(path), os.path.realpath(self.work_tree)).replace(os.sep, "/")


def find_repository(folder):
    """The work-tree Repository that holds `folder`, found from `folder` itself; None when there is none
    (no git, not in a repository, or only a bare one, which is never used)."""
    try:
        result = subprocess.run(["git", *SAFE_OPTIONS, "-C", os.fspath(folder), "rev-parse", "--absolute-git-dir",
                                 "--show-toplevel"], capture_output=True, check=False)
    except OSError:
        return None
    found = [os.fsdecode(line) for line in result.stdout.split(b"\n") if line]
    if result.returncode != 0 or len(found) != 2 or not all(found):
        return None  # --show-toplevel fails in a bare repository: there is no work tree
    return Repository(git_dir=found[0], work_tree=found[1])
