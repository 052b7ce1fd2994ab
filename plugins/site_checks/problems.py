"""What a check reports: one Problem per defect, naming the page and the fix."""

import dataclasses


@dataclasses.dataclass(frozen=True)
class Problem:
    check: str
    page: str  # path of the page under the site folder, e.g. "ru/actions/x/index.html"
    message: str
    fix: str

    def __str__(self):
        return f"{self.page}: {self.message} (fix: {self.fix})"


class ChecksFailed(RuntimeError):
    """At least one check found a problem; the message says how many."""

    def __init__(self, problems):
        self.problems = problems
        super().__init__(f"{len(problems)} problem(s) found by the site checks")


class CheckUnavailable(RuntimeError):
    """A check's tool (java, vnu.jar, axe-core, chromium) is missing; the message says how to get it."""
