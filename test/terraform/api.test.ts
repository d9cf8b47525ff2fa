import * as assert from "node:assert/strict";
import { allControls } from "../../catalog";
import { scanTerraformSources, workerCount } from "../../terraform-checks";
import { autoWorkers } from "../../terraform-checks/scanner";
import { formatPretty } from "../../cli/report";
import { fixtureResult } from "../cli/fixture";

const direct = allControls.filter((c) => c.id === "aws-sagemaker-notebook-no-direct-internet");

describe("scanTerraform API", () => {
    const files = {
        "main.tf": `variable "access" {\n  default = "Enabled"\n}\nmodule "nb" {\n  source = "./nb"\n  access = var.access\n}\n`,
        "nb/main.tf": `variable "access" {}\nresource "aws_sagemaker_notebook_instance" "this" {\n  instance_type          = "ml.t3.medium"\n  role_arn               = "arn:aws:iam::111122223333:role/x"\n  direct_internet_access = var.access\n}\n`,
    };

    it("findings say where the resource block and the module calls are (for suppression comments)", async () => {
        const { findings } = await scanTerraformSources(files, { controls: direct });
        const f = findings[0];
        assert.equal(f.resourceId, "module.nb.aws_sagemaker_notebook_instance.this");
        assert.equal(f.location.kind === "file" && `${f.location.file}:${f.location.start.line}`, "nb/main.tf:5");
        assert.deepEqual(f.resourceBlock, {
            rootModule: "",
            range: { file: "nb/main.tf", start: { line: 2, column: 1, offset: 21 }, end: f.resourceBlock.range.end },
            moduleCalls: [{ address: "module.nb", range: { file: "main.tf", start: { line: 4, column: 1, offset: 44 }, end: f.resourceBlock.moduleCalls[0].range.end } }],
        });
        assert.equal(f.resourceBlock.range.end.line, 6);
        assert.equal(f.resourceBlock.moduleCalls[0].range.end.line, 7);
        assert.match(f.evidence?.origin?.description ?? "", /var.access default/);
    });

    it("a finding at a list attribute shows its elements as evidence, and the pretty report says so instead of \"not set\"", async () => {
        const vpcOnly = allControls.filter((c) => c.id === "aws-sagemaker-domain-vpc-only");
        const output = await scanTerraformSources(
            {
                "main.tf": `resource "aws_sagemaker_domain" "d" {\n  domain_name = "d"\n  auth_mode = "IAM"\n  vpc_id = "vpc-1"\n  subnet_ids = ["subnet-a", "subnet-b"]\n  app_network_access_type = "VpcOnly"\n  default_user_settings {\n    execution_role = "arn:aws:iam::111122223333:role/x"\n  }\n}\n`,
            },
            { controls: vpcOnly },
        );
        const f = output.findings.find((x) => x.status === "unknown");
        assert.deepEqual(f?.evidence, { state: "explicit", value: ["subnet-a", "subnet-b"] });
        const text = formatPretty(fixtureResult({ output, controls: vpcOnly, sources: new Map() }), vpcOnly, { color: false });
        assert.match(text, /value \["subnet-a","subnet-b"\]/);
        assert.doesNotMatch(text, /not set/);
    });

    it("findings and diagnostics are plain data (positions worked out), whatever the parser keeps inside", async () => {
        const { findings, diagnostics } = await scanTerraformSources({
            ...files,
            "broken.tf": `resource "aws_s3_bucket" "b" {\n  bucket = \n}\n`,
            "undeclared.tf": `resource "aws_s3_bucket" "c" {\n  bucket = local.nope\n}\n`,
        });
        assert.ok(findings.length > 0 && diagnostics.length >= 2);
        const foreign: string[] = [];
        const visit = (v: unknown, at: string, depth: number) => {
            if (typeof v !== "object" || v === null || depth > 20) return;
            const proto = Object.getPrototypeOf(v);
            if (proto !== Object.prototype && proto !== Array.prototype) foreign.push(`${at}: ${proto?.constructor?.name}`);
            for (const [k, x] of Object.entries(v)) visit(x, `${at}.${k}`, depth + 1);
        };
        visit(findings, "findings", 0);
        visit(diagnostics, "diagnostics", 0);
        assert.deepEqual(foreign, []);
        // What a worker thread would send: structured clone keeps every field.
        assert.deepStrictEqual(structuredClone(findings), findings);
        assert.deepStrictEqual(structuredClone(diagnostics), diagnostics);
    });

    it("takes -var values as a record and reports progress and the files read", async () => {
        const progress: Array<[number, number]> = [];
        const r = await scanTerraformSources(files, {
            controls: direct,
            vars: { access: "Disabled" },
            onProgress: (done, total) => progress.push([done, total]),
        });
        assert.deepEqual(r.findings.map((f) => f.status), ["pass"]);
        assert.deepEqual(progress, [[1, 1]]);
        assert.deepEqual(r.files, ["main.tf", "nb/main.tf"]);
    });

    it("workerCount: never more workers than root modules; auto stays in-process for small scans", () => {
        assert.equal(workerCount(4, 1), 1);
        assert.equal(workerCount(4, 3), 3);
        assert.equal(workerCount(64, 100), 64);
        assert.equal(workerCount(8, 4, true), 1, "4 root modules do not pay for a worker");
        assert.equal(workerCount(8, 16, true), 2);
        assert.equal(workerCount(2, 1000, true), 2);
    });

    it("auto concurrency leaves a core to V8's helper threads: in-process on 2 cores, at most 8 workers", () => {
        assert.equal(autoWorkers(1), 1);
        assert.equal(autoWorkers(2), 1);
        assert.equal(autoWorkers(4), 3);
        assert.equal(autoWorkers(64), 8);
    });

    it("tags every diagnostic with its phase: read, parse or evaluate", async () => {
        const r = await scanTerraformSources({ "plan.json": "{}" }, { plan: "plan.json" });
        assert.deepEqual(r.diagnostics.filter((d) => d.summary === "Not a plan").map((d) => d.phase), ["parse"]);
        const hcl = await scanTerraformSources({ "a.tf": 'resource "aws_s3_bucket" "b" {\n  bucket = \n}\n', "b.tf": 'output "x" { value = aws_kms_key.nope.arn }\n' });
        const phases = hcl.diagnostics.map((d) => `${d.file} ${d.severity} ${d.phase}`);
        assert.ok(phases.includes("a.tf error parse"), phases.join("; "));
        assert.ok(phases.includes("b.tf error evaluate"), phases.join("; "));
    });
});
