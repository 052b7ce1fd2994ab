"""A synthetic multilingual campaign corpus for the benchmark.

`generate(folder, docs, langs)` writes `docs` documents in each of `langs`
languages: action pages (targets, people, a `::: letter` block), briefings
(headings, a list, footnotes) and a few plain pages, plus the data files
they refer to. Every translation is `slug.<lang>.md` beside `slug.md` and
also says `Slug:` and `Lang:` in its header, so our multilingual plugin,
Pelican's own translation grouping and i18n_subsites all find it.

The text is random words from small vocabularies written for this file,
seeded, so the same arguments always give the same files.
"""

import json
import os
import random
import shutil
import urllib.parse

# Language codes, in the order --langs takes them: the first is the
# default language. Latin-script and Cyrillic-script languages alternate so
# that non-ASCII text is always part of the load.
LANGUAGES = ["en", "ru", "kk", "de", "uk", "fr", "es", "pl", "be", "it"]
# Each language's name in that language, for a language switcher.
LANGUAGE_NAMES = {"en": "English", "ru": "Русский", "kk": "Қазақша", "de": "Deutsch", "uk": "Українська",
                  "fr": "Français", "es": "Español", "pl": "Polski", "be": "Беларуская", "it": "Italiano"}

WORDS = {
    "latin": (
        "police officers detained people gathered square city street court lawyer family "
        "release protest peaceful assembly rights authorities hearing fine charge appeal "
        "witness report evidence statement morning evening station custody journalist "
        "students pensioners workers mothers teachers doctors village region capital "
        "demand write letter minister office prosecutor urgent support campaign safety "
        "freedom expression opinion banner placard march meeting silence speech voice"
    ).split(),
    "cyrillic": (
        "полиция задержание люди площадь город улица суд адвокат семья свобода протест "
        "мирный собрание права власти слушание штраф обвинение жалоба свидетель доклад "
        "заявление утро вечер участок журналист студенты пенсионеры рабочие матери "
        "учителя врачи село область столица письмо министр прокурор срочно поддержка "
        "кампания безопасность мнение плакат шествие встреча тишина речь голос бейбіт "
        "жиын құқық адам қала көше сот заңгер отбасы бостандық наразылық хат министр"
    ).split(),
}
SCRIPT = {"en": "latin", "de": "latin", "fr": "latin", "es": "latin", "pl": "latin", "it": "latin",
          "ru": "cyrillic", "kk": "cyrillic", "uk": "cyrillic", "be": "cyrillic"}

# Our build gives a letter a send button when its mailto link (the
# addresses, the subject, the official's salutation, the letter and the
# sender's closing line, percent-encoded) is at most
# PETITION_LINKS["mailto_budget"] characters (1800 in pelicanconf.py), and
# warns about every letter over it. The corpus's letters are cut to fit,
# counting the closing line as CLOSING_ALLOWANCE Cyrillic letters (6
# characters each once encoded; the real closing lines are shorter).
MAILTO_BUDGET = 1800
CLOSING_ALLOWANCE = 40


def languages(count):
    if not 1 <= count <= len(LANGUAGES):
        raise ValueError(f"--langs must be between 1 and {len(LANGUAGES)}")
    return LANGUAGES[:count]


class Text:
    """Random sentences and paragraphs in one script."""

    def __init__(self, rng, lang):
        self.rng = rng
        self.words = WORDS[SCRIPT[lang]]
        self.cyrillic = SCRIPT[lang] == "cyrillic"

    def words_(self, low, high):
        return [self.rng.choice(self.words) for _ in range(self.rng.randint(low, high))]

    def sentence(self, low=8, high=22):
        words = self.words_(low, high)
        roll = self.rng.random()
        index = self.rng.randrange(len(words))
        if roll < 0.15:
            words[index] = f"*{words[index]}*"
        elif roll < 0.3:
            # Quotations, as each script writes them; smarty curls the straight ones.
            words[index] = f"\u00ab{words[index]}\u00bb" if self.cyrillic else f'"{words[index]}"'
        elif roll < 0.4 and not self.cyrillic:
            words[index] += "'s"
        elif roll < 0.45:
            words[index] += " --"
        text = " ".join(words)
        return text[:1].upper() + text[1:] + "."

    def title(self):
        text = " ".join(self.words_(4, 9))
        return text[:1].upper() + text[1:]

    def paragraph(self, low=3, high=6):
        return " ".join(self.sentence() for _ in range(self.rng.randint(low, high)))

    def bullets(self, count):
        return "\n".join(f"- {self.sentence(5, 12)}" for _ in range(count))


def _header(fields):
    return "\n".join(f"{key}: {value}" for key, value in fields) + "\n\n"


def mailto_length(subject, body, emails, salutation):
    """The length of the mailto link of a letter, with the closing line at its allowance."""
    closing = "\u0436" * CLOSING_ALLOWANCE
    full = f"{salutation}\n\n{body}\n{closing}".replace("\n", "\r\n")
    return len(f"mailto:{','.join(emails)}?subject={urllib.parse.quote(subject, safe='')}"
               f"&body={urllib.parse.quote(full, safe='')}")


def fit_letter(subject, sentences, emails, salutation):
    """(subject, sentences) cut, a last word at a time from the longest sentence, until the
    letter's mailto link fits MAILTO_BUDGET; deterministic, and draws nothing from the rng."""
    words = [sentence.split(" ") for sentence in sentences]
    subject_words = subject.split(" ")

    def letter():
        cut = [" ".join(w).rstrip(".") + "." for w in words]
        return " ".join(subject_words), cut

    while mailto_length(letter()[0], "\n\n".join(letter()[1]), emails, salutation) > MAILTO_BUDGET:
        longest = max(words, key=len)
        if len(longest) > 3:
            longest.pop()
        elif len(subject_words) > 3:
            subject_words.pop()
        else:
            raise ValueError("a letter cannot fit the mailto budget")
    return letter()


def action(text, slug, lang, index, briefing, targets, people, salutation=""):
    """targets and people: this action's ids, the same in every language; salutation: the longest
    of its targets' salutations in this language (the letter must fit with it)."""
    closed = index % 5 == 0
    fields = [
        ("Title", text.title()), ("Slug", slug), ("Lang", lang),
        ("Date", f"{2018 + index % 8}-{1 + index % 12:02d}-{1 + index % 27:02d}"),
        # Always after the Date (a deadline before it is an error), one to three years on.
        ("Deadline", f"{2018 + index % 8 + 1 + index % 3}-{1 + index % 12:02d}-{1 + index % 27:02d}"),
        ("State", "closed" if closed else "open"),
        ("Summary", text.sentence(12, 24)),
        ("People", ", ".join(people)),
        ("Targets", ", ".join(targets)),
        ("Briefing", briefing),
    ]
    if closed:
        fields.insert(6, ("Outcome", text.sentence()))
    body = [f"## {text.title()}", text.paragraph(), text.paragraph(), f"## {text.title()}", text.paragraph(),
            text.bullets(3), text.paragraph(2, 4)]
    # Cut to fit a mailto link, in Cyrillic too (see MAILTO_BUDGET).
    subject, sentences = fit_letter(text.title(), [text.sentence(8, 14), text.sentence(6, 12), text.sentence(2, 3)],
                                    [f"{target}@example.org" for target in targets], salutation)
    letter = ["::: letter", f"Subject: {subject}", "", sentences[0], "", sentences[1], "", sentences[2], ":::"]
    return _header(fields) + "\n\n".join(body) + "\n\n" + "\n".join(letter) + "\n"


def briefing(rng, text, slug, lang, index):
    fields = [
        ("Title", text.title()), ("Slug", slug), ("Lang", lang),
        ("Date", f"20{18 + index % 8}-{1 + index % 12:02d}-{1 + index % 27:02d}"),
        ("Summary", text.sentence(14, 28)),
    ]
    body, notes = [text.paragraph()], []
    for section in range(6):
        body.append(f"## {text.title()}")
        for _ in range(rng.randint(2, 3)):
            paragraph = text.paragraph(4, 7)
            if len(notes) < 8 and rng.random() < 0.6:
                notes.append(f"[^{len(notes) + 1}]: {text.sentence(6, 14)}")
                paragraph += f"[^{len(notes)}]"
            body.append(paragraph)
        if section == 5:
            body.append(text.bullets(4))
    return _header(fields) + "\n\n".join(body) + "\n\n" + "\n".join(notes) + "\n"


def page(text, slug, lang):
    return _header([("Title", text.title()), ("Slug", slug), ("Lang", lang)]) + "\n\n".join(
        [text.paragraph(), f"## {text.title()}", text.paragraph()]) + "\n"


def _toml_value(values):
    # A JSON string is a valid TOML basic string.
    return "{ " + ", ".join(f"{lang} = {json.dumps(value, ensure_ascii=False)}" for lang, value in values.items()) + " }"


def data_files(rng, langs, targets, people):
    """(targets.toml, people.toml, {target: {lang: salutation}})."""
    texts = {lang: Text(rng, lang) for lang in langs}
    target_lines, people_lines, salutations = [], [], {}
    for number, target in enumerate(targets):
        name = {lang: texts[lang].title() for lang in langs}
        title = {lang: texts[lang].title() for lang in langs}
        salutations[target] = {lang: texts[lang].title() + "," for lang in langs}
        target_lines += [
            f"[{target}]",
            f"name = {_toml_value(name)}",
            f"title = {_toml_value(title)}",
            f'email = "{target}@example.org"',
            f'address = "{number} Example Street\\nAstana 010000\\nKazakhstan"',
            f"salutation = {_toml_value(salutations[target])}",
            f'language = "{langs[number % len(langs)]}"',
            "",
        ]
    for person in people:
        people_lines += [
            f"[{person}]",
            f"name = {_toml_value({lang: texts[lang].title() for lang in langs})}",
            f"description = {_toml_value({lang: texts[lang].sentence() for lang in langs})}",
            "",
        ]
    return "\n".join(target_lines), "\n".join(people_lines), salutations


def plan(docs):
    """(pages, briefings, actions) counts that add up to docs."""
    pages = min(2, docs)
    briefings = max(1, (docs - pages) // 4) if docs > pages else 0
    return pages, briefings, docs - pages - briefings


def generate(folder, docs=1000, langs=3, seed=2019):
    """Write the corpus into folder (replacing it); return the list of files written."""
    codes = languages(langs)
    rng = random.Random(seed)
    shutil.rmtree(folder, ignore_errors=True)
    targets = [f"official-{i}" for i in range(12)]
    people = [f"person-{i}" for i in range(20)]
    files = {}
    files["data/targets.toml"], files["data/people.toml"], salutations = data_files(rng, codes, targets, people)
    n_pages, n_briefings, n_actions = plan(docs)
    for index in range(n_pages):
        for lang in codes:
            files[f"pages/page-{index}{_suffix(lang, codes)}.md"] = page(Text(rng, lang), f"page-{index}", lang)
    for index in range(n_briefings):
        for lang in codes:
            files[f"briefings/briefing-{index}{_suffix(lang, codes)}.md"] = briefing(
                rng, Text(rng, lang), f"briefing-{index}", lang, index)
    for index in range(n_actions):
        chosen_targets, chosen_people = rng.sample(targets, 1 + index % 2), rng.sample(people, 2)
        for lang in codes:
            files[f"actions/action-{index}{_suffix(lang, codes)}.md"] = action(
                Text(rng, lang), f"action-{index}", lang, index, f"briefing-{index % max(1, n_briefings)}",
                chosen_targets, chosen_people, max((salutations[t][lang] for t in chosen_targets), key=len))
    for relative, text in files.items():
        path = os.path.join(folder, relative)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "w", encoding="utf-8") as handle:
            handle.write(text)
    return sorted(files)


def _suffix(lang, codes):
    return "" if lang == codes[0] else f".{lang}"
