import { defineControl } from "../control";
import { prop } from "../helpers/props";
import { expectOneOf } from "../helpers/results";
import { ROUTE_ANALYSIS_TYPES, subnetPrivacyResults } from "../helpers/subnet-routes";
import { types } from "../resource-types";
import { ref, PRIVATE_ML_SUBNET_TF } from "../examples";

const ROLE = "arn:aws:iam::111122223333:role/sagemaker-studio";

export default defineControl<import("@pulumi/aws/sagemaker").DomainArgs, { privateSubnetIds: string[] }>({
    id: "aws-sagemaker-domain-vpc-only",
    title: "SageMaker Studio domains must use VpcOnly network access in private subnets",
    severity: "high",
    provider: "aws",
    rationale:
        "In the default `PublicInternetOnly` mode, Studio apps reach the internet through a SageMaker-managed network " +
        "interface, bypassing your VPC's security groups, endpoints and flow logs: notebooks can exfiltrate data and " +
        "pull untrusted packages. `VpcOnly` sends all Studio traffic through your VPC, whose subnets must then be " +
        "private (no route to an internet gateway), as the SageMaker documentation requires.",
    remediation: {
        terraform: 'Set `app_network_access_type = "VpcOnly"` and `subnet_ids` to private ML subnets (reach AWS APIs through VPC endpoints).',
        pulumi: 'Set `appNetworkAccessType: "VpcOnly"` and `subnetIds` to private ML subnets (reach AWS APIs through VPC endpoints).',
    },
    frameworks: { "aws-config": ["sagemaker-domain-in-vpc"], "nist-800-53": ["AC-4", "SC-7"], "owasp-ml": ["ML05", "ML06"] },
    tags: ["sagemaker", "studio", "network"],
    aliases: {},
    subjects: [types.sagemakerDomain],
    related: ROUTE_ANALYSIS_TYPES,
    scope: "stack",
    options: {
        privateSubnetIds: {
            description: "Subnet ids managed outside this stack that are known to be private. Other subnets that are not resources in the stack cannot be verified.",
            schema: { type: "array", items: { type: "string" } },
            default: [],
        },
    },
    check(domain, { graph, options }) {
        const mode = expectOneOf(prop(domain, "appNetworkAccessType"), ["VpcOnly"], { defaultValue: "PublicInternetOnly", what: "The app network access type" });
        if (mode.status !== "pass") return [mode];
        const subnets = prop(domain, "subnetIds");
        if (subnets.state === "absent") return [mode];
        return [mode, ...subnetPrivacyResults(graph, domain, subnets, options.privateSubnetIds)];
    },
    examples: {
        pulumi: {
            good: [
                [
                    { type: types.ec2Vpc, name: "ml", props: { cidrBlock: "10.20.0.0/16" } },
                    { type: types.ec2Subnet, name: "ml-private-a", props: { vpcId: ref("ml"), cidrBlock: "10.20.1.0/24" } },
                    { type: types.ec2RouteTable, name: "ml-private", props: { vpcId: ref("ml") } },
                    { type: types.ec2RouteTableAssociation, name: "ml-private-a-assoc", props: { subnetId: ref("ml-private-a"), routeTableId: ref("ml-private") } },
                    {
                        type: types.sagemakerDomain,
                        name: "studio",
                        props: {
                            domainName: "studio",
                            authMode: "SSO",
                            appNetworkAccessType: "VpcOnly",
                            vpcId: ref("ml"),
                            subnetIds: [ref("ml-private-a")],
                            defaultUserSettings: { executionRole: ROLE },
                        },
                    },
                ],
            ],
            bad: [
                [
                    {
                        type: types.sagemakerDomain,
                        name: "studio",
                        props: { domainName: "studio", authMode: "SSO", vpcId: "vpc-0a1b2c3d", subnetIds: ["subnet-0a1b2c3d"], defaultUserSettings: { executionRole: ROLE } },
                    },
                ],
                [
                    {
                        type: types.sagemakerDomain,
                        name: "studio",
                        props: {
                            domainName: "studio",
                            authMode: "SSO",
                            appNetworkAccessType: "PublicInternetOnly",
                            vpcId: "vpc-0a1b2c3d",
                            subnetIds: ["subnet-0a1b2c3d"],
                            defaultUserSettings: { executionRole: ROLE },
                        },
                    },
                ],
            ],
        },
        terraform: {
            good: [
                `${PRIVATE_ML_SUBNET_TF}
resource "aws_sagemaker_domain" "studio" {
  domain_name             = "studio"
  auth_mode               = "SSO"
  app_network_access_type = "VpcOnly"
  vpc_id                  = aws_vpc.ml.id
  subnet_ids              = [aws_subnet.ml_private_a.id]

  default_user_settings {
    execution_role = "${ROLE}"
  }
}
`,
            ],
            bad: [
                `resource "aws_sagemaker_domain" "studio" {
  domain_name = "studio"
  auth_mode   = "SSO"
  vpc_id      = "vpc-0a1b2c3d"
  subnet_ids  = ["subnet-0a1b2c3d"]

  default_user_settings {
    execution_role = "${ROLE}"
  }
}
`,
                `resource "aws_sagemaker_domain" "studio" {
  domain_name             = "studio"
  auth_mode               = "SSO"
  app_network_access_type = "PublicInternetOnly"
  vpc_id                  = "vpc-0a1b2c3d"
  subnet_ids              = ["subnet-0a1b2c3d"]

  default_user_settings {
    execution_role = "${ROLE}"
  }
}
`,
            ],
        },
    },
});
