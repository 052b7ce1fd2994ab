"""The benchmark corpus as a Hugo site: pass (e) of `invoke bench`.

`write_site(corpus_folder, site, codes, ...)` turns the files bench/corpus.py
wrote (Pelican `Key: value` headers, `slug.<lang>.md` translations) into
what a Hugo user would write for the same campaign:

- one content folder per language (`content/<lang>/`, Hugo's `contentDir`),
  the same path in each, so Hugo links the translations;
- TOML front matter; an action's `::: letter` block becomes its `letter`
  table (subject, body), which the templates turn into send links;
- `outputs = ["html", "letter"]` on the actions that are open on the build
  date (state open, deadline not passed: the rule our build applies), so
  Hugo writes their printable letter page at `actions/<slug>/letter/`, as ours
  does; the others get the site's default outputs;
- the data files as they are (`data/targets.toml`, `data/people.toml`);
- the theme's CSS and icon, and i18n tables made from the theme's own
  catalogs (theme/translations), so both builds show the same strings;
- hugo.toml: bench/hugo/hugo.toml, plus the default language and one
  `[languages.<code>]` table per language;
- a translation status page, as our translation_stubs plugin writes.

The templates are bench/hugo/layouts, copied as they are. Standard library
(and Babel, to read the catalogs), so it runs in the project's venv.
"""

import json
import os
import re
import shutil

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
HUGO = os.path.join(HERE, "hugo")
LETTER = re.compile(r"^::: letter\n(?P<block>.*?)\n:::\n?", re.MULTILINE | re.DOTALL)
FIELD = re.compile(r"^(?P<key>[A-Za-z0-9_-]+):\s*(?P<value>.*)$")
KINDS = ("actions", "briefings", "pages")
# The closing line of every letter: its msgid in the theme's catalogs.
CLOSING = "[Your name], [your town]"


def toml_string(value):
    # A JSON string is a valid TOML basic string.
    return json.dumps(value, ensure_ascii=False)


def read_document(text):
    """({lowercased key: value}, body) of a corpus file."""
    head, _blank, body = text.partition("\n\n")
    fields = {}
    for line in head.split("\n"):
        match = FIELD.match(line)
        if match:
            fields[match.group("key").lower()] = match.group("value").strip()
    return fields, body


def split_letter(body):
    """(body without its letter block, subject, letter body) or (body, None, None)."""
    match = LETTER.search(body)
    if not match:
        return body, None, None
    head, _blank, letter = match.group("block").partition("\n\n")
    subject = head.split(":", 1)[1].strip()
    return body[: match.start()] + body[match.end():], subject, letter.strip("\n")


def is_open(fields, today):
    return fields.get("state") == "open" and fields.get("deadline", "") >= today


def front_matter(kind, fields, today, letter=None):
    lines = ["+++", f"title = {toml_string(fields['title'])}"]
    if "date" in fields:
        lines.append(f"date = {fields['date']}")
    if "summary" in fields:
        lines.append(f"summary = {toml_string(fields['summary'])}")
    if kind == "pages":
        lines.append('menus = "main"')
    if kind == "actions":
        lines += [
            f"deadline = {fields['deadline']}",
            f"state = {toml_string(fields['state'])}",
            f"people = {json.dumps([p.strip() for p in fields['people'].split(',')])}",
            f"targets = {json.dumps([t.strip() for t in fields['targets'].split(',')])}",
            f"briefing = {toml_string(fields['briefing'])}",
        ]
        if "outcome" in fields:
            lines.append(f"outcome = {toml_string(fields['outcome'])}")
        if letter and is_open(fields, today):
            lines.append('outputs = ["html", "letter"]')
        if letter:
            lines += ["[letter]", f"subject = {toml_string(letter[0])}", f"body = {toml_string(letter[1])}"]
    lines.append("+++")
    return "\n".join(lines) + "\n"


def read_catalog(lang):
    """{msgid: msgstr} of the theme's catalog for lang ({} without one); English is the msgids."""
    from babel.messages.pofile import read_po

    folder = os.path.join(ROOT, "theme", "translations")
    path = os.path.join(folder, lang, "LC_MESSAGES", "messages.po")
    if not os.path.exists(path):
        path = os.path.join(folder, "messages.pot") if lang == "en" else None
    if path is None:
        return {}
    with open(path, "rb") as handle:
        catalog = read_po(handle)
    return {m.id: (m.string or m.id) for m in catalog if m.id and isinstance(m.id, str)}


def hugo_message(text):
    """gettext's %(name)s as Hugo's i18n {{ .name }}."""
    return re.sub(r"%\((\w+)\)s", r"{{ .\1 }}", text)


def write_i18n(site, codes):
    folder = os.path.join(site, "i18n")
    os.makedirs(folder, exist_ok=True)
    closings = {}
    for lang in codes:
        catalog = read_catalog(lang)
        closings[lang] = catalog.get(CLOSING, CLOSING)
        if catalog:
            with open(os.path.join(folder, f"{lang}.toml"), "w", encoding="utf-8") as handle:
                for msgid, text in sorted(catalog.items()):
                    handle.write(f"{toml_string(msgid)} = {toml_string(hugo_message(text))}\n")
    return closings


def config(codes, site_names, language_names, today, budget, closings):
    """hugo.toml: the shared settings, then the date, budget and languages of this corpus."""
    with open(os.path.join(HUGO, "hugo.toml"), encoding="utf-8") as handle:
        base = handle.read()
    lines = [f"defaultContentLanguage = {toml_string(codes[0])}", "", base.rstrip("\n"), "",
             "[params]", f"today = {toml_string(today)}", f"mailtoBudget = {budget}", "[params.closings]"]
    lines += [f"{lang} = {toml_string(closings[lang])}" for lang in codes]
    lines.append("[params.languageLabels]")
    lines += [f"{lang} = {toml_string(language_names.get(lang, lang))}" for lang in codes]
    for weight, lang in enumerate(codes, 1):
        lines += ["", f"[languages.{lang}]", f'contentDir = "content/{lang}"',
                  f"label = {toml_string(language_names.get(lang, lang))}", f"locale = {toml_string(lang)}",
                  f"title = {toml_string(site_names.get(lang, site_names[codes[0]]))}", f"weight = {weight}"]
    return "\n".join(lines) + "\n"


def write_site(corpus_folder, site, codes, today, site_names, language_names, budget=1800):
    """Write the Hugo site for the corpus in corpus_folder into site (replacing it); return its folder."""
    shutil.rmtree(site, ignore_errors=True)
    os.makedirs(site)
    shutil.copytree(os.path.join(HUGO, "layouts"), os.path.join(site, "layouts"))
    shutil.copytree(os.path.join(corpus_folder, "data"), os.path.join(site, "data"))
    shutil.copytree(os.path.join(ROOT, "theme", "static"), os.path.join(site, "static", "theme"))
    closings = write_i18n(site, codes)
    with open(os.path.join(site, "hugo.toml"), "w", encoding="utf-8") as handle:
        handle.write(config(codes, site_names, language_names, today, budget, closings))
    for kind in KINDS:
        folder = os.path.join(corpus_folder, kind)
        for name in sorted(os.listdir(folder)) if os.path.isdir(folder) else []:
            with open(os.path.join(folder, name), encoding="utf-8") as handle:
                fields, body = read_document(handle.read())
            letter = None
            if kind == "actions":
                body, subject, letter_body = split_letter(body)
                letter = (subject, letter_body) if subject else None
            where = fields["slug"] + ".md" if kind == "pages" else os.path.join(kind, fields["slug"] + ".md")
            path = os.path.join(site, "content", fields["lang"], where)
            os.makedirs(os.path.dirname(path), exist_ok=True)
            with open(path, "w", encoding="utf-8") as handle:
                handle.write(front_matter(kind, fields, today, letter) + "\n" + body)
    # The team's translation status page, in the default language only, listed nowhere (as ours).
    status = os.path.join(site, "content", codes[0], "translation-status.md")
    with open(status, "w", encoding="utf-8") as handle:
        handle.write('+++\ntitle = "Translation status"\nlayout = "translation-status"\n'
                     '[build]\nlist = "never"\n[sitemap]\ndisable = true\n+++\n')
    return site
