"""Finds the compiled extension _attachsim: inside the package when installed (pip or cmake --install),
else in the build tree of the checkout the package runs from ($ATTACHSIM_BUILD_DIR/python/attachsim,
default build/python/attachsim), so `PYTHONPATH=python` works right after scripts/demo."""

from __future__ import annotations

import glob
import importlib.machinery
import importlib.util
import os
import sys

from . import _paths
from .errors import ExtensionMissing

_module = None


def load():
    global _module
    if _module is not None:
        return _module
    try:
        from . import _attachsim   # installed beside the sources
        _module = _attachsim
        return _module
    except ImportError:
        pass
    build = _paths.build_dir()
    suffixes = importlib.machinery.EXTENSION_SUFFIXES
    found = []
    if build:
        found = [p for p in sorted(glob.glob(os.path.join(build, "python", "attachsim", "_attachsim*")))
                 if any(p.endswith(s) for s in suffixes)]
    if not found:
        raise ExtensionMissing(
            "attachsim's compiled extension (_attachsim) is not built: run scripts/demo, or "
            f"cmake --build {build or 'BUILD'} --target attachsim_python (needs pybind11-dev and python3-dev), "
            "or set ATTACHSIM_BUILD_DIR to the build that has it"
            + (f"; looked in {os.path.join(build, 'python', 'attachsim')}" if build else ""))
    spec = importlib.util.spec_from_file_location("attachsim._attachsim", found[0])
    module = importlib.util.module_from_spec(spec)
    try:
        spec.loader.exec_module(module)
    except ImportError as e:
        raise ExtensionMissing(f"{found[0]} cannot be loaded by {sys.executable} ({e}): it was built for another "
                               "Python; use the interpreter the build was configured with") from None
    sys.modules["attachsim._attachsim"] = module
    _module = module
    return module
