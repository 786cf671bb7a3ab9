"""The licence and the citation file say what the README says, and every place that states the version
agrees with CMake's project version (a release changes them together)."""
import os
import re

import yaml

import attachsim
from helpers import REPO


def read(name: str) -> str:
    with open(os.path.join(REPO, name), encoding="utf-8") as f:
        return f.read()


def test_the_licence_is_bsd_3_clause_as_the_readme_and_the_citation_say():
    assert read("LICENSE").startswith("BSD 3-Clause License")
    assert "BSD 3-Clause" in read("README.md")
    assert yaml.safe_load(read("CITATION.cff"))["license"] == "BSD-3-Clause"


def test_citation_file_has_what_cff_1_2_requires():
    cff = yaml.safe_load(read("CITATION.cff"))
    assert cff["cff-version"] == "1.2.0"
    for key in ("message", "title", "authors", "version"):
        assert cff.get(key), key
    assert all(isinstance(a, dict) and (a.get("name") or a.get("family-names")) for a in cff["authors"])


def test_every_version_is_the_project_version():
    version = re.search(r"project\(attachsim VERSION ([0-9.]+)", read("CMakeLists.txt")).group(1)
    assert str(yaml.safe_load(read("CITATION.cff"))["version"]) == version
    assert re.search(r'^version = "([0-9.]+)"', read("python/pyproject.toml"), re.M).group(1) == version
    assert attachsim.__version__ == version
