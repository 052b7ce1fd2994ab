"""What changed in an original, word by word, with a little context.

A translator updating a translation needs to see the two words that changed
in a 700-character paragraph, not the paragraph twice. Each change is shown
as `git diff --word-diff` does: `[-removed-]{+added+}`, with a few words
either side, one change per line, under the field it is in.
"""

import difflib

import regex

from .documents import TRANSLATABLE, TRANSLATABLE_WHEN_PRESENT

# A word (letters, digits, apostrophes inside it, in any script), or one other non-space character.
TOKEN = regex.compile(r"\s+|[\p{L}\p{N}\p{M}]+(?:['’][\p{L}\p{N}\p{M}]+)*|\S")
CONTEXT_WORDS = 6
SPACES = regex.compile(r"\s+")
FIELDS = TRANSLATABLE + TRANSLATABLE_WHEN_PRESENT


def tokens(text):
    return TOKEN.findall(text or "")


def _context(parts, words, from_end):
    """The last (or first) `words` words of a token list as text, spacing kept, "…" where the text goes on."""
    taken, count, more = [], 0, False
    for part in (reversed(parts) if from_end else parts):
        if count >= words and not part.isspace():
            more = True
            break
        taken.append(part)
        if not part.isspace():
            count += 1
    text = SPACES.sub(" ", "".join(reversed(taken) if from_end else taken))
    if text.strip() and more:
        text = "…" + text.lstrip() if from_end else text.rstrip() + "…"
    return text.strip()


def _changed_runs(a, b):
    """[(i1, i2, j1, j2)] of the changed token runs, runs apart only by spacing merged into one."""
    runs = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if tag == "equal":
            continue
        if runs and all(token.isspace() for token in a[runs[-1][1]:i1]):
            runs[-1] = (runs[-1][0], i2, runs[-1][2], j2)
        else:
            runs.append((i1, i2, j1, j2))
    return runs


def word_changes(old, new, context=CONTEXT_WORDS):
    """['…before [-old-]{+new+} after…'] for each changed run of words between two texts."""
    a, b = tokens(old), tokens(new)
    shown = []
    for i1, i2, j1, j2 in _changed_runs(a, b):
        removed = SPACES.sub(" ", "".join(a[i1:i2])).strip()
        added = SPACES.sub(" ", "".join(b[j1:j2])).strip()
        if not removed and not added:
            continue  # only spacing changed
        change = (f"[-{removed}-]" if removed else "") + (f"{{+{added}+}}" if added else "")
        before, after = _context(a[:i1], context, True), _context(a[i2:], context, False)
        spaced_before = " " if i1 and a[i1 - 1].isspace() and before else ""
        spaced_after = " " if i2 < len(a) and a[i2].isspace() and after else ""
        shown.append(before + spaced_before + change + spaced_after + after)
    return shown


def translatable_changes(old, new):
    """[(field, [changes])] between two translatable_text() dicts, fields in order, unchanged ones left out."""
    return [(field, changes) for field in FIELDS if (changes := word_changes(old.get(field), new.get(field)))]
