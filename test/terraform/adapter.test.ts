import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { anyProp } from "../../catalog/helpers/props";
import type { Reference, Resource } from "../../catalog/model";
import { pluralRenames, pulumiName, renameSdkTypes } from "../../catalog/vocabulary";
import { adaptInstance, adaptTerraformResource, instanceData } from "../../terraform-checks/adapter";
import { evaluateSources } from "../../terraform-checks/scanner";
import { U, plain } from "./support";

function byId(resources: Resource[], id: string): Resource {
    const r = resources.find((x) => x.id === id);
    assert.ok(r, `no resource ${id} among ${resources.map((x) => x.id).join(", ")}`);
    return r;
}

function line(resource: Resource, p: string): number | undefined {
    const a = anyProp(resource, p);
    return a.location.kind === "file" ? a.location.start.line : undefined;
}

describe("Terraform adapter", () => {
    it("adapts an evaluated instance in one pass exactly as through the plan-shaped values", () => {
        const sources = {
            "main.tf": `
resource "aws_route_table" "rt" {
  vpc_id = aws_vpc.v.id
  route = []
  route {
    cidr_block = "0.0.0.0/0"
    gateway_id = aws_internet_gateway.g.id
  }
  dynamic "route" {
    for_each = ["10.0.0.0/8"]
    content {
      cidr_block = route.value
    }
  }
  tags = { Name = "x", nested = [{ a = 1 }] }
}
resource "aws_security_group" "sg" {
  ingress = [{ from_port = 443, cidr_blocks = [var.cidr] }]
  egress {
    from_port = 0
  }
}
resource "aws_vpc" "v" {}
resource "aws_internet_gateway" "g" {}
variable "cidr" {
  default = "10.0.0.0/8"
}
`,
        };
        const { root } = evaluateSources(sources);
        let compared = 0;
        for (const mod of root.tree()) {
            for (const inst of mod.resourceInstances()) {
                assert.deepStrictEqual(adaptInstance(inst), adaptTerraformResource(instanceData(inst)), inst.address);
                compared++;
            }
        }
        assert.equal(compared, 4);
    });

    describe("names and blocks", () => {
        const { resources } = evaluateSources({
            "main.tf": `
resource "aws_sagemaker_notebook_instance" "nb" {
  direct_internet_access = "Disabled"
  tags = {
    "ml-data-class" = "restricted"
    Owner_Team      = "x"
  }
  instance_metadata_service_configuration {
    minimum_instance_metadata_service_version = "2"
  }
}
resource "aws_iam_role" "r" {
  assume_role_policy = jsonencode({ Version = "2012-10-17", Statement = [] })
  inline_policy {
    name   = "a"
    policy = jsonencode({ Statement = [{ Effect = "Allow", Action = "s3:GetObject", Resource = "*" }] })
  }
  inline_policy {
    name = "b"
  }
}
resource "aws_s3_bucket_object_lock_configuration" "l" {
  bucket = "b"
  rule {
    default_retention {
      mode = "COMPLIANCE"
      days = 30
    }
  }
}
resource "aws_security_group" "sg" {
  ingress = [{ from_port = 443, cidr_blocks = ["10.0.0.0/8"] }]
}
resource "some_unknown_type" "x" {
  some_attr = 1
}
`,
        });
        it("camelCases attribute and block names, keeps keys inside attribute values", () => {
            const nb = byId(resources, "aws_sagemaker_notebook_instance.nb");
            assert.equal(nb.type, "aws:sagemaker/notebookInstance:NotebookInstance");
            assert.deepEqual(plain(nb.props as never), {
                directInternetAccess: "Disabled",
                tags: { "ml-data-class": "restricted", Owner_Team: "x" },
                instanceMetadataServiceConfiguration: [{ minimumInstanceMetadataServiceVersion: "2" }],
            });
            assert.equal(anyProp(nb, "instanceMetadataServiceConfiguration.minimumInstanceMetadataServiceVersion").value, "2");
        });
        it("renames plural blocks and keeps jsonencode documents as JSON strings", () => {
            const role = byId(resources, "aws_iam_role.r");
            const inline = anyProp(role, "inlinePolicies");
            assert.equal(inline.node?.kind === "list" && inline.node.items.length, 2);
            assert.equal(typeof anyProp(role, "inlinePolicies.0.policy").value, "string");
            assert.equal(JSON.parse(anyProp(role, "inlinePolicies.0.policy").value as string).Statement[0].Action, "s3:GetObject");
        });
        it("keeps aws_s3_bucket_object_lock_configuration.rule singular", () => {
            const lock = byId(resources, "aws_s3_bucket_object_lock_configuration.l");
            assert.equal(anyProp(lock, "rule.defaultRetention.days").value, 30);
        });
        it("camelCases objects inside list attributes", () => {
            const sg = byId(resources, "aws_security_group.sg");
            assert.deepEqual(plain(anyProp(sg, "ingress").node as never), [{ fromPort: 443, cidrBlocks: ["10.0.0.0/8"] }]);
        });
        it("keeps types the catalog does not know under a terraform: token", () => {
            assert.equal(byId(resources, "some_unknown_type.x").type, "terraform:some_unknown_type");
        });
    });

    describe("the vocabulary table", () => {
        const sdk = path.resolve(__dirname, "../../../node_modules");
        for (const [tfType, renames] of Object.entries(pluralRenames)) {
            it(`${tfType}: every rename is a property of the Pulumi SDK's input types`, () => {
                const where = renameSdkTypes[tfType];
                assert.ok(where, `add ${tfType} to renameSdkTypes`);
                const text = fs.readFileSync(path.join(sdk, where.file), "utf8");
                const inputs = fs.readFileSync(path.join(sdk, where.file.startsWith("@pulumi/aws") ? "@pulumi/aws/types/input.d.ts" : "@pulumi/gcp/types/input.d.ts"), "utf8");
                assert.match(text, new RegExp(`export interface ${where.args} \\{`));
                for (const [tfPath, pulumi] of Object.entries(renames)) {
                    const inArgs = new RegExp(`^    ${pulumi}\\??:`, "m").test(text);
                    const nested = new RegExp(`^        ${pulumi}\\??:`, "m").test(inputs);
                    assert.ok(tfPath.includes(".") ? nested : inArgs, `${tfType}.${tfPath} → ${pulumi}: no such property in ${where.file}`);
                }
            });
        }
        it("is mechanical for everything else", () => {
            assert.equal(pulumiName("google_workbench_instance", "gce_setup", "network_interfaces"), "networkInterfaces");
            assert.equal(pulumiName("aws_route_table", "", "route"), "routes");
            assert.equal(pulumiName("aws_s3_bucket_object_lock_configuration", "", "rule"), "rule");
        });
    });

    describe("sources", () => {
        const { resources } = evaluateSources({
            "variables.tf": `variable "access" {\n  default = "Enabled"\n}\n`,
            "main.tf": `locals {\n  groups = ["sg-1", "sg-2"]\n}\n\nresource "aws_sagemaker_notebook_instance" "nb" {\n  direct_internet_access = var.access\n  security_groups = [\n    "sg-0",\n    local.groups[1],\n  ]\n}\n`,
        });
        const nb = resources[0];
        it("a value from a variable points at the attribute's own line and names its origin", () => {
            const a = anyProp(nb, "directInternetAccess");
            assert.equal(a.location.kind === "file" && a.location.file, "main.tf");
            assert.equal(line(nb, "directInternetAccess"), 6);
            assert.equal(a.node?.origin?.description, "var.access default");
            assert.equal(a.node?.origin?.location?.kind === "file" && a.node.origin.location.file, "variables.tf");
        });
        it("list items point at their own lines", () => {
            assert.equal(line(nb, "securityGroups.0"), 8);
            assert.equal(line(nb, "securityGroups.1"), 9);
            assert.equal(anyProp(nb, "securityGroups.1").value, "sg-2");
        });
        it("the resource points at its block header", () => {
            assert.equal(nb.source.kind === "file" && nb.source.start.line, 5);
        });
    });

    describe("references", () => {
        const tree = evaluateSources({
            "main.tf": `
locals {
  subnet_id  = aws_subnet.a.id
  subnet_ids = [for s in aws_subnet.many : s.id]
}
resource "aws_subnet" "a" {}
resource "aws_subnet" "many" {
  count = 2
}
resource "aws_internet_gateway" "igw" {}
resource "aws_route_table" "rt" {
  route {
    gateway_id = aws_internet_gateway.igw.id
  }
}
resource "aws_sagemaker_notebook_instance" "nb" {
  subnet_id = local.subnet_id
}
resource "aws_sagemaker_model" "m" {
  vpc_config {
    subnets = local.subnet_ids
  }
}
resource "aws_route_table_association" "one" {
  subnet_id = aws_subnet.many[1].id
}
resource "aws_route_table_association" "all" {
  subnet_id = join(",", aws_subnet.many[*].id)
}
module "net" {
  source = "./net"
  subnet = aws_subnet.a.id
}
`,
            "net/main.tf": `
variable "subnet" {}
resource "aws_sagemaker_notebook_instance" "inner" {
  subnet_id = var.subnet
}
output "id" {
  value = aws_sagemaker_notebook_instance.inner.id
}
`,
        });
        const refs = (from: string): Array<Omit<Reference, "from">> => tree.references.filter((r) => r.from === from).map(({ path, to }) => ({ path, to }));
        it("survive locals", () => {
            assert.deepEqual(refs("aws_sagemaker_notebook_instance.nb"), [{ path: "subnetId", to: "aws_subnet.a" }]);
        });
        it("survive for expressions, one edge per instance", () => {
            assert.deepEqual(refs("aws_sagemaker_model.m"), [
                { path: "vpcConfig.0.subnets", to: "aws_subnet.many[0]" },
                { path: "vpcConfig.0.subnets", to: "aws_subnet.many[1]" },
            ]);
        });
        it("from a block point at the block item's path", () => {
            assert.deepEqual(refs("aws_route_table.rt"), [{ path: "routes.0.gatewayId", to: "aws_internet_gateway.igw" }]);
        });
        it("an index picks one instance, a splat all of them", () => {
            assert.deepEqual(refs("aws_route_table_association.one"), [{ path: "subnetId", to: "aws_subnet.many[1]" }]);
            assert.deepEqual(refs("aws_route_table_association.all"), [
                { path: "subnetId", to: "aws_subnet.many[0]" },
                { path: "subnetId", to: "aws_subnet.many[1]" },
            ]);
        });
        it("cross module inputs", () => {
            assert.deepEqual(refs("module.net.aws_sagemaker_notebook_instance.inner"), [{ path: "subnetId", to: "aws_subnet.a" }]);
            assert.equal(anyProp(byId(tree.resources, "module.net.aws_sagemaker_notebook_instance.inner"), "subnetId").value, undefined);
            assert.equal(plain(byId(tree.resources, "module.net.aws_sagemaker_notebook_instance.inner").props.entries.subnetId as never), U);
        });
    });
});

describe("Terraform JSON syntax (.tf.json)", () => {
    it("reads nested blocks the catalog knows as blocks, and maps as maps", async () => {
        const { scanTerraformSources } = await import("../../terraform-checks");
        const { allControls } = await import("../../catalog");
        const json = {
            resource: {
                google_workbench_instance: {
                    research: {
                        name: "research",
                        location: "us-central1-a",
                        labels: { "ml-team": "vision" },
                        gce_setup: { machine_type: "n2-standard-4", disable_public_ip: false, metadata: { "notebook-disable-root": "true" } },
                    },
                },
            },
        };
        const control = allControls.find((c) => c.id === "gcp-workbench-no-public-ip");
        if (!control) return;
        const r = await scanTerraformSources({ "main.tf.json": JSON.stringify(json, null, 2) }, { controls: [control] });
        assert.deepEqual(r.diagnostics.filter((d) => d.severity === "error"), []);
        const fail = r.findings.find((f) => f.status === "fail");
        assert.ok(fail, JSON.stringify(r.findings.map((f) => f.message)));
        assert.equal(fail.path, "gceSetup.disablePublicIp");
        const tree = evaluateSources({ "main.tf.json": JSON.stringify(json) });
        assert.deepEqual(plain(anyProp(tree.resources[0], "labels").node as never), { "ml-team": "vision" });
        assert.equal(anyProp(tree.resources[0], "gceSetup.metadata").node?.kind, "map");
        assert.ok("notebook-disable-root" in ((anyProp(tree.resources[0], "gceSetup.metadata").node as { entries: object }).entries));
    });
});
