import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { allControls } from "../../catalog";
import { types } from "../../catalog/resource-types";

const repo = path.resolve(__dirname, "../../..");

describe("catalog structure", () => {
    const files = fs
        .readdirSync(path.join(repo, "catalog/controls"))
        .filter((f) => f.endsWith(".ts") && f !== "index.ts")
        .map((f) => f.replace(/\.ts$/, ""));

    it("lists every control file in catalog/controls/index.ts", () => {
        const listed = allControls.map((c) => c.id).sort();
        for (const file of files) {
            assert.ok(listed.includes(file), `catalog/controls/${file}.ts is not listed in catalog/controls/index.ts`);
        }
        assert.equal(listed.length, files.length, "catalog/controls/index.ts lists a control without its own file");
    });

    for (const control of allControls) {
        describe(control.id, () => {
            it("has an id that is kebab-case and equals its file name", () => {
                assert.match(control.id, /^[a-z0-9]+(-[a-z0-9]+)*$/);
                assert.ok(files.includes(control.id), `add catalog/controls/${control.id}.ts`);
            });
            it("has its edge-case tests", () => {
                const test = path.join(repo, "test/controls", `${control.id}.test.ts`);
                assert.ok(fs.existsSync(test), `add test/controls/${control.id}.test.ts`);
            });
            it("has metadata, remediation for both front-ends, and examples for both front-ends", () => {
                assert.ok(control.title.length > 10);
                assert.ok(control.rationale.length > 40);
                assert.ok(control.remediation.terraform.length > 10 && control.remediation.pulumi.length > 10);
                assert.ok(Object.keys(control.frameworks).length > 0, "map the control to at least one framework");
                assert.ok(control.examples.pulumi.good.length > 0 && control.examples.pulumi.bad.length > 0);
                assert.ok(control.examples.terraform.good.length > 0 && control.examples.terraform.bad.length > 0);
                assert.ok(control.subjects.length > 0);
            });
            it("prefixes its id with its provider", () => {
                assert.ok(control.id.startsWith(`${control.provider}-`));
            });
        });
    }
});

describe("resource types", () => {
    // Loading the SDKs is slow; it happens once here and never in the pack or the CLI.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const sdks: Record<string, unknown> = { "@pulumi/aws": require("@pulumi/aws"), "@pulumi/gcp": require("@pulumi/gcp") };

    for (const [key, t] of Object.entries(types)) {
        it(`${key}: token ${t.token} equals the SDK class's __pulumiType`, () => {
            let cls: unknown = sdks[t.sdk.package];
            for (const part of t.sdk.path.split(".")) cls = (cls as Record<string, unknown>)?.[part];
            assert.ok(cls, `${t.sdk.package} has no ${t.sdk.path}`);
            assert.equal((cls as { __pulumiType: string }).__pulumiType, t.token);
        });
    }
});
