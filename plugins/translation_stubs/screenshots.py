"""Pictures for docs/translating.md: a stub, the outdated notice and the status page.

Made from a copy of the demo content in a temporary folder, with one
Russian translation made outdated and one Kazakh stub written, so the real
content is never touched.
"""

import html
import os
import shutil
import tempfile

OUTDATED_ORIGINAL = "briefings/assembly-crackdown-27-february.md"
STUB_OF = "pages/about.md"


def _outdate(content):
    """Change one sentence of an English original, so its Russian translation is outdated."""
    path = os.path.join(content, OUTDATED_ORIGINAL)
    with open(path, encoding="utf-8") as stream:
        text = stream.read()
    header, body = text.split("\n\n", 1)
    with open(path, "w", encoding="utf-8") as stream:
        stream.write(header + "\n\n" + body.replace(".", ", as several rights groups reported.", 1))


def translator_screenshots(root, build, out_folder, width=390):
    """Write stub-kk.png, outdated-notice-ru.png and translation-status.png (phone width) into out_folder.

    `build(settings_file, overrides)` builds a site (sitebuild.build).
    """
    from site_checks.browser import BrowserSession

    from .cli import stubs_command
    from .documents import project_from_settings

    work = tempfile.mkdtemp(prefix="translator-shots-")
    try:
        content, output = os.path.join(work, "content"), os.path.join(work, "output")
        shutil.copytree(os.path.join(root, "content"), content)
        _outdate(content)
        os.remove(os.path.join(content, STUB_OF.replace(".md", ".kk.md")))
        overrides = {"PATH": content, "OUTPUT_PATH": output, "CACHE_PATH": os.path.join(work, "cache")}
        from sitebuild import load_settings

        settings = load_settings(os.path.join(root, "pelicanconf.py"), overrides)
        with open(os.devnull, "w", encoding="utf-8") as quiet:
            stubs_command(project_from_settings(settings), langs=["kk"], path=os.path.join(content, STUB_OF), out=quiet)
        build(os.path.join(root, "pelicanconf.py"), overrides)
        with open(os.path.join(content, STUB_OF.replace(".md", ".kk.md")), encoding="utf-8") as stream:
            stub = stream.read()
        with open(os.path.join(output, "stub.html"), "w", encoding="utf-8") as stream:
            stream.write('<!doctype html><meta charset="utf-8"><title>stub</title><style>body{margin:0;font:15px/1.45 '
                         'monospace;background:#fff;color:#1f2328}pre{margin:0;padding:12px;white-space:pre-wrap;'
                         'overflow-wrap:anywhere}</style><pre>' + html.escape(stub) + "</pre>")
        slug = OUTDATED_ORIGINAL.split("/")[1][:-3]
        shots = {"stub-kk.png": "stub.html", "outdated-notice-ru.png": f"ru/briefings/{slug}/",
                 "translation-status.png": "translation-status/"}
        made = []
        with BrowserSession(output) as session:
            context = session.new_context(viewport={"width": int(width), "height": 844}, java_script_enabled=False)
            page = context.new_page()
            for name, path in shots.items():
                page.goto(f"{session.origin}/{path}")
                if name == "translation-status.png":
                    # The outdated translation, with the line to paste, at the top of the picture.
                    page.mouse.wheel(0, page.locator("tr.state-outdated").first.bounding_box()["y"] - 120)
                    page.wait_for_timeout(200)
                target = os.path.join(out_folder, name)
                page.screenshot(path=target)
                made.append(target)
            context.close()
        return made
    finally:
        shutil.rmtree(work, ignore_errors=True)
