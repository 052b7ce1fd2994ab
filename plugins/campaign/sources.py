"""How a source file's bytes become text, for every reader of content.

The build's Markdown reader, the translation status, the stub writer, the
incremental plan and the data files all read through `read_source`, so a
file means the same to each of them: UTF-8, byte-order marks at the start ignored,
every line ending ('\r\n', or an old Mac's lone '\r') made '\n',
characters XML forbids taken out and every right-to-left or left-to-right
span closed on its line (each said by line), and a file that is not UTF-8,
too large, or outside its folder refused by name.
"""

import errno
import os
import re
import stat

from .problems import Problem

# A campaign text is at most a few hundred KB; anything larger is a mistake
# or an attack on the build's time and memory.
MAX_SOURCE_BYTES = 2 * 1024 * 1024
BYTE_ORDER_MARK = "\ufeff"
LINE_ENDING = re.compile(rb"\r\n|\r|\n")
# Characters XML 1.0 forbids (feeds and the sitemap are XML; HTML rejects
# them too): C0 controls but tab, line feed and carriage return, and the
# non-characters U+FFFE and U+FFFF; and the C1 controls, which XML allows
# but HTML takes as errors and a terminal as commands; and the other
# non-characters (U+FDD0..U+FDEF, the last two of every plane), which XML
# allows but HTML forbids in a page ("Forbidden code point").
FORBIDDEN_IN_FIRST_PLANE = "\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufdd0-\ufdef\ufffe\uffff"
NONCHARACTERS_PAST_IT = "".join(chr(plane * 0x10000 + 0xFFFE) + chr(plane * 0x10000 + 0xFFFF) for plane in range(1, 17))
XML_FORBIDDEN = re.compile(f"[{FORBIDDEN_IN_FIRST_PLANE}{NONCHARACTERS_PAST_IT}]")
# The same, widened to everything from U+1FFFE on: searched first, it keeps a text's scan as fast as it was
# before the non-characters past the first plane joined XML_FORBIDDEN, whose scan they made ten times slower
# (seconds of a build). Only a text it finds something in is searched with XML_FORBIDDEN (forbidden()).
FROM_FIRST_NONCHARACTER_PAST_IT = "\U0001fffe-\U0010ffff"
MAYBE_FORBIDDEN = re.compile(f"[{FORBIDDEN_IN_FIRST_PLANE}{FROM_FIRST_NONCHARACTER_PAST_IT}]")
# Bidirectional controls that open a span of text read right-to-left or left-to-right: the embeddings and
# overrides (LRE, RLE, LRO, RLO), closed by PDF (U+202C), and the isolates (LRI, RLI, FSI), closed by PDI
# (U+2069). One left open runs on past its field: an override in a Title reversed the " – site name" after
# it in the tab's title, and one in a target's name the rest of the "Write to:" line.
EMBEDDINGS, ISOLATES = "\u202a\u202b\u202d\u202e", "\u2066\u2067\u2068"
POP_EMBEDDING, POP_ISOLATE = "\u202c", "\u2069"
BIDI_CONTROL_RANGES = "\u202a-\u202e\u2066-\u2069"  # the openers above, PDF and PDI
BIDI_CONTROLS = re.compile(f"[{BIDI_CONTROL_RANGES}]")
# One search for both: a text holding nothing it finds (nearly every one) is clean as it is.
MAYBE_UNCLEAN = re.compile(f"[{FORBIDDEN_IN_FIRST_PLANE}{BIDI_CONTROL_RANGES}{FROM_FIRST_NONCHARACTER_PAST_IT}]")


def forbidden(text):
    """Whether `text` holds a character XML_FORBIDDEN names."""
    return MAYBE_FORBIDDEN.search(text) is not None and XML_FORBIDDEN.search(text) is not None


def decode_source(data, file, bidi_by_line=True):
    """(text or None, [Problem]) for a file's bytes; `file` names it in problems. `bidi_by_line`: close each
    bidirectional span on its line (clean_text); a data file's are closed in each of its texts instead, since
    a control closed at the end of a TOML line would land outside its string."""
    if len(data) > MAX_SOURCE_BYTES:
        return None, [Problem(file, "", f"is larger than the limit of {MAX_SOURCE_BYTES // 1024} KB",
                              "Split it into several documents")]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = len(LINE_ENDING.split(data[: error.start]))  # counted as the readers will count lines
        return None, [Problem(file, "", f"is not UTF-8 text (byte 0x{data[error.start]:02x} cannot be read)",
                              "Save the file as UTF-8 in your editor; nothing of it was used", line=line)]
    # Every mark at the start: an editor that adds one to a file that had one leaves two, and the second
    # would begin the first line and hide the header.
    text = text.lstrip(BYTE_ORDER_MARK)
    if "\r" in text:
        # Each reader (the header's, Python-Markdown's) counts lines by '\n': one file, the same lines everywhere.
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return clean_text(text, file) if bidi_by_line else strip_forbidden(text, file)


def clean_text(text, file, field=""):
    """(text without the characters XML forbids and with every bidirectional span closed on its line,
    [Problem] naming each change by line): how every text from content is made safe to show."""
    if MAYBE_UNCLEAN.search(text) is None:
        return text, []
    text, problems = strip_forbidden(text, file, field)
    text, unclosed = close_bidi_spans(text, file, field)
    return text, problems + unclosed


def unclosed_bidi_spans(line):
    """The embeddings, overrides and isolates `line` opens and does not close, innermost last, paired as
    the Unicode bidirectional algorithm pairs them (a closer with nothing to close does nothing)."""
    opened = []
    for match in BIDI_CONTROLS.finditer(line):
        control = match.group()
        if control in EMBEDDINGS or control in ISOLATES:
            opened.append(control)
        elif control == POP_EMBEDDING:
            if opened and opened[-1] in EMBEDDINGS:
                opened.pop()
        elif any(span in ISOLATES for span in opened):  # POP_ISOLATE: its isolate and what opened inside it
            while opened.pop() not in ISOLATES:
                pass
    return opened


def close_bidi_spans(text, file, field=""):
    """(text with every bidirectional span a line opens closed at the line's end, [Problem] per such line)."""
    if BIDI_CONTROLS.search(text) is None:
        return text, []
    lines, problems = text.split("\n"), []
    for number, line in enumerate(lines, 1):
        opened = unclosed_bidi_spans(line)
        if opened:
            lines[number - 1] = line + "".join(POP_EMBEDDING if span in EMBEDDINGS else POP_ISOLATE
                                               for span in reversed(opened))
            names = ", ".join(f"U+{ord(span):04X}" for span in dict.fromkeys(opened))
            problems.append(Problem(
                file, field, f"has a right-to-left or left-to-right control ({names}) that its line does not close, "
                "so the words after it, the site's own too, would show in the wrong order; it was closed at the "
                "end of the line", "Delete it (an editor may show nothing there), or close it where the span ends: "
                "U+202C after U+202A to U+202E, U+2069 after U+2066 to U+2068", level="warning",
                line=number if not field else None))
    return "\n".join(lines), problems


def strip_forbidden(text, file, field=""):
    """(text without the characters XML forbids, [Problem] naming each by line)."""
    if not forbidden(text):
        return text, []
    problems = []
    for number, line in enumerate(text.split("\n"), 1):
        found = sorted(set(XML_FORBIDDEN.findall(line)))
        if found:
            names = ", ".join(f"U+{ord(char):04X}" for char in found)
            problems.append(Problem(file, field, f"has the control character(s) {names}, which pages and feeds "
                                    "cannot carry; they were left out", "Delete them (an editor may show them as "
                                    "boxes or nothing at all)", level="warning", line=number if not field else None))
    return XML_FORBIDDEN.sub("", text), problems


PATH_SEPARATORS = re.compile("[" + re.escape(os.sep + (os.altsep or "")) + "]")


def is_inside(path, folder):
    """True when `path`, with every link followed, is inside `folder` (followed too)."""
    path, folder = os.fsdecode(path), os.fsdecode(folder)  # str, from a Path or bytes too
    if _plainly_inside(path, folder):
        return True
    try:
        real, top = os.path.realpath(path), os.path.realpath(folder)
    except OSError:  # a link the system will not resolve for us (/proc/1/cwd): not known to be inside
        return False
    return real == top or real.startswith(top.rstrip(os.sep) + os.sep)


def _plainly_inside(path, folder):
    """True when `path` names a place under `folder` with no '..' and no link below `folder`: then it is
    inside whatever `folder` leads to. Two or three lstat calls, where resolving both paths took a dozen
    (a build reads every document through here)."""
    if any(".." in PATH_SEPARATORS.split(name) for name in (path, folder)):
        return False  # 'link/..' is not where it reads as: leave it to realpath
    try:
        relative = _relative(path, folder)
    except ValueError:  # another drive (Windows)
        return False
    if relative == os.curdir or relative == os.pardir or relative.startswith(os.pardir + os.sep):
        return False
    current = folder
    for part in relative.split(os.sep):
        current = os.path.join(current, part)
        if os.path.islink(current):
            return False
    return True


def _relative(path, folder):
    """os.path.relpath(path, folder), without making both absolute when `path` is spelled under `folder`
    (how every reader of the build names a document)."""
    path, folder = os.fsdecode(path), os.fsdecode(folder)  # str, from a Path or bytes too
    prefix = folder.rstrip(os.sep) + os.sep
    if path.startswith(prefix) and os.path.isabs(folder) and os.path.normpath(path) == path:
        return path[len(prefix):]
    return os.path.relpath(path, folder)


def relative_name(path, folder):
    """How problems and reports name the file at `path`: relative to `folder`, with '/' between folders."""
    return _relative(path, folder).replace(os.sep, "/")


SURROGATE = re.compile("[\ud800-\udfff]")


def is_text_name(name):
    """False for a file name that is not UTF-8: Python gives its bytes as surrogates, which no page,
    feed or report can hold. (One search: the translation status asks for every document.)"""
    return SURROGATE.search(name) is None


def read_source(path, folder, file=None, bidi_by_line=True):
    """(text or None, [Problem]) for the file at `path`, which must lie inside `folder`.

    `file` names it in problems (default: `path` relative to `folder`); `bidi_by_line`: see decode_source.
    """
    file = file or relative_name(path, folder)
    if not is_inside(path, folder):
        return None, [Problem(file, "", "is a link to a file outside the content folder, so it was not read",
                              "Put the file itself in the content folder instead of a link")]
    try:
        data = read_at_most(path, MAX_SOURCE_BYTES + 1)
    except NotRegularFile:
        return None, [Problem(file, "", "is not a regular file (a named pipe, socket or device), so it was not read",
                              "Delete it, or put the file itself in its place: only regular files are read")]
    except OSError as error:
        return None, [Problem(file, "", f"cannot be read ({error.strerror})", "Check that the file exists and is readable")]
    return decode_source(data, file, bidi_by_line)


# Below the size at which malloc maps memory for a buffer: a read of a typical document is then one
# system call and one allocation (a file object asking for the limit at once mapped 2 MB per file).
READ_CHUNK = 64 * 1024


class NotRegularFile(OSError):
    """A path that names a named pipe, socket or device: reading it could wait forever."""


def read_at_most(path, limit):
    """Up to `limit` bytes of the file at `path`, read through its descriptor (no file object: a build
    reads every document more than once). NotRegularFile for anything but a regular file."""
    # Non-blocking, so that opening a named pipe with no writer returns at once (it has no effect on a file).
    flags = os.O_RDONLY | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_BINARY", 0) | getattr(os, "O_NONBLOCK", 0)
    try:
        handle = os.open(path, flags)
    except OSError as error:
        if error.errno == errno.ENXIO:  # a socket, or a pipe opened to write: nothing to read there
            raise NotRegularFile(f"{path} is not a regular file") from None
        raise
    try:
        mode = os.fstat(handle).st_mode
        if stat.S_ISDIR(mode):
            raise IsADirectoryError(errno.EISDIR, os.strerror(errno.EISDIR), path)
        if not stat.S_ISREG(mode):
            raise NotRegularFile(f"{path} is not a regular file")
        parts, total = [], 0
        while total < limit:
            chunk = os.read(handle, min(READ_CHUNK, limit - total))
            if not chunk:
                break
            parts.append(chunk)
            total += len(chunk)
        return parts[0] if len(parts) == 1 else b"".join(parts)
    finally:
        os.close(handle)


# A file stamped within one file-system clock tick of the moment it was
# looked at could change again without its stamp changing. A tick is up to
# 2 s where mtimes are whole seconds (FAT, ext3, HFS+), a few milliseconds
# elsewhere (ext4, XFS, btrfs, APFS); the windows leave room to spare.
COARSE_CLOCK_NS = 2_000_000_000
FINE_CLOCK_NS = 100_000_000


def is_settled(mtime_ns, now_ns):
    """Whether a file last changed at mtime_ns, looked at now_ns, cannot change again unseen:
    the one rule for every cache keyed by file stamps (incremental, translation_stubs)."""
    window = COARSE_CLOCK_NS if mtime_ns % 1_000_000_000 == 0 else FINE_CLOCK_NS
    return mtime_ns < now_ns - window
