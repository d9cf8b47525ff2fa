import { defineControl } from "../control";
import type { ResourceGraph } from "../graph";
import { type Statement, hasStar, parsePolicy } from "../helpers/iam";
import { type Attr, UNKNOWN, anyProp } from "../helpers/props";
import { fail, pass, unknown } from "../helpers/results";
import { principalValues } from "../helpers/s3";
import type { CheckResult, Resource } from "../model";
import { types } from "../resource-types";
import { ref } from "../examples";

const S3_SERVICE = /^com\.amazonaws\.[a-z0-9-]+\.s3$/;
const PRINCIPAL_KEYS = ["aws:principalorgid", "aws:principalorgpaths", "aws:principalaccount", "aws:principalarn"];
const RESOURCE_KEYS = ["aws:resourceorgid", "aws:resourceorgpaths", "aws:resourceaccount", "s3:resourceaccount"];

/** Whether a positive condition operator constrains one of the keys (`unknown` when the condition is computed). */
function constrains(s: Statement, keys: string[]): "yes" | "no" | "unknown" {
    const cond = s.condition;
    if (cond === UNKNOWN) return "unknown";
    if (!cond || typeof cond !== "object" || Array.isArray(cond)) return "no";
    for (const [op, body] of Object.entries(cond)) {
        if (/not/i.test(op) || !body || typeof body !== "object" || Array.isArray(body)) continue;
        for (const k of Object.keys(body)) if (keys.includes(k.toLowerCase())) return "yes";
    }
    return "no";
}

/** A resource list open to every bucket or resource: a bare wildcard, or every bucket and its objects. */
function everyResource(s: Statement): boolean {
    if (s.notResource) return true;
    return hasStar(s.resource) || !!s.resource?.values.some((r) => /^arn:aws[a-z-]*:s3:::\*(\/\*)?$/.test(r.trim()));
}

/**
 * Judges the Allow statements of an endpoint policy. S3 endpoints must confine the buckets (resource
 * list or `s3:ResourceAccount` / `aws:ResourceOrgID`), or data can be copied to any bucket; other
 * endpoints must confine the principals or the resources.
 */
function judgePolicy(attr: Attr, s3: boolean): CheckResult {
    const doc = parsePolicy(attr);
    if (doc.kind === "unknown") return unknown(attr, "The endpoint policy is computed.");
    if (doc.kind === "invalid") return unknown(attr, `The endpoint policy cannot be read: ${doc.reason}.`);
    if (doc.kind === "absent") return fail(attr, "No endpoint policy: the default policy allows full access.");
    for (const [i, s] of doc.statements.entries()) {
        if (s.effect === "Deny") continue;
        const label = s.sid ? `Statement "${s.sid}"` : `Statement ${i + 1}`;
        if (s.unknown) return unknown(attr, `${label} of the endpoint policy is computed.`);
        if (s.resource?.hasUnknown) continue;
        const byResource = everyResource(s) ? constrains(s, RESOURCE_KEYS) : "yes";
        if (byResource === "unknown") return unknown(attr, `The condition of ${label} is computed.`);
        const resourceConfined = byResource === "yes";
        if (s3) {
            if (!resourceConfined) return fail(attr, `${label} of the S3 endpoint policy allows every bucket: data can be copied through the endpoint to a bucket outside your account; list the buckets or add an s3:ResourceAccount / aws:ResourceOrgID condition.`);
            continue;
        }
        if (resourceConfined) continue;
        const aws = principalValues(s.principal, "AWS");
        const everyone = s.principal === undefined || aws.values.some((p) => p.trim() === "*");
        if (!everyone) continue;
        const principalConfined = constrains(s, PRINCIPAL_KEYS);
        if (principalConfined === "unknown") return unknown(attr, `The condition of ${label} is computed.`);
        if (principalConfined === "no") return fail(attr, `${label} of the endpoint policy allows every principal on every resource (full access); confine the principals (aws:PrincipalOrgID, an account) or the resources.`);
    }
    return pass(attr, s3 ? "The S3 endpoint policy confines the buckets that can be reached." : "The endpoint policy confines the principals or resources.");
}

function checkEndpoint(endpoint: Resource, graph: ResourceGraph, requireAll: boolean): CheckResult[] {
    const service = anyProp(endpoint, "serviceName");
    if (service.state === "unknown") return [unknown(service, "The endpoint's service name is computed, so the rule for it cannot be chosen.")];
    const s3 = typeof service.value === "string" && S3_SERVICE.test(service.value);
    const attrs: Attr[] = [];
    const inline = anyProp(endpoint, "policy");
    if (inline.state !== "absent") attrs.push(inline);
    for (const { resource } of graph.referrers(endpoint, [types.ec2VpcEndpointPolicy], "vpcEndpointId")) attrs.push(anyProp(resource, "policy"));
    if (attrs.length === 0) {
        if (!s3 && !requireAll) return [pass(endpoint, "No endpoint policy (full access); a restrictive policy is recommended but required only for S3 endpoints (see requireForAllEndpoints).")];
        return [fail(endpoint, `No endpoint policy, so the default full-access policy applies${s3 ? ": data can be copied through the S3 endpoint to any bucket" : ""}.`)];
    }
    const results = attrs.map((a) => judgePolicy(a, s3));
    const passing = results.find((r) => r.status === "pass");
    // A standalone aws_vpc_endpoint_policy replaces the inline one; either compliant policy decides.
    return passing ? [passing] : results;
}

export default defineControl<unknown, { requireForAllEndpoints: boolean }>({
    id: "aws-vpc-endpoint-policy-restricted",
    title: "VPC endpoint policies must not allow full access (S3 endpoints must confine the buckets)",
    severity: "medium",
    provider: "aws",
    rationale:
        "An endpoint without a policy allows full access: anyone in the VPC, with any credentials, can use it. For the " +
        "S3 gateway endpoint of an ML VPC that means stolen or foreign credentials can copy training data and models to " +
        "a bucket outside your account without touching the internet. The S3 endpoint policy must confine the buckets " +
        "(a resource list, or `s3:ResourceAccount` / `aws:ResourceOrgID`); other endpoints must not allow every principal " +
        "on every resource (required only with `requireForAllEndpoints`, recommended otherwise).",
    remediation: {
        terraform:
            "Set `policy` on the `aws_vpc_endpoint` (or add an `aws_vpc_endpoint_policy`) that allows only your buckets, or every bucket with `Condition = { StringEquals = { \"s3:ResourceAccount\" = \"<account>\" } }`; on interface endpoints confine the principals to your account or organisation.",
        pulumi:
            "Set `policy` on the `aws.ec2.VpcEndpoint` (or add an `aws.ec2.VpcEndpointPolicy`) that allows only your buckets, or every bucket with `Condition: { StringEquals: { \"s3:ResourceAccount\": accountId } }`; on interface endpoints confine the principals to your account or organisation.",
    },
    frameworks: {
        "nist-800-53": ["AC-4", "SC-7(11)"],
        "owasp-ml": ["ML05"],
    },
    tags: ["network", "vpc-endpoints", "exfiltration"],
    aliases: {},
    subjects: [types.ec2VpcEndpoint],
    related: [types.ec2VpcEndpointPolicy],
    scope: "stack",
    options: {
        requireForAllEndpoints: {
            description: "Also fail interface endpoints without a policy (by default only S3 endpoints need one).",
            schema: { type: "boolean" },
            default: false,
        },
    },
    check(endpoint, { graph, options }) {
        return checkEndpoint(endpoint, graph, options.requireForAllEndpoints === true);
    },
    examples: {
        pulumi: {
            good: [
                [
                    {
                        type: types.ec2VpcEndpoint,
                        name: "s3",
                        props: {
                            vpcId: "vpc-0abc",
                            serviceName: "com.amazonaws.eu-west-1.s3",
                            policy: JSON.stringify({
                                Version: "2012-10-17",
                                Statement: [{ Effect: "Allow", Principal: "*", Action: ["s3:GetObject", "s3:PutObject"], Resource: ["arn:aws:s3:::*/*"], Condition: { StringEquals: { "s3:ResourceAccount": "111122223333" } } }],
                            }),
                        },
                    },
                ],
                [
                    { type: types.ec2VpcEndpoint, name: "s3", props: { vpcId: "vpc-0abc", serviceName: "com.amazonaws.eu-west-1.s3" } },
                    {
                        type: types.ec2VpcEndpointPolicy,
                        name: "s3-policy",
                        props: {
                            vpcEndpointId: ref("s3"),
                            policy: JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: "*", Action: "s3:*", Resource: ["arn:aws:s3:::ml-training-data", "arn:aws:s3:::ml-training-data/*"] }] }),
                        },
                    },
                ],
            ],
            bad: [
                [{ type: types.ec2VpcEndpoint, name: "s3", props: { vpcId: "vpc-0abc", serviceName: "com.amazonaws.eu-west-1.s3" } }],
                [
                    {
                        type: types.ec2VpcEndpoint,
                        name: "s3",
                        props: {
                            vpcId: "vpc-0abc",
                            serviceName: "com.amazonaws.eu-west-1.s3",
                            policy: JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: "*", Action: "*", Resource: "*" }] }),
                        },
                    },
                ],
            ],
        },
        terraform: {
            good: [
                `resource "aws_vpc_endpoint" "s3" {
  vpc_id       = "vpc-0abc"
  service_name = "com.amazonaws.eu-west-1.s3"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = "*"
      Action    = ["s3:GetObject", "s3:PutObject"]
      Resource  = ["arn:aws:s3:::*/*"]
      Condition = { StringEquals = { "s3:ResourceAccount" = "111122223333" } }
    }]
  })
}
`,
                `resource "aws_vpc_endpoint" "s3" {
  vpc_id       = "vpc-0abc"
  service_name = "com.amazonaws.eu-west-1.s3"
}

resource "aws_vpc_endpoint_policy" "s3" {
  vpc_endpoint_id = aws_vpc_endpoint.s3.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = "*"
      Action    = "s3:*"
      Resource  = ["arn:aws:s3:::ml-training-data", "arn:aws:s3:::ml-training-data/*"]
    }]
  })
}
`,
            ],
            bad: [
                `resource "aws_vpc_endpoint" "s3" {
  vpc_id       = "vpc-0abc"
  service_name = "com.amazonaws.eu-west-1.s3"
}
`,
                `resource "aws_vpc_endpoint" "s3" {
  vpc_id       = "vpc-0abc"
  service_name = "com.amazonaws.eu-west-1.s3"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = "*"
      Action    = "*"
      Resource  = "*"
    }]
  })
}
`,
            ],
        },
    },
});
