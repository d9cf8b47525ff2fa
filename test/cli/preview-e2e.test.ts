/**
 * `mlguard preview` end to end, through the built binary on the bundled Pulumi programs and the
 * fixture programs in test/cli/preview-fixtures: every format, source locations at the resources'
 * constructor calls, exit codes, and a program that fails, hangs, reaches for the network or looks
 * for credentials.
 */
import * as assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { tempDir } from "../support/temp-dir";
import { assertGolden } from "./golden";

const REPO = path.resolve(__dirname, "..", "..", "..");
const BIN = path.join(REPO, "dist", "cli", "main.js");
const INSECURE = "examples/pulumi/insecure-sagemaker";
const FIXTURES = "test/cli/preview-fixtures";

interface Run {
    code: number | null;
    stdout: string;
    stderr: string;
}

function mlguard(args: string[], env: Record<string, string> = {}): Run {
    const r = spawnSync(process.execPath, [BIN, ...args], { cwd: REPO, encoding: "utf8", env: { PATH: process.env.PATH ?? "", ...env } });
    return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Timings and the machine's paths vary between runs; golden files hold neither. */
function normalize(text: string): string {
    return text
        .replace(/\(\d+\.\d s\)/g, "(0.0 s)")
        .replace(/"durationMs": \d+/g, '"durationMs": 0')
        .split(`file://${REPO}/`)
        .join("file:///repo/");
}

/** The 1-based lines of `file` holding `new …(` of a resource named `name`. */
function constructorLine(file: string, name: string): number {
    const lines = fs.readFileSync(path.join(REPO, file), "utf8").split("\n");
    const i = lines.findIndex((l) => l.includes("new ") && l.includes(`("${name}"`));
    assert.ok(i >= 0, `no constructor call for ${name} in ${file}`);
    return i + 1;
}

describe("mlguard preview (built binary, Pulumi programs under mocks)", function () {
    this.timeout(120_000);

    describe(`every format over ${INSECURE}`, () => {
        const out = tempDir("mlguard-preview-");
        let run: Run;
        const file = (name: string) => fs.readFileSync(path.join(out, name), "utf8");
        before(() => {
            run = mlguard(["preview", INSECURE, "--no-color", ...["pretty=pretty.txt", "json=report.json", "sarif=report.sarif", "junit=junit.xml", "github=github.txt", "markdown=markdown.md"].map((f) => `--format=${f.replace("=", `=${out}/`)}`)]);
        });

        it("exits 1, as mlguard scan does on findings at or above --fail-on", () => {
            assert.equal(run.code, 1, run.stderr);
            assert.match(run.stderr, /✖ 22 findings \(15 high, 7 medium\): 11 resources in 1 file/);
        });

        it("SARIF matches its golden file, with the constructor lines of index.ts", () => {
            const sarif = file("report.sarif");
            assertGolden("preview-insecure-sagemaker.sarif", normalize(sarif));
            const results = (JSON.parse(sarif) as { runs: Array<{ results: Array<{ ruleId: string; locations: Array<{ physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } } }> }> }> }).runs[0].results;
            const seen = results.map((r) => `${r.ruleId} ${r.locations[0].physicalLocation.artifactLocation.uri}:${r.locations[0].physicalLocation.region.startLine}`);
            const at = (name: string) => `${INSECURE}/index.ts:${constructorLine(`${INSECURE}/index.ts`, name)}`;
            assert.deepEqual(seen.sort(), [
                `aws-iam-no-admin-wildcard ${at("sagemaker-exec-everything")}`,
                `aws-iam-no-kms-decrypt-all-keys ${at("sagemaker-exec-everything")}`,
                `aws-iam-no-privilege-escalation ${at("sagemaker-exec-everything")}`,
                `aws-iam-passrole-scoped ${at("sagemaker-exec-everything")}`,
                `aws-iam-passrole-scoped ${at("sagemaker-exec-everything")}`,
                `aws-iam-sagemaker-trust-restricted ${at("sagemaker-exec")}`,
                `aws-kms-key-rotation ${at("ml-data")}`,
                `aws-ml-subnet-private-route ${at("research")}`,
                `aws-s3-kms-encrypted ${at("training-data")}`,
                `aws-s3-object-lock-enabled ${at("training-data")}`,
                `aws-s3-object-lock-retention ${at("training-data")}`,
                `aws-s3-public-access-blocked ${at("training-data")}`,
                `aws-s3-tls-only-policy ${at("training-data")}`,
                `aws-s3-versioning-enabled ${at("training-data")}`,
                `aws-sagemaker-notebook-imdsv2 ${at("research")}`,
                `aws-sagemaker-notebook-no-direct-internet ${at("research")}`,
                `aws-sagemaker-notebook-no-root-access ${at("research")}`,
                `aws-vpc-endpoints-for-ml ${at("ml")}`,
                `aws-vpc-endpoints-for-ml ${at("ml")}`,
                `aws-vpc-endpoints-for-ml ${at("ml")}`,
                `aws-vpc-endpoints-for-ml ${at("ml")}`,
                `aws-vpc-endpoints-for-ml ${at("ml")}`,
            ]);
            const source = fs.readFileSync(path.join(REPO, INSECURE, "index.ts"), "utf8").split("\n");
            for (const r of results) {
                const { startLine } = r.locations[0].physicalLocation.region;
                assert.match(source[startLine - 1], /new aws\./, `${r.ruleId} points at line ${startLine}`);
            }
        });

        it("GitHub annotations land on the constructor calls", () => {
            const lines = file("github.txt").split("\n").filter((l) => l.startsWith("::error") || l.startsWith("::warning"));
            assert.equal(lines.length, 17);
            const notebook = constructorLine(`${INSECURE}/index.ts`, "research");
            // GitHub shows 10 annotations per level, so the medium (warning) one on the notebook is always among them.
            assert.ok(lines.some((l) => l.includes(`file=${INSECURE}/index.ts,line=${notebook},`) && l.includes("aws-sagemaker-notebook-imdsv2")));
            // The Pulumi fix, not the Terraform one.
            assert.ok(lines.every((l) => !l.includes("aws_sagemaker_notebook_instance")));
        });

        it("pretty, JSON, JUnit and Markdown name the constructor line and the resource", () => {
            const notebook = constructorLine(`${INSECURE}/index.ts`, "research");
            assert.match(file("pretty.txt"), new RegExp(`${INSECURE}/index.ts:${notebook}:1  aws:sagemaker/notebookInstance:NotebookInstance::research`));
            assert.match(file("pretty.txt"), /new aws\.sagemaker\.NotebookInstance\("research"/);
            const json = JSON.parse(file("report.json")) as { findings: Array<{ ruleId: string; location: { file: string; startLine: number } }> };
            assert.equal(json.findings.length, 22);
            assert.ok(json.findings.some((f) => f.ruleId === "aws-sagemaker-notebook-no-root-access" && f.location.startLine === notebook));
            assert.match(file("junit.xml"), /aws-sagemaker-notebook-no-root-access/);
            assert.match(file("markdown.md"), /aws-sagemaker-notebook-no-root-access/);
        });
    });

    it("--fail-on none exits 0 with the same findings; a baseline accepts them", () => {
        assert.equal(mlguard(["preview", INSECURE, "--format", "json", "--fail-on", "none"]).code, 0);
        const dir = tempDir("mlguard-preview-baseline-");
        const baseline = path.join(dir, "baseline.json");
        const update = mlguard(["preview", INSECURE, "--format", "json", "--baseline", baseline, "--update-baseline"]);
        assert.match(update.stderr, /wrote 22 entries/);
        const again = mlguard(["preview", INSECURE, "--format", "json", "--baseline", baseline]);
        assert.equal(again.code, 0, again.stderr);
        assert.equal((JSON.parse(again.stdout) as { findings: unknown[] }).findings.length, 0);
    });

    it("the component platforms pass (gcp with its --policy-pack-config for non-production stacks); golden SARIF for each", () => {
        const dir = tempDir("mlguard-preview-platforms-");
        const sarif = (name: string) => normalize(fs.readFileSync(path.join(dir, name), "utf8"));
        const aws = mlguard(["preview", "examples/pulumi/aws-sagemaker-platform", "--policy-pack-config", "examples/pulumi/aws-sagemaker-platform/nonprod.json", "--format", "json", "--format", `sarif=${dir}/aws.sarif`]);
        assert.equal(aws.code, 0, aws.stdout + aws.stderr);
        assertGolden("preview-aws-sagemaker-platform.sarif", sarif("aws.sarif"));
        const gcp = mlguard(["preview", "examples/pulumi/gcp-vertex-platform", "--format", "json", "--format", `sarif=${dir}/gcp.sarif`]);
        assert.equal(gcp.code, 1, "dev buckets are not locked: the default pack rejects them");
        assert.deepEqual([...new Set((JSON.parse(gcp.stdout) as { findings: Array<{ ruleId: string }> }).findings.map((f) => f.ruleId))], ["gcp-gcs-retention-locked"]);
        assertGolden("preview-gcp-vertex-platform.sarif", sarif("gcp.sarif"));
        const nonprod = mlguard(["preview", "examples/pulumi/gcp-vertex-platform", "--policy-pack-config", "examples/pulumi/gcp-vertex-platform/nonprod.json", "--format", "json"]);
        assert.equal(nonprod.code, 0, nonprod.stdout + nonprod.stderr);
    });

    it("an exported async program with a local component: findings at the lines inside it, stack config read", () => {
        const run = mlguard(["preview", `${FIXTURES}/async-program`, "--stack", "ci", "--format", "json"]);
        assert.equal(run.code, 1, run.stderr);
        const findings = (JSON.parse(run.stdout) as { findings: Array<{ ruleId: string; location: { file: string; startLine: number } }> }).findings;
        const at = findings.map((f) => `${f.ruleId} ${f.location.file}:${f.location.startLine}`).sort();
        const file = `${FIXTURES}/async-program/index.ts`;
        assert.deepEqual(at, [`aws-kms-key-rotation ${file}:${constructorLine(file, "data")}`, `aws-sagemaker-notebook-imdsv2 ${file}:8`, `aws-sagemaker-notebook-in-vpc ${file}:8`]);
        const missing = mlguard(["preview", `${FIXTURES}/async-program`, "--format", "json"]);
        assert.equal(missing.code, 2);
        assert.match(missing.stderr, /Missing required configuration variable 'async-program:keyDescription'/);
        assert.equal(mlguard(["preview", `${FIXTURES}/async-program`, "--config", "keyDescription=flag", "--format", "json"]).code, 1);
    });

    /** A program compiled to bin/ with a source map, whose finding is on line 5 of src/index.ts. */
    function compiledProgram(): string {
        // Inside the repository's node_modules, so the program resolves @pulumi/aws as an installed one would.
        const cache = path.join(REPO, "node_modules", ".cache");
        fs.mkdirSync(cache, { recursive: true });
        const dir = tempDir("mlguard-preview-compiled-", cache);
        const source = ["// Compiled to bin/ with a source map.", "import * as aws from \"@pulumi/aws\";", "", "", "export const key = new aws.kms.Key(\"compiled\", {", "    description: \"four lines down\",", "});", ""].join("\n");
        fs.mkdirSync(path.join(dir, "src"));
        fs.mkdirSync(path.join(dir, "bin"));
        fs.writeFileSync(path.join(dir, "src", "index.ts"), source);
        fs.writeFileSync(path.join(dir, "Pulumi.yaml"), "name: compiled\nruntime: nodejs\n");
        fs.writeFileSync(path.join(dir, "package.json"), JSON.stringify({ name: "compiled", main: "bin/index.js" }));
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        const ts = require("typescript") as typeof import("typescript");
        const out = ts.transpileModule(source, { fileName: path.join(dir, "src", "index.ts"), compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2015, sourceMap: true, outDir: path.join(dir, "bin") } });
        fs.writeFileSync(path.join(dir, "bin", "index.js"), out.outputText.replace(/\/\/# sourceMappingURL=.*$/m, "//# sourceMappingURL=index.js.map"));
        const map = JSON.parse(out.sourceMapText!) as { sources: string[]; file: string };
        fs.writeFileSync(path.join(dir, "bin", "index.js.map"), JSON.stringify({ ...map, file: "index.js", sources: ["../src/index.ts"] }));
        assert.notEqual(out.outputText.split("\n").findIndex((l) => l.includes("new aws.kms.Key")) + 1, 5, "the compiled line differs from the source line");
        return dir;
    }

    const findingsOf = (run: { stdout: string }) =>
        (JSON.parse(run.stdout || "{}") as { findings?: Array<{ ruleId: string; location: { file: string; startLine: number } }> }).findings ?? [];

    it("a precompiled program (package.json#main) is located through its .js.map at the .ts line", () => {
        const run = mlguard(["preview", path.relative(REPO, compiledProgram()), "--format", "json"]);
        const findings = findingsOf(run);
        assert.deepEqual(findings.map((f) => `${f.ruleId} ${path.basename(f.location.file)}:${f.location.startLine}`), ["aws-kms-key-rotation index.ts:5"], run.stdout + run.stderr);
        assert.match(findings[0].location.file, /src\/index\.ts$/);
    });

    it("a program reached through a symbolic link is located in its own files, at the .ts line", () => {
        const link = path.join(tempDir("mlguard-preview-link-"), "program");
        fs.symlinkSync(compiledProgram(), link);
        const run = mlguard(["preview", link, "--format", "json"]);
        const findings = findingsOf(run);
        assert.deepEqual(findings.map((f) => `${f.ruleId} ${path.basename(f.location.file)}:${f.location.startLine}`), ["aws-kms-key-rotation index.ts:5"], run.stdout + run.stderr);
        assert.match(findings[0].location.file, /program\/src\/index\.ts$/);
    });

    describe("programs that fail exit 2 with a clear message", () => {
        it("a program that throws", () => {
            const run = mlguard(["preview", `${FIXTURES}/throws`]);
            assert.equal(run.code, 2);
            assert.match(run.stderr, /failed under mocks: invalid environment name\n\s+at .*throws[\\/]index\.ts:5:/);
        });

        it("a program that reaches for the network", () => {
            const run = mlguard(["preview", `${FIXTURES}/network`]);
            assert.equal(run.code, 2);
            assert.match(run.stderr, /without network access, but it tried to reach https:\/\/example\.com\/bucket-name\.txt/);
        });

        it("a program that never finishes is stopped at --timeout", () => {
            const run = mlguard(["preview", `${FIXTURES}/forever`, "--timeout", "2"]);
            assert.equal(run.code, 2);
            assert.match(run.stderr, /did not finish within 2 s \(--timeout\); it was stopped/);
        });

        it("no credential from the environment reaches the program", () => {
            const run = mlguard(["preview", `${FIXTURES}/env-dump`], { AWS_SECRET_ACCESS_KEY: "do-not-pass", AWS_PROFILE: "prod", GOOGLE_APPLICATION_CREDENTIALS: "/key.json", PULUMI_ACCESS_TOKEN: "pul-x", GITHUB_TOKEN: "ghp" });
            assert.equal(run.code, 2);
            const names = /environment: ([^\n]*)/.exec(run.stderr)?.[1]?.split(",") ?? [];
            assert.ok(names.includes("PATH"), run.stderr);
            for (const secret of ["AWS_SECRET_ACCESS_KEY", "AWS_PROFILE", "GOOGLE_APPLICATION_CREDENTIALS", "PULUMI_ACCESS_TOKEN", "GITHUB_TOKEN"]) assert.ok(!names.includes(secret), `${secret} reached the program`);
        });

        it("usage errors: not a Pulumi program, bad --policy-pack-config", () => {
            const notProgram = mlguard(["preview", "examples/terraform"]);
            assert.equal(notProgram.code, 2);
            assert.match(notProgram.stderr, /is not a Pulumi program: no Pulumi\.yaml/);
            const dir = tempDir("mlguard-ppc-");
            fs.writeFileSync(path.join(dir, "bad.json"), JSON.stringify({ "no-such-policy": "mandatory" }));
            const bad = mlguard(["preview", INSECURE, "--policy-pack-config", path.join(dir, "bad.json")]);
            assert.equal(bad.code, 2);
            assert.match(bad.stderr, /names no policy of the pack: "no-such-policy"/);
        });
    });

    it("--help says the command executes the program", () => {
        const run = mlguard(["preview", "--help"]);
        assert.equal(run.code, 0);
        assert.match(run.stdout, /EXECUTES the program's code/);
        assert.match(run.stdout, /no credentials/);
    });
});
