import { defineControl } from "../control";
import { anyProp } from "../helpers/props";
import { notApplicable } from "../helpers/results";
import { ROUTE_ANALYSIS_TYPES, subnetPrivacyResults } from "../helpers/subnet-routes";
import { types } from "../resource-types";
import { ref, PRIVATE_ML_SUBNET_TF } from "../examples";

/** Where ML compute resources name their subnets. */
const ML_SUBNET_PROPERTIES = [{ type: types.sagemakerNotebookInstance, path: "subnetId" }];

export default defineControl<import("@pulumi/aws/sagemaker").NotebookInstanceArgs, { privateSubnetIds: string[] }>({
    id: "aws-ml-subnet-private-route",
    title: "ML compute must run in subnets without a route to an internet gateway",
    severity: "high",
    provider: "aws",
    rationale:
        "Disabling a notebook's direct internet access only helps if the subnet it is placed in is private. A subnet " +
        "is public when its route table — the explicitly associated one, or the VPC's main route table when none is " +
        "associated — routes to an internet gateway. Egress through a NAT gateway is not a direct internet path and " +
        "passes here; aws-ml-subnet-egress-reviewed reports such default routes (NAT, transit, egress-only gateways) as a " +
        "low-severity advisory with an approved-gateways option. Reach AWS APIs through VPC endpoints instead.",
    remediation: {
        terraform:
            "Associate the ML subnet with a route table that has no `gateway_id = aws_internet_gateway.*` route (use VPC endpoints, or a NAT gateway for inspected egress).",
        pulumi:
            "Associate the ML subnet with a route table that has no route whose `gatewayId` is an internet gateway (use VPC endpoints, or a NAT gateway for inspected egress).",
    },
    frameworks: {
        prowler: ["vpc_subnet_separate_private_public"],
        "nist-800-53": ["SC-7", "SC-7(4)", "AC-4"],
        "owasp-ml": ["ML05"],
    },
    tags: ["network", "sagemaker", "notebook"],
    aliases: {},
    subjects: ML_SUBNET_PROPERTIES.map((p) => p.type),
    related: ROUTE_ANALYSIS_TYPES,
    scope: "stack",
    options: {
        privateSubnetIds: {
            description:
                "Subnet ids managed outside this stack (e.g. by a network stack) that are known to be private. Other subnets that are not resources in the stack cannot be verified.",
            schema: { type: "array", items: { type: "string" } },
            default: [],
        },
    },
    check(subject, { graph, options }) {
        const path = ML_SUBNET_PROPERTIES.find((p) => p.type.token === subject.type)?.path ?? "subnetId";
        const subnetAttr = anyProp(subject, path);
        if (subnetAttr.state === "absent") return [notApplicable(subnetAttr, "No subnet is set (see aws-sagemaker-notebook-in-vpc).")];
        return subnetPrivacyResults(graph, subject, subnetAttr, options.privateSubnetIds);
    },
    examples: {
        pulumi: {
            good: [
                [
                    { type: types.ec2Vpc, name: "ml", props: { cidrBlock: "10.20.0.0/16" } },
                    { type: types.ec2Subnet, name: "ml-private-a", props: { vpcId: ref("ml"), cidrBlock: "10.20.1.0/24" } },
                    { type: types.ec2RouteTable, name: "ml-private", props: { vpcId: ref("ml"), routes: [] } },
                    {
                        type: types.ec2RouteTableAssociation,
                        name: "ml-private-a-assoc",
                        props: { subnetId: ref("ml-private-a"), routeTableId: ref("ml-private") },
                    },
                    {
                        type: types.sagemakerNotebookInstance,
                        name: "research",
                        props: {
                            instanceType: "ml.t3.medium",
                            roleArn: "arn:aws:iam::111122223333:role/sagemaker-research",
                            subnetId: ref("ml-private-a"),
                            directInternetAccess: "Disabled",
                        },
                    },
                ],
            ],
            bad: [
                [
                    { type: types.ec2Vpc, name: "ml", props: { cidrBlock: "10.20.0.0/16" } },
                    { type: types.ec2InternetGateway, name: "igw", props: { vpcId: ref("ml") } },
                    { type: types.ec2Subnet, name: "ml-a", props: { vpcId: ref("ml"), cidrBlock: "10.20.1.0/24" } },
                    {
                        type: types.ec2RouteTable,
                        name: "public",
                        props: { vpcId: ref("ml"), routes: [{ cidrBlock: "0.0.0.0/0", gatewayId: ref("igw") }] },
                    },
                    { type: types.ec2RouteTableAssociation, name: "ml-a-assoc", props: { subnetId: ref("ml-a"), routeTableId: ref("public") } },
                    {
                        type: types.sagemakerNotebookInstance,
                        name: "research",
                        props: {
                            instanceType: "ml.t3.medium",
                            roleArn: "arn:aws:iam::111122223333:role/sagemaker-research",
                            subnetId: ref("ml-a"),
                            directInternetAccess: "Disabled",
                        },
                    },
                ],
                [
                    { type: types.ec2Vpc, name: "ml", props: { cidrBlock: "10.20.0.0/16" } },
                    { type: types.ec2Subnet, name: "ml-a", props: { vpcId: ref("ml"), cidrBlock: "10.20.1.0/24" } },
                    { type: types.ec2RouteTable, name: "main", props: { vpcId: ref("ml") } },
                    { type: types.ec2MainRouteTableAssociation, name: "main-assoc", props: { vpcId: ref("ml"), routeTableId: ref("main") } },
                    {
                        type: types.ec2Route,
                        name: "default",
                        props: { routeTableId: ref("main"), destinationCidrBlock: "0.0.0.0/0", gatewayId: "igw-0a1b2c3d" },
                    },
                    {
                        type: types.sagemakerNotebookInstance,
                        name: "research",
                        props: {
                            instanceType: "ml.t3.medium",
                            roleArn: "arn:aws:iam::111122223333:role/sagemaker-research",
                            subnetId: ref("ml-a"),
                            directInternetAccess: "Disabled",
                        },
                    },
                ],
            ],
        },
        terraform: {
            good: [
                `${PRIVATE_ML_SUBNET_TF}
resource "aws_sagemaker_notebook_instance" "research" {
  name                   = "research"
  instance_type          = "ml.t3.medium"
  role_arn               = "arn:aws:iam::111122223333:role/sagemaker-research"
  subnet_id              = aws_subnet.ml_private_a.id
  direct_internet_access = "Disabled"
}
`,
            ],
            bad: [
                `resource "aws_vpc" "ml" {
  cidr_block = "10.20.0.0/16"
}

resource "aws_internet_gateway" "igw" {
  vpc_id = aws_vpc.ml.id
}

resource "aws_subnet" "ml_a" {
  vpc_id     = aws_vpc.ml.id
  cidr_block = "10.20.1.0/24"
}

resource "aws_route_table" "public" {
  vpc_id = aws_vpc.ml.id

  route {
    cidr_block = "0.0.0.0/0"
    gateway_id = aws_internet_gateway.igw.id
  }
}

resource "aws_route_table_association" "ml_a" {
  subnet_id      = aws_subnet.ml_a.id
  route_table_id = aws_route_table.public.id
}

resource "aws_sagemaker_notebook_instance" "research" {
  name                   = "research"
  instance_type          = "ml.t3.medium"
  role_arn               = "arn:aws:iam::111122223333:role/sagemaker-research"
  subnet_id              = aws_subnet.ml_a.id
  direct_internet_access = "Disabled"
}
`,
                `resource "aws_vpc" "ml" {
  cidr_block = "10.20.0.0/16"
}

resource "aws_subnet" "ml_a" {
  vpc_id     = aws_vpc.ml.id
  cidr_block = "10.20.1.0/24"
}

resource "aws_route_table" "main" {
  vpc_id = aws_vpc.ml.id
}

resource "aws_main_route_table_association" "main" {
  vpc_id         = aws_vpc.ml.id
  route_table_id = aws_route_table.main.id
}

resource "aws_route" "default" {
  route_table_id         = aws_route_table.main.id
  destination_cidr_block = "0.0.0.0/0"
  gateway_id             = "igw-0a1b2c3d"
}

resource "aws_sagemaker_notebook_instance" "research" {
  name                   = "research"
  instance_type          = "ml.t3.medium"
  role_arn               = "arn:aws:iam::111122223333:role/sagemaker-research"
  subnet_id              = aws_subnet.ml_a.id
  direct_internet_access = "Disabled"
}
`,
            ],
        },
    },
});
