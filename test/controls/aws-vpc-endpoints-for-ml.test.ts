import control from "../../catalog/controls/aws-vpc-endpoints-for-ml";
import { types } from "../../catalog/resource-types";
import { UNKNOWN, type TableResource, edgeCases } from "../support/controls";

const vpc: TableResource = { type: types.ec2Vpc, name: "vpc", props: {} };
const subnet: TableResource = { type: types.ec2Subnet, name: "s", props: { vpcId: UNKNOWN }, deps: { vpcId: ["vpc"] } };
const notebook: TableResource = { type: types.sagemakerNotebookInstance, name: "nb", props: { subnetId: UNKNOWN }, deps: { subnetId: ["s"] } };
const endpoint = (service: string, props: Record<string, unknown> = { vpcEndpointType: "Interface", privateDnsEnabled: true }, name = service): TableResource => ({
    type: types.ec2VpcEndpoint,
    name,
    props: { vpcId: UNKNOWN, serviceName: service.includes(".amazonaws.") || service === UNKNOWN ? service : `com.amazonaws.eu-west-1.${service}`, ...props },
    deps: { vpcId: ["vpc"] },
});
const ALL = [endpoint("s3", {}), endpoint("sagemaker.api"), endpoint("sagemaker.runtime"), endpoint("sts"), endpoint("logs")];

edgeCases(control, [
    { name: "all required endpoints with private DNS pass", resources: [vpc, subnet, notebook, ...ALL], expect: ["pass"] },
    { name: "a VPC without ML compute is not applicable", resources: [vpc, subnet], expect: ["not-applicable"] },
    { name: "no endpoints: one failure per required service", resources: [vpc, subnet, notebook], expect: ["fail", "fail", "fail", "fail", "fail"], message: /notebook/ },
    { name: "a missing sts endpoint fails", resources: [vpc, subnet, notebook, ...ALL.filter((e) => e.name !== "sts")], expect: ["fail"], message: /sts/ },
    { name: "private DNS absent fails (default false)", resources: [vpc, subnet, notebook, ...ALL.filter((e) => e.name !== "logs"), endpoint("logs", { vpcEndpointType: "Interface" })], expect: ["fail"], message: /Private DNS/ },
    { name: "a Gateway-type (default) interface service fails", resources: [vpc, subnet, notebook, ...ALL.filter((e) => e.name !== "sts"), endpoint("sts", { privateDnsEnabled: true })], expect: ["fail"], message: /Gateway/ },
    { name: "an S3 interface endpoint also satisfies s3", resources: [vpc, subnet, notebook, ...ALL.filter((e) => e.name !== "s3"), endpoint("s3")], expect: ["pass"] },
    { name: "a computed private DNS flag is not verifiable", resources: [vpc, subnet, notebook, ...ALL.filter((e) => e.name !== "logs"), endpoint("logs", { vpcEndpointType: "Interface", privateDnsEnabled: UNKNOWN })], expect: ["unknown"] },
    { name: "a computed service name leaves missing services unverifiable", resources: [vpc, subnet, notebook, ...ALL.filter((e) => e.name !== "logs"), endpoint(UNKNOWN, undefined, "x")], expect: ["unknown"] },
    { name: "endpoints of another VPC do not count", resources: [vpc, { type: types.ec2Vpc, name: "other", props: {} }, subnet, notebook, ...ALL.map((e) => ({ ...e, deps: { vpcId: ["other"] } }))], expect: ["fail", "fail", "fail", "fail", "fail", "not-applicable"] },
    { name: "additionalServices adds ecr.api", resources: [vpc, subnet, notebook, ...ALL], settings: { additionalServices: ["ecr.api"] }, expect: ["fail"], message: /ecr\.api/ },
    { name: "a second compliant endpoint for a service is enough", resources: [vpc, subnet, notebook, ...ALL, endpoint("sts", {}, "sts-old")], expect: ["pass"] },
    {
        name: "a Studio domain's VPC is an ML VPC",
        resources: [vpc, subnet, { type: types.sagemakerDomain, name: "d", props: { subnetIds: [UNKNOWN] }, deps: { subnetIds: ["s"] } }],
        expect: ["fail", "fail", "fail", "fail", "fail"],
        message: /Studio domain/,
    },
    {
        name: "an ML subnet that is computed and not declared here puts every VPC in scope",
        resources: [vpc, { ...notebook, deps: {} }, ...ALL],
        expect: ["pass"],
    },
    { name: "…and a VPC without endpoints then fails", resources: [vpc, { ...notebook, deps: {} }], expect: ["fail", "fail", "fail", "fail", "fail"], message: /computed and not declared here/ },
]);
