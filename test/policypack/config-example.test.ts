import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { allControls } from "../../catalog";
import { configSchemaFor } from "../../policypack/policies";

const file = path.resolve(__dirname, "../../../examples/policy-pack-config/mlguard-policy-config.json");
const LEVELS = ["advisory", "mandatory", "remediate", "disabled"];

describe("the README's --policy-pack-config example", () => {
    const config = JSON.parse(fs.readFileSync(file, "utf8")) as Record<string, unknown>;
    for (const [name, value] of Object.entries(config)) {
        it(`${name} names a policy and only its options`, () => {
            if (name === "all") return assert.ok(LEVELS.includes(value as string));
            const control = allControls.find((c) => c.id === name);
            assert.ok(control, `no policy named ${name}`);
            if (typeof value === "string") return assert.ok(LEVELS.includes(value));
            const schema = configSchemaFor(control).properties;
            for (const key of Object.keys(value as object)) {
                if (key === "enforcementLevel") assert.ok(LEVELS.includes((value as Record<string, string>)[key]));
                else assert.ok(key in schema, `${name} has no option ${key}`);
            }
            if (control.autofix === undefined) assert.notEqual((value as { enforcementLevel?: string }).enforcementLevel, "remediate");
        });
    }
});
