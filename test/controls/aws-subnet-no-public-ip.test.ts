import control from "../../catalog/controls/aws-subnet-no-public-ip";
import { types } from "../../catalog/resource-types";
import { UNKNOWN, type TableResource, edgeCases } from "../support/controls";

const subnet = (props: Record<string, unknown> = {}): TableResource => ({ type: types.ec2Subnet, name: "s", props: { vpcId: "vpc-1", ...props } });
const notebook: TableResource = { type: types.sagemakerNotebookInstance, name: "nb", props: { subnetId: UNKNOWN }, deps: { subnetId: ["s"] } };

edgeCases(control, [
    { name: "an ML subnet without the setting passes (default false)", resources: [subnet(), notebook], expect: ["pass"] },
    { name: "mapPublicIpOnLaunch false passes", resources: [subnet({ mapPublicIpOnLaunch: false }), notebook], expect: ["pass"] },
    { name: "mapPublicIpOnLaunch true on a notebook subnet fails and says why", resources: [subnet({ mapPublicIpOnLaunch: true }), notebook], expect: ["fail"], message: /notebook sagemaker\.NotebookInstance "nb"/ },
    { name: "a computed setting is not verifiable", resources: [subnet({ mapPublicIpOnLaunch: UNKNOWN }), notebook], expect: ["unknown"] },
    { name: "a subnet no ML resource uses is not applicable", resources: [subnet({ mapPublicIpOnLaunch: true })], expect: ["not-applicable"] },
    { name: "scope all checks every subnet", resources: [subnet({ mapPublicIpOnLaunch: true })], settings: { scope: "all" }, expect: ["fail"] },
    {
        name: "a Studio domain's subnets are ML subnets",
        resources: [subnet({ mapPublicIpOnLaunch: true }), { type: types.sagemakerDomain, name: "d", props: { subnetIds: [UNKNOWN] }, deps: { subnetIds: ["s"] } }],
        expect: ["fail"],
        message: /Studio domain/,
    },
    {
        name: "a model's vpcConfig subnets are ML subnets",
        resources: [subnet({ mapPublicIpOnLaunch: "true" }), { type: types.sagemakerModel, name: "m", props: { vpcConfig: { subnets: [UNKNOWN], securityGroupIds: ["sg-1"] } }, deps: { vpcConfig: ["s"] } }],
        expect: ["fail"],
    },
    {
        name: "a training job's subnets are ML subnets",
        resources: [subnet({ mapPublicIpOnLaunch: true }), { type: types.sagemakerTrainingJob, name: "t", props: { vpcConfig: { subnets: [UNKNOWN] } }, deps: { vpcConfig: ["s"] } }],
        expect: ["fail"],
    },
    { name: "a number fails without throwing", resources: [subnet({ mapPublicIpOnLaunch: 1 }), notebook], expect: ["fail"] },
    {
        name: "an ML subnet that is computed and not declared here puts every subnet in scope",
        resources: [subnet({ mapPublicIpOnLaunch: true }), { ...notebook, deps: {} }],
        expect: ["fail"],
        message: /computed and not declared here/,
    },
    { name: "a literal external subnet id does not", resources: [subnet({ mapPublicIpOnLaunch: true }), { ...notebook, props: { subnetId: "subnet-123" }, deps: {} }], expect: ["not-applicable"] },
]);
