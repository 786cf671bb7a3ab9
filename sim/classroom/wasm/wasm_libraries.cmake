# What the WebAssembly build (the inner build of static_page.cmake, under Debian's emscripten) uses in
# place of find_package: Boost's header-only parts and nlohmann-json, Debian's own headers, each seen
# through a folder that holds only it. Never /usr/include itself, whose glibc headers would shadow
# emscripten's libc. ATTACHSIM_BOOST_INCLUDE and ATTACHSIM_JSON_INCLUDE come from the main build.
foreach(library boost nlohmann)
  set(include ${ATTACHSIM_BOOST_INCLUDE})
  if(library STREQUAL "nlohmann")
    set(include ${ATTACHSIM_JSON_INCLUDE})
  endif()
  if(NOT EXISTS ${include}/${library})
    message(FATAL_ERROR "the WebAssembly build needs ${library}/ headers; not found in '${include}'")
  endif()
  set(only ${CMAKE_BINARY_DIR}/only-${library})
  file(MAKE_DIRECTORY ${only})
  if(NOT EXISTS ${only}/${library})
    file(CREATE_LINK ${include}/${library} ${only}/${library} SYMBOLIC)
  endif()
endforeach()
add_library(Boost::headers INTERFACE IMPORTED)
set_target_properties(Boost::headers PROPERTIES INTERFACE_INCLUDE_DIRECTORIES ${CMAKE_BINARY_DIR}/only-boost)
add_library(nlohmann_json::nlohmann_json INTERFACE IMPORTED)
set_target_properties(nlohmann_json::nlohmann_json PROPERTIES INTERFACE_INCLUDE_DIRECTORIES ${CMAKE_BINARY_DIR}/only-nlohmann)

# libcxx_compat.hpp: two C++20 pieces emscripten 3.1.6's libc++ lacks. -ffp-contract=off: no fused
# multiply-add where the native build has none (wasm32 has no such instruction today; this keeps it so),
# so that the page computes bitwise what the server computes. Exceptions as WebAssembly exceptions
# (the model reports bad settings by throwing); every browser of the last years runs them.
add_compile_options("SHELL:-include ${CMAKE_SOURCE_DIR}/sim/classroom/wasm/libcxx_compat.hpp" -ffp-contract=off -fwasm-exceptions)
add_link_options(-fwasm-exceptions)
