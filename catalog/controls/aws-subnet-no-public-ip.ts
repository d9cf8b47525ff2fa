import { defineControl } from "../control";
import { asBoolean } from "../helpers/coerce";
import { ML_SUBNET_REFERENCES, mlSubnets, summarise, unresolvedMlSubnet } from "../helpers/ml-network";
import { prop } from "../helpers/props";
import { fail, notApplicable, pass, unknown } from "../helpers/results";
import { types } from "../resource-types";
import { ref } from "../examples";
import type * as ec2 from "@pulumi/aws/ec2";

export default defineControl<ec2.SubnetArgs, { scope: "ml" | "all" }>({
    id: "aws-subnet-no-public-ip",
    title: "Subnets that host ML compute must not assign public IP addresses on launch",
    severity: "medium",
    provider: "aws",
    rationale:
        "An instance with a public IP address in a subnet with an internet route is reachable from, and can send data " +
        "to, the internet. Subnets that host notebooks, Studio domains, models, training or monitoring jobs must not " +
        "auto-assign public IPs (`map_public_ip_on_launch`, default false). ML subnets are found through references " +
        "from the ML resources of the stack or module tree; `scope: all` checks every subnet.",
    remediation: {
        terraform: "Remove `map_public_ip_on_launch = true` from the `aws_subnet` (or set it to `false`).",
        pulumi: "Remove `mapPublicIpOnLaunch: true` from the `aws.ec2.Subnet` (or set it to `false`).",
    },
    frameworks: {
        "aws-fsbp": ["EC2.15"],
        "aws-config": ["subnet-auto-assign-public-ip-disabled"],
        prowler: ["vpc_subnet_no_public_ip_by_default"],
        "nist-800-53": ["SC-7"],
        "owasp-ml": ["ML05"],
    },
    tags: ["network", "sagemaker"],
    aliases: { checkov: ["CKV_AWS_130"], tfsec: ["aws-ec2-no-public-ip-subnet"], trivy: ["AVD-AWS-0164"] },
    subjects: [types.ec2Subnet],
    related: ML_SUBNET_REFERENCES.map((e) => e.type),
    scope: "stack",
    options: {
        scope: {
            description: "`ml`: subnets that ML resources of the stack or module tree run in. `all`: every subnet.",
            schema: { type: "string", enum: ["ml", "all"] },
            default: "ml",
        },
    },
    autofix: [{ path: "mapPublicIpOnLaunch", value: false }],
    check(subnet, { graph, options }) {
        const users = mlSubnets(graph).get(subnet.id);
        const unresolved = users ? undefined : unresolvedMlSubnet(graph);
        if (!users && !unresolved && options.scope !== "all") return [notApplicable(subnet, "No ML resource of the stack or module tree runs in this subnet.")];
        const why = users ? ` (hosts the ${summarise(users)})` : unresolved ? ` (the subnet of the ${unresolved} is computed and not declared here, so every subnet may host it)` : "";
        const attr = prop(subnet, "mapPublicIpOnLaunch");
        if (attr.state === "unknown") return [unknown(attr, `mapPublicIpOnLaunch is computed${why}.`)];
        if (attr.state === "absent") return [pass(attr, `The subnet does not assign public IPs (default false)${why}.`)];
        if (asBoolean(attr) === false) return [pass(attr, `The subnet does not assign public IPs${why}.`)];
        return [fail(attr, `The subnet assigns a public IP to every instance it launches (mapPublicIpOnLaunch)${why}; set it to false.`)];
    },
    examples: {
        pulumi: {
            good: [
                [
                    { type: types.ec2Subnet, name: "ml-private-a", props: { vpcId: "vpc-0abc", cidrBlock: "10.20.1.0/24", mapPublicIpOnLaunch: false } },
                    // A public subnet for load balancers: no ML compute runs in it, so it is not held to this bar.
                    { type: types.ec2Subnet, name: "ingress-public-a", props: { vpcId: "vpc-0abc", cidrBlock: "10.20.100.0/24", mapPublicIpOnLaunch: true } },
                    { type: types.sagemakerNotebookInstance, name: "research", props: { instanceType: "ml.t3.medium", roleArn: "arn:aws:iam::111122223333:role/sm", subnetId: ref("ml-private-a") } },
                ],
            ],
            bad: [
                [
                    { type: types.ec2Subnet, name: "ml-a", props: { vpcId: "vpc-0abc", cidrBlock: "10.20.1.0/24", mapPublicIpOnLaunch: true } },
                    { type: types.sagemakerNotebookInstance, name: "research", props: { instanceType: "ml.t3.medium", roleArn: "arn:aws:iam::111122223333:role/sm", subnetId: ref("ml-a") } },
                ],
            ],
        },
        terraform: {
            good: [
                `resource "aws_subnet" "ml_private_a" {
  vpc_id     = "vpc-0abc"
  cidr_block = "10.20.1.0/24"
}

resource "aws_subnet" "ingress_public_a" {
  vpc_id                  = "vpc-0abc"
  cidr_block              = "10.20.100.0/24"
  map_public_ip_on_launch = true
}

resource "aws_sagemaker_notebook_instance" "research" {
  name          = "research"
  instance_type = "ml.t3.medium"
  role_arn      = "arn:aws:iam::111122223333:role/sm"
  subnet_id     = aws_subnet.ml_private_a.id
}
`,
            ],
            bad: [
                `resource "aws_subnet" "ml_a" {
  vpc_id                  = "vpc-0abc"
  cidr_block              = "10.20.1.0/24"
  map_public_ip_on_launch = true
}

resource "aws_sagemaker_notebook_instance" "research" {
  name          = "research"
  instance_type = "ml.t3.medium"
  role_arn      = "arn:aws:iam::111122223333:role/sm"
  subnet_id     = aws_subnet.ml_a.id
}
`,
            ],
        },
    },
});
