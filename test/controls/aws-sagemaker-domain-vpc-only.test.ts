import control from "../../catalog/controls/aws-sagemaker-domain-vpc-only";
import { types } from "../../catalog/resource-types";
import { type TableResource, UNKNOWN, edgeCases } from "../support/controls";
import { terraformCases } from "../support/terraform-cases";

const domain = (props: Record<string, unknown>, deps?: Record<string, string[]>): TableResource => ({
    type: types.sagemakerDomain,
    name: "d",
    props: { domainName: "d", authMode: "SSO", vpcId: "vpc-1", defaultUserSettings: { executionRole: "arn:aws:iam::1:role/r" }, ...props },
    deps,
});
const net: TableResource[] = [
    { type: types.ec2Vpc, name: "vpc", props: {} },
    { type: types.ec2Subnet, name: "a", props: { vpcId: UNKNOWN }, deps: { vpcId: ["vpc"] } },
    { type: types.ec2RouteTable, name: "rt", props: { vpcId: UNKNOWN, routes: [{ cidrBlock: "0.0.0.0/0", gatewayId: "igw-1" }] }, deps: { vpcId: ["vpc"] } },
    { type: types.ec2RouteTableAssociation, name: "assoc", props: { subnetId: UNKNOWN, routeTableId: UNKNOWN }, deps: { subnetId: ["a"], routeTableId: ["rt"] } },
];

edgeCases(control, [
    { name: "absent fails: PublicInternetOnly is the default", resources: [domain({ subnetIds: ["subnet-1"] })], expect: ["fail"], message: /PublicInternetOnly/, evidence: "PublicInternetOnly" },
    { name: "PublicInternetOnly fails", resources: [domain({ appNetworkAccessType: "PublicInternetOnly" })], expect: ["fail"] },
    { name: "a computed mode is not verifiable", resources: [domain({ appNetworkAccessType: UNKNOWN })], expect: ["unknown"] },
    {
        name: "VpcOnly with subnets listed as private passes",
        resources: [domain({ appNetworkAccessType: "VpcOnly", subnetIds: ["subnet-1"] })],
        settings: { privateSubnetIds: ["subnet-1"] },
        expect: ["pass", "pass"],
    },
    { name: "VpcOnly with a literal subnet outside the stack is not verifiable", resources: [domain({ appNetworkAccessType: "VpcOnly", subnetIds: ["subnet-1"] })], expect: ["pass", "unknown"] },
    {
        name: "VpcOnly in a subnet routing to an internet gateway fails",
        resources: [...net, domain({ appNetworkAccessType: "VpcOnly", subnetIds: [UNKNOWN] }, { subnetIds: ["a"] })],
        expect: ["pass", "fail"],
        message: /internet gateway/,
    },
    { name: "a lowercase value fails without throwing", resources: [domain({ appNetworkAccessType: "vpconly" })], expect: ["fail"] },
]);

terraformCases(control, [
    {
        name: "a variable default decides the mode, pointed at the attribute",
        files: {
            "main.tf": `variable "mode" {
  default = "PublicInternetOnly"
}

resource "aws_sagemaker_domain" "d" {
  domain_name             = "d"
  auth_mode               = "SSO"
  app_network_access_type = var.mode
  vpc_id                  = "vpc-1"
  subnet_ids              = ["subnet-1"]

  default_user_settings {
    execution_role = "arn:aws:iam::111122223333:role/r"
  }
}
`,
        },
        expect: ["fail"],
        failsAt: "app_network_access_type",
    },
]);
