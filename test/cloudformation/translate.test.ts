import * as assert from "node:assert/strict";
import { ResourceGraph } from "../../catalog/graph";
import type { Value } from "../../catalog/model";
import { cfnMapping } from "../../catalog/cloudformation/tables";
import { translateCfnResource } from "../../catalog/cloudformation/translate";
import { valueFromPlain } from "../../catalog/values";

const map = (plain: Record<string, unknown>) => {
    const v = valueFromPlain(plain, { isUnknown: (x) => x === "<ref>" }) as Extract<Value, { kind: "map" }>;
    return v;
};
const source = { kind: "pulumi" as const, urn: "u", path: "" };

function translate(type: string, props: Record<string, unknown>, refs: Array<{ path: string; to: string }> = []) {
    return translateCfnResource({ id: "Res", name: "Res", mapping: cfnMapping(type)!, props: map(props), source, frontEnd: "cloudformation", refs });
}

describe("CloudFormation tables applied (translateCfnResource)", () => {
    it("a managed policy becomes a policy document plus one attachment per role, user and group", () => {
        const t = translate("AWS::IAM::ManagedPolicy", { PolicyDocument: { Statement: [{ Effect: "Allow", Action: "s3:GetObject", Resource: "*" }] }, Roles: ["<ref>", "fixed-role"], Users: ["alice"] }, [{ path: "Roles.0", to: "Role" }]);
        assert.deepEqual(t.resources.map((r) => `${r.id} ${r.type}`), [
            "Res aws:iam/policy:Policy",
            "Res#Roles.0 aws:iam/rolePolicyAttachment:RolePolicyAttachment",
            "Res#Roles.1 aws:iam/rolePolicyAttachment:RolePolicyAttachment",
            "Res#Users.0 aws:iam/userPolicyAttachment:UserPolicyAttachment",
        ]);
        const graph = new ResourceGraph([...t.resources, { id: "Role", type: "aws:iam/role:Role", name: "Role", props: map({}), source, frontEnd: "cloudformation" }], t.references);
        const first = graph.get("Res#Roles.0")!;
        assert.deepEqual(graph.targets(first, "role").map((r) => r.id), ["Role"]);
        assert.deepEqual(graph.targets(first, "policyArn").map((r) => r.id), ["Res"]);
        assert.deepEqual(graph.get("Res#Roles.1")!.props.entries.role, { kind: "scalar", value: "fixed-role", source: undefined });
        // The document keeps its keys (IAM is case-sensitive about them).
        assert.ok("Statement" in (graph.get("Res")!.props.entries.policy as Extract<Value, { kind: "map" }>).entries);
    });
    it("a bucket's inline parts become the split resources the controls join, linked back to the bucket", () => {
        const t = translate("AWS::S3::Bucket", {
            BucketName: "data",
            VersioningConfiguration: { Status: "Enabled" },
            PublicAccessBlockConfiguration: { BlockPublicAcls: true },
            ObjectLockConfiguration: { ObjectLockEnabled: "Enabled", Rule: { DefaultRetention: { Mode: "COMPLIANCE", Days: 30 } } },
        });
        const byType = Object.fromEntries(t.resources.map((r) => [r.type.split(":")[1], r.props.entries]));
        assert.deepEqual(Object.keys(byType).sort(), ["s3/bucket", "s3/bucketObjectLockConfiguration", "s3/bucketPublicAccessBlock", "s3/bucketVersioning"]);
        assert.deepEqual(Object.keys(byType["s3/bucket"]), ["bucket"]);
        assert.deepEqual(Object.keys(byType["s3/bucketVersioning"]).sort(), ["bucket", "versioningConfiguration"]);
        assert.deepEqual(Object.keys(byType["s3/bucketObjectLockConfiguration"]).sort(), ["bucket", "objectLockEnabled", "rule"]);
        assert.deepEqual(t.references.map((r) => `${r.from} ${r.path} → ${r.to}`).sort(), [
            "Res#ObjectLockConfiguration bucket → Res",
            "Res#PublicAccessBlockConfiguration bucket → Res",
            "Res#VersioningConfiguration bucket → Res",
        ]);
    });
    it("names match case-insensitively, values reshape where the bridged schema differs", () => {
        const sg = translate("AWS::EC2::SecurityGroup", { GroupDescription: "x", SecurityGroupIngress: [{ IpProtocol: "tcp", CidrIp: "0.0.0.0/0", FromPort: 22, ToPort: 22 }] });
        const ingress = (sg.resources[0].props.entries.ingress as Extract<Value, { kind: "list" }>).items[0] as Extract<Value, { kind: "map" }>;
        assert.deepEqual(Object.keys(ingress.entries).sort(), ["cidrBlocks", "fromPort", "protocol", "toPort"]);
        assert.equal((ingress.entries.cidrBlocks as Extract<Value, { kind: "list" }>).items.length, 1);
        const repo = translate("AWS::ECR::Repository", { encryptionConfiguration: { encryptionType: "KMS", kmsKey: "k" }, imageScanningConfiguration: { scanOnPush: true } });
        assert.equal(repo.resources[0].props.entries.encryptionConfigurations.kind, "list");
        assert.ok("scanOnPush" in (repo.resources[0].props.entries.imageScanningConfiguration as Extract<Value, { kind: "map" }>).entries);
    });
    it("a bucket's canned ACL reads in the bridged spelling and its ownership rules as the rule block", () => {
        const t = translate("AWS::S3::Bucket", { AccessControl: "PublicRead", OwnershipControls: { Rules: [{ ObjectOwnership: "BucketOwnerPreferred" }] } });
        assert.deepEqual(t.resources[0].props.entries.acl, { kind: "scalar", value: "public-read", source: undefined });
        const ownership = t.resources.find((r) => r.type === "aws:s3/bucketOwnershipControls:BucketOwnershipControls")!;
        const rule = ownership.props.entries.rule as Extract<Value, { kind: "list" }>;
        assert.deepEqual((rule.items[0] as Extract<Value, { kind: "map" }>).entries.objectOwnership, { kind: "scalar", value: "BucketOwnerPreferred", source: undefined });
        // A value outside the table is kept as written (the ACL checks then see an unfamiliar canned ACL, not a public one).
        assert.deepEqual(translate("AWS::S3::Bucket", { AccessControl: "SomethingNew" }).resources[0].props.entries.acl, { kind: "scalar", value: "SomethingNew", source: undefined });
    });
});
