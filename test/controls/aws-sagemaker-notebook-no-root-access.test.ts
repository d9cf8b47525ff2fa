import control from "../../catalog/controls/aws-sagemaker-notebook-no-root-access";
import { types } from "../../catalog/resource-types";
import { UNKNOWN, edgeCases } from "../support/controls";

const nb = (props: Record<string, unknown>) => [{ type: types.sagemakerNotebookInstance, name: "nb", props }];

edgeCases(control, [
    { name: "Disabled passes", resources: nb({ rootAccess: "Disabled" }), expect: ["pass"] },
    { name: "Enabled fails", resources: nb({ rootAccess: "Enabled" }), expect: ["fail"], message: /is not "Disabled"/, evidence: "Enabled" },
    { name: "absent fails: the provider default is Enabled", resources: nb({}), expect: ["fail"], message: /default "Enabled"/ },
    { name: "a number fails without throwing", resources: nb({ rootAccess: 0 }), expect: ["fail"] },
    { name: "a list fails without throwing", resources: nb({ rootAccess: ["Disabled"] }), expect: ["fail"] },
    { name: "computed is not verifiable yet", resources: nb({ rootAccess: UNKNOWN }), expect: ["unknown"] },
]);
