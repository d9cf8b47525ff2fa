import control from "../../catalog/controls/aws-sagemaker-notebook-in-vpc";
import { types } from "../../catalog/resource-types";
import { UNKNOWN, edgeCases } from "../support/controls";

const nb = (props: Record<string, unknown>) => [{ type: types.sagemakerNotebookInstance, name: "nb", props }];
const good = { subnetId: "subnet-1", securityGroups: ["sg-1"] };

edgeCases(control, [
    { name: "subnet and a security group pass", resources: nb(good), expect: ["pass", "pass"] },
    { name: "no subnet fails", resources: nb({ securityGroups: ["sg-1"] }), expect: ["fail", "pass"], message: /subnet/ },
    { name: "an empty subnet id fails", resources: nb({ ...good, subnetId: "" }), expect: ["fail", "pass"] },
    { name: "no security groups fails", resources: nb({ subnetId: "subnet-1" }), expect: ["pass", "fail"], message: /security group/ },
    { name: "an empty security group list fails", resources: nb({ ...good, securityGroups: [] }), expect: ["pass", "fail"] },
    { name: "an empty security group id fails", resources: nb({ ...good, securityGroups: [""] }), expect: ["pass", "fail"] },
    { name: "neither fails twice", resources: nb({}), expect: ["fail", "fail"] },
    { name: "computed subnet and groups are present", resources: nb({ subnetId: UNKNOWN, securityGroups: UNKNOWN }), expect: ["pass", "pass"] },
    { name: "a computed group inside the list is present", resources: nb({ ...good, securityGroups: [UNKNOWN] }), expect: ["pass", "pass"] },
    { name: "a numeric subnet id fails without throwing", resources: nb({ ...good, subnetId: 42 }), expect: ["fail", "pass"] },
    {
        name: "a subnet outside approvedSubnetIds fails",
        resources: nb(good),
        settings: { approvedSubnetIds: ["subnet-2"] },
        expect: ["fail", "pass"],
        message: /approved/,
    },
    { name: "a subnet in approvedSubnetIds passes", resources: nb(good), settings: { approvedSubnetIds: ["subnet-1"] }, expect: ["pass", "pass"] },
]);
