import { defineControl } from "../control";
import { prop } from "../helpers/props";
import { expectIdList } from "../helpers/sagemaker";
import { fail, unknown } from "../helpers/results";
import { ROUTE_ANALYSIS_TYPES, subnetPrivacyResults } from "../helpers/subnet-routes";
import type { CheckResult } from "../model";
import { types } from "../resource-types";
import { ref, PRIVATE_ML_SUBNET_TF } from "../examples";

const IMAGE = `111122223333.dkr.ecr.eu-west-1.amazonaws.com/churn@sha256:${"ab12".repeat(16)}`;

export default defineControl<import("@pulumi/aws/sagemaker").ModelArgs, { privateSubnetIds: string[] }>({
    id: "aws-sagemaker-model-in-vpc",
    title: "SageMaker models must run in private subnets of a customer VPC",
    severity: "medium",
    provider: "aws",
    rationale:
        "Without `vpc_config` a model's containers run on SageMaker-managed networking, where your security groups, " +
        "VPC endpoints, endpoint policies and flow logs do not apply. With it, the containers' interfaces sit in your " +
        "subnets, which must be private: the same route analysis as aws-ml-subnet-private-route proves they have no " +
        "route to an internet gateway.",
    remediation: {
        terraform:
            "Add `vpc_config { subnets = [...], security_group_ids = [...] }` with private ML subnets (associated with a route table without an internet gateway route).",
        pulumi: "Set `vpcConfig: { subnets, securityGroupIds }` with private ML subnets (associated with a route table without an internet gateway route).",
    },
    frameworks: {
        "aws-config": ["sagemaker-model-in-vpc"],
        prowler: ["sagemaker_models_vpc_settings_configured"],
        "nist-800-53": ["SC-7", "SC-7(4)", "AC-4"],
        "owasp-ml": ["ML05"],
    },
    tags: ["sagemaker", "inference", "network"],
    aliases: {},
    subjects: [types.sagemakerModel],
    related: ROUTE_ANALYSIS_TYPES,
    scope: "stack",
    options: {
        privateSubnetIds: {
            description: "Subnet ids managed outside this stack that are known to be private. Other subnets that are not resources in the stack cannot be verified.",
            schema: { type: "array", items: { type: "string" } },
            default: [],
        },
    },
    check(model, { graph, options }) {
        const vpc = prop(model, "vpcConfig");
        if (vpc.state === "unknown") return [unknown(vpc, "The model's VPC configuration (vpcConfig) is computed; it cannot be checked yet.")];
        if (vpc.state === "absent") {
            return [fail(vpc, "The model sets no vpcConfig, so its containers run on SageMaker-managed networking; place it in private subnets.")];
        }
        const subnets = prop(model, "vpcConfig.subnets");
        const groups = prop(model, "vpcConfig.securityGroupIds");
        const results: CheckResult[] = [expectIdList(model, subnets, "subnets"), expectIdList(model, groups, "security groups")];
        if (results[0].status === "pass") results.push(...subnetPrivacyResults(graph, model, subnets, options.privateSubnetIds));
        return results;
    },
    examples: {
        pulumi: {
            good: [
                [
                    { type: types.ec2Vpc, name: "ml", props: { cidrBlock: "10.20.0.0/16" } },
                    { type: types.ec2Subnet, name: "ml-private-a", props: { vpcId: ref("ml"), cidrBlock: "10.20.1.0/24" } },
                    { type: types.ec2RouteTable, name: "ml-private", props: { vpcId: ref("ml") } },
                    { type: types.ec2RouteTableAssociation, name: "ml-private-a-assoc", props: { subnetId: ref("ml-private-a"), routeTableId: ref("ml-private") } },
                    { type: types.ec2SecurityGroup, name: "serving", props: { vpcId: ref("ml") } },
                    {
                        type: types.sagemakerModel,
                        name: "churn",
                        props: {
                            executionRoleArn: "arn:aws:iam::111122223333:role/sagemaker-serving",
                            primaryContainer: { image: IMAGE },
                            vpcConfig: { subnets: [ref("ml-private-a")], securityGroupIds: [ref("serving")] },
                        },
                    },
                ],
            ],
            bad: [
                [
                    {
                        type: types.sagemakerModel,
                        name: "churn",
                        props: { executionRoleArn: "arn:aws:iam::111122223333:role/sagemaker-serving", primaryContainer: { image: IMAGE } },
                    },
                ],
                [
                    { type: types.ec2Vpc, name: "ml", props: { cidrBlock: "10.20.0.0/16" } },
                    { type: types.ec2InternetGateway, name: "igw", props: { vpcId: ref("ml") } },
                    { type: types.ec2Subnet, name: "public-a", props: { vpcId: ref("ml"), cidrBlock: "10.20.1.0/24" } },
                    { type: types.ec2RouteTable, name: "public", props: { vpcId: ref("ml"), routes: [{ cidrBlock: "0.0.0.0/0", gatewayId: ref("igw") }] } },
                    { type: types.ec2RouteTableAssociation, name: "public-a-assoc", props: { subnetId: ref("public-a"), routeTableId: ref("public") } },
                    { type: types.ec2SecurityGroup, name: "serving", props: { vpcId: ref("ml") } },
                    {
                        type: types.sagemakerModel,
                        name: "churn",
                        props: {
                            executionRoleArn: "arn:aws:iam::111122223333:role/sagemaker-serving",
                            primaryContainer: { image: IMAGE },
                            vpcConfig: { subnets: [ref("public-a")], securityGroupIds: [ref("serving")] },
                        },
                    },
                ],
            ],
        },
        terraform: {
            good: [
                `${PRIVATE_ML_SUBNET_TF}
resource "aws_security_group" "serving" {
  vpc_id = aws_vpc.ml.id
}

resource "aws_sagemaker_model" "churn" {
  execution_role_arn = "arn:aws:iam::111122223333:role/sagemaker-serving"

  primary_container {
    image = "${IMAGE}"
  }

  vpc_config {
    subnets            = [aws_subnet.ml_private_a.id]
    security_group_ids = [aws_security_group.serving.id]
  }
}
`,
            ],
            bad: [
                `resource "aws_sagemaker_model" "churn" {
  execution_role_arn = "arn:aws:iam::111122223333:role/sagemaker-serving"

  primary_container {
    image = "${IMAGE}"
  }
}
`,
                `resource "aws_vpc" "ml" {
  cidr_block = "10.20.0.0/16"
}

resource "aws_internet_gateway" "igw" {
  vpc_id = aws_vpc.ml.id
}

resource "aws_subnet" "public_a" {
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

resource "aws_route_table_association" "public_a" {
  subnet_id      = aws_subnet.public_a.id
  route_table_id = aws_route_table.public.id
}

resource "aws_security_group" "serving" {
  vpc_id = aws_vpc.ml.id
}

resource "aws_sagemaker_model" "churn" {
  execution_role_arn = "arn:aws:iam::111122223333:role/sagemaker-serving"

  primary_container {
    image = "${IMAGE}"
  }

  vpc_config {
    subnets            = [aws_subnet.public_a.id]
    security_group_ids = [aws_security_group.serving.id]
  }
}
`,
            ],
        },
    },
});
