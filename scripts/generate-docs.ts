/** `npm run docs`: writes the generated control docs (see scripts/docs.ts) and removes stale pages. */
import * as fs from "node:fs";
import * as path from "node:path";
import { generateDocs } from "./docs";

const root = path.resolve(__dirname, "../..");
const files = generateDocs();
const dir = path.join(root, "docs/controls");
fs.mkdirSync(dir, { recursive: true });
for (const existing of fs.readdirSync(dir)) {
    if (!files.has(`docs/controls/${existing}`)) fs.rmSync(path.join(dir, existing));
}
for (const [rel, content] of files) fs.writeFileSync(path.join(root, rel), content);
console.log(`wrote ${files.size} files to docs/controls`);
