import { defineControl } from "../control";
import type { ResourceGraph } from "../graph";
import { asBoolean, stringList } from "../helpers/coerce";
import { mlSubnets, summarise, unresolvedMlSubnet } from "../helpers/ml-network";
import { allOf } from "../helpers/outcomes";
import { anyProp } from "../helpers/props";
import { fail, notApplicable, unknown } from "../helpers/results";
import type { CheckResult, Resource } from "../model";
import { types } from "../resource-types";
import { ref } from "../examples";

/** The endpoints every VPC hosting SageMaker needs without an internet path (reference §5, #1-#5). */
export const REQUIRED_ML_ENDPOINTS = ["sagemaker.api", "sagemaker.runtime", "s3", "sts", "logs"];

const SERVICE = /^(?:com\.amazonaws|aws\.sagemaker)\.[a-z0-9-]+\.(.+)$/;

/** The ML resources running in subnets of this VPC. */
function mlUsersOf(graph: ResourceGraph, vpc: Resource): string[] {
    const index = mlSubnets(graph);
    const users: string[] = [];
    for (const { resource: subnet } of graph.referrers(vpc, [types.ec2Subnet], "vpcId")) {
        for (const why of index.get(subnet.id) ?? []) if (!users.includes(why)) users.push(why);
    }
    return users;
}

function checkVpc(vpc: Resource, graph: ResourceGraph, required: string[]): CheckResult[] {
    const users = mlUsersOf(graph, vpc);
    if (users.length === 0) {
        const unresolved = unresolvedMlSubnet(graph);
        if (!unresolved) return [notApplicable(vpc, "No ML resource of the stack or module tree runs in a subnet of this VPC.")];
        users.push(`${unresolved}, whose subnet is computed and not declared here, so any VPC may host it`);
    }
    const endpoints = graph.referrers(vpc, [types.ec2VpcEndpoint], "vpcId").map((r) => r.resource);
    const byService = new Map<string, Resource[]>();
    let computedNames = 0;
    for (const e of endpoints) {
        const name = anyProp(e, "serviceName");
        if (name.state === "unknown") computedNames++;
        const m = typeof name.value === "string" ? SERVICE.exec(name.value.trim()) : null;
        if (m) byService.set(m[1], [...(byService.get(m[1]) ?? []), e]);
    }
    const hosts = `(the VPC hosts the ${summarise(users)})`;
    const results: CheckResult[] = [];
    for (const service of required) {
        const found = byService.get(service) ?? [];
        if (found.length === 0) {
            results.push(
                computedNames > 0
                    ? unknown(vpc, `No endpoint for ${service} is known, and ${computedNames} endpoint service name(s) of the VPC are computed ${hosts}.`)
                    : fail(vpc, `The VPC has no ${service} endpoint, so SageMaker calls to it need an internet path ${hosts}.`),
            );
            continue;
        }
        if (service === "s3") continue;
        const verdicts = found.map((e): CheckResult | undefined => {
            const type = anyProp(e, "vpcEndpointType");
            const dns = anyProp(e, "privateDnsEnabled");
            if (type.state === "unknown") return unknown(type, `The type of the ${service} endpoint ${e.name} is computed.`);
            if (type.value !== "Interface") {
                return fail(type.state === "explicit" ? type : e, `The ${service} endpoint ${e.name} is not an Interface endpoint (vpcEndpointType defaults to Gateway) ${hosts}.`);
            }
            if (dns.state === "unknown") return unknown(dns, `Private DNS of the ${service} endpoint ${e.name} is computed.`);
            if (asBoolean(dns) !== true) {
                return fail(dns.state === "explicit" ? dns : e, `Private DNS is off on the ${service} endpoint ${e.name} (privateDnsEnabled defaults to false): SDK calls still resolve to the public endpoint ${hosts}.`);
            }
            return undefined;
        });
        // One compliant endpoint for the service is enough.
        if (verdicts.some((v) => v === undefined)) continue;
        results.push(...(verdicts as CheckResult[]));
    }
    return allOf(vpc, results, `The VPC has the endpoints SageMaker needs (${required.join(", ")}), interface endpoints with private DNS ${hosts}.`);
}

export default defineControl<unknown, { requiredServices: string[]; additionalServices: string[] }>({
    id: "aws-vpc-endpoints-for-ml",
    title: "VPCs that host SageMaker must have the VPC endpoints it needs, with private DNS",
    severity: "high",
    provider: "aws",
    rationale:
        "A notebook, Studio domain or model in a VPC without an internet path reaches SageMaker, S3, STS and CloudWatch " +
        "Logs only through VPC endpoints; without them teams add a NAT gateway or switch Studio back to public internet " +
        "access. Each VPC that hosts ML compute of the stack or module tree needs an endpoint for sagemaker.api, " +
        "sagemaker.runtime, s3 (Gateway or Interface), sts and logs. Interface endpoints need `private_dns_enabled = true` " +
        "(default false: SDK calls then resolve to the public endpoint) and `vpc_endpoint_type = \"Interface\"` (default Gateway).",
    remediation: {
        terraform:
            'Add `aws_vpc_endpoint` resources in the VPC: `com.amazonaws.<region>.s3` (Gateway, with the private route tables) and `sagemaker.api`, `sagemaker.runtime`, `sts`, `logs` with `vpc_endpoint_type = "Interface"`, `private_dns_enabled = true`, the private subnets and an HTTPS security group.',
        pulumi:
            'Add `aws.ec2.VpcEndpoint`s in the VPC (or use `MlPrivateNetwork`): s3 (Gateway) and `sagemaker.api`, `sagemaker.runtime`, `sts`, `logs` with `vpcEndpointType: "Interface"`, `privateDnsEnabled: true`.',
    },
    frameworks: {
        "aws-fsbp": ["EC2.10", "EC2.55", "EC2.56"],
        "aws-config": ["vpc-interface-endpoint-enabled"],
        "nist-800-53": ["SC-7", "AC-4", "SC-7(7)"],
        "owasp-ml": ["ML05"],
    },
    tags: ["network", "vpc-endpoints", "sagemaker"],
    aliases: {},
    subjects: [types.ec2Vpc],
    related: [types.ec2Subnet, types.ec2VpcEndpoint, types.sagemakerNotebookInstance, types.sagemakerDomain, types.sagemakerModel, types.sagemakerTrainingJob],
    scope: "stack",
    options: {
        requiredServices: {
            description: "Service-name suffixes (after `com.amazonaws.<region>.`) every ML VPC needs. Default: the required tier of reference §5.",
            schema: { type: "array", items: { type: "string" } },
            default: REQUIRED_ML_ENDPOINTS,
        },
        additionalServices: {
            description: 'More services to require, e.g. `["ecr.api", "ecr.dkr"]` for custom images.',
            schema: { type: "array", items: { type: "string" } },
            default: [],
        },
    },
    check(vpc, { graph, options }) {
        const required = stringList(options.requiredServices);
        for (const s of stringList(options.additionalServices)) if (!required.includes(s)) required.push(s);
        return checkVpc(vpc, graph, required);
    },
    examples: {
        pulumi: {
            good: [
                [
                    { type: types.ec2Vpc, name: "ml", props: { cidrBlock: "10.20.0.0/16", enableDnsSupport: true, enableDnsHostnames: true } },
                    { type: types.ec2Subnet, name: "ml-private-a", props: { vpcId: ref("ml"), cidrBlock: "10.20.1.0/24" } },
                    { type: types.sagemakerNotebookInstance, name: "research", props: { instanceType: "ml.t3.medium", roleArn: "arn:aws:iam::111122223333:role/sm", subnetId: ref("ml-private-a") } },
                    { type: types.ec2VpcEndpoint, name: "s3", props: { vpcId: ref("ml"), serviceName: "com.amazonaws.eu-west-1.s3", vpcEndpointType: "Gateway" } },
                    ...["sagemaker.api", "sagemaker.runtime", "sts", "logs"].map((s) => ({
                        type: types.ec2VpcEndpoint,
                        name: s.replace(".", "-"),
                        props: { vpcId: ref("ml"), serviceName: `com.amazonaws.eu-west-1.${s}`, vpcEndpointType: "Interface", privateDnsEnabled: true },
                    })),
                ],
            ],
            bad: [
                [
                    { type: types.ec2Vpc, name: "ml", props: { cidrBlock: "10.20.0.0/16" } },
                    { type: types.ec2Subnet, name: "ml-private-a", props: { vpcId: ref("ml"), cidrBlock: "10.20.1.0/24" } },
                    { type: types.sagemakerNotebookInstance, name: "research", props: { instanceType: "ml.t3.medium", roleArn: "arn:aws:iam::111122223333:role/sm", subnetId: ref("ml-private-a") } },
                    { type: types.ec2VpcEndpoint, name: "sagemaker-api", props: { vpcId: ref("ml"), serviceName: "com.amazonaws.eu-west-1.sagemaker.api", vpcEndpointType: "Interface" } },
                ],
            ],
        },
        terraform: {
            good: [
                `locals {
  interface_endpoints = ["sagemaker.api", "sagemaker.runtime", "sts", "logs"]
}

resource "aws_vpc" "ml" {
  cidr_block           = "10.20.0.0/16"
  enable_dns_support   = true
  enable_dns_hostnames = true
}

resource "aws_subnet" "ml_private_a" {
  vpc_id     = aws_vpc.ml.id
  cidr_block = "10.20.1.0/24"
}

resource "aws_sagemaker_notebook_instance" "research" {
  name          = "research"
  instance_type = "ml.t3.medium"
  role_arn      = "arn:aws:iam::111122223333:role/sm"
  subnet_id     = aws_subnet.ml_private_a.id
}

resource "aws_vpc_endpoint" "s3" {
  vpc_id            = aws_vpc.ml.id
  service_name      = "com.amazonaws.eu-west-1.s3"
  vpc_endpoint_type = "Gateway"
}

resource "aws_vpc_endpoint" "interface" {
  for_each            = toset(local.interface_endpoints)
  vpc_id              = aws_vpc.ml.id
  service_name        = "com.amazonaws.eu-west-1.\${each.key}"
  vpc_endpoint_type   = "Interface"
  private_dns_enabled = true
}
`,
            ],
            bad: [
                `resource "aws_vpc" "ml" {
  cidr_block = "10.20.0.0/16"
}

resource "aws_subnet" "ml_private_a" {
  vpc_id     = aws_vpc.ml.id
  cidr_block = "10.20.1.0/24"
}

resource "aws_sagemaker_notebook_instance" "research" {
  name          = "research"
  instance_type = "ml.t3.medium"
  role_arn      = "arn:aws:iam::111122223333:role/sm"
  subnet_id     = aws_subnet.ml_private_a.id
}

resource "aws_vpc_endpoint" "sagemaker_api" {
  vpc_id            = aws_vpc.ml.id
  service_name      = "com.amazonaws.eu-west-1.sagemaker.api"
  vpc_endpoint_type = "Interface"
}
`,
            ],
        },
    },
});
