// Runs the shared test vectors under MicroPython (the interpreter the browser uses), in Node.
// Usage: node run_vectors.mjs QUIZ_DIR VECTORS_JSONL -> prints one JSON object of results on stdout.
// The modules come from the vectors' "module" fields, so a vector for a new module needs no edit here.
import { existsSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..");
const module = pathToFileURL(
  resolve(root, "node_modules/@micropython/micropython-webassembly-pyscript/micropython.mjs"),
);
const { loadMicroPython } = await import(module.href);

const [quizDir, vectorsPath] = process.argv.slice(2);
const vectorsText = readFileSync(vectorsPath, "utf8");
const modules = [
  ...new Set(
    vectorsText
      .split("\n")
      .filter((line) => line.trim())
      .map((line) => JSON.parse(line).module),
  ),
];
// Imported by the modules under test, flat, as in the browser, without vectors of its own.
const helpers = ["casefold", "exact", "normal", "question_types"].filter((name) => existsSync(join(quizDir, `${name}.py`)));

const lines = [];
const mp = await loadMicroPython({ stdout: (line) => lines.push(line), stderr: (line) => console.error(line) });
// The same flat files the browser loads side by side.
for (const name of new Set([...modules, ...helpers])) {
  mp.FS.writeFile(`/${name}.py`, readFileSync(join(quizDir, `${name}.py`), "utf8"));
}
mp.FS.writeFile("/vectors.jsonl", vectorsText);
mp.runPython(`
import sys, json
sys.path.insert(0, "/")
modules = {}
for name in ${JSON.stringify(modules)}:
    modules[name] = __import__(name)
results = []
with open("/vectors.jsonl") as handle:
    for line in handle:
        if not line.strip():
            continue
        vector = json.loads(line)
        try:
            value = getattr(modules[vector["module"]], vector["call"])(*vector["args"])
            results.append({"name": vector["name"], "value": value})
        except Exception as error:
            results.append({"name": vector["name"], "error": repr(error)})
print(json.dumps({"implementation": sys.implementation.name, "results": results}))
`);
process.stdout.write(lines.join("\n") + "\n");
