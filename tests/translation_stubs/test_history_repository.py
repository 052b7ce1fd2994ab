"""`invoke translations --diff` and `--summary` run git only in the project's own repository."""

import io
import os
import shutil
import subprocess

from stub_fixtures import commit_then_reword_the_letter, fingerprint_of, git, project_for, source_files, translation, write_tree
from translation_stubs.cli import translations_command


def hostile_bare_repository(folder, marker):
    """Committed files that make `folder` look like a bare repository whose config runs ./prog on a signed commit."""
    scratch = folder.parent / "scratch.git"
    git(folder.parent, "init", "-q", "--bare", str(scratch))
    blob = subprocess.run(["git", "-C", str(scratch), "hash-object", "-w", "--stdin"], input=b"Title: x\n",
                          check=True, capture_output=True).stdout.decode().strip()
    # A tree that holds the original's name, so that `git log -- free-them.md` there shows the signed commit.
    tree = subprocess.run(["git", "-C", str(scratch), "mktree"], input=f"100644 blob {blob}\tfree-them.md\n".encode(),
                          check=True, capture_output=True).stdout.decode().strip()
    commit = ("tree " + tree + "\nauthor t <t@example.org> 1700000000 +0000\ncommitter t <t@example.org> 1700000000 +0000\n"
              "gpgsig -----BEGIN PGP SIGNATURE-----\n \n iQEzBAABCAAdFiEE\n -----END PGP SIGNATURE-----\n\nsigned\n")
    sha = subprocess.run(["git", "-C", str(scratch), "hash-object", "-w", "-t", "commit", "--stdin"],
                         input=commit.encode(), check=True, capture_output=True).stdout.decode().strip()
    shutil.copytree(scratch / "objects", folder / "objects")
    (folder / "refs" / "heads").mkdir(parents=True)
    (folder / "refs" / "heads" / "main").write_text(sha + "\n")
    (folder / "HEAD").write_text("ref: refs/heads/main\n")
    (folder / "config").write_text("[core]\n\trepositoryformatversion = 0\n\tbare = true\n"
                                   "[log]\n\tshowSignature = true\n[gpg]\n\tprogram = ./prog\n")
    program = folder / "prog"
    program.write_text(f"#!/bin/sh\ntouch '{marker}'\ncat >/dev/null\nexit 1\n")
    program.chmod(0o755)
    shutil.rmtree(scratch)


def test_a_content_folder_that_looks_like_a_bare_repository_runs_nothing(tmp_path):
    content = write_tree(tmp_path, source_files())
    marker = tmp_path / "PROGRAM-RAN"
    hostile_bare_repository(content / "actions", marker)
    project = project_for(tmp_path, languages=("en", "ru"))
    (content / "actions/free-them.ru.md").write_text(
        translation("free-them", "ru", fingerprint_of(project, "actions/free-them.md")), encoding="utf-8")
    commit_then_reword_the_letter(tmp_path, content)
    for options in ({"diff": True}, {"summary": True}, {"diff": True, "as_json": True}):
        out = io.StringIO()
        translations_command(project, out=out, **options)
        assert not marker.exists(), options
        assert "[-Yours sincerely-]{+With respect+}" in out.getvalue(), options
        assert "actions/free-them.md as translated (commit " in out.getvalue() or options.get("as_json")
    # The layout is one git would take for a bare repository: run there, git runs the program.
    subprocess.run(["git", "-C", str(content / "actions"), "log", "-1"], capture_output=True)
    assert marker.exists()
    os.unlink(marker)
