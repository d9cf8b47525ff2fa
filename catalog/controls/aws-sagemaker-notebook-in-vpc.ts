import { defineControl } from "../control";
import { listLength, prop } from "../helpers/props";
import { fail, pass } from "../helpers/results";
import { types } from "../resource-types";
import { ref } from "../examples";

export default defineControl<import("@pulumi/aws/sagemaker").NotebookInstanceArgs, { approvedSubnetIds: string[] }>({
    id: "aws-sagemaker-notebook-in-vpc",
    title: "SageMaker notebook instances must run in a customer VPC subnet with security groups",
    severity: "high",
    provider: "aws",
    rationale:
        "Without `subnet_id` and `security_groups` a notebook runs on SageMaker-managed networking with internet access, " +
        "where none of your VPC endpoints, flow logs, security groups or network ACLs apply. Placing it in your own " +
        "private subnet is what makes disabling direct internet access meaningful.",
    remediation: {
        terraform: "Set `subnet_id` to a private ML subnet and `security_groups` to at least one security group.",
        pulumi: "Set `subnetId` to a private ML subnet and `securityGroups` to at least one security group.",
    },
    frameworks: {
        "aws-fsbp": ["SageMaker.2"],
        "aws-config": ["sagemaker-notebook-instance-inside-vpc"],
        prowler: ["sagemaker_notebook_instance_vpc_settings_configured"],
        "nist-800-53": ["SC-7", "AC-4"],
    },
    tags: ["sagemaker", "notebook", "network"],
    aliases: {},
    subjects: [types.sagemakerNotebookInstance],
    scope: "resource",
    options: {
        approvedSubnetIds: {
            description:
                "Subnet ids notebooks may use (for subnets managed outside the stack). Empty: any subnet. A subnet taken from a resource in the stack is judged by aws-ml-subnet-private-route instead.",
            schema: { type: "array", items: { type: "string" } },
            default: [],
        },
    },
    check(notebook, { options }) {
        const subnet = prop(notebook, "subnetId");
        const groups = prop(notebook, "securityGroups");
        const results = [];
        if (subnet.state === "absent" || subnet.value === "") {
            results.push(fail(subnet, "The notebook sets no subnet (subnetId), so it runs on SageMaker-managed networking with internet access."));
        } else if (subnet.state === "unknown") {
            results.push(pass(subnet, "The notebook's subnet comes from a resource in the stack."));
        } else if (typeof subnet.value !== "string") {
            results.push(fail(subnet, "subnetId is not a subnet id."));
        } else if (options.approvedSubnetIds.length > 0 && !options.approvedSubnetIds.includes(subnet.value)) {
            results.push(fail(subnet, "The notebook's subnet is not one of the approved ML subnets (approvedSubnetIds)."));
        } else {
            results.push(pass(subnet, "The notebook runs in a customer subnet."));
        }
        const count = listLength(groups);
        if (groups.state === "unknown") results.push(pass(groups, "Security groups come from resources in the stack."));
        else if (!count) results.push(fail(groups, "The notebook sets no security groups (securityGroups); at least one is required."));
        else if (groups.node?.kind === "list" && groups.node.items.some((i) => i.kind === "scalar" && (i.value === "" || i.value === null))) {
            results.push(fail(groups, "securityGroups contains an empty security group id."));
        } else results.push(pass(groups, "The notebook has security groups."));
        return results;
    },
    examples: {
        pulumi: {
            good: [
                [
                    { type: types.ec2Subnet, name: "ml-private-a", props: { vpcId: "vpc-0a1b2c3d", cidrBlock: "10.20.1.0/24" } },
                    { type: types.ec2SecurityGroup, name: "notebooks", props: { vpcId: "vpc-0a1b2c3d" } },
                    {
                        type: types.sagemakerNotebookInstance,
                        name: "research",
                        props: {
                            instanceType: "ml.t3.medium",
                            roleArn: "arn:aws:iam::111122223333:role/sagemaker-research",
                            subnetId: ref("ml-private-a"),
                            securityGroups: [ref("notebooks")],
                        },
                    },
                ],
            ],
            bad: [
                [
                    {
                        type: types.sagemakerNotebookInstance,
                        name: "research",
                        props: { instanceType: "ml.t3.medium", roleArn: "arn:aws:iam::111122223333:role/sagemaker-research" },
                    },
                ],
                [
                    {
                        type: types.sagemakerNotebookInstance,
                        name: "research",
                        props: {
                            instanceType: "ml.t3.medium",
                            roleArn: "arn:aws:iam::111122223333:role/sagemaker-research",
                            subnetId: "subnet-0a1b2c3d",
                            securityGroups: [],
                        },
                    },
                ],
            ],
        },
        terraform: {
            good: [
                `resource "aws_subnet" "ml_private_a" {
  vpc_id     = "vpc-0a1b2c3d"
  cidr_block = "10.20.1.0/24"
}

resource "aws_security_group" "notebooks" {
  vpc_id = "vpc-0a1b2c3d"
}

resource "aws_sagemaker_notebook_instance" "research" {
  name            = "research"
  instance_type   = "ml.t3.medium"
  role_arn        = "arn:aws:iam::111122223333:role/sagemaker-research"
  subnet_id       = aws_subnet.ml_private_a.id
  security_groups = [aws_security_group.notebooks.id]
}
`,
            ],
            bad: [
                `resource "aws_sagemaker_notebook_instance" "research" {
  name          = "research"
  instance_type = "ml.t3.medium"
  role_arn      = "arn:aws:iam::111122223333:role/sagemaker-research"
}
`,
                `resource "aws_sagemaker_notebook_instance" "research" {
  name            = "research"
  instance_type   = "ml.t3.medium"
  role_arn        = "arn:aws:iam::111122223333:role/sagemaker-research"
  subnet_id       = "subnet-0a1b2c3d"
  security_groups = []
}
`,
            ],
        },
    },
});
