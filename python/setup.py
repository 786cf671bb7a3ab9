"""Builds attachsim's extension (attachsim._attachsim) with the project's CMake for `pip install ./python`.
The CMake build goes to $ATTACHSIM_BUILD_DIR when set (an existing build is reused, not rebuilt from
scratch), else to a folder of pip's build; the interpreter building is the one the extension is for."""

import glob
import os
import shutil
import subprocess
import sys

from setuptools import Extension, setup
from setuptools.command.build_ext import build_ext

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


class CMakeBuild(build_ext):
    def build_extension(self, ext):
        build = os.environ.get("ATTACHSIM_BUILD_DIR") or os.path.abspath(os.path.join(self.build_temp, "cmake"))
        if not os.path.isfile(os.path.join(build, "CMakeCache.txt")):
            subprocess.check_call(["cmake", "-S", REPO, "-B", build, "-DCMAKE_BUILD_TYPE=Release",
                                   f"-DPython3_EXECUTABLE={sys.executable}", "-DATTACHSIM_BUILD_TESTS=OFF"])
        subprocess.check_call(["cmake", "--build", build, "--target", "attachsim_python",
                               "--parallel", str(os.cpu_count() or 1)])
        built = sorted(glob.glob(os.path.join(build, "python", "attachsim", "_attachsim*.so")))
        if not built:
            sys.exit(f"the CMake build in {build} made no _attachsim extension (is ATTACHSIM_PYTHON on? "
                     "it needs pybind11-dev and python3-dev)")
        target = self.get_ext_fullpath(ext.name)
        os.makedirs(os.path.dirname(target), exist_ok=True)
        shutil.copyfile(built[0], target)


setup(ext_modules=[Extension("attachsim._attachsim", sources=[])], cmdclass={"build_ext": CMakeBuild})
