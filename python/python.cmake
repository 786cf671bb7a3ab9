# The Python side of the build, included early from the top-level CMakeLists.txt (before any library, as
# the extension needs every library compiled position-independent):
#   ATTACHSIM_PYTHON_INTERPRETER  the interpreter: -DPython3_EXECUTABLE=..., else the first that can import
#                                 numpy (Debian's /usr/bin/python3 before a bare python3 first on PATH, as
#                                 scripts/lib/setup.sh's find_python does); `attachsim compare` runs it
#   ATTACHSIM_PYTHON              build the extension attachsim._attachsim (python/CMakeLists.txt); on by
#                                 default where pybind11 and the Python 3 development files are found
#   ATTACHSIM_PYTHON_INSTALL_DIR  where `cmake --install` puts the package, relative to the prefix
#                                 (the interpreter's platlib under the prefix, e.g. lib/python3.11/site-packages)
if(NOT DEFINED Python3_EXECUTABLE)
  foreach(_candidate /usr/bin/python3 python3)
    find_program(_attachsim_python NAMES ${_candidate} NO_CACHE)
    if(_attachsim_python)
      execute_process(COMMAND ${_attachsim_python} -c "import numpy" RESULT_VARIABLE _rc OUTPUT_QUIET ERROR_QUIET)
      if(_rc EQUAL 0)
        set(Python3_EXECUTABLE ${_attachsim_python})
        break()
      endif()
    endif()
    unset(_attachsim_python)
  endforeach()
endif()
find_package(Python3 COMPONENTS Interpreter Development.Module)
set(ATTACHSIM_PYTHON_INTERPRETER python3)
if(Python3_Interpreter_FOUND)
  set(ATTACHSIM_PYTHON_INTERPRETER ${Python3_EXECUTABLE})
endif()

set(PYBIND11_FINDPYTHON ON)
find_package(pybind11 2.6 CONFIG QUIET)
set(_attachsim_python_default OFF)
if(Python3_Development.Module_FOUND AND pybind11_FOUND)
  set(_attachsim_python_default ON)
endif()
option(ATTACHSIM_PYTHON "Build the Python extension attachsim._attachsim (needs pybind11 and Python 3 headers)"
       ${_attachsim_python_default})
if(ATTACHSIM_PYTHON)
  if(NOT (Python3_Development.Module_FOUND AND pybind11_FOUND))
    message(FATAL_ERROR "ATTACHSIM_PYTHON=ON needs pybind11 and the Python 3 development files "
                        "(Debian: apt-get install pybind11-dev python3-dev)")
  endif()
  # The libraries go into a shared module; -fno-semantic-interposition keeps calls within a library as
  # direct (and inlinable) as without -fPIC, so the simulator itself does not slow down.
  set(CMAKE_POSITION_INDEPENDENT_CODE ON)
  add_compile_options($<$<CXX_COMPILER_ID:GNU,Clang>:-fno-semantic-interposition>)
endif()

include(GNUInstallDirs)
set(_attachsim_platlib lib/python3/site-packages)
if(Python3_Interpreter_FOUND)
  execute_process(COMMAND ${Python3_EXECUTABLE} -c
                  "import sysconfig; print(sysconfig.get_path('platlib', 'posix_prefix', vars={'base': '.', 'platbase': '.'}))"
                  OUTPUT_VARIABLE _attachsim_platlib OUTPUT_STRIP_TRAILING_WHITESPACE)
  string(REGEX REPLACE "^\\./" "" _attachsim_platlib "${_attachsim_platlib}")
endif()
set(ATTACHSIM_PYTHON_INSTALL_DIR ${_attachsim_platlib} CACHE STRING
    "Where cmake --install puts the Python package, relative to CMAKE_INSTALL_PREFIX")
file(RELATIVE_PATH ATTACHSIM_PYTHON_FROM_BINDIR /prefix/${CMAKE_INSTALL_BINDIR} /prefix/${ATTACHSIM_PYTHON_INSTALL_DIR})
