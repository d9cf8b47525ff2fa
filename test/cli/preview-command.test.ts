import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { allControls } from "../../catalog";
import { mergeDiagnostics, parseConfigFlags, programEntry, readPolicyPackConfig, readProject } from "../../cli/commands/preview";
import { UsageError } from "../../cli/errors";
import { constructorSite } from "../../policypack/program-worker";
import type { PolicyDiagnostic } from "../../policypack/testing";
import { tempDir } from "../support/temp-dir";

function dirWith(files: Record<string, string>): string {
    const dir = tempDir("mlguard-preview-unit-");
    for (const [f, text] of Object.entries(files)) {
        fs.mkdirSync(path.dirname(path.join(dir, f)), { recursive: true });
        fs.writeFileSync(path.join(dir, f), text);
    }
    return dir;
}

const diag = (policyName: string, urn: string, message: string, enforcementLevel: PolicyDiagnostic["enforcementLevel"]): PolicyDiagnostic => ({ policyName, urn, message, enforcementLevel, phase: "analyze" });

describe("mlguard preview: reading the program and the pack config", () => {
    it("finds the entry point as the Pulumi Node.js runtime does", () => {
        const plainTs = dirWith({ "index.ts": "" });
        assert.equal(programEntry(plainTs), path.join(plainTs, "index.ts"));
        const withMain = dirWith({ "package.json": JSON.stringify({ main: "src/main" }), "src/main.ts": "" });
        assert.equal(programEntry(withMain), path.join(withMain, "src", "main.ts"));
        const fromYaml = dirWith({ "app/index.js": "" });
        assert.equal(programEntry(fromYaml, "app"), path.join(fromYaml, "app", "index.js"));
        assert.throws(() => programEntry(dirWith({ "README.md": "" })), (e: Error) => e instanceof UsageError && /no entry point/.test(e.message));
        assert.throws(() => programEntry(dirWith({ "package.json": "{" })), /not valid JSON/);
    });

    it("reads Pulumi.yaml config defaults and the stack file; encrypted values become placeholder secrets", () => {
        const dir = dirWith({
            "Pulumi.yaml": "name: vision\nruntime: nodejs\nconfig:\n  env:\n    type: string\n    default: dev\n  aws:region: eu-west-1\n  noDefault:\n    type: string\n",
            "Pulumi.prod.yaml": "config:\n  vision:env: prod\n  vision:db:\n    secure: AAABAGx0c2VjcmV0\n  vision:tags:\n    team: ml\n",
        });
        const project = readProject(dir, "prod");
        assert.equal(project.name, "vision");
        assert.deepEqual(project.config, { env: "dev", "aws:region": "eu-west-1", "vision:env": "prod", "vision:db": { secret: "mlguard-preview-secret" }, "vision:tags": { team: "ml" } });
        assert.deepEqual(readProject(dir, "dev").config, { env: "dev", "aws:region": "eu-west-1" });
    });

    it("refuses what is not a Node.js Pulumi program", () => {
        assert.throws(() => readProject(dirWith({ "main.tf": "" }), "dev"), /not a Pulumi program: no Pulumi.yaml/);
        assert.throws(() => readProject(dirWith({ "Pulumi.yaml": "name: x\nruntime: python\n" }), "dev"), /runtime "python" is not supported/);
        assert.throws(() => readProject(dirWith({ "Pulumi.yaml": "runtime: nodejs\n" }), "dev"), /"name" is missing/);
        assert.throws(() => readProject(dirWith({ "Pulumi.yaml": "name: [\n" }), "dev"), /not valid YAML/);
    });

    it("reads a --policy-pack-config file, `all` included", () => {
        const dir = dirWith({ "c.json": JSON.stringify({ all: "advisory", "gcp-gcs-retention-locked": { requireLock: false }, "aws-kms-key-rotation": "mandatory" }) });
        const settings = readPolicyPackConfig(path.join(dir, "c.json"), allControls);
        assert.deepEqual(settings["gcp-gcs-retention-locked"], { requireLock: false, enforcementLevel: "advisory" });
        assert.equal(settings["aws-kms-key-rotation"], "mandatory");
        assert.equal(settings["aws-s3-kms-encrypted"], "advisory");
        const bad = dirWith({ "level.json": JSON.stringify({ "aws-kms-key-rotation": "blocking" }), "list.json": "[]", "text.json": "{" });
        assert.throws(() => readPolicyPackConfig(path.join(bad, "level.json"), allControls), /enforcement level must be one of advisory, mandatory, remediate, disabled/);
        assert.throws(() => readPolicyPackConfig(path.join(bad, "list.json"), allControls), /must hold an object/);
        assert.throws(() => readPolicyPackConfig(path.join(bad, "text.json"), allControls), /cannot read .* as JSON/);
    });

    it("parses --config KEY=VALUE", () => {
        assert.deepEqual(parseConfigFlags(["a=1", "aws:region=eu-west-1", "x=a=b"]), { a: "1", "aws:region": "eu-west-1", x: "a=b" });
        assert.throws(() => parseConfigFlags(["novalue"]), /expected KEY=VALUE/);
    });
});

describe("mlguard preview: locating and merging", () => {
    it("locates a resource at the first frame in the program's own files", () => {
        const dir = path.join(os.tmpdir(), "prog");
        const uri = (p: string) => `file://${p}`;
        const site = constructorSite(
            [
                { uri: uri(path.join(dir, "node_modules", "lib", "index.js")), line: 3, column: 1 },
                { uri: uri(path.join(os.tmpdir(), "elsewhere", "c.ts")), line: 4, column: 1 },
                { uri: uri(path.join(dir, "src", "net.ts")), line: 12, column: 17 },
                { uri: uri(path.join(dir, "index.ts")), line: 2, column: 1 },
            ],
            dir,
        );
        assert.deepEqual(site, { file: "src/net.ts", line: 12, column: 17 });
        assert.equal(constructorSite([{ uri: uri(path.join(dir, "node_modules", "x.js")), line: 1, column: 1 }], dir), undefined);
    });

    it("keeps the worst level per violation and drops a preview 'cannot verify' where the update decided", () => {
        const cant = "can't run policy 'aws-iam-no-admin-wildcard' from policy pack 'mlguard@v0.1.0' during preview: the policy is computed";
        const merged = mergeDiagnostics(
            { resources: [], diagnostics: [diag("aws-iam-no-admin-wildcard", "u1", cant, "advisory"), diag("aws-kms-key-rotation", "u2", "no rotation", "advisory"), diag("aws-s3-kms-encrypted", "u3", cant.replace("aws-iam-no-admin-wildcard", "aws-s3-kms-encrypted"), "advisory")] },
            { resources: [], diagnostics: [diag("aws-iam-no-admin-wildcard", "u1", "allows *", "mandatory"), diag("aws-kms-key-rotation", "u2", "no rotation", "mandatory")] },
        );
        assert.deepEqual(
            merged.map((m) => `${m.policyName} ${m.urn} ${m.level} ${m.unknown} ${m.message}`).sort(),
            ["aws-iam-no-admin-wildcard u1 mandatory false allows *", "aws-kms-key-rotation u2 mandatory false no rotation", "aws-s3-kms-encrypted u3 advisory true the policy is computed"],
        );
    });
});
