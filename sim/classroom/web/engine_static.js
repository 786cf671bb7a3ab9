// The page's engine on the static page: the model compiled to WebAssembly (sim/classroom/wasm), run
// in this browser tab. static_page.cmake appends this file to the emscripten output, which defines
// AttachsimEngine. Same interface and same answers as engine_server.js.
(function () {
  "use strict";
  let instance = null;
  const ready = AttachsimEngine().then((loaded) => { instance = loaded; });
  const engine = {
    kind: "browser",
    ready,
    async simulate(request) {
      await ready;
      // The answer is "STATUS BODY" (sim/classroom/wasm/engine_main.cpp).
      const answer = instance.ccall("classroom_answer", "string", ["string"], [JSON.stringify(request)]);
      const space = answer.indexOf(" ");
      const status = Number(answer.slice(0, space));
      const data = JSON.parse(answer.slice(space + 1));
      if (status !== 200) throw new Error(data.error || `engine status ${status}`);
      return data;
    },
  };
  if (typeof window !== "undefined") window.classroomEngine = engine;
  if (typeof module !== "undefined" && module.exports) module.exports = engine;  // Node: the tests
})();
