import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { allControls } from "../../catalog";
import { scanTerraform, scanTerraformSources } from "../../terraform-checks";
import { modulePathOf } from "../../terraform-checks/plan/plan";

const fixtures = path.resolve(__dirname, "../../../test/terraform/fixtures");
const control = (id: string) => allControls.find((c) => c.id === id)!;

function read(dir: string): Record<string, string> {
    const out: Record<string, string> = {};
    const walk = (d: string) => {
        for (const e of fs.readdirSync(path.join(fixtures, dir, d), { withFileTypes: true })) {
            const rel = d ? `${d}/${e.name}` : e.name;
            if (e.isDirectory()) walk(rel);
            else out[rel] = fs.readFileSync(path.join(fixtures, dir, rel), "utf8");
        }
    };
    walk("");
    return out;
}

function at(f: { location: { kind: string } }): string {
    const l = f.location as { kind: "file"; file: string; start: { line: number } };
    return `${l.file}:${l.start.line}`;
}

describe("terraform show -json plans", () => {
    const files = read("plan-network");
    const controls = [control("aws-ml-subnet-private-route"), control("aws-sagemaker-notebook-no-direct-internet"), control("aws-sagemaker-notebook-in-vpc")];

    it("reads planned values with module instance addresses, joins through configuration references", async () => {
        const r = await scanTerraformSources(files, { plan: "plan.json", controls });
        assert.deepEqual(r.diagnostics.filter((d) => d.severity === "error"), []);
        assert.equal(r.stats.resources, 8);
        const route = r.findings.find((f) => f.controlId === "aws-ml-subnet-private-route")!;
        assert.equal(route.resourceId, 'module.notebook["research"].aws_sagemaker_notebook_instance.this');
        assert.equal(route.status, "fail");
        assert.equal(route.path, "routes.0.gatewayId");
        assert.equal(at(route), "main.tf:20", "the route's gateway_id line in the HCL");
    });

    it("locates findings at the attribute's line in the module's HCL, with the module call for suppressions", async () => {
        const r = await scanTerraformSources(files, { plan: "plan.json", controls });
        const internet = r.findings.find((f) => f.controlId === "aws-sagemaker-notebook-no-direct-internet")!;
        assert.equal(internet.status, "fail");
        assert.equal(at(internet), "modules/notebook/main.tf:15");
        assert.equal(internet.resourceBlock.range.start.line, 9);
        assert.deepEqual(internet.resourceBlock.moduleCalls.map((m) => `${m.range.file}:${m.range.start.line}`), ["main.tf:30"]);
        const vpc = r.findings.filter((f) => f.controlId === "aws-sagemaker-notebook-in-vpc").map((f) => f.status);
        assert.deepEqual(vpc, ["pass", "pass"], "an unknown subnet_id is present");
    });

    it("marks after_unknown attributes unknown, even where planned values leave them out", async () => {
        const r = await scanTerraformSources(files, { plan: "plan.json", controls: [control("aws-sagemaker-notebook-in-vpc")] });
        assert.ok(r.findings.length > 0);
        const { findings } = await scanTerraformSources({ "plan.json": files["plan.json"] }, { plan: "plan.json", controls: [control("aws-sagemaker-notebook-in-vpc")] });
        const subnet = findings.find((f) => f.path === "subnetId")!;
        assert.equal(subnet.evidence?.state, "unknown");
    });

    it("without the HCL, findings point into the plan file", async () => {
        const { findings } = await scanTerraformSources({ "plan.json": files["plan.json"] }, { plan: "plan.json", controls });
        const internet = findings.find((f) => f.controlId === "aws-sagemaker-notebook-no-direct-internet")!;
        assert.equal(internet.status, "fail");
        assert.equal(internet.location.kind === "file" && internet.location.file, "plan.json");
        const text = files["plan.json"].split("\n");
        assert.match(text[(internet.location.kind === "file" ? internet.location.start.line : 0) - 1], /module\.notebook\[\\"research\\"\]\.aws_sagemaker_notebook_instance\.this/);
    });

    it("reads a plan from disk next to its configuration", async () => {
        const dir = path.join(fixtures, "plan-network");
        const r = await scanTerraform([dir], { root: dir, plan: path.join(dir, "plan.json"), controls });
        assert.ok(r.findings.some((f) => f.controlId === "aws-ml-subnet-private-route" && f.status === "fail"));
    });

    it("translates blocks and names exactly as the HCL adapter does", async () => {
        const hcl = await scanTerraformSources({ ...files, "plan.json": "" }, { controls });
        const plan = await scanTerraformSources(files, { plan: "plan.json", controls });
        const pick = (fs: typeof plan.findings) => fs.map((f) => `${f.controlId} ${f.resourceId} ${f.status} ${f.path}`).sort();
        assert.deepEqual(pick(plan.findings), pick(hcl.findings));
    });

    const bad: Array<[string, RegExp]> = [
        ["{ not json", /Invalid plan JSON/],
        [`{"format_version": "1.2"}`, /Not a plan/],
        [`[1, 2]`, /Invalid plan JSON/],
    ];
    for (const [text, summary] of bad) {
        it(`a malformed plan (${text}) is a diagnostic`, async () => {
            const r = await scanTerraformSources({ "plan.json": text }, { plan: "plan.json" });
            assert.ok(r.diagnostics.some((d) => d.severity === "error" && summary.test(d.summary)), JSON.stringify(r.diagnostics));
        });
    }

    it("a missing plan file is a diagnostic", async () => {
        const r = await scanTerraformSources({}, { plan: "nope.json" });
        assert.ok(r.diagnostics.some((d) => d.summary === "Plan file not found"));
    });

    it("joins through locals with the evaluator's edges when the HCL is present", async () => {
        const hcl = `locals {\n  subnet = aws_subnet.a.id\n}\nresource "aws_subnet" "a" {}\nresource "aws_sagemaker_notebook_instance" "nb" {\n  subnet_id = local.subnet\n}\n`;
        const plan = {
            format_version: "1.2",
            planned_values: {
                root_module: {
                    resources: [
                        { address: "aws_subnet.a", mode: "managed", type: "aws_subnet", name: "a", values: {} },
                        { address: "aws_sagemaker_notebook_instance.nb", mode: "managed", type: "aws_sagemaker_notebook_instance", name: "nb", values: {} },
                    ],
                },
            },
            resource_changes: [{ address: "aws_sagemaker_notebook_instance.nb", change: { after_unknown: { subnet_id: true } } }],
            configuration: {
                root_module: {
                    resources: [
                        { address: "aws_sagemaker_notebook_instance.nb", mode: "managed", type: "aws_sagemaker_notebook_instance", name: "nb", expressions: { subnet_id: { references: ["local.subnet"] } } },
                    ],
                },
            },
        };
        const with_ = await scanTerraformSources({ "main.tf": hcl, "plan.json": JSON.stringify(plan) }, { plan: "plan.json", controls: [control("aws-ml-subnet-private-route")] });
        const without = await scanTerraformSources({ "plan.json": JSON.stringify(plan) }, { plan: "plan.json", controls: [control("aws-ml-subnet-private-route")] });
        assert.match(with_.findings[0].message, /subnet a/i);
        assert.match(without.findings[0].message, /not a resource in the stack/);
    });

    it("splits module addresses", () => {
        assert.deepEqual(modulePathOf('module.a["x.y"].module.b[0].aws_s3_bucket.c["k"]'), ['module.a["x.y"]', "module.b[0]"]);
        assert.deepEqual(modulePathOf("aws_s3_bucket.c"), []);
    });

    it("reads policy strings as strings and blocks as lists", async () => {
        const plan = {
            format_version: "1.2",
            planned_values: {
                root_module: {
                    resources: [
                        {
                            address: "aws_iam_role.r",
                            mode: "managed",
                            type: "aws_iam_role",
                            name: "r",
                            values: {
                                assume_role_policy: '{"Version":"2012-10-17","Statement":[]}',
                                inline_policy: [{ name: "all", policy: '{"Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}' }],
                                tags: { "ml-data-class": "x" },
                            },
                        },
                    ],
                },
            },
            resource_changes: [{ address: "aws_iam_role.r", change: { actions: ["create"], after_unknown: { arn: true } } }],
        };
        const r = await scanTerraformSources({ "plan.json": JSON.stringify(plan) }, { plan: "plan.json", controls: [control("aws-iam-no-admin-wildcard")] });
        assert.ok(r.findings.some((f) => f.status === "fail"), JSON.stringify(r.findings.map((f) => f.message)));
    });
});
