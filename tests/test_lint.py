"""The linters, each run once over the whole tree, kept the same as the pre-commit hooks, and the messages a
contributor gets."""

import json
import os
import shutil
import subprocess
import sys

import pytest
import yaml

from .conftest import ROOT, config_in, copy_docs, run_build

BIN = os.path.dirname(sys.executable)
VNU = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"


def run(*command, cwd=ROOT, **kwargs):
    return subprocess.run(command, cwd=cwd, capture_output=True, text=True, **kwargs)


# Each linter runs once in `make test`: here, over the whole tree. The suite does not also run
# `pre-commit run --all-files`, which would lint everything a second time, needs a git checkout, sees only
# tracked files and rewrites files (its ruff-format hook formats instead of checking). Instead, the hooks in
# .pre-commit-config.yaml are checked against this table, so a contributor's commit runs the same tools.
# hook id: (the hook's entry, the command run here over the whole tree)
LINTERS = {
    "ruff": ("ruff check --force-exclude", ["ruff", "check", "."]),
    "ruff-format": ("ruff format --force-exclude", ["ruff", "format", "--check", "."]),
    "codespell": ("codespell", ["codespell"]),
    # The hook's exclusions: malformed quiz pages on purpose, and a template that starts at a level-2 heading.
    "markdown": (
        "pymarkdown scan",
        [
            "pymarkdown",
            "scan",
            "-r",
            "--respect-gitignore",
            "-e",
            "tests/quiz_format/**",
            "-e",
            ".github/pull_request_template.md",
            ".",
        ],
    ),
    "workflows": (
        "check-jsonschema --builtin-schema vendor.github-workflows",
        ["check-jsonschema", "--builtin-schema", "vendor.github-workflows"]
        + sorted(str(path.relative_to(ROOT)) for path in ROOT.glob(".github/workflows/*.y*ml")),
    ),
    # Not run here: every build runs it (the MkDocs hook), and test_quiz_format runs the same check on docs/.
    "quiz-check": ("python -m quiz check docs", None),
}


@pytest.mark.parametrize("hook", [hook for hook, (_, command) in LINTERS.items() if command])
def test_linter_passes(hook):
    command = LINTERS[hook][1]
    result = run(os.path.join(BIN, command[0]), *command[1:])
    assert result.returncode == 0, result.stdout + result.stderr


def test_pre_commit_hooks_are_local_and_the_linters_run_here():
    config = yaml.safe_load((ROOT / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    # Local hooks only, so pre-commit works offline and never clones a repository.
    assert [repo["repo"] for repo in config["repos"]] == ["local"]
    hooks = {hook["id"]: hook["entry"] for hook in config["repos"][0]["hooks"]}
    assert hooks == {hook: ".venv/bin/" + entry for hook, (entry, _) in LINTERS.items()}


def test_workflows_run_the_readme_test_command_on_debian_chromium():
    pull_request = (ROOT / ".github" / "workflows" / "pull-request.yml").read_text(encoding="utf-8")
    assert "pull_request:" in pull_request and "run: make test" in pull_request
    assert "bookworm" in pull_request and "tools/install-system-deps.sh" in pull_request
    deploy = (ROOT / ".github" / "workflows" / "deploy.yml").read_text(encoding="utf-8")
    for action in ("actions/configure-pages@", "actions/upload-pages-artifact@", "actions/deploy-pages@"):
        assert action in deploy
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "make test" in readme.split("\n\n")[1]


NEWER_CSS = "@supports (appearance: base-select)"


def newer_css_lines(path):
    """The lines of a page inside `@supports (appearance: base-select) { ... }` blocks (the single-file copy
    inlines quiz.css): customisable drop-downs, newer CSS than the checker can parse."""
    text = path.read_text(encoding="utf-8")
    lines = set()
    start = text.find(NEWER_CSS)
    while start >= 0:
        depth, index = 0, text.index("{", start)
        while True:
            depth += {"{": 1, "}": -1}.get(text[index], 0)
            if depth == 0:
                break
            index += 1
        lines.update(range(text.count("\n", 0, start) + 1, text.count("\n", 0, index) + 2))
        start = text.find(NEWER_CSS, index)
    return lines


def test_built_html_is_valid(site_dir):
    """The Nu Html Checker, with known exceptions: Material marks its two hidden checkbox toggles
    autocomplete="off" on purpose (so Firefox does not restore an open menu), which HTML does not allow; and
    errors inside quiz.css's customisable drop-down block (see newer_css_lines) are the checker's, not ours."""
    assert VNU.exists(), "vnu-jar is missing: run `npm ci` (make test does it)"
    pages = sorted(site_dir.glob("*.html"))
    result = run("java", "-jar", str(VNU), "--errors-only", "--format", "json", *map(str, pages))
    messages = json.loads(result.stderr or result.stdout)["messages"]
    skip = {path.name: newer_css_lines(path) for path in pages}
    errors = []
    for message in messages:
        name = message.get("url", "").rsplit("/", 1)[-1]
        if message["message"].startswith("Attribute “autocomplete” is only allowed when the input type is"):
            continue
        if message.get("lastLine") in skip.get(name, ()):
            continue
        errors.append("%s:%s: %s" % (name, message.get("lastLine"), message["message"]))
    assert errors == []
    assert any(skip.values()), "the single-file copy no longer holds quiz.css's drop-down block"


def test_a_broken_link_fails_the_build_naming_file_and_link(tmp_path):
    docs = tmp_path / "docs"
    copy_docs(docs)
    about = docs / "about.md"
    about.write_text(
        about.read_text(encoding="utf-8") + "\nSee [the checks](evidence.md#no-such-section).\n", encoding="utf-8"
    )
    result = run_build(config=config_in(tmp_path), cwd=tmp_path)
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert "Doc file 'about.md' contains a link 'evidence.md#no-such-section'" in output
    assert "does not contain an anchor '#no-such-section'" in output


def test_pre_commit_names_the_line_of_a_broken_quiz_block(tmp_path):
    """What a contributor sees from the pre-commit hook when a question is malformed."""
    repo = tmp_path / "repo"
    repo.mkdir()
    copy_docs(repo / "docs")
    shutil.copy(ROOT / ".pre-commit-config.yaml", repo)
    shutil.copy(ROOT / "pyproject.toml", repo)
    os.symlink(ROOT / ".venv", repo / ".venv")
    quiz = repo / "docs" / "quiz.md"
    text = quiz.read_text(encoding="utf-8").replace("- [x] The foundation", "- [v] The foundation", 1)
    quiz.write_text(text, encoding="utf-8")
    line = text.splitlines().index("- [v] The foundation") + 1
    env = {**os.environ, "PRE_COMMIT_HOME": str(tmp_path / "cache"), "PYTHONPATH": str(ROOT)}
    assert run("git", "init", "-q", cwd=repo).returncode == 0
    run("git", "add", "-A", cwd=repo)
    result = run(os.path.join(BIN, "pre-commit"), "run", "quiz-check", "--all-files", cwd=repo, env=env)
    assert result.returncode != 0
    assert "docs/quiz.md:%d: option box [v] is not valid" % line in result.stdout


def test_ruff_names_the_file_of_a_formatting_slip(tmp_path):
    sloppy = tmp_path / "sloppy.py"
    sloppy.write_text("x = {  'a':1 }\n", encoding="utf-8")
    result = run(os.path.join(BIN, "ruff"), "format", "--check", "--no-cache", str(sloppy))
    assert result.returncode == 1 and "sloppy.py" in result.stdout + result.stderr
