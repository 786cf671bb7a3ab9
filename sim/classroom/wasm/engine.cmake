# The static page's engine (inner build, under emscripten): engine_main.cpp over the classroom API and
# the model, linked into one JavaScript file with the WebAssembly inside it (SINGLE_FILE), because a
# page opened from a file (file://) may load scripts but may not fetch a separate .wasm.
add_executable(attachsim_page_engine ${CMAKE_CURRENT_SOURCE_DIR}/wasm/engine_main.cpp)
target_link_libraries(attachsim_page_engine PRIVATE attachsim_classroom_api attachsim_models attachsim_core attachsim_warnings)
set_target_properties(attachsim_page_engine PROPERTIES OUTPUT_NAME engine_wasm SUFFIX ".js"
                      RUNTIME_OUTPUT_DIRECTORY ${CMAKE_BINARY_DIR})
target_link_options(attachsim_page_engine PRIVATE
  -sSINGLE_FILE=1 -sMODULARIZE=1 -sEXPORT_NAME=AttachsimEngine -sENVIRONMENT=web,node
  -sALLOW_MEMORY_GROWTH=1 -sEXPORTED_FUNCTIONS=_classroom_answer -sEXPORTED_RUNTIME_METHODS=ccall)
