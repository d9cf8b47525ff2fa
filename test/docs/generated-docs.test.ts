import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { generateDocs } from "../../scripts/docs";

const root = path.resolve(__dirname, "../../..");

describe("generated docs", () => {
    const files = generateDocs();
    it("docs/controls holds exactly the generated pages", () => {
        const onDisk = fs.readdirSync(path.join(root, "docs/controls")).map((f) => `docs/controls/${f}`).sort();
        assert.deepEqual(onDisk, [...files.keys()].sort(), "docs/controls is stale: run `npm run docs`");
    });
    for (const [rel, content] of files) {
        it(`${rel} is up to date`, () => {
            const onDisk = fs.existsSync(path.join(root, rel)) ? fs.readFileSync(path.join(root, rel), "utf8") : "";
            assert.ok(onDisk === content, `${rel} is stale: run \`npm run docs\``);
        });
    }
});
