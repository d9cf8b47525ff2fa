import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { allControls } from "../../catalog";
import { scanTerraform, scanTerraformSources } from "../../terraform-checks";
import { tempDir } from "../support/temp-dir";

const NOTEBOOK = `resource "aws_sagemaker_notebook_instance" "nb" {\n  instance_type = "ml.t3.medium"\n  role_arn      = "arn:aws:iam::111122223333:role/x"\n}\n`;

function write(root: string, files: Record<string, string>): void {
    for (const [name, text] of Object.entries(files)) {
        const p = path.join(root, name);
        fs.mkdirSync(path.dirname(p), { recursive: true });
        fs.writeFileSync(p, text);
    }
}

describe("Terraform scanner on bad input", () => {
    let root: string;
    beforeEach(() => {
        root = tempDir("mlguard-scan-");
    });

    it("a malformed file among good ones: a positioned diagnostic, the good files are still checked", async () => {
        write(root, { "app/main.tf": NOTEBOOK, "app/broken.tf": `resource "aws_s3_bucket" "b" {\n  bucket = \n` });
        const r = await scanTerraform([path.join(root, "app")], { root });
        assert.ok(r.diagnostics.some((d) => d.severity === "error" && d.file === "app/broken.tf" && d.range.start.line >= 2));
        assert.ok(r.findings.some((f) => f.controlId === "aws-sagemaker-notebook-no-direct-internet" && f.status === "fail"));
        assert.equal(r.stats.files, 2);
    });

    it("an unreadable file is a diagnostic", async function () {
        if (process.getuid?.() === 0) this.skip(); // root reads everything
        write(root, { "main.tf": NOTEBOOK, "secret.tf": "x = 1\n" });
        fs.chmodSync(path.join(root, "secret.tf"), 0o000);
        const r = await scanTerraform([root], { root });
        assert.ok(r.diagnostics.some((d) => d.summary === "File not readable" && d.file === "secret.tf"));
        assert.ok(r.findings.length > 0);
    });

    it("a symlink leaving the scan root is not followed", async () => {
        const outside = tempDir("mlguard-outside-");
        write(outside, { "evil.tf": NOTEBOOK, "secret.json": "{}" });
        write(root, { "main.tf": `${NOTEBOOK}\nlocals {\n  p = file("link/secret.json")\n}\n` });
        fs.symlinkSync(outside, path.join(root, "link"));
        fs.symlinkSync(path.join(outside, "evil.tf"), path.join(root, "evil.tf"));
        const r = await scanTerraform([root], { root });
        assert.ok(r.diagnostics.some((d) => d.summary === "Path not followed" && d.file === "evil.tf"), JSON.stringify(r.diagnostics, null, 1));
        assert.ok(r.diagnostics.some((d) => d.summary === "File not readable" && /leaves the scan root/.test(d.detail ?? "")));
        assert.deepEqual([...new Set(r.findings.map((f) => f.resourceId))], ["aws_sagemaker_notebook_instance.nb"]);
    });

    it("a directory without Terraform is an info diagnostic, not an error", async () => {
        write(root, { "README.md": "hi" });
        const r = await scanTerraform([root], { root });
        assert.deepEqual(r.findings, []);
        assert.deepEqual(r.diagnostics.map((d) => [d.severity, d.summary]), [["info", "No Terraform files"]]);
    });

    it("a missing path is an error diagnostic", async () => {
        const r = await scanTerraform([path.join(root, "nope")], { root });
        assert.ok(r.diagnostics.some((d) => d.severity === "error" && d.summary === "Path not found"));
    });

    it("a single file can be scanned on its own", async () => {
        write(root, { "a/nb.tf": NOTEBOOK, "a/other.tf": `resource "aws_kms_key" "k" {}\n` });
        const r = await scanTerraform([path.join(root, "a/nb.tf")], { root, controls: allControls });
        assert.deepEqual([...new Set(r.findings.map((f) => f.resourceId))], ["aws_sagemaker_notebook_instance.nb"]);
    });

    it("deep nesting and huge expressions yield diagnostics, not a crash", async () => {
        const deep = `locals {\n  x = ${"[".repeat(5000)}${"]".repeat(5000)}\n  y = ${"(".repeat(3000)}1${")".repeat(3000)}\n  z = ${Array.from({ length: 3000 }, () => "1").join(" + ")}\n}\n`;
        const r = await scanTerraformSources({ "main.tf": deep + NOTEBOOK });
        assert.ok(r.diagnostics.some((d) => /too deep/i.test(d.summary)));
        assert.ok(r.findings.some((f) => f.status === "fail"));
    });

    it("a local cycle and a module cycle are diagnosed and the scan goes on", async () => {
        const r = await scanTerraformSources({
            "main.tf": `locals {\n  a = local.b\n  b = local.a\n}\nmodule "m" {\n  source = "./m"\n}\n${NOTEBOOK}`,
            "m/main.tf": `module "back" {\n  source = "../"\n}\n`,
        });
        assert.ok(r.diagnostics.some((d) => d.summary === "Cycle in references"));
        assert.ok(r.diagnostics.some((d) => d.summary === "Module cycle"));
        assert.ok(r.findings.some((f) => f.controlId === "aws-sagemaker-notebook-no-direct-internet"));
    });

    it("root modules are found below a parent directory; called modules are not scanned as roots", async () => {
        write(root, {
            "envs/prod/main.tf": `module "nb" {\n  source = "../../modules/nb"\n}\n`,
            "envs/dev/main.tf": NOTEBOOK,
            "modules/nb/main.tf": NOTEBOOK,
            ".terraform/ignored.tf": NOTEBOOK,
        });
        const r = await scanTerraform([root], { root, controls: allControls.filter((c) => c.id === "aws-sagemaker-notebook-no-direct-internet") });
        assert.deepEqual(r.findings.map((f) => [f.resourceBlock.rootModule, f.resourceId]).sort(), [
            ["envs/dev", "aws_sagemaker_notebook_instance.nb"],
            ["envs/prod", "module.nb.aws_sagemaker_notebook_instance.nb"],
        ]);
        const viaModule = r.findings.find((f) => f.resourceBlock.rootModule === "envs/prod")!;
        assert.equal(viaModule.resourceBlock.range.file, "modules/nb/main.tf");
        assert.deepEqual(viaModule.resourceBlock.moduleCalls.map((m) => [m.address, m.range.file, m.range.start.line]), [["module.nb", "envs/prod/main.tf", 1]]);
        assert.equal(r.stats.modules, 3);
    });

    it("concurrency through worker threads gives the same findings, in the same order", async () => {
        for (let i = 0; i < 4; i++) write(root, { [`stack${i}/main.tf`]: NOTEBOOK, [`stack${i}/kms.tf`]: `resource "aws_kms_key" "k${i}" {}\n` });
        const one = await scanTerraform([root], { root });
        const two = await scanTerraform([root], { root, concurrency: 2 });
        const key = (r: typeof one) => r.findings.map((f) => `${f.resourceBlock.rootModule} ${f.controlId} ${f.resourceId} ${f.status}`);
        assert.ok(one.findings.length > 8);
        assert.deepEqual(key(two), key(one));
        assert.deepEqual({ ...two.stats, durationMs: 0, parseMs: 0, evalMs: 0, checkMs: 0 }, { ...one.stats, durationMs: 0, parseMs: 0, evalMs: 0, checkMs: 0 });
    });

    it("concurrency counts a module shared by root modules of different workers once", async () => {
        write(root, { "modules/kms/main.tf": `resource "aws_kms_key" "k" {}\n` });
        for (let i = 0; i < 4; i++) write(root, { [`stack${i}/main.tf`]: `module "kms" {\n  source = "../modules/kms"\n}\n${NOTEBOOK}` });
        const one = await scanTerraform([root], { root });
        const two = await scanTerraform([root], { root, concurrency: 2 });
        assert.deepEqual(two.findings, one.findings);
        assert.deepEqual(two.files, one.files);
        assert.equal(one.stats.files, 5);
        assert.deepEqual({ ...two.stats, durationMs: 0, parseMs: 0, evalMs: 0, checkMs: 0 }, { ...one.stats, durationMs: 0, parseMs: 0, evalMs: 0, checkMs: 0 });
    });

    it("never throws on random bytes", async () => {
        let seed = 7;
        const rand = () => ((seed = (seed * 1103515245 + 12345) >>> 0) / 2 ** 32);
        const alphabet = `resource "x" { } = [ ] ( ) \${ } %{ } for in if : => ... . * , \n "a" 1 var.x local.y module.m.o`.split(" ");
        for (let i = 0; i < 200; i++) {
            const text = Array.from({ length: 60 }, () => alphabet[Math.floor(rand() * alphabet.length)]).join(" ");
            const r = await scanTerraformSources({ "main.tf": text });
            assert.ok(Array.isArray(r.findings));
        }
    });
});
