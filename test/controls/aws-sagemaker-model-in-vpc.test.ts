import control from "../../catalog/controls/aws-sagemaker-model-in-vpc";
import { types } from "../../catalog/resource-types";
import { type TableResource, UNKNOWN, edgeCases } from "../support/controls";

const model = (vpcConfig: unknown, deps?: Record<string, string[]>): TableResource => ({ type: types.sagemakerModel, name: "m", props: vpcConfig === undefined ? {} : { vpcConfig }, deps });
const privateNet: TableResource[] = [
    { type: types.ec2Vpc, name: "vpc", props: {} },
    { type: types.ec2Subnet, name: "a", props: { vpcId: UNKNOWN }, deps: { vpcId: ["vpc"] } },
    { type: types.ec2RouteTable, name: "rt", props: { vpcId: UNKNOWN, routes: [] }, deps: { vpcId: ["vpc"] } },
    { type: types.ec2RouteTableAssociation, name: "assoc", props: { subnetId: UNKNOWN, routeTableId: UNKNOWN }, deps: { subnetId: ["a"], routeTableId: ["rt"] } },
];
const publicNet: TableResource[] = [
    ...privateNet.slice(0, 2),
    { type: types.ec2RouteTable, name: "rt", props: { vpcId: UNKNOWN, routes: [{ cidrBlock: "0.0.0.0/0", gatewayId: "igw-1" }] }, deps: { vpcId: ["vpc"] } },
    privateNet[3],
];

edgeCases(control, [
    { name: "no vpcConfig fails", resources: [model(undefined)], expect: ["fail"], message: /vpcConfig/ },
    { name: "a computed vpcConfig is not verifiable", resources: [model(UNKNOWN)], expect: ["unknown"] },
    { name: "private subnets of the stack pass", resources: [...privateNet, model({ subnets: [UNKNOWN], securityGroupIds: ["sg-1"] }, { vpcConfig: ["a"] })], expect: ["pass", "pass", "pass"] },
    {
        name: "a subnet routing to an internet gateway fails",
        resources: [...publicNet, model({ subnets: [UNKNOWN], securityGroupIds: ["sg-1"] }, { vpcConfig: ["a"] })],
        expect: ["pass", "pass", "fail"],
        message: /internet gateway/,
    },
    { name: "empty subnets fail", resources: [model({ subnets: [], securityGroupIds: ["sg-1"] })], expect: ["fail", "pass"] },
    { name: "empty security groups fail", resources: [...privateNet, model({ subnets: [UNKNOWN], securityGroupIds: [] }, { vpcConfig: ["a"] })], expect: ["pass", "fail", "pass"] },
    { name: "a literal subnet outside the stack is not verifiable", resources: [model({ subnets: ["subnet-1"], securityGroupIds: ["sg-1"] })], expect: ["pass", "pass", "unknown"], message: /privateSubnetIds/ },
    {
        name: "literal subnets listed as private pass",
        resources: [model({ subnets: ["subnet-1", "subnet-2"], securityGroupIds: ["sg-1"] })],
        settings: { privateSubnetIds: ["subnet-1", "subnet-2"] },
        expect: ["pass", "pass", "pass"],
    },
    { name: "a malformed subnet list fails without throwing", resources: [model({ subnets: [42], securityGroupIds: ["sg-1"] })], expect: ["fail", "pass"] },
]);
