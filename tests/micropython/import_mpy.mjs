// Imports compiled quiz modules (.mpy) in MicroPython (the interpreter the browser uses), in Node.
// Usage: node import_mpy.mjs DIR NAME... -> prints one JSON object: the bytecode version the interpreter
// accepts (sys.implementation._mpy) and, per module, "ok" or the import's error.
import { readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..");
const module = pathToFileURL(
  resolve(root, "node_modules/@micropython/micropython-webassembly-pyscript/micropython.mjs"),
);
const { loadMicroPython } = await import(module.href);

const [dir, ...names] = process.argv.slice(2);
const lines = [];
const mp = await loadMicroPython({ stdout: (line) => lines.push(line), stderr: (line) => console.error(line) });
// Only the bytecode, as in the browser: no source beside it to fall back on.
for (const name of names) mp.FS.writeFile(`/${name}.mpy`, readFileSync(join(dir, `${name}.mpy`)));
mp.runPython(`
import sys, json
sys.path.insert(0, "/")
results = {}
for name in ${JSON.stringify(names)}:
    try:
        module = __import__(name)
        results[name] = "ok" if module.__file__.endswith(".mpy") else "imported from " + module.__file__
    except Exception as error:
        results[name] = repr(error)
print(json.dumps({"mpy": sys.implementation._mpy, "release": ".".join(str(part) for part in sys.implementation.version[:3]), "results": results}))
`);
process.stdout.write(lines.join("\n") + "\n");
