import control from "../../catalog/controls/aws-sagemaker-monitoring-kms-and-vpc";
import { types } from "../../catalog/resource-types";
import { type TableResource, edgeCases } from "../support/controls";
import { KEY, UNKNOWN, definition, inlineSchedule, namedSchedule } from "../support/monitoring-fixtures";

const keys = { volume: KEY, output: KEY };
const vpc = (subnets: unknown[]) => ({ vpcConfig: { subnets, securityGroupIds: ["sg-1"] } });
const net: TableResource[] = [
    { type: types.ec2Vpc, name: "vpc", props: {} },
    { type: types.ec2Subnet, name: "a", props: { vpcId: UNKNOWN }, deps: { vpcId: ["vpc"] } },
    { type: types.ec2RouteTable, name: "rt", props: { vpcId: UNKNOWN, routes: [{ cidrBlock: "0.0.0.0/0", gatewayId: "igw-1" }] }, deps: { vpcId: ["vpc"] } },
    { type: types.ec2RouteTableAssociation, name: "assoc", props: { subnetId: UNKNOWN, routeTableId: UNKNOWN }, deps: { subnetId: ["a"], routeTableId: ["rt"] } },
];

edgeCases(control, [
    { name: "keys and a listed private subnet pass once", resources: [definition("dq", vpc(["subnet-1"]), keys)], settings: { privateSubnetIds: ["subnet-1"] }, expect: ["pass"] },
    { name: "no volume key fails", resources: [definition("dq", vpc(["subnet-1"]), { output: KEY })], settings: { privateSubnetIds: ["subnet-1"] }, expect: ["fail"], message: /volume/ },
    { name: "no output key fails", resources: [definition("dq", vpc(["subnet-1"]), { volume: KEY })], settings: { privateSubnetIds: ["subnet-1"] }, expect: ["fail"], message: /output/ },
    { name: "no VPC fails", resources: [definition("dq", {}, keys)], expect: ["fail"], message: /vpcConfig/ },
    { name: "nothing set fails three times", resources: [definition("dq", undefined)], expect: ["fail", "fail", "fail"] },
    { name: "computed keys are present", resources: [definition("dq", vpc(["subnet-1"]), { volume: UNKNOWN, output: UNKNOWN })], settings: { privateSubnetIds: ["subnet-1"] }, expect: ["pass"] },
    { name: "a subnet outside the stack is not verifiable", resources: [definition("dq", vpc(["subnet-1"]), keys)], expect: ["unknown"] },
    {
        name: "a subnet routing to an internet gateway fails",
        resources: [...net, { ...definition("dq", vpc([UNKNOWN]), keys), deps: { networkConfig: ["a"] } }],
        expect: ["fail"],
        message: /internet gateway/,
    },
    { name: "an inline schedule definition is judged", resources: [inlineSchedule(vpc(["subnet-1"]), { volume: KEY })], settings: { privateSubnetIds: ["subnet-1"] }, expect: ["fail"] },
    { name: "a named definition is inherited", resources: [definition("dq", vpc(["subnet-1"]), keys), namedSchedule("dq")], settings: { privateSubnetIds: ["subnet-1"] }, expect: ["pass", "pass"] },
    { name: "an AWS-managed key fails", resources: [definition("dq", vpc(["subnet-1"]), { volume: "alias/aws/sagemaker", output: KEY })], settings: { privateSubnetIds: ["subnet-1"] }, expect: ["fail"] },
]);
