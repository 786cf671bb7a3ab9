"""Where attachsim's other files are: the repository checkout this package runs from (python/attachsim
inside it), or the prefix it was installed into (`cmake --install` writes attachsim/_installed.py
with the paths relative to the package)."""

from __future__ import annotations

import os


PACKAGE = os.path.dirname(os.path.abspath(__file__))


def _installed(name: str) -> str | None:
    try:
        from . import _installed as installed   # written by cmake --install only
    except ImportError:
        return None
    rel = getattr(installed, name, None)
    return os.path.normpath(os.path.join(PACKAGE, rel)) if rel else None


def source_root() -> str | None:
    """The repository root when the package runs from a checkout's python/ folder, else None."""
    root = os.path.dirname(os.path.dirname(PACKAGE))
    if os.path.isfile(os.path.join(root, "CMakeLists.txt")) and os.path.isdir(os.path.join(root, "configs")):
        return root
    return None


def data_root() -> str:
    """The folder holding configs/: the checkout, else the installed share/attachsim, else the cwd."""
    return source_root() or _installed("DATA_DIR") or os.getcwd()


def build_dir() -> str | None:
    """$ATTACHSIM_BUILD_DIR (as the scripts use it), else the checkout's build/."""
    env = os.environ.get("ATTACHSIM_BUILD_DIR")
    if env:
        return os.path.abspath(env)
    root = source_root()
    return os.path.join(root, "build") if root else None


def binary() -> str | None:
    """The attachsim executable: $ATTACHSIM_BINARY, else the installed one, else the build's."""
    env = os.environ.get("ATTACHSIM_BINARY")
    if env:
        return os.path.abspath(env)
    installed = _installed("BINARY")
    if installed:
        return installed
    build = build_dir()
    return os.path.join(build, "attachsim") if build else None
