"""Rules for slugs and file names: what a document may be called.

A slug becomes a folder of the site, so it may hold only lower-case letters
(any script), digits, hyphens and underscores, at most MAX_SLUG characters
and MAX_SLUG_BYTES bytes in UTF-8, and may not take a name the site itself uses (a language, a list page, the
feeds, the theme's files, the status page). A file is `<slug>.md` for the
default language or `<slug>.<lang>.md` for a configured language, the
language in lower case.
"""

import posixpath

import regex

from campaign import contract
from campaign.problems import Problem, shortened
from campaign.sources import is_text_name

SLUG = regex.compile(r"^[\p{Ll}\p{Lo}\p{Nd}](?:[\p{Ll}\p{Lo}\p{Nd}_-]*[\p{Ll}\p{Lo}\p{Nd}])?\Z")
MAX_SLUG = 80
# A folder name takes at most 255 bytes, and a translation's file name is the slug and '.<lang>.md':
# 80 letters of a script written in three bytes fit, 80 in four (CJK extensions, historic scripts) would not.
MAX_SLUG_BYTES = 240
LANGUAGE_CODE = regex.compile(r"^[a-z]{2,3}(?:-[A-Za-z0-9]+)?\Z")
EXTENSIONS = ("md", "markdown", "mkd", "mdown")


def site_paths(settings):
    """First path segments the site writes itself, which no page's slug may take."""
    names = {"feeds", settings.get("THEME_STATIC_DIR", "theme")}
    multilingual = contract.merged(settings, "MULTILINGUAL")
    names.update(multilingual["languages"])
    names.update(path.strip("/").split("/")[0] for path in multilingual["index_pages"] if path.strip("/"))
    names.update(path.strip("/").split("/")[0] for path in settings.get("STATIC_PATHS", []) if path.strip("/"))
    names.update(path.strip("/").split("/")[0] for path in settings.get("ARTICLE_PATHS", []) if path.strip("/"))
    status_page = contract.merged(settings, "TRANSLATION_STUBS")["status_page"] or ""
    if status_page.strip("/"):
        names.add(status_page.strip("/").split("/")[0])
    names.add(settings.get("DEFAULT_LANG", "en"))
    return frozenset(name for name in names if name)


def slug_problem(slug, kind, reserved, file, line=None):
    """A Problem when `slug` cannot name a folder of the site, else None."""
    shown = shortened(slug)
    if not slug:
        return Problem(file, "slug", "is empty", "Write a slug such as 'free-the-protesters'", line=line)
    if len(slug) > MAX_SLUG:
        return Problem(file, "slug", f"'{shown}' is {len(slug)} characters long; the limit is {MAX_SLUG}",
                       "Use a shorter slug: a few words joined by hyphens", line=line)
    size = len(slug.encode("utf-8", "surrogatepass"))
    if size > MAX_SLUG_BYTES:
        return Problem(file, "slug", f"'{shown}' takes {size} bytes in UTF-8; the limit is {MAX_SLUG_BYTES}",
                       "Use a shorter slug: a few words joined by hyphens", line=line)
    if not SLUG.match(slug):
        return Problem(file, "slug", f"'{shown}' may hold only lower-case letters, digits, '-' and '_'",
                       "Write it like 'free-the-protesters': no '/', '.', spaces or capitals", line=line)
    if kind == "pages" and slug in reserved:
        return Problem(file, "slug", f"'{slug}' is a path the site uses itself ({', '.join(sorted(reserved))})",
                       "Choose another slug, or rename the file", line=line)
    return None


def file_name_problem(source_file, languages):
    """A Problem when a file's name is not '<slug>.md' or '<slug>.<lang>.md', else None."""
    if not is_text_name(source_file):
        return Problem(source_file, "", "its name is not UTF-8 text, so it cannot be published",
                       "Rename it with letters, digits and hyphens, e.g. free-the-protesters.md")
    name = posixpath.basename(source_file)
    parts = name.split(".")
    if len(parts) < 2 or parts[-1] not in EXTENSIONS:
        return None  # not a document Pelican reads with our reader
    if len(parts) == 2:
        return None
    if len(parts) == 3:
        suffix = parts[1]
        if suffix in languages:
            return None
        if suffix.lower() in languages:
            return Problem(source_file, "lang", f"the language in the file name is '{suffix}', not '{suffix.lower()}'",
                           f"Rename the file to {parts[0]}.{suffix.lower()}.{parts[-1]}")
        if LANGUAGE_CODE.match(suffix):
            return None  # a language, just not configured: multilingual says so
        return Problem(source_file, "lang", f"'{suffix}' in the file name is not a language code",
                       f"Rename the file to {parts[0]}.{parts[-1]} or {parts[0]}.<language>.{parts[-1]} "
                       f"with one of {', '.join(languages)}")
    return Problem(source_file, "", "has more than one dot before '.md'",
                   f"Name it <slug>.{parts[-1]} or <slug>.<language>.{parts[-1]}, e.g. {parts[0]}.ru.{parts[-1]}")


def language_problem(source_file, lang, line=None):
    """A Problem when a translation's Lang line names another language than its file name does, else None."""
    parts = posixpath.basename(source_file).split(".")
    if len(parts) != 3 or not LANGUAGE_CODE.match(parts[1]) or parts[1] == lang:
        return None  # no language in the name (file_name_problem names a malformed one)
    return Problem(source_file, "lang", f"'{shortened(lang)}' contradicts the file name, which says '{parts[1]}'",
                   f"Write 'Lang: {parts[1]}', or rename the file to {parts[0]}.{shortened(lang)}.{parts[2]}", line=line)
