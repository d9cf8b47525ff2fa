import * as assert from "node:assert/strict";
import { allControls } from "../../catalog";
import { scanTerraformSources } from "../../terraform-checks";

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
        assert.equal(f.resourceRange.kind === "file" && f.resourceRange.start.line, 2);
        assert.deepEqual(f.moduleCallRanges.map((l) => l.kind === "file" && `${l.file}:${l.start.line}`), ["main.tf:4"]);
        assert.deepEqual(f.resourceBlock, {
            rootModule: "",
            range: { file: "nb/main.tf", start: { line: 2, column: 1, offset: 21 }, end: f.resourceBlock.range.end },
            moduleCalls: [{ address: "module.nb", range: { file: "main.tf", start: { line: 4, column: 1, offset: 44 }, end: f.resourceBlock.moduleCalls[0].range.end } }],
        });
        assert.equal(f.resourceBlock.range.end.line, 6);
        assert.equal(f.resourceBlock.moduleCalls[0].range.end.line, 7);
        assert.match(f.evidence?.origin?.description ?? "", /var.access default/);
    });

    it("accepts vars as a list (later wins) and reports progress and the files read", async () => {
        const progress: Array<[number, number]> = [];
        const r = await scanTerraformSources(files, {
            controls: direct,
            vars: [{ name: "access", value: "Enabled" }, { name: "access", value: "Disabled" }],
            onProgress: (done, total) => progress.push([done, total]),
        });
        assert.deepEqual(r.findings.map((f) => f.status), ["pass"]);
        assert.deepEqual(progress, [[1, 1]]);
        assert.deepEqual(r.files, ["main.tf", "nb/main.tf"]);
    });

    it("accepts planFile as an alias of plan", async () => {
        const r = await scanTerraformSources({ "plan.json": "{}" }, { planFile: "plan.json" });
        assert.ok(r.diagnostics.some((d) => d.summary === "Not a plan"));
    });
});
