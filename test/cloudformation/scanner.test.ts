import * as assert from "node:assert/strict";
import { findControl } from "../../catalog/registry";
import { scanCloudFormationSources, parseParameterFile } from "../../cloudformation";
import { evaluateTemplate } from "../../cloudformation/evaluate";
import { Lines, parseTemplate } from "../../cloudformation/parse";
import type { Value } from "../../catalog/model";

const control = (id: string) => findControl(id)!;
const NO_INTERNET = control("aws-sagemaker-notebook-no-direct-internet");

/** Findings of one control on in-memory templates, as `status line`. */
function verdicts(sources: Record<string, string>, id: string, options: Parameters<typeof scanCloudFormationSources>[1] = {}): string[] {
    const r = scanCloudFormationSources(sources, { controls: [control(id)], today: "2026-06-01", ...options });
    return r.findings
        .filter((f) => f.controlId === id && f.status !== "not-applicable")
        .map((f) => `${f.status}${f.exemption ? " (exempt)" : ""} ${f.location.kind === "file" ? `${f.location.file}:${f.location.start.line}` : ""}`);
}

function notebook(props: string, extra = ""): string {
    return `AWSTemplateFormatVersion: "2010-09-09"
${extra}Resources:
  Notebook:
    Type: AWS::SageMaker::NotebookInstance
    Properties:
      InstanceType: ml.t3.medium
      RoleArn: arn:aws:iam::111122223333:role/x
${props}`;
}

/** The evaluated value of one property of resource `R` in a template. */
function evalProp(template: string, prop: string, parameters: Record<string, string> = {}, region?: string): Value | undefined {
    const { tree } = parseTemplate(template);
    const r = evaluateTemplate(tree!, "t.yaml", new Lines(template), { parameters, ...(region ? { region } : {}) });
    return r.resources.find((x) => x.logicalId === "R")?.props.entries[prop];
}

function plainOf(v: Value | undefined): unknown {
    if (!v) return "<absent>";
    if (v.kind === "scalar") return v.value;
    if (v.kind === "unknown") return "<unknown>";
    if (v.kind === "list") return v.items.map(plainOf);
    return Object.fromEntries(Object.entries(v.entries).map(([k, x]) => [k, plainOf(x)]));
}

describe("CloudFormation front-end", () => {
    describe("intrinsic functions, short and long forms", () => {
        const head = `Parameters:
  Env: { Type: String, Default: prod }
  Subnets: { Type: CommaDelimitedList, Default: "a,b" }
  Size: { Type: Number, Default: "20" }
  Secret: { Type: "AWS::SSM::Parameter::Value<String>", Default: /ml/key }
Conditions:
  IsProd: !Equals [!Ref Env, prod]
  NotProd: !Not [!Condition IsProd]
  Either: !Or [!Condition IsProd, !Condition NotProd]
  InEu: !Equals [!Ref "AWS::Region", eu-west-1]
Mappings:
  Sizes: { prod: { Notebook: ml.t3.large } }
Resources:
  Other: { Type: AWS::KMS::Key }
  R:
    Type: AWS::KMS::Key
    Properties:
`;
        const rows: Array<[string, string, unknown, Record<string, string>?, string?]> = [
            ["Ref to a parameter default", "V: !Ref Env", "prod"],
            ["Ref to a given parameter", "V: !Ref Env", "dev", { Env: "dev" }],
            ["Number parameter", "V: !Ref Size", 20],
            ["list parameter", "V: !Ref Subnets", ["a", "b"]],
            ["SSM parameter type is unknown", "V: !Ref Secret", "<unknown>"],
            ["Ref to a resource is unknown", "V: !Ref Other", "<unknown>"],
            ["GetAtt string form", "V: !GetAtt Other.Arn", "<unknown>"],
            ["pseudo parameter without a region", "V: !Ref AWS::Partition", "<unknown>"],
            ["partition refined by the region", "V: !Ref AWS::Partition", "aws-cn", {}, "cn-north-1"],
            ["Sub with parameters", 'V: !Sub "${Env}-data"', "prod-data"],
            ["Sub with a literal ${!x}", 'V: !Sub "${!Literal}-${Env}"', "${Literal}-prod"],
            ["Sub with a variable map", 'V: !Sub ["${A}/x", { A: !Ref Env }]', "prod/x"],
            ["Sub with a resource attribute is unknown", 'V: !Sub "${Other.Arn}/*"', "<unknown>"],
            ["Join", 'V: !Join ["-", [a, !Ref Env]]', "a-prod"],
            ["Select", "V: !Select [1, [p, q, r]]", "q"],
            ["Split", 'V: !Split [",", "a,b"]', ["a", "b"]],
            ["FindInMap", "V: !FindInMap [Sizes, !Ref Env, Notebook]", "ml.t3.large"],
            ["If on a true condition", "V: !If [IsProd, yes-value, no-value]", "yes-value"],
            ["If on a false condition", "V: !If [NotProd, yes-value, no-value]", "no-value"],
            ["If on an unknown condition is unknown", "V: !If [InEu, a, b]", "<unknown>"],
            ["Or of conditions", "V: !If [Either, t, f]", "t"],
            ["NoValue removes the property", "V: !If [IsProd, !Ref AWS::NoValue, x]", "<absent>"],
            ["NoValue removes a list item", "V: [a, !Ref AWS::NoValue, b]", ["a", "b"]],
            ["Base64", "V: !Base64 hi", "aGk="],
            ["ImportValue is unknown", "V: !ImportValue shared-key", "<unknown>"],
            ["GetAZs is unknown", "V: !GetAZs ''", "<unknown>"],
            ["Cidr is unknown", 'V: !Cidr ["10.0.0.0/16", 4, 8]', "<unknown>"],
            ["long form Fn::If", "V: { 'Fn::If': [IsProd, a, b] }", "a"],
            ["long form Ref", "V: { Ref: Env }", "prod"],
        ];
        for (const [what, line, expected, params, region] of rows) {
            it(what, () => {
                assert.deepEqual(plainOf(evalProp(head + "      " + line + "\n", "V", params ?? {}, region)), expected);
            });
        }
        it("records references to resources for the graph", () => {
            const t = head + "      V: !GetAtt Other.Arn\n      W: { 'Fn::Join': ['', [!Ref Other]] }\n";
            const { tree } = parseTemplate(t);
            const r = evaluateTemplate(tree!, "t.yaml", new Lines(t)).resources.find((x) => x.logicalId === "R")!;
            assert.deepEqual(r.refs, [{ path: "V", to: "Other" }, { path: "W", to: "Other" }]);
        });
        it("skips a resource whose Condition is false", () => {
            const t = head.replace("  R:\n    Type: AWS::KMS::Key\n", "  R:\n    Type: AWS::KMS::Key\n    Condition: NotProd\n") + "      V: x\n";
            const { tree } = parseTemplate(t);
            assert.equal(evaluateTemplate(tree!, "t.yaml", new Lines(t)).resources.some((x) => x.logicalId === "R"), false);
        });
    });

    describe("findings and their lines", () => {
        const rows: Array<[string, string, string[], Record<string, string>?]> = [
            ["explicit Enabled: at the property's line", "      DirectInternetAccess: Enabled\n", ["fail t.yaml:8"]],
            ["Disabled passes", "      DirectInternetAccess: Disabled\n", ["pass t.yaml:8"]],
            ["absent: the CloudFormation default Enabled, at the resource line", "", ["fail t.yaml:3"]],
            ["parameter default Enabled", "      DirectInternetAccess: !Ref Access\n", ["fail t.yaml:10"]],
            ["parameter given Disabled", "      DirectInternetAccess: !Ref Access\n", ["pass t.yaml:10"], { Access: "Disabled" }],
            ["imported value: unknown, never a failure", "      DirectInternetAccess: !ImportValue net-access\n", ["unknown t.yaml:8"]],
            ["removed by AWS::NoValue: absent, the default", "      DirectInternetAccess: !Ref AWS::NoValue\n", ["fail t.yaml:3"]],
        ];
        for (const [what, props, expected, parameters] of rows) {
            it(what, () => {
                const extra = props.includes("Access\n") ? "Parameters:\n  Access: { Type: String, Default: Enabled }\n" : "";
                assert.deepEqual(verdicts({ "t.yaml": notebook(props, extra) }, NO_INTERNET.id, { parameters: parameters ?? {} }), expected);
            });
        }
        it("reads JSON templates with positions", () => {
            const json = JSON.stringify({ Resources: { Notebook: { Type: "AWS::SageMaker::NotebookInstance", Properties: { InstanceType: "ml.t3.medium", DirectInternetAccess: "Enabled" } } } }, null, 2);
            assert.deepEqual(verdicts({ "stack.json": json }, NO_INTERNET.id), ["fail stack.json:7"]);
        });
        it("joins inline bucket encryption and a key in the same template", () => {
            const t = `Resources:
  Key: { Type: AWS::KMS::Key, Properties: { EnableKeyRotation: true } }
  Bucket:
    Type: AWS::S3::Bucket
    Properties:
      BucketEncryption:
        ServerSideEncryptionConfiguration:
          - ServerSideEncryptionByDefault: { SSEAlgorithm: "aws:kms", KMSMasterKeyID: !GetAtt Key.Arn }
`;
            assert.deepEqual(verdicts({ "t.yaml": t }, "aws-s3-kms-encrypted"), ["pass t.yaml:8"]);
        });
        it("follows subnet route table associations and routes to an internet gateway", () => {
            const t = `Resources:
  Vpc: { Type: AWS::EC2::VPC, Properties: { CidrBlock: 10.0.0.0/16 } }
  Igw: { Type: AWS::EC2::InternetGateway }
  Subnet: { Type: AWS::EC2::Subnet, Properties: { VpcId: !Ref Vpc, CidrBlock: 10.0.1.0/24 } }
  Table: { Type: AWS::EC2::RouteTable, Properties: { VpcId: !Ref Vpc } }
  Default:
    Type: AWS::EC2::Route
    Properties: { RouteTableId: !Ref Table, DestinationCidrBlock: 0.0.0.0/0, GatewayId: !Ref Igw }
  Assoc: { Type: AWS::EC2::SubnetRouteTableAssociation, Properties: { SubnetId: !Ref Subnet, RouteTableId: !Ref Table } }
  Notebook:
    Type: AWS::SageMaker::NotebookInstance
    Properties: { InstanceType: ml.t3.medium, RoleArn: r, SubnetId: !Ref Subnet, DirectInternetAccess: Disabled }
`;
            assert.deepEqual(verdicts({ "t.yaml": t }, "aws-ml-subnet-private-route"), ["fail t.yaml:8"]);
        });
    });

    describe("diagnostics: bad input is positioned and the scan goes on", () => {
        it("reports malformed YAML at its line and still scans the other templates", () => {
            const r = scanCloudFormationSources(
                { "bad.yaml": 'AWSTemplateFormatVersion: "2010-09-09"\nResources:\n  A:\n    Type: [unclosed\n', "good.yaml": notebook("      DirectInternetAccess: Enabled\n") },
                { controls: [NO_INTERNET] },
            );
            const errors = r.diagnostics.filter((d) => d.severity === "error");
            assert.ok(errors.some((d) => d.phase === "parse" && d.range.start.line >= 4), JSON.stringify(errors));
            assert.ok(errors.every((d) => d.file === "bad.yaml"), JSON.stringify(errors));
            assert.deepEqual(r.findings.filter((f) => f.status === "fail").map((f) => f.resourceBlock.rootModule), ["good.yaml"]);
        });
        const odd: Array<[string, string, RegExp]> = [
            ["Resources is a list", "AWSTemplateFormatVersion: x\nResources: [a]\n", /Invalid Resources/],
            ["a resource without a Type", "AWSTemplateFormatVersion: x\nResources:\n  A: { Properties: {} }\n", /without a Type/],
            ["Properties is a string", "AWSTemplateFormatVersion: x\nResources:\n  A: { Type: AWS::KMS::Key, Properties: nope }\n", /Invalid Properties/],
            ["a Ref to nothing", "Resources:\n  A: { Type: AWS::KMS::Key, Properties: { Description: !Ref Nope } }\n", /Unresolved reference/],
            ["an unknown condition", "Resources:\n  A: { Type: AWS::KMS::Key, Condition: Nope }\n", /Unknown condition/],
            ["a circular condition", "Conditions:\n  C: !Not [!Condition C]\nResources:\n  A: { Type: AWS::KMS::Key, Condition: C }\n", /Circular condition/],
            ["a missing mapping", "Resources:\n  A: { Type: AWS::KMS::Key, Properties: { Description: !FindInMap [M, a, b] } }\n", /Mapping not found/],
            ["Select out of range", "Resources:\n  A: { Type: AWS::KMS::Key, Properties: { Description: !Select [5, [a]] } }\n", /out of range/],
            ["a macro", "Transform: MyMacro\nResources:\n  A: { Type: AWS::KMS::Key }\n", /Transform not expanded/],
            ["a Serverless function", "Transform: AWS::Serverless-2016-10-31\nResources:\n  F: { Type: AWS::Serverless::Function, Properties: {} }\n", /Serverless resource not scanned/],
            ["an unknown tag", "Resources:\n  A: { Type: AWS::KMS::Key, Properties: { Description: !Nope x } }\n", /Unknown tag/],
        ];
        for (const [what, text, summary] of odd) {
            it(what, () => {
                const r = scanCloudFormationSources({ "t.yaml": text });
                assert.ok(r.diagnostics.some((d) => summary.test(d.summary) && d.file === "t.yaml" && d.range.start.line >= 1), JSON.stringify(r.diagnostics));
            });
        }
        it("survives an alias bomb", () => {
            let text = "AWSTemplateFormatVersion: x\nx0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n";
            for (let i = 1; i < 9; i++) text += `x${i}: &a${i} [${Array(9).fill(`*a${i - 1}`).join(", ")}]\n`;
            text += "Resources:\n  A: { Type: AWS::KMS::Key, Properties: { Description: *a8 } }\n";
            const r = scanCloudFormationSources({ "t.yaml": text });
            assert.ok(r.diagnostics.some((d) => d.severity === "error"), "reported, not expanded");
        });
        it("ignores YAML and JSON that are not templates", () => {
            const r = scanCloudFormationSources({
                "deploy.yaml": "apiVersion: v1\nkind: ConfigMap\nmetadata: { name: x }\n",
                ".github/workflows/ci.yml": "on: push\njobs: {}\n",
                "package.json": '{"name": "x", "description": "uses AWS::S3::Bucket"}',
                "notes.yaml": "Resources:\n  - AWS::S3::Bucket is mentioned here\n",
            });
            assert.deepEqual([r.files, r.diagnostics, r.findings], [[], [], []]);
        });
    });

    describe("stacks", () => {
        it("follows a nested stack with a local TemplateURL, passing parameters, and scans the child only there", () => {
            const parent = `Resources:
  Child:
    Type: AWS::CloudFormation::Stack
    Properties:
      TemplateURL: ./child.yaml
      Parameters: { Access: Enabled }
`;
            const child = notebook("      DirectInternetAccess: !Ref Access\n", "Parameters:\n  Access: { Type: String, Default: Disabled }\n");
            const r = scanCloudFormationSources({ "parent.yaml": parent, "child.yaml": child }, { controls: [NO_INTERNET] });
            const own = r.findings.filter((f) => f.controlId === NO_INTERNET.id);
            assert.deepEqual(own.map((f) => [f.status, f.resourceId, f.resourceBlock.rootModule, f.resourceBlock.moduleCalls.map((m) => m.address)]), [["fail", "Child/Notebook", "parent.yaml", ["Child"]]]);
        });
        it("reports a nested stack cycle", () => {
            const a = "Resources:\n  B: { Type: AWS::CloudFormation::Stack, Properties: { TemplateURL: b.yaml } }\n";
            const b = "Resources:\n  A: { Type: AWS::CloudFormation::Stack, Properties: { TemplateURL: a.yaml } }\n";
            const r = scanCloudFormationSources({ "a.yaml": a, "b.yaml": b });
            assert.ok(r.diagnostics.some((d) => d.summary === "Nested stack cycle"), JSON.stringify(r.diagnostics));
        });
        it("does not fetch a remote TemplateURL", () => {
            const r = scanCloudFormationSources({ "p.yaml": "Resources:\n  B: { Type: AWS::CloudFormation::Stack, Properties: { TemplateURL: https://example.com/x.yaml } }\n" });
            assert.ok(r.diagnostics.some((d) => d.summary === "Nested stack not followed"));
        });
        it("names CDK resources by construct path", () => {
            const cdk = JSON.stringify({ Resources: { NotebookA1B2: { Type: "AWS::SageMaker::NotebookInstance", Properties: { InstanceType: "ml.t3.medium" }, Metadata: { "aws:cdk:path": "Stack/Notebook/Resource" } } } });
            const r = scanCloudFormationSources({ "cdk.out/Stack.template.json": cdk, "cdk.out/manifest.json": '{"version":"36.0.0","x":"AWS::S3::Bucket"}' }, { controls: [NO_INTERNET] });
            assert.deepEqual(r.findings.map((f) => [f.resourceId, f.resourceName, f.status]), [["NotebookA1B2", "Stack/Notebook/Resource", "fail"]]);
        });
    });

    describe("Metadata suppressions", () => {
        const withMetadata = (metadata: unknown) =>
            JSON.stringify({ Resources: { Notebook: { Type: "AWS::SageMaker::NotebookInstance", Metadata: metadata, Properties: { InstanceType: "ml.t3.medium" } } } }, null, 1);
        const rows: Array<[string, unknown, string[], RegExp?]> = [
            ["mlguard.ignore with a reason", { mlguard: { ignore: [{ id: NO_INTERNET.id, reason: "lab account, no data" }] } }, ["fail (exempt) t.json:3"]],
            ["mlguard.ignore through a checkov alias", { mlguard: { ignore: [{ id: "CKV_AWS_122", reason: "lab" }] } }, ["fail (exempt) t.json:3"]],
            ["mlguard.ignore before its expiry", { mlguard: { ignore: [{ id: NO_INTERNET.id, reason: "lab", expires: "2026-12-31" }] } }, ["fail (exempt) t.json:3"]],
            ["mlguard.ignore after its expiry", { mlguard: { ignore: [{ id: NO_INTERNET.id, reason: "lab", expires: "2026-01-31" }] } }, ["fail t.json:3"], /expired/],
            ["mlguard.ignore without a reason", { mlguard: { ignore: [{ id: NO_INTERNET.id }] } }, ["fail t.json:3"], /no reason/],
            ["mlguard.ignore for no control", { mlguard: { ignore: [{ id: "nope", reason: "x" }] } }, ["fail t.json:3"], /names no control/],
            ["checkov skip", { checkov: { skip: [{ id: "CKV_AWS_122", comment: "lab" }] } }, ["fail (exempt) t.json:3"]],
            ["cfn_nag rules_to_suppress with a peer id", { cfn_nag: { rules_to_suppress: [{ id: "CKV_AWS_122", reason: "lab" }] } }, ["fail (exempt) t.json:3"]],
            ["another control's id", { mlguard: { ignore: [{ id: "aws-kms-key-rotation", reason: "x" }] } }, ["fail t.json:3"]],
        ];
        for (const [what, metadata, expected, diagnostic] of rows) {
            it(what, () => {
                assert.deepEqual(verdicts({ "t.json": withMetadata(metadata) }, NO_INTERNET.id), expected);
                const r = scanCloudFormationSources({ "t.json": withMetadata(metadata) }, { controls: [NO_INTERNET], today: "2026-06-01" });
                if (diagnostic) assert.ok(r.diagnostics.some((d) => diagnostic.test(d.detail ?? "")), JSON.stringify(r.diagnostics));
                else assert.deepEqual(r.diagnostics, []);
            });
        }
    });

    describe("parameter files", () => {
        const rows: Array<[string, string, unknown]> = [
            ["the CLI's list", '[{"ParameterKey": "A", "ParameterValue": "x"}, {"ParameterKey": "N", "ParameterValue": 3}]', { A: "x", N: "3" }],
            ["a template configuration", '{"Parameters": {"A": "x"}, "Tags": {"t": "v"}}', { A: "x" }],
            ["a plain object", '{"A": "x"}', { A: "x" }],
            ["not JSON", "A=x", /not JSON/],
        ];
        for (const [what, text, expected] of rows) {
            it(what, () => {
                const got = parseParameterFile(text);
                if (expected instanceof RegExp) assert.match((got as { error: string }).error, expected);
                else assert.deepEqual(got, expected);
            });
        }
    });
    describe("S3 bucket ACLs and ownership controls (inline on AWS::S3::Bucket)", () => {
        const bucket = (props: string) => `AWSTemplateFormatVersion: "2010-09-09"
Resources:
  Data:
    Type: AWS::S3::Bucket
    Properties:
      Tags: [{ Key: ml-data-class, Value: training }]
      PublicAccessBlockConfiguration: { BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true }
${props}`;
        it("a public canned ACL fails at its line", () => {
            assert.deepEqual(verdicts({ "t.yaml": bucket("      AccessControl: PublicRead\n") }, "aws-s3-public-access-blocked"), ["fail t.yaml:8"]);
        });
        it("a private ACL and BucketOwnerEnforced pass; BucketOwnerPreferred fails at its line", () => {
            const ownership = (o: string) => `      AccessControl: Private\n      OwnershipControls:\n        Rules:\n          - ObjectOwnership: ${o}\n`;
            assert.deepEqual(verdicts({ "t.yaml": bucket(ownership("BucketOwnerEnforced")) }, "aws-s3-public-access-blocked"), ["pass t.yaml:3"]);
            assert.deepEqual(verdicts({ "t.yaml": bucket(ownership("BucketOwnerPreferred")) }, "aws-s3-public-access-blocked"), ["fail t.yaml:11"]);
        });
    });
});
