import * as assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import * as path from "node:path";

const REPO = path.resolve(__dirname, "..", "..", "..");

describe("npm run example", function () {
    this.timeout(120_000);

    it("runs the insecure program and both component platforms through the pack, then the Terraform scan", () => {
        const run = spawnSync(process.execPath, [path.join(REPO, "dist", "scripts", "example.js")], { cwd: REPO, encoding: "utf8", env: { PATH: process.env.PATH ?? "", NO_COLOR: "1" } });
        assert.equal(run.status, 0, run.stdout + run.stderr);
        const lines = run.stdout.split("\n");
        assert.ok(lines.includes("examples/pulumi/insecure-sagemaker: 15 mandatory violations, 7 advisories (preview and update)"), run.stdout);
        assert.ok(lines.includes("examples/pulumi/aws-sagemaker-platform (--policy-pack-config nonprod.json): 0 mandatory violations, 0 advisories (preview and update)"), run.stdout);
        assert.ok(lines.includes("examples/pulumi/gcp-vertex-platform (--policy-pack-config nonprod.json): 0 mandatory violations, 0 advisories (preview and update)"), run.stdout);
        assert.ok(lines.includes("$ mlguard scan examples/terraform"));
        assert.match(run.stdout, /sagemaker-secure and vertex-secure have no findings/);
    });
});
