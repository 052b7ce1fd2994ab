"""What the checks report, and the errors that end a run.

A check reports each defect as the project's one `campaign.problems.Problem`:
`file` is the page's path under the site folder (e.g. "ru/actions/x/index.html"),
`line` its line when known, then what is wrong and how to fix it; `Problem.text()`
prints it. Which check found a problem is not part of it: the runner keeps
each check's problems under the check's name (`Report.found`).
"""

from campaign.problems import CheckError, Problem

__all__ = ["CheckUnavailable", "ChecksFailed", "NoBuiltSite", "Problem", "UnreadablePage"]


class ChecksFailed(CheckError):
    """At least one check found a problem; the message says how many."""

    def __init__(self, found):
        """`found`: {check name: [Problem]}, as in `Report.found`."""
        self.found = {name: list(problems) for name, problems in found.items() if problems}
        self.problems = [problem for problems in self.found.values() for problem in problems]
        super().__init__(f"{len(self.problems)} problem(s) found by the site checks")


class CheckUnavailable(CheckError):
    """A check's tool (Java, vnu.jar, axe-core, Chromium) is missing or does not run.

    A setup problem, not a problem with the site: exit code 2, as for a bad setting.
    The message says what is wrong, then `fix` what to install or run.
    """

    exit_code = 2

    def __init__(self, message, fix):
        self.fix = fix
        super().__init__(f"{message}. {fix}")


class NoBuiltSite(CheckError, FileNotFoundError):
    """The folder to check holds no built site."""

    def __init__(self, root, reason):
        self.root = root
        super().__init__(f"no built site at {root}: {reason}. Build the site first (`invoke build`), "
                         "or name the folder it was built into")


class UnreadablePage(CheckError):
    """A page of the built site cannot be read; `problem` says which and what to do."""

    def __init__(self, path, reason):
        self.problem = Problem(path, "", f"cannot be read ({reason})",
                               "Check that its files are readable and that nothing rebuilds or changes the site "
                               "while it is checked, then check again")
        super().__init__(self.problem.text())
