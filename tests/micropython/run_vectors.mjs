// Runs the shared test vectors under MicroPython (the interpreter the browser uses), in Node.
// Usage: node run_vectors.mjs QUIZ_DIR VECTORS_JSON -> prints one JSON object of results on stdout.
import { readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..");
const module = pathToFileURL(
  resolve(root, "node_modules/@micropython/micropython-webassembly-pyscript/micropython.mjs"),
);
const { loadMicroPython } = await import(module.href);

// The same flat files the browser loads side by side.
const MODULES = ["scoring", "saved", "shuffle"];
const [quizDir, vectorsPath] = process.argv.slice(2);
const lines = [];
const mp = await loadMicroPython({ stdout: (line) => lines.push(line), stderr: (line) => console.error(line) });
for (const name of MODULES) {
  mp.FS.writeFile(`/${name}.py`, readFileSync(join(quizDir, `${name}.py`), "utf8"));
}
mp.FS.writeFile("/vectors.json", readFileSync(vectorsPath, "utf8"));
mp.runPython(`
import sys, json
sys.path.insert(0, "/")
import scoring, saved, shuffle
modules = {"scoring": scoring, "saved": saved, "shuffle": shuffle}
with open("/vectors.json") as handle:
    vectors = json.load(handle)
results = []
for vector in vectors:
    try:
        value = getattr(modules[vector["module"]], vector["call"])(*vector["args"])
        results.append({"name": vector["name"], "value": value})
    except Exception as error:
        results.append({"name": vector["name"], "error": repr(error)})
print(json.dumps({"implementation": sys.implementation.name, "results": results}))
`);
process.stdout.write(lines.join("\n") + "\n");
