"""`invoke stubs` and `invoke translations`, as functions of a Project.

tasks.py calls stubs_command() and translations_command(); each prints to
`out` and returns the exit code. `python -m translation_stubs.cli` runs them
against any settings file and content folder (the tests do).
"""

import argparse
import dataclasses
import json
import os
import sys

from campaign.annotations import markdown_code, under_github_actions, workflow_command
from campaign.problems import CONTROL, terminal_safe

from .history import source_changes
from .repository import find_repository
from .record import RecordRefused, record_done, record_review
from .status import MISSING, OUTDATED, REVIEWED, STATES, STUB, collect_status
from .stubs import make_stubs

ADVICE = {
    MISSING: "run `invoke stubs --lang {lang}` to start it",
    STUB: "translate it, then run `invoke translations --done {file}` (or set Translation-Status: translated)",
    OUTDATED: "see `invoke translations --diff`, update it, then run `invoke translations --done {file}`, "
              "or paste this line over the old one: {fingerprint_line}",
}
REVIEW_ADVICE = "have a second person check it, then set Translation-Status: reviewed and Reviewer: <their name>"


def full_text(project):
    """The project without its cache: stubs and diffs need each original's text, so every file is read."""
    return dataclasses.replace(project, cache_path=None)


def review_text(entry, names=True):
    """The review column: reviewed, awaiting review (where required), not reviewed; and the names, unless
    `names` is False (what CI prints is public on a public repository)."""
    if not entry.published:
        return ""
    if entry.review == REVIEWED:
        text = "reviewed"
    else:
        text = "awaiting review" if entry.review_required else "not reviewed"
    if not names:
        return text
    shown = [f"{role}: {name}" for role, name in (("translator", entry.translator), ("reviewer", entry.reviewer)) if name]
    return "; ".join([text] + shown)


def stubs_command(project, langs=None, path=None, out=sys.stdout):
    """Write stubs for missing translations; exit code 0, or 2 for a bad option."""
    unknown = [lang for lang in langs or () if lang not in project.translation_languages]
    if unknown:
        print(f"translation_stubs: --lang {unknown[0]} is not a language to translate into; "
              f"use one of {', '.join(project.translation_languages)}", file=out)
        return 2
    only = None
    if path:
        only = os.path.relpath(os.path.abspath(path), os.path.abspath(project.content_path)).replace(os.sep, "/")
        if only.startswith(".."):
            print(f"translation_stubs: --path {path} is not inside the content folder {project.content_path}", file=out)
            return 2
        if only == ".":
            only = None
    report = collect_status(full_text(project))
    for problem in report.problems:
        print(terminal_safe(f"translation_stubs: {problem.text()}"), file=out)
    results, note_problems = make_stubs(project, report, langs=langs, only=only)
    for problem in note_problems:
        print(terminal_safe(f"translation_stubs: {problem.text()}"), file=out)
    created = [result for result in results if result.created]
    failed = [result for result in results if result.failed]
    for result in results:
        where = terminal_safe(os.path.join(project.content_path, result.path))
        if result.created:
            print(f"created  {where}", file=out)
        else:
            print(f"{'FAILED ' if result.failed else 'skipped'}  {where}: {result.reason}", file=out)
    if created:
        print(f"\n{len(created)} stub(s) written. Translate each in place, then set Translation-Status: translated "
              "(see docs/translating.md).", file=out)
    elif not failed:
        print("No stubs needed: every document has a file in every language asked for.", file=out)
    if failed:
        print(f"\n{len(failed)} stub(s) could not be written (listed above as FAILED); the {len(created)} written are "
              "complete. Fix what each says (a folder's permissions, a full disk, a link in the way), then run "
              "`invoke stubs` again: it writes only what is still missing.", file=out)
        return 1
    return 0


def format_table(report, project, diff=False, names=True):
    """The human-readable report, as one string; `names`: False leaves translators' and reviewers' names out."""
    repository = find_repository(project.content_path) if diff else None
    lines = [f"Translation status (original language: {report.default_lang})", ""]
    originals = {document.path: document for document in report.originals}
    for summary in report.languages:
        counts = ", ".join(f"{summary.count(state)} {state} ({summary.percent(state)}%)" for state in STATES)
        lines.append(f"{summary.lang}: {summary.total} document(s): {counts}")
        if summary.review_required:
            lines.append(f"  review required before publishing: {summary.reviewed} reviewed, "
                         f"{summary.awaiting_review} awaiting review")
        width = max([len(entry.source_file) for entry in summary.entries] + [8])
        target_width = max([len(entry.file or "(no file)") for entry in summary.entries] + [8])
        for entry in summary.entries:
            target = entry.file or "(no file)"
            lines.append(f"  {entry.state:<10}  {entry.source_file:<{width}}  {target:<{target_width}}  {review_text(entry, names)}".rstrip())
            advice = ADVICE.get(entry.state)
            if advice:
                # The file as --done takes it: from the working folder, not from the content folder.
                where = os.path.relpath(os.path.join(project.content_path, entry.file)) if entry.file else None
                lines.append("      " + advice.format(lang=summary.lang, file=where,
                                                          fingerprint_line=entry.fingerprint_line))
            if entry.awaiting_review:
                lines.append("      " + REVIEW_ADVICE)
            if diff and entry.state == OUTDATED:
                lines.append(f"      changes in {entry.source_file} since it was translated:")
                lines.extend(line.rstrip("\n") for line in source_changes(project, repository, entry,
                                                                          originals[entry.source_file]))
        theme = summary.theme
        lines.append(f"  theme strings: {len(theme.untranslated)} of {theme.total} untranslated in {os.path.relpath(theme.catalog)}")
        for msgid in theme.untranslated:
            lines.append(f"      {msgid!r}")
        if theme.problem:
            lines.append(f"      {theme.problem}")
        lines.append(f"  data texts: {len(summary.data_texts)} without a '{summary.lang}' text")
        for file, entry, field in summary.data_texts:
            lines.append(f"      {file}: {entry}.{field}: add {summary.lang} = \"…\"")
        lines.append("")
    problems = report.all_problems
    if problems:
        lines.append(f"{len(problems)} problem(s):")
        lines.extend(f"  {problem.text()}" for problem in problems)
        lines.append("")
    return "\n".join(lines)


def record_command(project, done=None, reviewed=None, reviewer=None, out=sys.stdout):
    """`--done PATH` or `--reviewed PATH --reviewer NAME`: exit code 0, or 1 when refused (the file unchanged)."""
    try:
        recorded = record_done(project, done) if done else record_review(project, reviewed, reviewer)
    except RecordRefused as refusal:
        print(terminal_safe(f"translation_stubs: {refusal}"), file=out)
        return 1
    print(terminal_safe(f"{recorded.path}: " + "; ".join(recorded.changes)), file=out)
    return 0


def summary_markdown(report, project):
    """The team's status report as Markdown, for a CI job summary: states, the line to paste, word diffs, data texts.

    Never a translator's or reviewer's name: a job summary is public on a public repository. File names and
    problems (which quote what a file says) are code spans: shown as typed, never a link, an image or HTML.
    """
    originals = {document.path: document for document in report.originals}
    repository = find_repository(project.content_path)
    lines = ["## Translation status", ""]
    for summary in report.languages:
        counts = ", ".join(f"{summary.count(state)} {state}" for state in STATES)
        lines += [f"### {summary.lang}: {counts}", "", "| state | original | translation | review |", "|---|---|---|---|"]
        for entry in summary.entries:
            lines.append(f"| {entry.state} | {markdown_code(entry.source_file, table=True)} | "
                         f"{markdown_code(entry.file, table=True) if entry.file else '—'} | "
                         f"{review_text(entry, names=False) or '—'} |")
        for entry in summary.entries:
            if entry.state == OUTDATED:
                lines += ["", f"**{markdown_code(entry.file)} is outdated.** Once it is updated, paste this line into its header:",
                          "", "```", entry.fingerprint_line, "```", "", "What changed in the original:", "", "```"]
                lines += [line.rstrip("\n")[4:] for line in source_changes(project, repository, entry,
                                                                           originals[entry.source_file])]
                lines.append("```")
        if summary.data_texts:
            lines += ["", f"Data texts without a '{summary.lang}' text:", ""]
            lines += [f"- {markdown_code(file)}: {markdown_code(f'{entry}.{field}')}"
                      for file, entry, field in summary.data_texts]
        if summary.theme.untranslated:
            lines += ["", f"{len(summary.theme.untranslated)} theme string(s) untranslated in {markdown_code(summary.theme.catalog)}."]
        lines.append("")
    if report.all_problems:
        lines += ["### Problems to fix", ""] + [f"- {markdown_code(problem.text())}" for problem in report.all_problems] + [""]
    return "\n".join(lines)


def annotate(report, project, out):
    """Under GitHub Actions, each problem also as an annotation on its file in the pull request."""
    folder = os.path.relpath(project.content_path).replace(os.sep, "/")
    for problem in report.all_problems:
        level = problem.level if problem.level in ("error", "warning") else "notice"
        print(workflow_command(level, f"{folder}/{problem.file}", problem.line, problem.text(), title="translations"), file=out)


def json_for_terminal(text):
    """JSON with the characters terminal_safe shows as escapes written as JSON's own \\u escapes: json.dumps,
    keeping non-ASCII text readable, escapes only C0 controls, and a file name's C1 control or bidirectional
    override would reach the terminal as it is."""
    return CONTROL.sub(lambda match: f"\\u{ord(match.group()):04x}", text)


def translations_command(project, strict=False, as_json=False, diff=False, summary=False, names=True, out=sys.stdout):
    """Print the status report; exit code 1 in strict mode while anything is left to do.

    `names`: False leaves translators' and reviewers' names out of the table and the JSON (CI: its logs and
    artifacts are public on a public repository); the summary never has them.
    """
    report = collect_status(full_text(project))
    # Not into JSON, nor into the summary: the workflow appends that to $GITHUB_STEP_SUMMARY, where a workflow
    # command is no annotation, only a raw '::error …' line (the --strict step annotates pull requests).
    if under_github_actions() and not as_json and not summary:
        annotate(report, project, out)
    if summary:
        print(terminal_safe(summary_markdown(report, project)), file=out)
        return 1 if strict and not report.ok else 0
    if as_json:
        data = report.as_dict(names)
        if diff:
            originals = {document.path: document for document in report.originals}
            repository = find_repository(project.content_path)
            for lang, summary in zip(data["languages"], report.languages):
                for item, entry in zip(data["languages"][lang]["documents"], summary.entries):
                    if entry.state == OUTDATED:
                        item["diff"] = "".join(line[4:] for line in source_changes(project, repository, entry,
                                                                               originals[entry.source_file]))
        print(json_for_terminal(json.dumps(data, ensure_ascii=False, indent=2)), file=out)
    else:
        print(terminal_safe(format_table(report, project, diff=diff, names=names)), file=out)
    if strict and not report.ok:
        if not as_json:
            left = sum(1 for entry in report.entries if not entry.ready)
            themes = sum(len(summary.theme.untranslated) for summary in report.languages)
            texts = sum(len(summary.data_texts) for summary in report.languages)
            print(f"translations --strict: {left} document translation(s) not done, {themes} theme string(s) "
                  f"untranslated, {texts} data text(s) missing, {len(report.all_problems)} problem(s)", file=out)
        return 1
    return 0


def main(argv=None):
    from sitebuild import load_settings

    from .documents import project_from_settings

    parser = argparse.ArgumentParser(prog="python -m translation_stubs.cli")
    parser.add_argument("--settings", default="pelicanconf.py")
    parser.add_argument("--content", help="content folder (default: PATH of the settings)")
    commands = parser.add_subparsers(dest="command", required=True)
    stubs = commands.add_parser("stubs")
    stubs.add_argument("--lang", action="append")
    stubs.add_argument("--path")
    translations = commands.add_parser("translations")
    translations.add_argument("--strict", action="store_true")
    translations.add_argument("--json", action="store_true")
    translations.add_argument("--diff", action="store_true")
    translations.add_argument("--summary", action="store_true")
    translations.add_argument("--no-names", dest="names", action="store_false")
    translations.add_argument("--done")
    translations.add_argument("--reviewed")
    translations.add_argument("--reviewer")
    args = parser.parse_args(argv)
    overrides = {"PATH": os.path.abspath(args.content)} if args.content else {}
    project = project_from_settings(load_settings(args.settings, overrides))
    if args.command == "stubs":
        return stubs_command(project, langs=args.lang, path=args.path)
    if args.done or args.reviewed:
        return record_command(project, done=args.done, reviewed=args.reviewed, reviewer=args.reviewer)
    return translations_command(project, strict=args.strict, as_json=args.json, diff=args.diff, summary=args.summary,
                                names=args.names)


if __name__ == "__main__":
    sys.exit(main())
