// Runs the scoring test vectors under MicroPython (the interpreter the browser uses), in Node.
// Usage: node run_vectors.mjs SCORING_PY VECTORS_JSON -> prints one JSON array of results on stdout.
import { readFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..");
const module = pathToFileURL(
  resolve(root, "node_modules/@micropython/micropython-webassembly-pyscript/micropython.mjs"),
);
const { loadMicroPython } = await import(module.href);

const [scoringPath, vectorsPath] = process.argv.slice(2);
const lines = [];
const mp = await loadMicroPython({ stdout: (line) => lines.push(line), stderr: (line) => console.error(line) });
mp.FS.writeFile("/scoring.py", readFileSync(scoringPath, "utf8"));
mp.FS.writeFile("/vectors.json", readFileSync(vectorsPath, "utf8"));
mp.runPython(`
import sys, json
sys.path.insert(0, "/")
import scoring
with open("/vectors.json") as handle:
    vectors = json.load(handle)
results = []
for vector in vectors:
    try:
        results.append({"name": vector["name"], "value": getattr(scoring, vector["call"])(*vector["args"])})
    except Exception as error:
        results.append({"name": vector["name"], "error": repr(error)})
print(json.dumps({"implementation": sys.implementation.name, "results": results}))
`);
process.stdout.write(lines.join("\n") + "\n");
