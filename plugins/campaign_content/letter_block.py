"""The `::: letter` block, found by Python-Markdown's own block parser.

    ::: letter
    Subject: …

    The letter's text.
    :::

The block is taken out of the page (petition_links shows it in the act
panel) and its raw text kept. Being a BlockProcessor, it never sees what
Markdown already took as code: a `::: letter` example inside a fenced or
indented code block stays code. A `:::` line that closes nothing, a second
letter and a letter that is never closed are reported, never cut silently.

`extract_letter()` is the same rule on plain text, for the translation
status, which fingerprints a file without converting it.
"""

import re

from markdown.blockprocessors import BlockProcessor
from markdown.extensions import Extension

OPEN = re.compile(r"^:::[ \t]*letter[ \t]*$", re.IGNORECASE)
FENCE = re.compile(r"^:::.*$")
CLOSE = re.compile(r"^:::[ \t]*$")
CODE_FENCE = re.compile(r"^[ ]{0,3}(`{3,}|~{3,})")
# Python-Markdown's placeholder for a stashed raw HTML block.
STASH = re.compile("\x02wzxhzdk:(\\d+)\x03")


class LetterBlockProcessor(BlockProcessor):
    """Takes a `::: letter … :::` block out of the document."""

    def __init__(self, parser, extension):
        super().__init__(parser)
        self.extension = extension

    def test(self, parent, block):
        return ":::" in block and any(FENCE.match(line) for line in block.split("\n"))

    def run(self, parent, blocks):
        block = blocks.pop(0)
        lines = block.split("\n")
        start = next(i for i, line in enumerate(lines) if FENCE.match(line))
        before, fence, after = "\n".join(lines[:start]), lines[start], "\n".join(lines[start + 1:])
        if not OPEN.match(fence):
            self.extension.problems.append(
                ("stray", fence.strip()) if CLOSE.match(fence) else ("unknown", fence.strip()))
            rest = [after] if after.strip() else []
        else:
            letter, rest = self._collect([after] + blocks)
            blocks.clear()
            if self.extension.letter is not None:
                self.extension.problems.append(("second", fence.strip()))
            else:
                self.extension.letter = self._unstash(letter)
        blocks[0:0] = ([before] if before.strip() else []) + rest

    def _collect(self, blocks):
        """(the letter's text, the blocks after its closing line); unclosed: everything."""
        taken = []
        for index, block in enumerate(blocks):
            lines = block.split("\n")
            for number, line in enumerate(lines):
                if CLOSE.match(line):
                    taken.append("\n".join(lines[:number]))
                    after = "\n".join(lines[number + 1:])
                    return "\n\n".join(taken).strip("\n"), ([after] if after.strip() else []) + blocks[index + 1:]
            taken.append(block)
        self.extension.problems.append(("unclosed", ""))
        return "\n\n".join(taken).strip("\n"), []

    def _unstash(self, text):
        """Raw HTML the preprocessors stashed, put back as written: a letter is plain text."""
        stash = self.parser.md.htmlStash.rawHtmlBlocks
        return STASH.sub(lambda match: str(stash[int(match.group(1))]), text)


class LetterExtension(Extension):
    """Registers the letter block; after each convert(), `letter` and `problems` tell what it found."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.reset()

    def extendMarkdown(self, md):  # noqa: N802 - Python-Markdown's name
        md.registerExtension(self)
        # After indented code (80), before headings, lists and paragraphs.
        md.parser.blockprocessors.register(LetterBlockProcessor(md.parser, self), "campaign_letter", 75)

    def reset(self):
        self.letter = None
        # [(kind, the fence line)]: kind is "stray", "unknown", "second" or "unclosed".
        self.problems = []


def extract_letter(body):
    """(body without the letter block, the letter's raw text or None), on plain text.

    Lines inside fenced code are passed over, as Markdown does.
    """
    if ":::" not in body:  # OPEN needs it: most documents (briefings, pages) are not looked at line by line
        return body, None
    lines = body.split("\n")
    fence, start = None, None
    for index, line in enumerate(lines):
        code = CODE_FENCE.match(line)
        if fence:
            if code and code.group(1)[0] == fence[0] and len(code.group(1)) >= len(fence):
                fence = None
            continue
        if code and start is None:
            fence = code.group(1)
        elif start is None and OPEN.match(line):
            start = index
        elif start is not None and CLOSE.match(line):
            letter = "\n".join(lines[start + 1:index]).strip("\n")
            return "\n".join(lines[:start] + lines[index + 1:]), letter
    return body, None
